// kramdown's blockquotes (blockquote.rb): a line starting with `>` (up to 3 spaces in) opens a quote that runs
// on over every following line until kramdown's LAZY_END — a blank line, a block IAL, `^`, a block HTML tag at
// the line start, or the container's end. Any other line is part of the quote, whatever block it would start
// (`* item`, `===`, a fence): kramdown strips `> ` (or `>`) from the lines that have it and parses the rest as
// blocks of their own. markdown-it's CommonMark rule continues only a paragraph lazily.
import type MarkdownIt from 'markdown-it';
import { EOB_LINE, IAL_START, lineText } from './boundary';
import { BLOCK_TAG_LINE } from './codeBlocks';
import { parseItemBlocks, relativeLine } from './lists';

type StateBlock = MarkdownIt.StateBlock;

const BLOCKQUOTE_START = /^ {0,3}> ?/;

/** kramdown's LAZY_END at `line`: what ends a quote (and a paragraph's lazy lines). */
function lazyEnd(state: StateBlock, line: number, endLine: number): boolean {
  if (line >= endLine || state.isEmpty(line) || state.sCount[line] < state.blkIndent) return true;
  const text = lineText(state, line);
  return EOB_LINE.test(relativeLine(state, line)) || (state.sCount[line] - state.blkIndent <= 3 && (IAL_START.test(text) || BLOCK_TAG_LINE.test(text)));
}

function blockquote(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4 || !BLOCKQUOTE_START.test(relativeLine(state, startLine))) return false;
  if (silent) return true;
  let line = startLine + 1;
  while (!lazyEnd(state, line, endLine)) line++;
  const lines: string[] = [];
  for (let l = startLine; l < line; l++) lines.push(relativeLine(state, l).replace(BLOCKQUOTE_START, ''));
  const open = state.push('blockquote_open', 'blockquote', 1);
  open.markup = '>';
  open.map = [startLine, line];
  parseItemBlocks(state, { line: startLine, blankBefore: false, chunks: [{ line: startLine, lines }] });
  state.push('blockquote_close', 'blockquote', -1).markup = '>';
  state.line = line;
  return true;
}

export function kramdownBlockquotesPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.at('blockquote', blockquote, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}
