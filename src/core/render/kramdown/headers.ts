// kramdown-parser-gfm's headers. ATX: `#`s at the very start of the line, then a space or tab (`#5` is text),
// a trailing ` ##` and `{#id}` taken off; with the `paragraph_end` GFM quirk (on by default) it also ends a
// paragraph, without it it needs a block boundary. Setext: a single line right after a block boundary,
// underlined with `=`/`-` from the line start; a longer paragraph keeps its underline as text.
import type MarkdownIt from 'markdown-it';
import { afterBlockBoundary, lineText } from './boundary';
import { envOf } from './env';

type StateBlock = MarkdownIt.StateBlock;

const ATX = /^(#{1,6})[\t ]+(.*)$/;
const SETEXT_UNDERLINE = /^([-=])[-=]*[ \t\r\f\v]*$/;
/** kramdown's HEADER_ID: ` {#id}` at the end, the id an XML name. */
const HEADER_ID = /[\t ]\{#([A-Za-z_:][\w:.-]*)\}$/;

function contents(raw: string): { text: string; id?: string } {
  const text = raw.trimEnd();
  const m = HEADER_ID.exec(text);
  return m ? { text: text.slice(0, m.index).trimEnd(), id: m[1] } : { text };
}

function pushHeader(state: StateBlock, source: number, text: string, id: string | undefined, map: [number, number], markup: string): void {
  // kramdown's output_header_level: the `header_offset` option, kept within h1–h6.
  const level = Math.min(6, Math.max(1, source + envOf(state).options.headerOffset));
  const open = state.push('heading_open', `h${level}`, 1);
  open.markup = markup;
  open.map = map;
  if (id) open.attrSet('id', id);
  const inline = state.push('inline', '', 0);
  inline.content = text;
  inline.map = map;
  inline.children = [];
  state.push('heading_close', `h${level}`, -1).markup = markup;
  state.line = map[1];
}

function atxHeader(state: StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] !== state.blkIndent) return false;
  const m = ATX.exec(lineText(state, startLine));
  if (!m) return false;
  const quirk = envOf(state).options.gfmParagraphEnd;
  if (!quirk && !afterBlockBoundary(state, startLine)) return false;
  const { text: raw, id } = contents(m[2]);
  const text = (quirk ? raw.replace(/[\t ]#+$/, '') : raw.replace(/(?<!\\)#+$/, '')).trimEnd();
  if (!text) return false;
  if (!silent) pushHeader(state, m[1].length, text, id, [startLine, startLine + 1], m[1]);
  return true;
}

function setextHeader(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const next = startLine + 1;
  if (state.sCount[startLine] - state.blkIndent >= 4 || next >= endLine || state.sCount[next] !== state.blkIndent) return false;
  const u = SETEXT_UNDERLINE.exec(lineText(state, next));
  if (!u || state.isEmpty(startLine) || !afterBlockBoundary(state, startLine)) return false;
  const { text, id } = contents(lineText(state, startLine));
  if (!text) return false;
  if (!silent) pushHeader(state, u[1] === '=' ? 1 : 2, text, id, [startLine, next + 1], u[1]);
  return true;
}

export function kramdownHeadersPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.at('heading', atxHeader, { alt: ['paragraph', 'reference', 'blockquote'] });
  md.block.ruler.at('lheading', setextHeader);
}
