// Applying safe fixes: one pass of non-overlapping edits (the host's source.fixAll), or repeated
// passes until nothing safe is left (`techblog check --fix`).
import { applyEdits, type TextEdit } from '../text/textEdit';
import { checkDocument, type CheckInput } from './check';
import type { Problem } from './types';

const before = (a: TextEdit['range']['start'], b: TextEdit['range']['start']) => a.line < b.line || (a.line === b.line && a.character < b.character);
const same = (a: TextEdit['range']['start'], b: TextEdit['range']['start']) => a.line === b.line && a.character === b.character;

function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (same(a.range.start, b.range.start)) return true;
  return before(a.range.start, b.range.end) && before(b.range.start, a.range.end);
}

/** The edits of every safe fix whose edits do not overlap an earlier chosen one; and which problems they fix. */
export function safeEdits(problems: readonly Problem[]): { edits: TextEdit[]; fixed: Problem[] } {
  const edits: TextEdit[] = [];
  const fixed: Problem[] = [];
  for (const p of problems) {
    const fix = p.fixes.find((f) => f.safe && f.edits.length && !f.renameTo);
    if (!fix) continue;
    if (fix.edits.some((e) => edits.some((x) => overlaps(e, x)))) continue;
    edits.push(...fix.edits);
    fixed.push(p);
  }
  return { edits, fixed };
}

/** Applies safe fixes until none is left (at most `maxPasses`); returns the new text and what was fixed. */
export function fixAllSafe(input: CheckInput, maxPasses = 10): { text: string; fixed: Problem[]; problems: Problem[] } {
  let text = input.text;
  const fixed: Problem[] = [];
  let problems = checkDocument(input);
  for (let i = 0; i < maxPasses; i++) {
    const { edits, fixed: now } = safeEdits(problems);
    if (!edits.length) break;
    text = applyEdits(text, edits);
    fixed.push(...now);
    problems = checkDocument({ ...input, text, parsed: undefined });
  }
  return { text, fixed, problems };
}
