// Where the post's body sits in the page its layouts wrote, so the page around it can be kept. The body
// of a long math post is megabytes of KaTeX markup: `indexOf` with a pattern that long took about a
// second for a 1 MB post (14 MB of HTML), so candidates are found by a short probe and checked in full.

/** Patterns up to this length are searched for as they are (the engine's search is fast for them). */
const SHORT = 4096;
/** Length of the probe that finds candidate positions of a long pattern. */
const PROBE = 256;
/** Candidates checked in full before giving up on the probe (a periodic body) and searching as before. */
const MAX_CHECKS = 64;

/**
 * The first position of `needle` in `hay` (-1 when absent) and whether it occurs there only: the answer
 * of `hay.indexOf(needle)` and `hay.indexOf(needle, at + 1) < 0`, in time linear in the strings.
 */
export function uniqueOccurrence(hay: string, needle: string): { at: number; unique: boolean } {
  const m = needle.length;
  if (m <= SHORT) return plain(hay, needle);
  const last = hay.length - m;
  const probe = needle.slice(0, PROBE);
  let first = -1;
  let checks = 0;
  for (let i = hay.indexOf(probe); i >= 0 && i <= last; i = hay.indexOf(probe, i + 1)) {
    if (++checks > MAX_CHECKS) return plain(hay, needle);
    if (!hay.startsWith(needle, i)) continue;
    if (first >= 0) return { at: first, unique: false };
    first = i;
  }
  return { at: first, unique: first >= 0 };
}

function plain(hay: string, needle: string): { at: number; unique: boolean } {
  const at = hay.indexOf(needle);
  return { at, unique: at >= 0 && hay.indexOf(needle, at + 1) < 0 };
}
