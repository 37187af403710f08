// kramdown's block boundaries (block_boundary.rb): several block rules (tables, setext headers, math blocks)
// apply only right after one — the start of the container, a blank line, an end-of-block marker `^` or an IAL
// line — and some only when one follows them (a blank line, `^`, an IAL line or the end of the container).
import type MarkdownIt from 'markdown-it';
import { envOf } from './env';

type StateBlock = MarkdownIt.StateBlock;

/** A line's text from its first non-blank character to its end. */
export function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

export const EOB_LINE = /^\^\s*$/;
export const IAL_START = /^\{:(?!:|\/)(?:\\\}|[^}])+\}\s*$/;

/** kramdown's after_block_boundary?: first block of its container, or after a blank line, `^` or a block IAL that waits for the next block. */
export function afterBlockBoundary(state: StateBlock, line: number): boolean {
  if (line <= 0 || envOf(state).lastBlockBreak === line || state.isEmpty(line - 1)) return true;
  const prev = lineText(state, line - 1);
  // An IAL that went to the block above it is no boundary (kramdown's `eob` of value :ial); one left for the next block is.
  if (IAL_START.test(prev)) return envOf(state).lastIal?.line !== line;
  if (EOB_LINE.test(prev)) return true;
  // The line above is text of this container: the end of a block, or of a definition that writes nothing (a footnote,
  // link or abbreviation definition; kramdown's `eob` of a definition is no boundary either).
  return false;
}

/** kramdown's before_block_boundary?: `line` is blank, `^`, a block IAL, or past the container's end. */
export function beforeBlockBoundary(state: StateBlock, line: number, endLine: number): boolean {
  if (line >= endLine || state.isEmpty(line) || state.sCount[line] < state.blkIndent) return true;
  const text = lineText(state, line);
  return EOB_LINE.test(text) || IAL_START.test(text);
}

const searched = new WeakMap<StateBlock, Map<string, number>>();

/**
 * Rules that look ahead for a closing line (fences, `$$`) remember where such a search ran to the container's end
 * without finding one: a later search for the same thing from further down cannot find one either. This keeps a post
 * full of unclosed fences linear instead of quadratic.
 */
export const unclosedSearch = {
  known(state: StateBlock, what: string, from: number, endLine: number): boolean {
    const at = searched.get(state)?.get(`${what}|${state.blkIndent}|${endLine}`);
    return at !== undefined && from >= at;
  },
  remember(state: StateBlock, what: string, from: number, endLine: number): void {
    let memo = searched.get(state);
    if (!memo) searched.set(state, (memo = new Map()));
    const key = `${what}|${state.blkIndent}|${endLine}`;
    memo.set(key, Math.min(from, memo.get(key) ?? from));
  },
};
