// HTML blocks the way kramdown reads them (replacing markdown-it's CommonMark rule): a block-level tag
// at the start of a line opens a block that runs to its matching closing tag, blank lines included;
// `markdown="1"` (or `block`/`span`, or `parse_block_html: true`) parses the inside as Markdown.
// Span-level tags (`<img>`, `<span>`, `<a>` …) start a paragraph instead, as in kramdown.
import type MarkdownIt from 'markdown-it';
import { envOf } from './env';
import { readRawElement, type RawElement } from './htmlRaw';
import { t } from '../../text/l10n';

type StateBlock = MarkdownIt.StateBlock;

const SPAN_ELEMENTS = new Set(('a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp rt rtc ' +
  'ruby samp select small span strong sub sup tt u var').split(' '));
const VOID_ELEMENTS = new Set('area base br col command embed hr img input keygen link meta param source track wbr'.split(' '));
const CONTENT_BLOCK = new Set(('address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form header hgroup ' +
  'iframe li main map menu nav noscript object section summary td').split(' '));
const CONTENT_SPAN = new Set(('a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q rb rbc ' +
  'rp rt rtc ruby select small span strong sub sup th tt').split(' '));
const RAW_TEXT = new Set(['script', 'style', 'textarea']);

// kramdown's HTML_TAG_RE: unquoted attribute values are word characters only.
const OPEN_TAG = /^<([A-Za-z][\w:.-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:[\p{L}\p{M}\p{Nd}\p{Pc}]+|"[^"]*"|'[^']*'))?)*)\s*(\/)?>/u;
const ANY_TAG = /<!--[\s\S]*?-->|<\/([A-Za-z][\w:.-]*)\s*>|<([A-Za-z][\w:.-]*)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?>/g;

type ContentModel = 'raw' | 'block' | 'span';

function contentModelOf(name: string): ContentModel {
  return CONTENT_BLOCK.has(name) ? 'block' : CONTENT_SPAN.has(name) ? 'span' : 'raw';
}

/** Offset of the matching closing tag `</name>` after `from`, and the offset just past it; undefined when unclosed. */
function findClose(src: string, from: number, limit: number, name: string): { start: number; end: number } | undefined {
  if (RAW_TEXT.has(name)) {
    const re = new RegExp(`</${name}\\s*>`, 'ig');
    re.lastIndex = from;
    const m = re.exec(src);
    return m && m.index < limit ? { start: m.index, end: re.lastIndex } : undefined;
  }
  let depth = 1;
  ANY_TAG.lastIndex = from;
  for (let m = ANY_TAG.exec(src); m && m.index < limit; m = ANY_TAG.exec(src)) {
    if (m[1]) {
      if (m[1].toLowerCase() === name && --depth === 0) return { start: m.index, end: ANY_TAG.lastIndex };
    } else if (m[2]) {
      const n = m[2].toLowerCase();
      const selfClosed = m[0].endsWith('/>') || VOID_ELEMENTS.has(n);
      if (n === name && !selfClosed) depth++;
      else if (RAW_TEXT.has(n) && !selfClosed) {
        // Skip a script/style body wholesale: its `<` are not tags.
        const inner = findClose(src, ANY_TAG.lastIndex, limit, n);
        if (!inner) return undefined;
        ANY_TAG.lastIndex = inner.end;
      }
    }
  }
  return undefined;
}

/** The line holding `offset` (searching from `line`), within [line, endLine). */
function lineOf(state: StateBlock, offset: number, line: number, endLine: number): number {
  while (line < endLine - 1 && state.eMarks[line] < offset) line++;
  return line;
}

/** Elements with block content nest their block parsing; past this depth an element's content stays raw. */
const MAX_BLOCK_DEPTH = 48;
let blockDepth = 0;

function htmlBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const pos = state.bMarks[startLine] + state.tShift[startLine];
  const src = state.src;
  if (src.charCodeAt(pos) !== 0x3c /* < */) return false;
  const limit = state.eMarks[endLine - 1];
  const env = envOf(state);

  // kramdown's LAZY_END_HTML_START: only a tag of a block element (not a comment, not `<script>`) ends a paragraph.
  const endsParagraph = state.parentType !== 'paragraph';
  if (src.startsWith('<!--', pos)) {
    const close = src.indexOf('-->', pos + 4);
    if (silent) return endsParagraph;
    const end = close < 0 || close > limit ? limit : close + 3;
    return emitRaw(state, startLine, lineOf(state, end, startLine, endLine), endLine, end);
  }

  const open = OPEN_TAG.exec(src.slice(pos, Math.min(limit, pos + 4096)));
  if (!open) return false;
  const name = open[1].toLowerCase();
  if (SPAN_ELEMENTS.has(name)) return false;
  if (silent) return endsParagraph || name !== 'script';

  const tagEnd = pos + open[0].length;
  const attrs = open[2];
  const md = /\smarkdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([\w-]+))/i.exec(attrs);
  const mdValue = md ? (md[1] ?? md[2] ?? md[3]) : undefined;
  let model: ContentModel = env.options.parseBlockHtml ? contentModelOf(name) : 'raw';
  if (mdValue === '0') model = 'raw';
  else if (mdValue === '1') model = contentModelOf(name);
  else if (mdValue === 'block' || mdValue === 'span') model = mdValue;
  const closed = open[3] === '/' || VOID_ELEMENTS.has(name);
  const openTag = md ? open[0].replace(md[0], '') : open[0];

  if (closed) return emitRaw(state, startLine, lineOf(state, tagEnd, startLine, endLine), endLine, tagEnd, open[0]);
  if (env.options.htmlToNative && /^h[1-6]$/.test(name)) return emitNativeHeader(state, startLine, endLine, open, tagEnd);
  if (model === 'span' && !RAW_TEXT.has(name)) return emitSpanElement(state, startLine, endLine, openTag, name, tagEnd);
  if (model === 'block' && !RAW_TEXT.has(name) && blockDepth < MAX_BLOCK_DEPTH) {
    blockDepth++;
    try {
      return emitBlockElement(state, startLine, endLine, openTag, name, tagEnd);
    } finally {
      blockDepth--;
    }
  }
  const close = findClose(src, tagEnd, limit, name);
  if (!close) {
    // kramdown closes it at the end of the document, so everything after it is raw HTML there too.
    env.notices.add(t('<{0}> on line {1} has no closing tag: kramdown reads the rest of the post as raw HTML.', name, env.sourceLine(startLine) + 1));
    if (model === 'raw') return emitRaw(state, startLine, endLine - 1, endLine, undefined, open[0]);
  }
  const closeEnd = close ? close.end : limit;
  const lastLine = lineOf(state, closeEnd, startLine, endLine);

  if (model === 'raw' && !RAW_TEXT.has(name)) {
    // Raw content as kramdown reads it: nested elements may ask for Markdown; stray closing tags are text. The lines
    // up to the closing tag found above are read first; only when a nested element is left open (and takes the rest
    // of the container, as in kramdown) are the remaining lines read.
    let raw = readRawLines(state, startLine, lastLine + 1, name, open[0].length);
    if (!raw.element.closed && lastLine + 1 < endLine) raw = readRawLines(state, startLine, endLine, name, open[0].length);
    const { element, text, tagEnd: bodyStart } = raw;
    const only = element.parts.length === 1 ? element.parts[0] : undefined;
    const plain = element.parts.length === 0 || (only !== undefined && 'raw' in only && only.raw === text.slice(bodyStart, element.bodyEnd));
    if (!plain) return emitParts(state, startLine, openTag, raw, name);
  }
  return emitRaw(state, startLine, lastLine, endLine, closeEnd, open[0]);
}

function pushHtml(state: StateBlock, content: string, map: [number, number], meta: Record<string, unknown>): MarkdownIt.Token {
  const token = state.push('html_block', '', 0);
  token.content = content;
  token.map = map;
  token.meta = meta;
  return token;
}

/**
 * After an element's closing tag (ending at `offset` on `line`), kramdown reads blocks on from there: the rest of
 * the line becomes the start of a line for the block rules. The element took more than one line, so `line` is past
 * the rule's first line.
 */
function continueAfter(state: StateBlock, line: number, offset: number): void {
  const rest = state.src.slice(offset, state.eMarks[line]);
  if (!rest.trim()) {
    state.line = line + 1;
    return;
  }
  const spaces = rest.length - rest.trimStart().length;
  state.bMarks[line] = offset;
  state.tShift[line] = spaces;
  state.sCount[line] = state.blkIndent + spaces;
  state.line = line;
}

/**
 * kramdown's span content model: the text up to the first closing tag of the element's name (no nesting) is a
 * paragraph's text without the paragraph.
 */
function emitSpanElement(state: StateBlock, startLine: number, endLine: number, openTag: string, name: string, tagEnd: number): boolean {
  const src = state.src;
  const limit = state.eMarks[endLine - 1];
  const re = new RegExp(`</${name.replace(/[.]/g, '\\.')}\\s*>`, 'ig');
  re.lastIndex = tagEnd;
  const m = re.exec(src);
  const closeStart = m && m.index < limit ? m.index : limit;
  const closeEnd = m && m.index < limit ? re.lastIndex : limit;
  const lastLine = lineOf(state, closeEnd, startLine, endLine);
  const opener = pushHtml(state, openTag, [startLine, lastLine + 1], { htmlTag: openTag });
  const inline = state.push('inline', '', 0);
  inline.content = src.slice(tagEnd, closeStart).trim();
  inline.map = [startLine, lastLine + 1];
  inline.children = [];
  return closeElement(state, startLine, lastLine, endLine, name, closeEnd, opener);
}

/**
 * kramdown's html_to_native for a header element: a native header (so it gets an id like one written in Markdown)
 * with the element's attributes, its content up to the first closing tag read as a header's text.
 */
function emitNativeHeader(state: StateBlock, startLine: number, endLine: number, open: RegExpExecArray, tagEnd: number): boolean {
  const name = open[1].toLowerCase();
  const limit = state.eMarks[endLine - 1];
  const re = new RegExp(`</${name}\\s*>`, 'ig');
  re.lastIndex = tagEnd;
  const m = re.exec(state.src);
  const closeStart = m && m.index < limit ? m.index : limit;
  const closeEnd = m && m.index < limit ? re.lastIndex : limit;
  const lastLine = lineOf(state, closeEnd, startLine, endLine);
  const heading = state.push('heading_open', name, 1);
  heading.map = [startLine, lastLine + 1];
  for (const a of open[2].matchAll(TAG_ATTRIBUTE)) heading.attrSet(a[1].toLowerCase(), a[2] ?? a[3] ?? a[4] ?? '');
  const inline = state.push('inline', '', 0);
  inline.content = state.src.slice(tagEnd, closeStart).trim();
  inline.map = [startLine, lastLine + 1];
  inline.children = [];
  state.push('heading_close', name, -1);
  if (!readOn(state, startLine, lastLine, closeEnd, endLine)) state.line = lastLine + 1;
  return true;
}

let sameLineDepth = 0;

/**
 * Goes on reading blocks from `offset` of `line`, where an element ended (kramdown reads blocks on from right after
 * it). On a later line than the rule's own, that line is where the block rules go on; on the rule's own line (a rule
 * has to move past it) the blocks are read here, a bounded number of times deep: false when that bound is reached.
 */
function readOn(state: StateBlock, ruleLine: number, line: number, offset: number, endLine: number): boolean {
  if (line > ruleLine || !state.src.slice(offset, state.eMarks[line]).trim()) {
    continueAfter(state, line, offset);
    return true;
  }
  if (sameLineDepth >= 32) return false;
  continueAfter(state, line, offset);
  sameLineDepth++;
  try {
    state.md.block.tokenize(state, line, endLine);
  } finally {
    sameLineDepth--;
  }
  state.line = Math.max(state.line, line + 1);
  return true;
}

/**
 * Writes the closing tag of an element opened on `startLine` and closed on `line` at `closeEnd`, and reads on
 * from right after it; past the bound of readOn, the rest of the line is a paragraph.
 */
function closeElement(state: StateBlock, startLine: number, line: number, endLine: number, name: string, closeEnd: number, opener: MarkdownIt.Token): boolean {
  const closing = state.tokens.length;
  const mark = { b: state.bMarks[line], t: state.tShift[line], s: state.sCount[line] };
  pushHtml(state, `</${name}>\n`, [line, line + 1], { htmlElementOpen: opener });
  if (readOn(state, startLine, line, closeEnd, endLine)) return true;
  state.tokens.length = closing;
  state.bMarks[line] = mark.b;
  state.tShift[line] = mark.t;
  state.sCount[line] = mark.s;
  emitRaw(state, line, line, endLine, closeEnd, undefined, `</${name}>`);
  state.tokens[closing].meta = { htmlElementOpen: opener };
  return true;
}

const BLOCK_TAG_START = /^\s*<([A-Za-z][\w:.-]*)[\s/>]/;

const TAG_ON_LINE = /<(\/?)([A-Za-z][\w:.-]*)(?:\s(?:[^>"']|"[^"]*"|'[^']*')*)?>/g;

/**
 * Where kramdown's block parsing inside element `name` meets its closing tag: at the start of a line (or right after
 * a nested element's closing tag on it), nested elements of the same name taking their own. Undefined when unclosed.
 */
function blockClose(state: StateBlock, startLine: number, endLine: number, name: string, tagEnd: number): { line: number; start: number; end: number } | undefined {
  const src = state.src;
  let depth = 1;
  for (let line = startLine; line < endLine; line++) {
    let from = line === startLine ? tagEnd : state.bMarks[line] + state.tShift[line];
    if (line !== startLine && state.sCount[line] - state.blkIndent >= 4) continue;
    // Tags count while the line goes on with tags (kramdown's block starts); text ends the run.
    for (;;) {
      while (from < state.eMarks[line] && (src[from] === ' ' || src[from] === '\t')) from++;
      if (src[from] !== '<') break;
      TAG_ON_LINE.lastIndex = from;
      const m = TAG_ON_LINE.exec(src);
      if (!m || m.index !== from || TAG_ON_LINE.lastIndex > state.eMarks[line]) break;
      if (m[2].toLowerCase() === name) {
        if (m[1]) {
          if (--depth === 0) return { line, start: from, end: TAG_ON_LINE.lastIndex };
        } else if (!m[0].endsWith('/>')) depth++;
      }
      from = TAG_ON_LINE.lastIndex;
    }
  }
  return undefined;
}

/**
 * kramdown's block content model: blocks from right after the opening tag (the rest of its line when it is not
 * blank) up to the closing tag, then blocks again from right after it.
 */
function emitBlockElement(state: StateBlock, startLine: number, endLine: number, openTag: string, name: string, tagEnd: number): boolean {
  const close = blockClose(state, startLine, endLine, name, tagEnd);
  const closeLine = close ? close.line : endLine - 1;
  const opener = pushHtml(state, openTag + '\n', [startLine, startLine + 1], { htmlTag: openTag });
  // The content's lines: the opening line from after the tag, the closing line up to the tag.
  const saved = { b: state.bMarks[startLine], t: state.tShift[startLine], s: state.sCount[startLine], e: state.eMarks[closeLine] };
  if (close) state.eMarks[closeLine] = close.start;
  const firstRest = state.src.slice(tagEnd, state.eMarks[startLine]).trim() !== '';
  if (firstRest) continueAfter(state, startLine, tagEnd);
  const from = firstRest ? startLine : startLine + 1;
  const oldParent = state.parentType;
  const oldMax = state.lineMax;
  state.parentType = 'root';
  state.lineMax = closeLine + 1;
  if (from <= closeLine) state.md.block.tokenize(state, from, closeLine + 1);
  state.lineMax = oldMax;
  state.parentType = oldParent;
  state.eMarks[closeLine] = saved.e;
  if (firstRest) {
    state.bMarks[startLine] = saved.b;
    state.tShift[startLine] = saved.t;
    state.sCount[startLine] = saved.s;
  }
  if (close) return closeElement(state, startLine, closeLine, endLine, name, close.end, opener);
  pushHtml(state, `</${name}>\n`, [closeLine, closeLine + 1], { htmlElementOpen: opener });
  state.line = endLine;
  return true;
}

/**
 * An element kept raw whose content (read by readRawElement) differs from its source: its parts in order, raw HTML
 * as HTML blocks, Markdown parts parsed as a paragraph's text or as blocks.
 */
interface RawLines {
  element: RawElement;
  /** The lines read, without their container's marks and indentation. */
  text: string;
  /** Offset in `text` past the opening tag. */
  tagEnd: number;
}

function readRawLines(state: StateBlock, startLine: number, toLine: number, name: string, tagLength: number): RawLines {
  const text = state.getLines(startLine, toLine, state.blkIndent, false);
  const tagEnd = text.search(/\S/) + tagLength;
  return { element: readRawElement(text, tagEnd, text.length, name), text, tagEnd };
}

/**
 * An element kept raw whose content (read by readRawElement) differs from its source: its parts in order, raw HTML
 * as HTML blocks, Markdown parts parsed as a paragraph's text or as blocks.
 */
function emitParts(state: StateBlock, startLine: number, openTag: string, { element: raw, text }: RawLines, name: string): boolean {
  const lineAt = (offset: number) => startLine + (text.slice(0, offset).match(/\n/g)?.length ?? 0);
  const lastLine = lineAt(raw.end);
  // The same offset in the source: the right part of a line is as written.
  const lineEnd = text.indexOf('\n', raw.end);
  const srcEnd = state.eMarks[lastLine] - ((lineEnd < 0 ? text.length : lineEnd) - raw.end);
  let html = openTag;
  let first: MarkdownIt.Token | undefined;
  const flush = (line: number) => {
    const token = state.push('html_block', '', 0);
    token.content = html;
    token.map = [line, line + 1];
    html = '';
    first ??= token;
  };
  for (const part of raw.parts) {
    if ('raw' in part) {
      html += part.raw;
      continue;
    }
    const line = lineAt(part.offset);
    flush(line);
    if (part.markdown === 'span') {
      const inline = state.push('inline', '', 0);
      inline.content = part.text.trim();
      inline.map = [line, line + 1];
      inline.children = [];
      continue;
    }
    const from = state.tokens.length;
    state.md.block.parse(part.text, state.md, state.env, state.tokens);
    for (let i = from; i < state.tokens.length; i++) {
      const map = state.tokens[i].map;
      if (map) state.tokens[i].map = [map[0] + line, map[1] + line];
    }
  }
  // kramdown's converter writes the closing tag of an element it closed at the end.
  html += `</${name}>`;
  if (first) first.meta = { htmlTag: openTag };
  const closing = state.tokens.length;
  const done = emitRaw(state, first ? lastLine : startLine, lastLine, state.lineMax, srcEnd, first ? undefined : openTag, html);
  if (first) state.tokens[closing].meta = { htmlElementOpen: first };
  return done;
}

/**
 * Raw HTML from `startLine` to the end of `lastLine`; when text follows the block's end (`closeEnd`) on that line,
 * it starts a paragraph (running on as paragraphs do), as kramdown reads `</div> text` and `--> text`.
 */
function emitRaw(state: StateBlock, startLine: number, lastLine: number, endLine: number, closeEnd?: number, openTag?: string, body?: string): boolean {
  const end = Math.min(lastLine + 1, endLine);
  const rest = closeEnd === undefined || closeEnd >= state.eMarks[lastLine] ? '' : state.src.slice(closeEnd, state.eMarks[lastLine]);
  const token = state.push('html_block', '', 0);
  token.map = [startLine, end];
  if (openTag) token.meta = { htmlTag: openTag };
  if (!rest.trim()) {
    token.content = body !== undefined ? body + '\n' : state.getLines(startLine, end, state.blkIndent, true);
    state.line = end;
    return true;
  }
  token.content = body !== undefined ? body + '\n'
    : state.getLines(startLine, lastLine, state.blkIndent, true) + state.src.slice(state.bMarks[lastLine] + Math.min(state.tShift[lastLine], state.blkIndent), closeEnd) + '\n';
  // A block element's tag after the end starts an HTML block of its own, as kramdown reads on from there.
  const tagAfter = BLOCK_TAG_START.exec(rest);
  if (tagAfter && closeEnd !== undefined && !SPAN_ELEMENTS.has(tagAfter[1].toLowerCase()) && readOn(state, startLine, lastLine, closeEnd, endLine)) return true;
  // The paragraph goes on until a blank line or a block that ends a paragraph.
  const terminators = state.md.block.ruler.getRules('paragraph');
  const oldParent = state.parentType;
  state.parentType = 'paragraph';
  let next = end;
  for (; next < endLine && !state.isEmpty(next); next++) {
    if (state.sCount[next] - state.blkIndent > 3 || state.sCount[next] < 0) continue;
    if (terminators.some((rule) => rule(state, next, endLine, true))) break;
  }
  state.parentType = oldParent;
  state.push('paragraph_open', 'p', 1).map = [lastLine, next];
  const inline = state.push('inline', '', 0);
  inline.content = (rest + (next > end ? '\n' + state.getLines(end, next, state.blkIndent, false) : '')).trim();
  inline.map = [lastLine, next];
  inline.children = [];
  state.push('paragraph_close', 'p', -1);
  state.line = next;
  return true;
}

const TAG_ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;

/**
 * Writes the attributes an IAL gave an HTML element (`token.attrs`, set by the IAL rules) into its opening tag,
 * as kramdown's HTML parser does: a class is added to the element's classes, any other attribute replaces its value.
 */
export function applyHtmlElementAttributes(token: MarkdownIt.Token): void {
  const tag = token.meta?.htmlTag as string | undefined;
  const open = tag ? OPEN_TAG.exec(tag) : null;
  if (!tag || !open || !token.attrs?.length) return;
  const attrs = new Map<string, string>();
  for (const m of open[2].matchAll(TAG_ATTRIBUTE)) attrs.set(m[1], m[2] ?? m[3] ?? m[4] ?? '');
  for (const [k, v] of token.attrs) {
    const old = k === 'class' ? attrs.get('class') : undefined;
    attrs.set(k, old ? `${old} ${v}` : String(v));
  }
  const written = [...attrs].map(([k, v]) => ` ${k}="${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`).join('');
  token.content = token.content.replace(tag, `<${open[1]}${written}${open[3] ? ' /' : ''}>`);
  token.attrs = null;
}

export function kramdownHtmlPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.at('html_block', htmlBlock, { alt: ['paragraph', 'reference', 'blockquote'] });
}
