// Code spans as kramdown parses them (parser/kramdown/codespan.rb), in place of CommonMark's:
// - the span ends at the next occurrence of its backtick string, even inside a longer run
//   (`` `a`` `` is `<code>a</code>` and a backtick);
// - a single backtick with a space (or the start) before it and a space after it is text;
// - with two or more backticks one space is taken off each end; with one, nothing is;
// - the content stays as written (line breaks included); no closer: the backticks are text.
import type MarkdownIt from 'markdown-it';

type StateInline = MarkdownIt.StateInline;

function codeSpan(state: StateInline, silent: boolean): boolean {
  const src = state.src;
  const pos = state.pos;
  if (src.charCodeAt(pos) !== 0x60 /* ` */) return false;
  let end = pos;
  while (end < state.posMax && src.charCodeAt(end) === 0x60) end++;
  const delim = src.slice(pos, end);
  const simple = delim.length === 1;
  const asText = () => {
    if (!silent) state.pending += delim;
    state.pos = end;
    return true;
  };
  if (simple && (pos === 0 || /\s/.test(src[pos - 1])) && /\s/.test(src[end] ?? '')) return asText();
  const close = src.indexOf(delim, end);
  if (close < 0 || close + delim.length > state.posMax) return asText();
  if (!silent) {
    let text = src.slice(end, close);
    if (!simple) text = text.replace(/^ /, '').replace(/ $/, '');
    const t = state.push('code_inline', 'code', 0);
    t.markup = delim;
    t.content = text;
  }
  state.pos = close + delim.length;
  return true;
}

export function kramdownCodeSpansPlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.at('backticks', codeSpan);
}
