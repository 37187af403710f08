// HTML tags inside a paragraph as kramdown's span parser pairs them (parser/kramdown/html.rb):
// an element runs from its start tag to its own end tag; an end tag that does not close the innermost
// open element is text (`a </span> b` shows `</span>`); an element still open at the end of the
// paragraph is closed there (`a <em>b c` → `<em>b c</em>`).
// What a start tag holds is read by its content model (parser/kramdown/html.rb parse_span_html):
// - a block element's tag (`<p>`, `<div>`…) in a paragraph is text, and so are processing instructions,
//   declarations and CDATA (only tags and comments are span HTML);
// - `code`, `kbd`, `samp`, `var`, `pre`, `script`… and unknown elements (`<some:url>`) hold raw text: no
//   Markdown, no typographic symbols, only other tags, up to their end tag (or the paragraph's end); so
//   does every element under `parse_span_html: false` or `markdown="0"`; `markdown="1"` and `"span"`
//   parse a span element's content (the attribute is dropped, as kramdown drops it).
import type MarkdownIt from 'markdown-it';
import { envOf } from './env';

type Token = MarkdownIt.Token;
type StateInline = MarkdownIt.StateInline;

const NAME = String.raw`[\p{L}_:][\p{L}\p{Nd}_:.\-]*`;
const TAG = new RegExp(String.raw`<(${NAME})\s*((?:\s+${NAME}(?:\s*=\s*(?:[\p{L}\p{Nd}_]+|("|')[^]*?\3))?)*)\s*(\/)?>`, 'uy');
const ANY_TAG = new RegExp(String.raw`<\/?${NAME}(?:\s+${NAME}(?:\s*=\s*(?:[\p{L}\p{Nd}_]+|("|')[^]*?\1))?)*\s*\/?>`, 'gu');
const MARKDOWN_ATTR = /(?:^|\s+)markdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([\p{L}\p{Nd}_]+))/u;
const WITHOUT_BODY = new Set(['area', 'base', 'br', 'col', 'command', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);
const ENTITY = /&[a-z#][a-z0-9]{1,31};/gi;
const BLOCK = new Set(('address article aside applet body blockquote caption col colgroup dd div dl dt fieldset figcaption footer form ' +
  'h1 h2 h3 h4 h5 h6 header hgroup hr html head iframe legend menu li main map nav ol optgroup p pre section summary table tbody td th ' +
  'thead tfoot tr ul').split(' '));
const SPAN_MODEL = new Set(('a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup p q ' +
  'rb rbc rp rt rtc ruby select small span strong sub sup th tt').split(' '));
const KNOWN = new Set([...BLOCK, ...SPAN_MODEL, ...('br code img input kbd mark option samp script style math textarea var area base ' +
  'command embed keygen link meta param source track wbr').split(' ')]);

/** kramdown's element name: lower case for HTML's elements, as written for any other (`<SoMe>` ends at `</SoMe>`). */
function nameOf(name: string): string {
  return KNOWN.has(name.toLowerCase()) ? name.toLowerCase() : name;
}

function pushTag(state: StateInline, html: string): void {
  state.push('html_inline', '', 0).content = html;
}

/** Raw text as kramdown writes it (entity references kept): decoded here, escaped again by the renderer; not typeset. */
function pushRaw(state: StateInline, text: string): void {
  if (!text) return;
  state.push('text_special', '', 0).content = text.replace(ENTITY, (e) => state.md.utils.unescapeAll(e));
}

/**
 * The span element whose start tag is at `pos` when kramdown parses its content as spans up to its end tag (the
 * span rule here writes only the tag and pairs the end tag later): its name and where its content starts.
 */
export function parsedSpanElement(state: StateInline, pos: number): { name: string; contentStart: number } | undefined {
  if (state.src.charCodeAt(pos) !== 0x3c /* < */) return undefined;
  TAG.lastIndex = pos;
  const m = TAG.exec(state.src);
  if (!m || pos + m[0].length > state.posMax || m[4]) return undefined;
  const name = nameOf(m[1]);
  if (MARKDOWN_ATTR.test(m[2]) || !SPAN_MODEL.has(name) || envOf(state).options.parseSpanHtml === false) return undefined;
  return { name, contentStart: pos + m[0].length };
}

function spanHtml(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x3c /* < */) return false;
  if (src[pos + 1] === '?' || (src[pos + 1] === '!' && !src.startsWith('<!--', pos))) {
    // kramdown's span HTML is tags and comments only: `<? … ?>`, `<!DOCTYPE …>`, `<![CDATA[…]]>` are text.
    if (!silent) state.pending += '<';
    state.pos = pos + 1;
    return true;
  }
  TAG.lastIndex = pos;
  const m = TAG.exec(src);
  if (!m || pos + m[0].length > state.posMax) return false;
  const name = nameOf(m[1]);
  if (BLOCK.has(name)) {
    if (!silent) state.pending += m[0];
    state.pos = pos + m[0].length;
    return true;
  }
  const attr = MARKDOWN_ATTR.exec(m[2]);
  const mode = attr ? (attr[1] ?? attr[2] ?? attr[3]) : undefined;
  let parse = SPAN_MODEL.has(name) && envOf(state).options.parseSpanHtml !== false;
  if (mode === '0') parse = false;
  else if (mode === 'span') parse = true;
  else if (mode === '1') parse = SPAN_MODEL.has(name) || (KNOWN.has(name) && !['code', 'kbd', 'samp', 'var', 'pre', 'script', 'style', 'math', 'option', 'textarea'].includes(name));
  const raw = !parse && !m[4] && !WITHOUT_BODY.has(name);
  if (!raw && !attr) return false; // markdown-it's html_inline rule takes it as it is
  const tag = attr ? m[0].slice(0, m[0].length - m[2].length - (m[4] ?? '').length - 1).trimEnd() + m[2].replace(MARKDOWN_ATTR, '').replace(/^(?=\S)/, ' ') + (m[4] ?? '') + '>' : m[0];
  let end = pos + m[0].length;
  if (!silent) pushTag(state, tag);
  if (raw) {
    const stop = new RegExp(String.raw`<\/${name.replace(/[.-]/g, '\\$&')}\s*>`, KNOWN.has(name) ? 'gi' : 'g');
    stop.lastIndex = end;
    const close = stop.exec(src);
    const bodyEnd = close && close.index + close[0].length <= state.posMax ? close.index : state.posMax;
    if (!silent) {
      const body = src.slice(end, bodyEnd);
      let last = 0;
      const open: string[] = [];
      const tags = new RegExp(ANY_TAG.source, 'gu');
      for (let t = tags.exec(body); t; t = tags.exec(body)) {
        pushRaw(state, body.slice(last, t.index));
        last = t.index + t[0].length;
        // Tags inside raw text are elements too; a block tag, or an end tag of no element open here, is text.
        const tagName = nameOf(/^<\/?([^\s/>]+)/.exec(t[0])?.[1] ?? '');
        const inner = t[0][1] !== '/' && !/\/>$/.test(t[0]) ? MARKDOWN_ATTR.exec(t[0].slice(1 + tagName.length, -1)) : null;
        const innerMode = inner ? (inner[1] ?? inner[2] ?? inner[3]) : undefined;
        if (BLOCK.has(tagName)) pushRaw(state, t[0]);
        else if (innerMode && innerMode !== '0' && !WITHOUT_BODY.has(tagName) && (innerMode !== '1' || SPAN_MODEL.has(tagName))) {
          // kramdown's parse_raw_html: a nested element with `markdown="1"` (or span/block) has its content parsed as spans.
          const stop = new RegExp(String.raw`<\/${tagName.replace(/[.-]/g, '\\$&')}\s*>`, 'gi');
          stop.lastIndex = last;
          const close = stop.exec(body);
          const contentEnd = close ? close.index : body.length;
          pushTag(state, t[0].replace(inner![0], ''));
          const [savedPos, savedMax] = [state.pos, state.posMax];
          state.pos = end + last;
          state.posMax = end + contentEnd;
          state.md.inline.tokenize(state);
          [state.pos, state.posMax] = [savedPos, savedMax];
          if (close) pushTag(state, close[0]);
          last = close ? close.index + close[0].length : body.length;
          tags.lastIndex = last;
        } else if (t[0][1] !== '/') {
          if (!/\/>$/.test(t[0]) && !WITHOUT_BODY.has(tagName)) open.push(tagName);
          pushTag(state, t[0]);
        } else if (open[open.length - 1] === tagName) {
          open.pop();
          pushTag(state, t[0]);
        } else pushRaw(state, t[0]);
      }
      pushRaw(state, body.slice(last));
      if (close && bodyEnd === close.index) pushTag(state, close[0]);
    }
    end = close && bodyEnd === close.index ? bodyEnd + close[0].length : bodyEnd;
  }
  state.pos = end;
  return true;
}

const START = /^<([A-Za-z][\w:.-]*)(?:\s[^>]*)?>$/s;
const END = /^<\/([A-Za-z][\w:.-]*)\s*>$/;
const SELF_CLOSED = /\/>$/;

function pairSpans(state: MarkdownIt.StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children?.some((k) => k.type === 'html_inline')) continue;
    const kids = block.children;
    const open: string[] = [];
    for (const t of kids) {
      if (t.type !== 'html_inline') continue;
      const start = START.exec(t.content);
      if (start) {
        const name = start[1].toLowerCase();
        if (!SELF_CLOSED.test(t.content) && !WITHOUT_BODY.has(name)) open.push(name);
        continue;
      }
      const end = END.exec(t.content);
      if (!end) continue;
      if (open[open.length - 1] === end[1].toLowerCase()) open.pop();
      else t.type = 'text'; // written escaped, as kramdown writes it
    }
    for (let i = open.length - 1; i >= 0; i--) kids.push(closeTag(state, open[i]));
  }
}

function closeTag(state: MarkdownIt.StateCore, name: string): Token {
  const t = new state.Token('html_inline', '', 0);
  t.content = `</${name}>`;
  return t;
}

export function kramdownHtmlSpansPlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.before('html_inline', 'kramdown_span_html', spanHtml);
  md.core.ruler.after('inline', 'kramdown_html_spans', pairSpans);
}
