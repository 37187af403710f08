// Sorted lists of positions in a paragraph, which the span rules build once and search per delimiter so
// that hostile runs of delimiters stay linear (strikethrough.ts, links.ts).

/** The first entry of an ascending list at or after `from`, or -1. */
export function firstFrom(list: readonly number[], from: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < from) lo = mid + 1;
    else hi = mid;
  }
  return lo < list.length ? list[lo] : -1;
}
