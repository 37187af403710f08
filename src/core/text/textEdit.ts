// LSP-shaped positions and edits, so the VS Code host maps them one to one.
import { LineIndex } from './lineIndex';

/** 0-based line and UTF-16 character, as in VS Code. */
export interface Position { line: number; character: number }
export interface Range { start: Position; end: Position }
export interface TextEdit { range: Range; newText: string }

/** An edit by offsets; core works in offsets and converts at the edge. */
export interface OffsetEdit { start: number; end: number; newText: string }

export function toTextEdit(lines: LineIndex, e: OffsetEdit): TextEdit {
  return { range: { start: lines.positionAt(e.start), end: lines.positionAt(e.end) }, newText: e.newText };
}

/**
 * Applies edits given against the same original text. Overlapping edits are an error, because their
 * result would depend on order; callers pick non-overlapping sets (see safeEdits in frontmatter/fixes).
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const lines = new LineIndex(text);
  const byOffset = edits.map((e) => ({ start: lines.offsetAt(e.range.start), end: lines.offsetAt(e.range.end), newText: e.newText }));
  return applyOffsetEdits(text, byOffset);
}

export function applyOffsetEdits(text: string, edits: readonly OffsetEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    if (e.start < at) throw new Error(`overlapping edits at offset ${e.start}`);
    out += text.slice(at, e.start) + e.newText;
    at = e.end;
  }
  return out + text.slice(at);
}
