// POSIX path functions for `uri.path`-style strings, without Node: the same code runs in the Node bundles and in
// the web extension (a browser worker, where `node:path/posix` does not exist). Behaves like Node's
// `path.posix` (checked against it, input by input, in test/unit/text/posixPath.test.ts); `resolve` has no
// current directory to fall back on, so a relative result is resolved against "/"; `basename` of slashes only
// is "" with a suffix argument too (Node gives the slashes back).

export const sep = '/';

const DOT_SEGMENT = /(^|\/)\.\.?(\/|$)/;

/** Resolves `.` and `..` segments; `allowAboveRoot` keeps leading `..` of a relative path. */
function normalizeSegments(p: string, allowAboveRoot: boolean): string {
  // Most paths have no `.`, `..` or empty segment to drop: only a leading and a trailing slash go.
  if (!p.includes('//') && !DOT_SEGMENT.test(p)) return p.slice(p.startsWith('/') ? 1 : 0, p.length > 1 && p.endsWith('/') ? -1 : p.length);
  const out: string[] = [];
  for (const seg of p.split('/')) {
    if (seg === '' || seg === '.') continue;
    if (seg === '..') {
      if (out.length && out[out.length - 1] !== '..') out.pop();
      else if (allowAboveRoot) out.push('..');
    } else out.push(seg);
  }
  return out.join('/');
}

export function isAbsolute(p: string): boolean {
  return p.startsWith('/');
}

export function normalize(p: string): string {
  if (p === '') return '.';
  const absolute = isAbsolute(p);
  const trailing = p.endsWith('/');
  let body = normalizeSegments(p, !absolute);
  if (body === '' && !absolute) body = '.';
  if (body !== '' && trailing) body += '/';
  return absolute ? '/' + body : body;
}

export function join(...parts: string[]): string {
  const joined = parts.filter((x) => x !== '').join('/');
  return joined === '' ? '.' : normalize(joined);
}

export function resolve(...parts: string[]): string {
  let resolved = '';
  for (let i = parts.length - 1; i >= 0 && !isAbsolute(resolved); i--) {
    if (parts[i] === '') continue;
    resolved = resolved === '' ? parts[i] : `${parts[i]}/${resolved}`;
  }
  return '/' + normalizeSegments(resolved, false);
}

export function relative(from: string, to: string): string {
  if (from === to) return '';
  const a = resolve(from).split('/').filter(Boolean);
  const b = resolve(to).split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

/** Strips trailing slashes (not the root's). */
function trimTrailing(p: string): string {
  let end = p.length;
  while (end > 1 && p[end - 1] === '/') end--;
  return p.slice(0, end);
}

export function dirname(p: string): string {
  if (p === '') return '.';
  // Like Node: only the slash right before the last segment goes ("a//b" → "a/").
  let end = -1;
  let inTrailingSlashes = true;
  for (let i = p.length - 1; i >= 1; i--) {
    if (p[i] !== '/') inTrailingSlashes = false;
    else if (!inTrailingSlashes) { end = i; break; }
  }
  if (end === -1) return p.startsWith('/') ? '/' : '.';
  if (p.startsWith('/') && end === 1) return '//';
  return p.slice(0, end);
}

export function basename(p: string, ext?: string): string {
  const t = trimTrailing(p);
  const base = t === '/' ? '' : t.slice(t.lastIndexOf('/') + 1);
  if (ext !== undefined && ext !== base && base.endsWith(ext)) return base.slice(0, base.length - ext.length);
  return base;
}

export function extname(p: string): string {
  const base = basename(p);
  const dot = base.lastIndexOf('.');
  // A leading dot names a hidden file (".profile"), not an extension; ".." has none either.
  if (dot <= 0 || base === '..') return '';
  return base.slice(dot);
}
