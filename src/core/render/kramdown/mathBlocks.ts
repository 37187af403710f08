// kramdown's block math (math.rb): `$$` up to 3 spaces in, right after a block boundary, up to the next `$$`
// — across lines and blank lines — which must end its line (or be followed on it by an IAL or `^`) and be followed by a block boundary; otherwise
// the `$$` are span math in a paragraph. `\$$` is text. With `math_engine: null` the block stays (markdown.ts writes its TeX as text).
import type MarkdownIt from 'markdown-it';
import { parseAttributeList } from './attributeList';
import { applyIal } from './blocks';
import { afterBlockBoundary, beforeBlockBoundary, unclosedSearch } from './boundary';
import { envOf } from './env';

/** What may follow the closing `$$` on its line (kramdown's scanner sees the rest of the line as a line): an IAL or `^`. */
const IAL_AFTER = /^ {0,3}\{:(?!:|\/)((?:\\\}|[^}])+)\}\s*$/;
const EOB_AFTER = /^\^\s*$/;

function mathBlock(state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  if (state.src.startsWith('\\$$', start)) {
    if (!silent && afterBlockBoundary(state, startLine)) dropEscape(state, startLine, start, endLine);
    return false;
  }
  if (!state.src.startsWith('$$', start) || !afterBlockBoundary(state, startLine)) return false;
  if (unclosedSearch.known(state, '$$', startLine + 1, endLine)) {
    const rest = state.src.slice(start + 2, state.eMarks[startLine]);
    if (!rest.includes('$$')) return false;
  }
  let line = startLine;
  let closeAt = -1;
  for (let from = start + 2; line < endLine; line++) {
    if (line > startLine && !state.isEmpty(line) && state.sCount[line] < state.blkIndent) return false;
    const idx = state.src.indexOf('$$', line === startLine ? from : state.bMarks[line] + state.tShift[line]);
    if (idx >= 0 && idx < state.eMarks[line]) { closeAt = idx; break; }
    from = state.eMarks[line];
  }
  if (closeAt < 0) {
    unclosedSearch.remember(state, '$$', startLine + 1, endLine);
    return false;
  }
  // kramdown checks for the boundary right after the closing `$$`, so an IAL or `^` may follow on its line.
  const tail = state.src.slice(closeAt + 2, state.eMarks[line]);
  const tailIal = IAL_AFTER.exec(tail);
  const tailEob = EOB_AFTER.test(tail);
  if (tail.trim() !== '' && !tailIal && !tailEob) return false;
  if (tail.trim() === '' && !beforeBlockBoundary(state, line + 1, endLine)) return false;
  if (silent) return true;
  const token = state.push('math_block', 'div', 0);
  // Lines of a container (a quote, a list item) lose the container's markers.
  const body = line === startLine ? state.src.slice(start + 2, closeAt) : state.getLines(startLine, line + 1, state.blkIndent, false);
  token.content = line === startLine ? body.trim() : body.slice(body.indexOf('$$') + 2, body.lastIndexOf('$$')).trim();
  token.map = [startLine, line + 1];
  token.block = true;
  const env = envOf(state);
  if (tailIal) {
    applyIal(token, parseAttributeList(tailIal[1]));
    env.lastIal = { line: line + 1, token };
  }
  if (tailEob) env.lastBlockBreak = line + 1;
  state.line = line + 1;
  return true;
}

/**
 * kramdown's `\$$…$$` where a math block could start: when its closing `$$` ends a line, kramdown's block math
 * parser consumes the backslash and gives up, so the paragraph that follows starts at `$$` — span math.
 * (Elsewhere `\$` is an escaped dollar and `\$$…$$` stays text.) The line then starts after the backslash.
 */
function dropEscape(state: MarkdownIt.StateBlock, startLine: number, start: number, endLine: number): void {
  const close = state.src.indexOf('$$', start + 3);
  const limit = endLine < state.lineMax ? state.bMarks[endLine] : state.src.length;
  if (close < 0 || close >= limit) return;
  const eol = state.src.indexOf('\n', close + 2);
  if (eol < 0 || state.src.slice(close + 2, eol).trim() !== '') return;
  state.bMarks[startLine] = start + 1;
  state.tShift[startLine] = 0;
}

export function kramdownMathBlocksPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.before('kramdown_extensions', 'kramdown_math_block', mathBlock, { alt: ['reference', 'blockquote', 'list'] });
}
