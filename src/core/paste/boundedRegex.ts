// The `${name/regex/replacement/}` transforms of paste destinations come from settings a cloned repo can
// set (.vscode/settings.json). JavaScript's RegExp backtracks: `(a+)+$` on a long name runs for minutes
// and freezes the extension host. A transform runs only when its work is bounded by construction:
// - no nested quantifiers (a `*`, `+`, `{n,}` or `{n,m}` on a group that holds a quantifier or `|`),
// - no backreferences (they make matching exponential),
// - at most MAX_UNBOUNDED unbounded quantifiers in all, so the worst case is a low power of the input,
// - inputs of at most MAX_TRANSFORM_INPUT characters (a file name's length).
import { t } from '../text/l10n';

export const MAX_TRANSFORM_INPUT = 255;
const MAX_UNBOUNDED = 3;
const MAX_SOURCE = 200;

interface Group { quantified: boolean; alternation: boolean }

/** Why the regex source may backtrack without bound, or undefined when it is safe to run. */
export function unboundedRegexReason(source: string): string | undefined {
  if (source.length > MAX_SOURCE) return t('it is longer than {0} characters', MAX_SOURCE);
  const stack: Group[] = [{ quantified: false, alternation: false }];
  let unbounded = 0;
  let inClass = false;
  // What the last atom was: a group just closed (with what it held), or a plain atom.
  let lastGroup: Group | undefined;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') {
      const next = source[i + 1] ?? '';
      if (!inClass && (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<'))) return t('it uses a backreference');
      i++;
      lastGroup = undefined;
      continue;
    }
    if (inClass) { if (c === ']') inClass = false; continue; }
    if (c === '[') { inClass = true; lastGroup = undefined; continue; }
    if (c === '(') {
      stack.push({ quantified: false, alternation: false });
      // `(?:`, `(?=`, `(?!`, `(?<=`, `(?<!`, `(?<name>`: skip the group's prefix.
      if (source[i + 1] === '?') {
        const m = /^\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i + 1));
        if (m) i += m[0].length;
      }
      lastGroup = undefined;
      continue;
    }
    if (c === ')') {
      const g = stack.length > 1 ? stack.pop()! : { quantified: false, alternation: false };
      lastGroup = g;
      const parent = stack[stack.length - 1];
      parent.quantified ||= g.quantified;
      continue;
    }
    if (c === '|') { stack[stack.length - 1].alternation = true; lastGroup = undefined; continue; }
    const q = quantifierAt(source, i);
    if (q) {
      if (q.unbounded) unbounded++;
      if (q.repeats && lastGroup && (lastGroup.quantified || lastGroup.alternation)) return t('it repeats a group that itself repeats or has alternatives (a nested quantifier)');
      if (q.repeats) stack[stack.length - 1].quantified = true;
      i += q.length - 1;
      if (source[i + 1] === '?') i++; // lazy
      lastGroup = undefined;
      continue;
    }
    lastGroup = undefined;
  }
  if (unbounded > MAX_UNBOUNDED) return t('it has more than {0} unbounded repetitions (*, + or {n,})', MAX_UNBOUNDED);
  return undefined;
}

/** `*`, `+`, `?`, `{n}`, `{n,}`, `{n,m}` at `i`: its length, whether it repeats (more than once) and is unbounded. */
function quantifierAt(s: string, i: number): { length: number; repeats: boolean; unbounded: boolean } | undefined {
  const c = s[i];
  if (c === '*' || c === '+') return { length: 1, repeats: true, unbounded: true };
  if (c === '?') return { length: 1, repeats: false, unbounded: false };
  if (c !== '{') return undefined;
  const m = /^\{(\d+)(,(\d*))?\}/.exec(s.slice(i));
  if (!m) return undefined;
  const max = m[2] === undefined ? Number(m[1]) : m[3] === '' ? Infinity : Number(m[3]);
  // A large fixed bound costs like an unbounded one.
  return { length: m[0].length, repeats: max > 1, unbounded: max > 16 };
}
