// kramdown's span-level syntax: span IALs (`*x*{: .c}`, `[a](b){: title="t"}`), the span extensions
// (`{::comment}…{:/}`, `{::nomarkdown}…{:/}`), inline `$$…$$` math, and the `\(…\)` / `\[…\]` text
// that the blog's MathJax turns into formulas on the page.
import type MarkdownIt from 'markdown-it';
import { applyAttributes, parseAttributeList, resolveAttributeList, type AttributeList } from './attributeList';
import { envOf } from './env';

type StateInline = MarkdownIt.StateInline;
type Token = MarkdownIt.Token;

const SPAN_IAL = /^\{:(?!:|\/)((?:\\\}|[^}])+)\}/;
const SPAN_EXT = /^\{::(\w+)(?:\s((?:\\\}|[^}])*?)|)(\/)?\}/;

function spanExtensions(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x7b /* { */ || src.charCodeAt(pos + 1) !== 0x3a /* : */) return false;
  const rest = src.slice(pos, state.posMax);
  const ext = SPAN_EXT.exec(rest);
  if (ext) {
    const [all, name, , selfClosing] = ext;
    if (name !== 'comment' && name !== 'nomarkdown' && name !== 'options') return false;
    let end = all.length;
    let body = '';
    if (!selfClosing) {
      const stop = new RegExp(String.raw`\{:/(${name})?\}`).exec(rest.slice(all.length));
      if (!stop) return false;
      body = rest.slice(all.length, all.length + stop.index);
      end = all.length + stop.index + stop[0].length;
    }
    if (!silent && name === 'options') {
      // From here on in the post, as kramdown reads it.
      const v = parseAttributeList(ext[2] ?? '').attrs.get('parse_span_html');
      if (v !== undefined) envOf(state).options.parseSpanHtml = v === 'true';
    }
    if (!silent && name !== 'options' && !selfClosing) {
      const t = state.push('html_inline', '', 0);
      t.content = name === 'comment' ? `<!-- ${body.replace(/--/g, '- -')} -->` : body;
    }
    state.pos += end;
    return true;
  }
  const ial = SPAN_IAL.exec(rest);
  if (!ial) return false;
  if (!silent) {
    const t = state.push('kramdown_span_ial', '', 0);
    t.meta = { ial: parseAttributeList(ial[1]) };
    t.content = ial[0];
  }
  state.pos += ial[0].length;
  return true;
}

/** `<<` is a typographic symbol in kramdown, never the start of a tag (`<<tight>>`). */
function guillemets(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c || state.src.charCodeAt(state.pos + 1) !== 0x3c) return false;
  if (!envOf(state).options.typographicSymbols) return false;
  if (!silent) state.pending += '<<';
  state.pos += 2;
  return true;
}

function inlineMath(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x24 /* $ */ || src.charCodeAt(pos + 1) !== 0x24) return false;
  const close = src.indexOf('$$', pos + 2);
  if (close < 0 || close + 2 > state.posMax) return false;
  if (!silent) {
    const t = state.push('math_inline', 'span', 0);
    t.content = src.slice(pos + 2, close).trim();
  }
  state.pos = close + 2;
  return true;
}

/** Span IALs attach to the element just before them; after plain text kramdown leaves them as text. */
function applySpanIals(state: MarkdownIt.StateCore): void {
  const env = envOf(state);
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children) continue;
    const kids = block.children;
    if (!kids.some((k) => k.type === 'kramdown_span_ial')) continue;
    for (let i = 0; i < kids.length; i++) {
      const t = kids[i];
      if (t.type !== 'kramdown_span_ial') continue;
      const target = targetOf(kids, i - 1);
      if (target) {
        applyAttributes(target, resolveAttributeList(t.meta?.ial as AttributeList, env.alds));
        // kramdown's converter acts on this reference of an image's own IAL (standaloneImages.ts).
        if ((t.meta?.ial as AttributeList).refs.includes('standalone')) target.meta = { ...(target.meta ?? {}), standalone: true };
        kids.splice(i--, 1);
      } else {
        t.type = 'text';
        t.meta = null;
      }
    }
  }
}

function targetOf(kids: Token[], i: number): Token | undefined {
  // markdown-it leaves an empty text token where a `**` delimiter was.
  while (i >= 0 && kids[i].type === 'text' && kids[i].content === '') i--;
  const prev = kids[i];
  if (!prev) return undefined;
  if (prev.type === 'image' || prev.type === 'code_inline' || prev.type === 'math_inline') return prev;
  if (prev.nesting === -1) {
    let depth = 0;
    for (let j = i; j >= 0; j--) {
      depth += kids[j].nesting;
      if (depth === 0) return kids[j];
    }
  }
  return undefined;
}

const MATHJAX_DELIMS = /\\\(([\s\S]+?)\\\)|\\\[([\s\S]+?)\\\]/g;

/** `\(…\)` and `\[…\]` left in the text: the page's MathJax renders them; we render them with KaTeX. */
function mathJaxText(state: MarkdownIt.StateCore): void {
  if (!envOf(state).options.mathEngine) return;
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children || !block.content.includes('\\')) continue;
    const kids = block.children;
    for (let i = 0; i < kids.length; i++) {
      const t = kids[i];
      if (t.type !== 'text' || !t.content.includes('\\')) continue;
      const parts: Token[] = [];
      let last = 0;
      for (const m of t.content.matchAll(MATHJAX_DELIMS)) {
        if (m.index > last) parts.push(textToken(state, t.content.slice(last, m.index)));
        const math = new state.Token('math_inline', 'span', 0);
        math.content = (m[1] ?? m[2]).trim();
        math.meta = { display: m[2] !== undefined };
        parts.push(math);
        last = m.index + m[0].length;
      }
      if (!parts.length) continue;
      if (last < t.content.length) parts.push(textToken(state, t.content.slice(last)));
      kids.splice(i, 1, ...parts);
      i += parts.length - 1;
    }
  }
}

function textToken(state: MarkdownIt.StateCore, content: string): Token {
  const t = new state.Token('text', '', 0);
  t.content = content;
  return t;
}

export function kramdownInlinePlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.before('emphasis', 'kramdown_span_extensions', spanExtensions);
  md.inline.ruler.before('escape', 'kramdown_math_inline', inlineMath);
  md.inline.ruler.before('html_inline', 'kramdown_guillemets', guillemets);
  md.core.ruler.after('inline', 'kramdown_span_ial', applySpanIals);
  md.core.ruler.after('text_join', 'mathjax_text', mathJaxText);
}
