// kramdown's `remove_line_breaks_for_cjk` (converter/html.rb convert_text, utils/html.rb
// fix_cjk_line_break): a line break inside a text with Han, Hiragana or Katakana right before and right
// after it is dropped, so Chinese and Japanese lines wrapped in the source join without a space. The
// characters are read in the source: a space before the break, or a span (`*一*`, an entity, a tag)
// on either side, keeps it, as kramdown's text elements do; with hard_wrap the GFM parser has made every
// line break a <br /> before the converter looks, so nothing joins.
import type MarkdownIt from 'markdown-it';
import { envOf } from './env';

type StateInline = MarkdownIt.StateInline;

const CJK = /^[\p{sc=Han}\p{sc=Hiragana}\p{sc=Katakana}]$/u;

/** The character (code point) that ends at `end`. */
function charBefore(src: string, end: number): string {
  const low = src.charCodeAt(end - 1);
  return low >= 0xdc00 && low <= 0xdfff && end >= 2 ? src.slice(end - 2, end) : src.slice(end - 1, end);
}

function cjkLineBreak(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x0a || pos === 0 || state.md.options.breaks || !envOf(state).options?.removeLineBreaksForCjk) return false;
  const next = String.fromCodePoint(src.codePointAt(pos + 1) ?? 0x20);
  if (!CJK.test(charBefore(src, pos)) || !CJK.test(next)) return false;
  if (!silent && state.pending === '') return false; // the character before belongs to a span: kramdown keeps the break
  state.pos = pos + 1;
  return true;
}

export function kramdownCjkLineBreaksPlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.before('newline', 'kramdown_cjk_line_breaks', cjkLineBreak);
}
