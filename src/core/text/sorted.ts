// Sorting lists that are nearly always in order already (links found line by line, problems by
// position): Array.prototype.sort copies the list even then, and these run for every post.

/** `xs` sorted by `cmp` (in place, stable), without sorting when it is in order already: the same result. */
export function sortedBy<T>(xs: T[], cmp: (a: T, b: T) => number): T[] {
  for (let i = 1; i < xs.length; i++) if (cmp(xs[i - 1], xs[i]) > 0) return xs.sort(cmp);
  return xs;
}

/** Items with a `start` offset, in text order. */
export function sortedByStart<T extends { start: number }>(xs: T[]): T[] {
  return sortedBy(xs, byStart);
}

const byStart = (a: { start: number }, b: { start: number }) => a.start - b.start;
