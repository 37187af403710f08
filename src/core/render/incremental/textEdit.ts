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
  // Whole chunks compared as strings (memcmp in the engine), then characters: a keystroke in 100 KB costs microseconds.
  let start = 0;
  while (start + CHUNK <= max && before.substr(start, CHUNK) === after.substr(start, CHUNK)) start += CHUNK;
  while (start < max && before.charCodeAt(start) === after.charCodeAt(start)) start++;
  let tail = 0;
  const room = max - start;
  while (tail + CHUNK <= room && before.substr(before.length - tail - CHUNK, CHUNK) === after.substr(after.length - tail - CHUNK, CHUNK)) tail += CHUNK;
  while (tail < room && before.charCodeAt(before.length - 1 - tail) === after.charCodeAt(after.length - 1 - tail)) tail++;
  return { start, oldEnd: before.length - tail, newEnd: after.length - tail };
}

const CHUNK = 256;

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
