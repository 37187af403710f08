// kramdown's indented code blocks (codeblock.rb): lines indented 4 spaces (or a tab), blank lines between
// them, and lazy lines — any non-blank line right after, unless it is `^`, a block IAL or a block HTML tag —
// which kramdown joins to the line before with a space.
import type MarkdownIt from 'markdown-it';
import { EOB_LINE, IAL_START, lineText } from './boundary';

type StateBlock = MarkdownIt.StateBlock;

const SPAN_ELEMENTS = 'a|abbr|acronym|b|big|bdo|br|button|cite|code|del|dfn|em|i|img|input|ins|kbd|label|mark|option|q|rb|rbc|rp|rt|rtc|ruby|samp|select|small|span|strong|sub|sup|textarea|tt|var|script';
/** kramdown's LAZY_END_HTML_START / _STOP: a tag of a block element opens or closes at the line start. */
export const BLOCK_TAG_LINE = new RegExp(`^</?(?!(?:${SPAN_ELEMENTS})\\b)[A-Za-z][\\w:.-]*`);

function codeBlock(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const indented = (l: number) => !state.isEmpty(l) && state.sCount[l] - state.blkIndent >= 4;
  if (!indented(startLine)) return false;
  if (silent) return true;
  let line = startLine;
  let end = startLine;
  while (line < endLine) {
    let l = line;
    while (l < endLine && state.isEmpty(l)) l++;
    if (l >= endLine || !indented(l)) break;
    while (l < endLine && indented(l)) l++;
    while (l < endLine && !state.isEmpty(l) && state.sCount[l] >= state.blkIndent && state.sCount[l] - state.blkIndent < 4) {
      const text = lineText(state, l);
      if (EOB_LINE.test(text) || IAL_START.test(text) || BLOCK_TAG_LINE.test(text)) break;
      l++;
    }
    line = end = l;
  }
  const raw = state.getLines(startLine, end, state.blkIndent, true);
  const token = state.push('code_block', 'code', 0);
  token.content = raw.replace(/\n( {0,3}\S)/g, ' $1').replace(/^(?:\t| {4})/gm, '');
  token.map = [startLine, end];
  state.line = end;
  return true;
}

export function kramdownCodeBlocksPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.at('code', codeBlock);
}
