// The one edit between two texts: the common prefix and suffix set aside, what was replaced by what.
// A keystroke (or a paste, or an undo) is one such edit; several far apart become one spanning them.

export interface TextEdit {
  /** Where the texts start to differ. */
  start: number;
  /** End of the replaced part in the old text. */
  oldEnd: number;
  /** End of the replacing part in the new text. */
  newEnd: number;
}

export function textEdit(before: string, after: string): TextEdit | undefined {
  if (before === after) return undefined;
  const max = Math.min(before.length, after.length);
  // Chunks compared as strings (memcmp in the engine), doubling while they match and halving when one
  // does not, then characters: a keystroke in 100 KB compares the text once in a few dozen calls.
  let start = 0;
  for (let size = CHUNK; size >= CHUNK; ) {
    if (start + size <= max && before.substr(start, size) === after.substr(start, size)) { start += size; size *= 2; } else size >>= 1;
  }
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  const room = max - start;
  for (let size = CHUNK; size >= CHUNK; ) {
    if (tail + size <= room && before.substr(before.length - tail - size, size) === after.substr(after.length - tail - size, size)) { tail += size; size *= 2; } else size >>= 1;
  }
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

const CHUNK = 64;

/** An edit with the text it writes: `text` replaces [start, oldEnd) of the old text. */
export interface Splice {
  start: number;
  oldEnd: number;
  text: string;
}

/** The splice that turns `before` into `after` (none when they are equal). */
export function spliceOf(before: string, after: string): Splice | undefined {
  const e = textEdit(before, after);
  return e && { start: e.start, oldEnd: e.oldEnd, text: after.slice(e.start, e.newEnd) };
}

/**
 * The line starts of a text after a splice, from the line starts before it (`lineStarts`), without a
 * pass over the text: starts up to the splice stay, those in the replaced part go, the written text's
 * come in, and the rest move by the change in length.
 */
export function splicedLineStarts(starts: readonly number[], s: Splice): number[] {
  const delta = s.text.length - (s.oldEnd - s.start);
  const keep = lineAt(starts, s.start) + 1;
  const out = starts.slice(0, keep);
  for (let i = s.text.indexOf('\n'); i >= 0; i = s.text.indexOf('\n', i + 1)) out.push(s.start + i + 1);
  let k = keep;
  while (k < starts.length && starts[k] <= s.oldEnd) k++;
  for (; k < starts.length; k++) out.push(starts[k] + delta);
  return out;
}

/** Offsets of the start of every line (0 first). */
export function lineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** The 0-based line of an offset, by binary search in `lineStarts`. */
export function lineAt(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (starts[mid] <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** A text that may say how it differs from an earlier one, named by that one's `version`. */
export interface EditedText {
  readonly text: string;
  readonly version: number;
  readonly splice?: Splice & { from: number };
}
