// Emphasis as kramdown parses it (parser/kramdown/emphasis.rb), in place of CommonMark's delimiter runs:
// kramdown reads `*`/`**`/`_`/`__` from left to right and looks ahead for the closing delimiter, so
// `**注意：**這裡` is strong (CommonMark's flanking rules refuse it: the closer follows punctuation and
// precedes a letter). The rules, as in emphasis.rb:
// - an opener is `**`, `*`, `__` or `_` (two characters when there are two); it stays text when a space
//   follows it, when it is `_` right after a letter (or a letter and `-`), or inside an element of the same
//   kind (no em in em, no strong in strong);
// - the element ends at the first closing delimiter, after the spans inside it are skipped, that has no
//   space before it and something before it in the element; an em's `*` does not close at `**` (unless
//   `***`); an `_` does not close before a letter or digit;
// - a strong that never closes is tried as an em opened by its first character (`**a*` → `<em>*a</em>`),
//   unless the strong is directly inside an em; anything else that never closes stays text.
// Look-aheads share what they learn (findClose), so a paragraph of unclosed delimiters takes linear
// time, where kramdown's own look-ahead is quadratic.
import type MarkdownIt from 'markdown-it';

type StateInline = MarkdownIt.StateInline;
type Kind = 'em' | 'strong';

const SPACE = /[ \t\n\r\f\v]/;
const ALPHA = /\p{Alphabetic}/u;
const ALNUM = /[\p{Alphabetic}\p{Nd}]/u;

interface Scan {
  /** Kinds of the elements open around the position being parsed, outermost first. */
  open: Kind[];
  /** By delimiter, kinds open and end of input: the close reached from a position (-1: none). */
  closes: Map<string, Map<number, number>>;
}

const scans = new WeakMap<StateInline, Scan>();

function scanOf(state: StateInline): Scan {
  let s = scans.get(state);
  if (!s) scans.set(state, (s = { open: [], closes: new Map() }));
  return s;
}

/** kramdown's `_` after a letter, or a letter and a hyphen, is part of the word (`snake_case`, `a-_b`). */
function afterWord(src: string, pos: number): boolean {
  const prev = src[pos - 1];
  if (prev === undefined) return false;
  if (ALPHA.test(prev)) return true;
  return prev === '-' && pos >= 2 && ALPHA.test(src[pos - 2]);
}

/** Can `delim` at `p` close an element of `kind` (that has content before `p`)? */
function closesAt(src: string, p: number, delim: string, kind: Kind): boolean {
  if (!src.startsWith(delim, p) || SPACE.test(src[p - 1])) return false;
  const ch = delim[0];
  if (kind === 'em' && src.startsWith(ch + ch, p) && src[p + 2] !== ch) return false;
  return ch !== '_' || !ALNUM.test(src[p + delim.length] ?? '');
}

/** One span at state.pos skipped as markdown-it's skipToken does, without its cache (our results depend on nesting). */
export function skipSpan(state: StateInline): void {
  const pos = state.pos;
  const rules = state.md.inline.ruler.getRules('');
  if (state.level < state.md.options.maxNesting) {
    for (const rule of rules) {
      state.level++;
      const ok = rule(state, true);
      state.level--;
      if (ok) {
        if (state.pos <= pos) break;
        return;
      }
    }
  } else {
    state.pos = state.posMax;
    return;
  }
  state.pos = pos + 1;
}

/**
 * Where the element of `kind` with content from `start` closes, or -1. The spans skipped from a position
 * do not depend on where the element opened, so what a walk learns about each position it passes (the
 * close it reaches from there) is kept for every later opener in the same nesting: linear per nesting.
 */
function findClose(state: StateInline, start: number, delim: string, kind: Kind): number {
  const scan = scanOf(state);
  scan.open.push(kind);
  // Inside a link's label a `[` is text: what a walk skips depends on that too.
  const key = `${delim}|${scan.open.join(',')}|${state.posMax}|${state.linkLevel}`;
  let memo = scan.closes.get(key);
  if (!memo) scan.closes.set(key, (memo = new Map()));
  const src = state.src;
  const saved = state.pos;
  state.pos = start;
  skipSpan(state); // nothing closes before the element has content
  const path: number[] = [];
  let found = -1;
  while (state.pos < state.posMax) {
    const p = state.pos;
    const known = memo.get(p);
    if (known !== undefined) {
      found = known;
      break;
    }
    path.push(p);
    if (closesAt(src, p, delim, kind)) {
      found = p;
      break;
    }
    skipSpan(state);
  }
  for (const p of path) memo.set(p, found);
  scan.open.pop();
  state.pos = saved;
  return found;
}

/** The kinds of emphasis open around the position being parsed (what a span skipped from a position depends on). */
export function emphasisNesting(state: StateInline): string {
  return scans.get(state)?.open.join(',') ?? '';
}

function emphasis(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  const ch = src[pos];
  if (ch !== '*' && ch !== '_') return false;
  const opener = src[pos + 1] === ch ? ch + ch : ch;
  let kind: Kind = opener.length === 2 ? 'strong' : 'em';
  const scan = scanOf(state);
  const asText = (n: number) => {
    // Text that kramdown's scanner has moved past: a smart quote after it sees no character before it (typography.ts).
    // markdown-it joins `text_special` into the text around it only after the core rules (text_join).
    if (!silent) {
      const t = state.push('text_special', '', 0);
      t.content = t.markup = src.slice(pos, pos + n);
    }
    state.pos = pos + n;
    return true;
  };
  if ((ch === '_' && afterWord(src, pos)) || SPACE.test(src[pos + opener.length] ?? '') || scan.open.includes(kind)) return asText(opener.length);

  let delim = opener;
  let start = pos + opener.length;
  let close = findClose(state, start, delim, kind);
  if (close < 0 && kind === 'strong' && scan.open[scan.open.length - 1] !== 'em') {
    // kramdown: back to the first character, as an em.
    kind = 'em';
    delim = ch;
    start = pos + 1;
    close = findClose(state, start, delim, kind);
  }
  if (close < 0) return asText(opener.length);
  if (!silent) {
    const open = state.push(`${kind}_open`, kind, 1);
    open.markup = delim;
    const oldMax = state.posMax;
    state.pos = start;
    state.posMax = close;
    scan.open.push(kind);
    state.md.inline.tokenize(state);
    scan.open.pop();
    state.posMax = oldMax;
    const end = state.push(`${kind}_close`, kind, -1);
    end.markup = delim;
  }
  state.pos = close + delim.length;
  return true;
}

export function kramdownEmphasisPlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.at('emphasis', emphasis);
  md.inline.ruler2.disable('emphasis');
}
