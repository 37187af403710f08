// Links and images as kramdown parses them (parser/kramdown/link.rb), in place of CommonMark's:
// - inside a link's text a `[` is text (no link in a link); images are allowed;
// - after `]`: `[id]` (spaces and line breaks may come first), or no `(` at all, is a reference to a link
//   definition, by the id or else the text (escapes removed, whitespace runs made one space, any case);
//   an unknown id leaves the `[` as text; the `link_defs` option gives definitions every post has;
// - `(<url>)`; or `(url)` where the url runs to the `)` that balances the `(` and may hold spaces
//   (`(with spaces.html)`, `(/to(do))`), trimmed; a space before a quote ends the url and starts the title;
// - a title is `"…"` or `'…'` (at least one character, line breaks allowed) followed by `)`, spaces
//   allowed between; the url and title are kept as written (no backslash unescaping);
// - anything else leaves the `[` (or `![`) as text, and parsing goes on after it; so does a script URL
//   (`javascript:`, `data:text/html`…), which the preview refuses where kramdown would write it.
// The paragraph's parentheses are matched, and the places a title can end listed, once; each link then
// finds its end by lookup, so runs of `[a](` stay linear.
import type MarkdownIt from 'markdown-it';
import { emphasisNesting, skipSpan } from './emphasis';
import { parsedSpanElement } from './htmlSpans';
import { firstFrom } from './positions';
import { envOf } from './env';
import type { LinkDefinition } from './linkDefinitions';

type StateInline = MarkdownIt.StateInline;
type Attrs = NonNullable<MarkdownIt.Token['attrs']>;

/** kramdown's ESCAPED_CHARS (link.rb uses the kramdown parser's set for the text as an id). */
const ESCAPED = /\\([\\.*_+`<>()[\]{}#!:|"'$=-])/g;
const REFERENCE_ID = /\s*?\[([^\]]+)?\]/y;
const ANGLE_URL = /\(<(.*?)>/y;
/** Ruby's `\s` (a test a character, for every character of a paragraph: no regex). */
function isSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v';
}

interface Layout {
  /** For each `(`, the `)` that balances it. */
  closeParen: Map<number, number>;
  /** Whitespace positions followed by a quote (ascending). */
  spaceQuote: number[];
  /** By quote: positions of that quote followed by optional whitespace and `)` (ascending). */
  titleEnd: Record<string, number[]>;
}

const layouts = new WeakMap<StateInline, { src: string; layout: Layout }>();

function layoutOf(state: StateInline): Layout {
  const known = layouts.get(state);
  if (known && known.src === state.src) return known.layout;
  const src = state.src;
  const layout: Layout = { closeParen: new Map(), spaceQuote: [], titleEnd: { '"': [], "'": [] } };
  const stack: number[] = [];
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c !== '"' && c !== "'") continue;
    let j = i + 1;
    while (j < src.length && isSpace(src[j])) j++;
    if (src[j] === ')') layout.titleEnd[c].push(i);
  }
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '(') stack.push(i);
    else if (c === ')') {
      const open = stack.pop();
      if (open !== undefined) layout.closeParen.set(open, i);
    } else if (isSpace(c) && (src[i + 1] === '"' || src[i + 1] === "'")) layout.spaceQuote.push(i);
  }
  layouts.set(state, { src, layout });
  return layout;
}

interface Target {
  url: string;
  title?: string;
  end: number;
  /** Attributes from the definition's IALs (they come before href and title, as kramdown writes them). */
  attrs?: Attrs;
}

/** A title from `at` (spaces, a quoted title, spaces, `)`), or undefined. */
function title(state: StateInline, layout: Layout, url: string, at: number): Target | undefined {
  const src = state.src;
  let q = at;
  while (q < state.posMax && isSpace(src[q])) q++;
  const quote = src[q];
  if (quote !== '"' && quote !== "'") return undefined;
  const e = firstFrom(layout.titleEnd[quote], q + 2);
  if (e < 0) return undefined;
  const close = src.indexOf(')', e);
  if (close < 0 || close + 1 > state.posMax) return undefined;
  return { url, title: src.slice(q + 1, e), end: close + 1 };
}

/** An inline target from the `(` at `p`. */
function inlineTarget(state: StateInline, p: number): Target | undefined {
  const src = state.src;
  const layout = layoutOf(state);
  ANGLE_URL.lastIndex = p;
  const angle = ANGLE_URL.exec(src);
  if (angle && p + angle[0].length <= state.posMax) {
    const after = p + angle[0].length;
    if (src[after] === ')') return { url: angle[1], end: after + 1 };
    return title(state, layout, angle[1], after);
  }
  const close = layout.closeParen.get(p) ?? -1;
  const space = firstFrom(layout.spaceQuote, p);
  if (close >= 0 && (space < 0 || close < space)) {
    return close < state.posMax ? { url: src.slice(p + 1, close).trim(), end: close + 1 } : undefined;
  }
  if (space < 0 || space >= state.posMax) return undefined;
  return title(state, layout, src.slice(p + 1, space).trim(), space);
}

const FOOTNOTE_MARKER = /\[\^\w[\w-]*\]/y;
/** Per inline state: by `[` position, posMax and emphasis nesting, the `]` that ends its label (-1: none). */
const labelEnds = new WeakMap<StateInline, Map<string, number>>();

/**
 * The `]` that ends the label opened by the `[` at `open`, as kramdown's parse_link finds it: the label's spans are
 * parsed (skipped here) from left to right, so an emphasis, a code span or an HTML element that starts inside runs
 * to its own end, past a `]` if need be; each `[` or `![` met opens a bracket that a `]` must close (an image
 * parsed whole closes its own; a footnote marker `[^x]` does not, as in kramdown), and nested links are text.
 * What a scan learns about each inner `[` is kept: a paragraph of unbalanced brackets stays linear.
 */
function labelEnd(state: StateInline, open: number): number {
  const src = state.src;
  const max = state.posMax;
  let memo = labelEnds.get(state);
  if (!memo) labelEnds.set(state, (memo = new Map()));
  const key = (p: number) => `${p}|${max}|${emphasisNesting(state)}`;
  const known = memo.get(key(open));
  if (known !== undefined) return known;
  const savedPos = state.pos;
  state.linkLevel++;
  const stack: number[] = [open]; // open brackets; a footnote marker's is -1 (nothing to remember)
  let pos = open + 1;
  let found = -1;
  while (pos < max) {
    const c = src[pos];
    if (c === ']') {
      const o = stack.pop()!;
      if (o >= 0) memo.set(key(o), pos);
      pos++;
      if (!stack.length) { found = pos - 1; break; }
      continue;
    }
    if (c === '[' || (c === '!' && src[pos + 1] === '[')) {
      if (c === '!') {
        state.pos = pos;
        if (link(state, true)) { pos = state.pos; continue; }
      }
      const b = c === '[' ? pos : pos + 1;
      FOOTNOTE_MARKER.lastIndex = b;
      if (src[b + 1] === '^' && FOOTNOTE_MARKER.test(src) && FOOTNOTE_MARKER.lastIndex <= max) {
        stack.push(-1);
        pos = FOOTNOTE_MARKER.lastIndex;
        continue;
      }
      const inner = memo.get(key(b));
      if (inner === undefined) { stack.push(b); pos = b + 1; continue; }
      if (inner < 0) break;
      pos = inner + 1;
      continue;
    }
    const element = c === '<' ? parsedSpanElement(state, pos) : undefined;
    if (element) {
      // kramdown parses an HTML element's content up to its end tag: a `]` inside does not end the label.
      const end = new RegExp(String.raw`<\/${element.name.replace(/[.-]/g, '\\$&')}\s*>`, 'iy');
      state.pos = element.contentStart;
      for (;;) {
        end.lastIndex = state.pos;
        if (state.pos >= max || end.test(src)) break;
        skipSpan(state);
      }
      pos = state.pos >= max ? max : end.lastIndex;
      continue;
    }
    state.pos = pos;
    skipSpan(state);
    pos = state.pos;
  }
  if (found < 0) for (const o of stack) if (o >= 0) memo.set(key(o), -1);
  state.linkLevel--;
  state.pos = savedPos;
  return found;
}

const predefinedByKey = new WeakMap<object, Map<string, LinkDefinition>>();

/** A definition from the `link_defs` option, by its normalized id. */
function predefined(state: StateInline, key: string): LinkDefinition | undefined {
  const defs = envOf(state).options?.linkDefs;
  if (!defs) return undefined;
  let byKey = predefinedByKey.get(defs);
  if (!byKey) {
    byKey = new Map(Object.entries(defs).map(([id, d]) => [state.md.utils.normalizeReference(id), { href: d.href, title: d.title ?? '' }]));
    predefinedByKey.set(defs, byKey);
  }
  return byKey.get(key);
}

/** A reference target after the `]` at `labelEnd`, from the link definitions. */
function referenceTarget(state: StateInline, labelStart: number, labelEnd: number): Target | undefined {
  const src = state.src;
  REFERENCE_ID.lastIndex = labelEnd + 1;
  const ref = REFERENCE_ID.exec(src);
  const matched = ref !== null && labelEnd + 1 + ref[0].length <= state.posMax;
  const end = matched ? labelEnd + 1 + ref[0].length : labelEnd + 1;
  const id = (matched && ref[1]) || src.slice(labelStart, labelEnd).replace(ESCAPED, '$1');
  const refs = (state.env as { references?: Record<string, LinkDefinition> }).references;
  const key = state.md.utils.normalizeReference(id);
  const def = refs?.[key] ?? predefined(state, key);
  if (!def) return undefined;
  return { url: def.href, title: def.title || undefined, end, attrs: def.token?.attrs ?? undefined };
}

/** A definition's IAL attributes, less those the link sets itself. */
function ialAttrs(target: Target): Attrs {
  const own = ['href', 'src', 'alt', ...(target.title === undefined ? [] : ['title'])];
  return (target.attrs ?? []).filter(([name]) => !own.includes(name));
}

function link(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const start = state.pos;
  const image = src[start] === '!';
  const open = image ? start + 1 : start;
  if (src[open] !== '[' || src[open + 1] === '^' || open + 1 >= state.posMax) return false;
  const asText = () => {
    if (!silent) state.pending += src.slice(start, open + 1);
    state.pos = open + 1;
    return true;
  };
  if (!image && state.linkLevel > 0) return asText();
  const close = labelEnd(state, open);
  if (close < 0) return asText();
  const target = src[close + 1] === '('
    ? inlineTarget(state, close + 1)
    : referenceTarget(state, open + 1, close);
  if (!target) return asText();
  // A script URL is refused (the link stays text, as markdown-it leaves it): the preview's safety.
  const href = target.url ? state.md.normalizeLink(target.url) : '';
  if (!state.md.validateLink(href)) return asText();
  if (!silent) {
    if (image) {
      const children: MarkdownIt.Token[] = [];
      const content = src.slice(open + 1, close);
      state.md.inline.parse(content, state.md, state.env, children);
      const t = state.push('image', 'img', 0);
      t.attrs = [...ialAttrs(target), ['src', href], ['alt', '']];
      t.children = children;
      t.content = content;
      if (target.title !== undefined) t.attrs.push(['title', target.title]);
    } else {
      const o = state.push('link_open', 'a', 1);
      o.attrs = [...ialAttrs(target), ['href', href]];
      if (target.title !== undefined) o.attrs.push(['title', target.title]);
      const max = state.posMax;
      state.pos = open + 1;
      state.posMax = close;
      state.linkLevel++;
      state.md.inline.tokenize(state);
      state.linkLevel--;
      state.posMax = max;
      state.push('link_close', 'a', -1);
    }
  }
  state.pos = target.end;
  return true;
}

export function kramdownLinksPlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.at('link', link);
  md.inline.ruler.disable('image');
}
