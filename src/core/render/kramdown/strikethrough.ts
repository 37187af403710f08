// Strikethrough as kramdown's GFM parser reads it (parser/gfm.rb: STRIKETHROUGH_MATCH
// `~~(?!\s|~).*?[^\s~]~~`), in place of CommonMark's delimiter runs:
// - `~~` opens when neither a space nor `~` follows it; the element ends at the first `~~` after it that
//   has neither a space nor `~` right before it (line breaks included), whatever lies between;
// - the text between is parsed on its own (`~~a *b~~ c*` is `<del>a *b</del> c*`); so `~~` inside it
//   never nests;
// - a `~~` that does not open is one `~` of text, and the next character is tried again.
// The closers of a paragraph are listed once and found by binary search: linear on runs of tildes.
import type MarkdownIt from 'markdown-it';
import { firstFrom } from './positions';

type StateInline = MarkdownIt.StateInline;

const SPACE_OR_TILDE = /[ \t\n\r\f\v~]/;
const closersOf = new WeakMap<StateInline, number[]>();

/** Every position of `src` where a `~~` can close (ascending). */
function closers(state: StateInline): number[] {
  let list = closersOf.get(state);
  if (!list) {
    list = [];
    const src = state.src;
    for (let j = src.indexOf('~~', 1); j >= 0; j = src.indexOf('~~', j + 1)) {
      if (!SPACE_OR_TILDE.test(src[j - 1])) list.push(j);
    }
    closersOf.set(state, list);
  }
  return list;
}

function strikethrough(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src[pos] !== '~') return false;
  const opens = src[pos + 1] === '~' && pos + 2 < state.posMax && !SPACE_OR_TILDE.test(src[pos + 2]);
  const close = opens ? firstFrom(closers(state), pos + 3) : -1;
  if (close < 0 || close + 2 > state.posMax) {
    if (!silent) state.pending += '~';
    state.pos = pos + 1;
    return true;
  }
  if (!silent) {
    const open = state.push('s_open', 's', 1);
    open.markup = '~~';
    const oldMax = state.posMax;
    state.pos = pos + 2;
    state.posMax = close;
    state.md.inline.tokenize(state);
    state.posMax = oldMax;
    const end = state.push('s_close', 's', -1);
    end.markup = '~~';
  }
  state.pos = close + 2;
  return true;
}

export function kramdownStrikethroughPlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.at('strikethrough', strikethrough);
  md.inline.ruler2.disable('strikethrough');
}
