// Offset <-> {line, character} conversion. Characters are UTF-16 code units, like VS Code and LSP.
// Line starts are found lazily, so a 10 MB post whose problems sit in the first lines costs little.
import type { Position } from './textEdit';

export class LineIndex {
  private readonly starts: number[] = [0];
  private scanned = 0; // text before this offset has had its line starts recorded

  constructor(readonly text: string) {}

  private scanTo(offset: number): void {
    const { text, starts } = this;
    let i = this.scanned;
    const end = Math.min(offset, text.length);
    while (i < end) {
      const nl = text.indexOf('\n', i);
      if (nl < 0 || nl >= end) { i = end; break; }
      starts.push(nl + 1);
      i = nl + 1;
    }
    if (i > this.scanned) this.scanned = i;
  }

  positionAt(offset: number): Position {
    const o = Math.max(0, Math.min(offset, this.text.length));
    this.scanTo(o);
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid] <= o) lo = mid; else hi = mid - 1;
    }
    return { line: lo, character: o - starts[lo] };
  }

  offsetAt(pos: Position): number {
    const { starts, text } = this;
    while (starts.length <= pos.line && this.scanned < text.length) this.scanTo(this.nextScanTarget());
    if (pos.line < 0) return 0;
    if (pos.line >= starts.length) return text.length;
    const lineStart = starts[pos.line];
    const lineEnd = pos.line + 1 < starts.length ? starts[pos.line + 1] : this.endOfLine(lineStart);
    return Math.max(lineStart, Math.min(lineStart + pos.character, lineEnd));
  }

  /** Offset of the start of the line holding `offset`. */
  lineStartOf(offset: number): number {
    const p = this.positionAt(offset);
    return offset - p.character;
  }

  private endOfLine(start: number): number {
    const nl = this.text.indexOf('\n', start);
    return nl < 0 ? this.text.length : nl + 1;
  }

  private nextScanTarget(): number {
    const nl = this.text.indexOf('\n', this.scanned);
    return nl < 0 ? this.text.length : nl + 1;
  }
}

/** End of the line holding `offset`, past its line break (so deleting [lineStart, this) removes whole lines). */
export function endOfLineIncludingBreak(text: string, offset: number): number {
  const nl = text.indexOf('\n', offset);
  return nl < 0 ? text.length : nl + 1;
}

/** Start of the line holding `offset`. */
export function startOfLine(text: string, offset: number): number {
  return text.lastIndexOf('\n', offset - 1) + 1;
}
