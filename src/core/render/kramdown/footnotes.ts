// kramdown's footnotes (parser/kramdown/footnote.rb, converter/html.rb), in time linear in the post:
// - a definition `[^name]: text` (name `\w[\w-]*`) takes the rest of its line and the indented lines
//   after it (4 spaces or a tab, blank lines between, lazy lines after an indented one), one indent
//   removed, parsed as blocks of their own; the definition writes nothing where it stands;
// - a marker `[^name]` with a definition anywhere in the post becomes a numbered reference (numbers by
//   first reference, from `footnote_nr`; a repeat gets `fnref:name:1`…); without one it stays text;
// - the notes referenced, in order of first reference (a note's own markers add notes after it), are
//   listed at the end of the post, each with one back link per reference, in its last paragraph or in a
//   paragraph of their own. A note never referenced is left out.
import type MarkdownIt from 'markdown-it';
import { escapeHtml } from '../escape';
import { envOf, type RenderEnv } from './env';

type StateBlock = MarkdownIt.StateBlock;
type StateInline = MarkdownIt.StateInline;
type StateCore = MarkdownIt.StateCore;
type Token = MarkdownIt.Token;

interface Note {
  name: string;
  /** Block tokens of the definition (inline children parsed when the note is listed). */
  tokens: Token[];
  /** Set when first referenced: the note's place in the list (0-based) and how many references it has. */
  index?: number;
  refs: number;
}

interface Footnotes {
  defs: Map<string, Note>;
  /** Referenced notes, in order of first reference. */
  order: Note[];
}

export interface FootnoteMeta { id: number; subId: number; label: string }

const DEF_START = /^ {0,3}\[\^(\w[\w-]*)\]:/;
const INDENT = /^(?:\t| {4})/;
const MARKER = /^\[\^(\w[\w-]*)\]/;

function footnotesOf(env: RenderEnv): Footnotes {
  const e = env as RenderEnv & { footnotes?: Footnotes };
  return (e.footnotes ??= { defs: new Map(), order: [] });
}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line], state.eMarks[line]);
}

/** `[^name]: …` and its indented lines (kramdown's FOOTNOTE_DEFINITION_START with CODEBLOCK_MATCH). */
function footnoteDefinition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const m = DEF_START.exec(state.src.slice(state.bMarks[startLine] + state.tShift[startLine], state.eMarks[startLine]));
  if (!m) return false;
  if (silent) return true;
  const lines = [state.src.slice(state.bMarks[startLine] + state.tShift[startLine] + m[0].length, state.eMarks[startLine])];
  let next = startLine + 1;
  // Groups of: blank lines, then at least one indented line, then lazy (unindented, non-blank) lines.
  for (;;) {
    let at = next;
    while (at < endLine && state.isEmpty(at)) at++;
    if (at >= endLine || !INDENT.test(lineText(state, at))) break;
    while (at < endLine && !state.isEmpty(at) && INDENT.test(lineText(state, at))) at++;
    while (at < endLine && !state.isEmpty(at) && !lazyStop(lineText(state, at))) at++;
    for (let l = next; l < at; l++) lines.push(lineText(state, l).replace(INDENT, ''));
    next = at;
  }
  const tokens: Token[] = [];
  const env = envOf(state);
  state.md.block.parse(lines.join('\n') + '\n', state.md, state.env, tokens);
  for (const t of tokens) if (t.map) t.map = [t.map[0] + startLine, t.map[1] + startLine];
  // A second definition of a name replaces the first (kramdown warns and overwrites).
  footnotesOf(env).defs.set(m[1], { name: m[1], tokens, refs: 0 });
  // A block IAL right under the definition goes to no block (blocks.ts: a definition is an element, not a block
  // boundary, for what follows it).
  state.line = next;
  return true;
}

/** Lines that end kramdown's lazy continuation of an indented block: an IAL, an end-of-block marker, block HTML. */
function lazyStop(line: string): boolean {
  return /^ {0,3}\{:(?!:)/.test(line) || /^\^\s*$/.test(line) || /^ {0,3}<\/?(?!(?:a|abbr|b|bdo|br|cite|code|del|dfn|em|i|img|input|kbd|label|q|s|samp|small|span|strong|sub|sup|tt|u|var)\b)[A-Za-z]/.test(line);
}

/** `[^name]` where the post defines `name`. */
function footnoteMarker(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x5b /* [ */ || state.src.charCodeAt(state.pos + 1) !== 0x5e /* ^ */) return false;
  const m = MARKER.exec(state.src.slice(state.pos, Math.min(state.posMax, state.pos + 256)));
  if (!m) return false;
  const notes = footnotesOf(envOf(state));
  const note = notes.defs.get(m[1]);
  if (!note) {
    // kramdown's parse_footnote_marker consumes the marker and adds it as text when no definition exists: no link
    // rule sees it, and a smart quote right after it sees no character before it (a text_special token joins the
    // text around it only after the core rules).
    if (!silent) {
      const t = state.push('text_special', '', 0);
      t.content = t.markup = m[0];
    }
    state.pos += m[0].length;
    return true;
  }
  if (!silent) {
    if (note.index === undefined) {
      note.index = notes.order.length;
      notes.order.push(note);
    }
    const t = state.push('footnote_ref', '', 0);
    t.meta = { id: note.index, subId: note.refs++, label: note.name } satisfies FootnoteMeta;
  }
  state.pos += m[0].length;
  return true;
}

/**
 * Where a note's back links go (kramdown's footnote_content): in its last paragraph when the note ends with one — or,
 * with `footnote_backlink_inline`, in the paragraph or header that ends the note's last block however deep (a quote's,
 * a list item's) — else in a paragraph of their own. Returns the inline token to append to, or undefined.
 */
function backlinkHost(body: Token[], inline: boolean): Token | undefined {
  const last = body[body.length - 1];
  const endsWithParagraph = last?.type === 'paragraph_close' && last.level === 0;
  if (!endsWithParagraph && !inline) return undefined;
  // The token before a container's closing token ends its last child: walk down until a leaf ends.
  for (let i = body.length - 1; i > 0; i--) {
    const t = body[i];
    if (t.type === 'paragraph_close' || t.type === 'heading_close') return body[i - 1]?.type === 'inline' ? body[i - 1] : undefined;
    if (t.nesting !== -1) return undefined;
  }
  return undefined;
}

/** The first list carrying `{:footnotes}` (and not `{:toc}`): kramdown writes the notes in its place. */
function placement(tokens: Token[]): [number, number] | undefined {
  const at = tokens.findIndex((t) => (t.type === 'bullet_list_open' || t.type === 'ordered_list_open')
    && (t.meta?.refs as string[] | undefined)?.includes('footnotes') && !t.meta?.toc);
  if (at < 0) return undefined;
  let depth = 0;
  for (let j = at; j < tokens.length; j++) {
    depth += tokens[j].nesting;
    if (depth === 0) return [at, j + 1];
  }
  return [at, tokens.length];
}

/** The list of referenced notes at the end of the post (or in place of a `{:footnotes}` list); a note's inline text is parsed as it is listed. */
function footnoteList(state: StateCore): void {
  const notes = (state.env as { footnotes?: Footnotes }).footnotes;
  const place = placement(state.tokens);
  if (!notes?.order.length) {
    if (place) state.tokens.splice(place[0], place[1] - place[0]);
    return;
  }
  const inline = envOf(state).options.footnoteBacklinkInline;
  const out: Token[] = [];
  out.push(new state.Token('footnote_block_open', '', 1));
  for (let i = 0; i < notes.order.length; i++) { // grows as the notes' own markers reference more notes
    const note = notes.order[i];
    // kramdown counts a note's back links before converting its text: the note's own markers add none.
    const refs = note.refs;
    for (const t of note.tokens) {
      if (t.type === 'inline') {
        t.children = [];
        state.md.inline.parse(t.content, state.md, state.env, t.children);
      }
    }
    const open = new state.Token('footnote_open', '', 1);
    open.meta = { id: i, subId: 0, label: note.name } satisfies FootnoteMeta;
    out.push(open);
    const body = note.tokens;
    for (const t of body) out.push(t);
    let text = backlinkHost(body, inline);
    const inText = !!text;
    if (!text) {
      text = new state.Token('inline', '', 0);
      text.children = [];
      out.push(paragraph(state, 'paragraph_open', 1), text, paragraph(state, 'paragraph_close', -1));
    }
    for (let sub = 0; sub < Math.max(refs, 1); sub++) {
      const back = new state.Token('footnote_anchor', '', 0);
      back.meta = { id: i, subId: sub, label: note.name } satisfies FootnoteMeta;
      back.info = inText || sub > 0 ? 'space' : '';
      text.children!.push(back);
    }
    out.push(new state.Token('footnote_close', '', -1));
    note.tokens = [];
  }
  out.push(new state.Token('footnote_block_close', '', -1));
  if (place) state.tokens.splice(place[0], place[1] - place[0], ...out);
  else for (const t of out) state.tokens.push(t);
}

function paragraph(state: StateCore, type: string, nesting: 1 | -1): Token {
  const t = new state.Token(type, 'p', nesting);
  t.block = true;
  return t;
}

type Renderer = MarkdownIt.Renderer;
const metaOf = (t: Token) => t.meta as unknown as FootnoteMeta;

function setupRenderers(md: MarkdownIt.MarkdownIt): void {
  const rules = md.renderer.rules as Record<string, (tokens: Token[], idx: number, options: unknown, env: unknown, self: Renderer) => string>;
  const name = (t: Token, env: unknown) => escapeHtml((env as RenderEnv).options.footnotePrefix + metaOf(t).label);
  rules.footnote_ref = (tokens, idx, _o, env) => {
    const t = tokens[idx];
    const sub = metaOf(t).subId;
    return `<sup id="fnref:${name(t, env)}${sub > 0 ? `:${sub}` : ''}" role="doc-noteref"><a href="#fn:${name(t, env)}" class="footnote" rel="footnote">${metaOf(t).id + (env as RenderEnv).options.footnoteNr}</a></sup>`;
  };
  rules.footnote_block_open = (_t, _i, _o, env) => {
    const start = (env as RenderEnv).options.footnoteNr;
    return `<div class="footnotes" role="doc-endnotes">\n<ol${start !== 1 ? ` start="${start}"` : ''}>\n`;
  };
  rules.footnote_block_close = () => '</ol>\n</div>\n';
  rules.footnote_open = (tokens, idx, _o, env) => `<li id="fn:${name(tokens[idx], env)}" role="doc-endnote">\n`;
  rules.footnote_close = () => '</li>\n';
  rules.footnote_anchor = (tokens, idx, _o, env) => {
    const t = tokens[idx];
    const text = (env as RenderEnv).options.footnoteBacklink;
    if (!text) return '';
    // kramdown's escape_html(…, :text): `<`, `>` and `&` escaped, entity references kept.
    const back = text.replace(/&(?:[\w:][-\w.:]*|#\d+|#x[0-9a-fA-F]+);|[<>&]/g, (m) => (m === '<' ? '&lt;' : m === '>' ? '&gt;' : m === '&' ? '&amp;' : m));
    const sub = metaOf(t).subId;
    // kramdown puts a no-break space (entity_output: as_char) before each back link but a lone first one.
    const space = t.info === 'space' ? '\u00a0' : '';
    return sub > 0
      ? `${space}<a href="#fnref:${name(t, env)}:${sub}" class="reversefootnote" role="doc-backlink">${back}<sup>${sub + 1}</sup></a>`
      : `${space}<a href="#fnref:${name(t, env)}" class="reversefootnote" role="doc-backlink">${back}</a>`;
  };
}

export function kramdownFootnotesPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.before('reference', 'kramdown_footnote_def', footnoteDefinition);
  md.inline.ruler.before('link', 'kramdown_footnote_ref', footnoteMarker);
  // Right after `inline`, before the rules that read every inline token (span IALs, typography, abbreviations).
  md.core.ruler.after('inline', 'kramdown_footnote_list', footnoteList);
  setupRenderers(md);
}
