// kramdown-parser-gfm's fenced code: ``` or ~~~ (3+, up to 3 spaces in), one info word (`ruby`, `ruby?x`) and
// nothing else on the line, up to the first line holding the same fence (or a longer one). Without that closing
// line it is no code block: the fence stays text in its paragraph and the rest of the post reads on.
import type MarkdownIt from 'markdown-it';
import { lineText, unclosedSearch } from './boundary';

const OPEN = /^([~`]{3,})[ \t]*(\S+?(?:\?\S*)?)?[ \t]*$/;

function fence(state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const m = OPEN.exec(lineText(state, startLine));
  if (!m) return false;
  const [, marker, info] = m;
  const close = new RegExp(`^${marker.replace(/[`~]/g, (c) => `\\${c}`)}${marker[marker.length - 1] === '`' ? '`' : '~'}*[ \\t]*$`);
  if (unclosedSearch.known(state, marker, startLine + 1, endLine)) return false;
  let line = startLine + 1;
  for (; line < endLine; line++) {
    if (state.isEmpty(line)) continue;
    if (state.sCount[line] < state.blkIndent) return false;
    if (state.sCount[line] - state.blkIndent < 4 && close.test(lineText(state, line))) break;
  }
  if (line >= endLine) {
    unclosedSearch.remember(state, marker, startLine + 1, endLine);
    return false;
  }
  if (silent) return true;
  const token = state.push('fence', 'code', 0);
  token.info = info ?? '';
  token.content = state.getLines(startLine + 1, line, state.blkIndent, true);
  token.markup = marker;
  token.map = [startLine, line + 1];
  state.line = line + 1;
  return true;
}

export function kramdownFencesPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.at('fence', fence, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
}
