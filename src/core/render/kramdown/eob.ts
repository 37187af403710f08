// kramdown's end-of-block marker: a line holding only `^` ends the block before it (a paragraph, list or
// quote that would otherwise go on) and writes nothing; an IAL under it belongs to the next block.
import type MarkdownIt from 'markdown-it';
import { EOB_LINE, lineText } from './boundary';
import { envOf } from './env';

function eobMarker(state: MarkdownIt.StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] !== state.blkIndent || !EOB_LINE.test(lineText(state, startLine))) return false;
  if (silent) return true;
  state.line = startLine + 1;
  envOf(state).lastBlockBreak = startLine + 1;
  return true;
}

export function kramdownEobPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.before('paragraph', 'kramdown_eob', eobMarker, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}
