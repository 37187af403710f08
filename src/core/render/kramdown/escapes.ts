// Backslashes as kramdown's GFM parser reads them (parser/kramdown/escaped_chars.rb, line_break.rb and
// parser/gfm.rb), in place of CommonMark's escapes:
// - only `\ . * _ + ` < > ( ) [ ] { } # ! : | " ' $ = - ~` can be escaped; before any other character
//   the backslash stays text (`\&` is `\&amp;`, `\/` is `\/`);
// - two backslashes right before a line break make a `<br />` (kramdown's line_break span; without
//   hard_wrap), where CommonMark writes one backslash;
// - one backslash before a line break is a `<br />` too (GFM: a text's `\` + newline), and with
//   hard_wrap the backslash stays and the line break makes the `<br />`.
import type MarkdownIt from 'markdown-it';

type StateInline = MarkdownIt.StateInline;

const ESCAPABLE = new Set('\\.*_+`<>()[]{}#!:|"\'$=-~');

/** The line break at `pos` (a newline), and the spaces that start the next line, as markdown-it skips them. */
function lineBreak(state: StateInline, pos: number, silent: boolean): true {
  if (!silent) state.push('hardbreak', 'br', 0);
  pos++;
  while (pos < state.posMax && (state.src[pos] === ' ' || state.src[pos] === '\t')) pos++;
  state.pos = pos;
  return true;
}

function escape(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src[pos] !== '\\' || pos + 1 >= state.posMax) return false;
  const next = src[pos + 1];
  const hardWrap = state.md.options.breaks;
  if (next === '\n') {
    if (!hardWrap) return lineBreak(state, pos + 1, silent);
    if (!silent) state.pending += '\\';
    state.pos = pos + 1;
    return true;
  }
  if (!ESCAPABLE.has(next)) return false;
  if (next === '\\' && !hardWrap && src[pos + 2] === '\n' && pos + 2 < state.posMax) return lineBreak(state, pos + 2, silent);
  if (!silent) {
    const token = state.push('text_special', '', 0);
    token.content = next;
    token.markup = '\\' + next;
    token.info = 'escape';
  }
  state.pos = pos + 2;
  return true;
}

export function kramdownEscapesPlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.at('escape', escape);
}
