// A small glob matcher for `techblog.paste.rules`. Written here rather than depending on
// picomatch: the rules need only `*`, `**`, `?`, `[…]` and `{a,b}`, and a few dozen lines keep
// src/core free of Node-only dependencies (picomatch 2 reads `path` and `process.platform`).

const cache = new Map<string, RegExp>();

/**
 * Does `relativePath` (posix, relative to the workspace folder, no leading slash) match `glob`?
 * Like `markdown.copyFiles.destination`: a glob starting with `/` is anchored at the workspace
 * folder; any other glob may match at any depth (`_drafts/**` acts as `**\/_drafts/**`).
 * `*` and `**` also match names starting with a dot.
 */
export function matchGlob(relativePath: string, glob: string): boolean {
  let re = cache.get(glob);
  if (!re) {
    const anchored = glob.startsWith('/') ? glob.replace(/^\/+/, '') : glob.startsWith('**') ? glob : `**/${glob}`;
    re = globToRegExp(anchored);
    cache.set(glob, re);
  }
  return re.test(relativePath.replace(/^\/+/, ''));
}

/** Compile a glob to an anchored RegExp over posix paths. */
export function globToRegExp(glob: string): RegExp {
  let out = '';
  let braceDepth = 0;
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') {
      if (glob[i + 1] === '*') {
        const atSegmentStart = i === 0 || glob[i - 1] === '/';
        const next = glob[i + 2];
        if (atSegmentStart && next === '/') {
          out += '(?:[^/]+/)*'; // `**/`: zero or more whole segments
          i += 2;
          continue;
        }
        if (atSegmentStart && next === undefined) {
          out += '.*';
          i += 1;
          continue;
        }
        i += 1; // `a**b` inside a segment is just `*`
      }
      out += '[^/]*';
    } else if (c === '?') {
      out += '[^/]';
    } else if (c === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close).replace(/\\/g, '\\\\');
      if (body.startsWith('!') || body.startsWith('^')) {
        body = '^/' + body.slice(1); // a negated class never matches the separator either
      }
      out += `[${body}]`;
      i = close;
    } else if (c === '{') {
      braceDepth++;
      out += '(?:';
    } else if (c === '}' && braceDepth > 0) {
      braceDepth--;
      out += ')';
    } else if (c === ',' && braceDepth > 0) {
      out += '|';
    } else if (c === '\\' && i + 1 < glob.length) {
      out += escapeRegExp(glob[++i]);
    } else {
      out += escapeRegExp(c);
    }
  }
  out += ')'.repeat(braceDepth); // tolerate an unclosed `{` instead of throwing on user input
  return new RegExp(`^${out}$`);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}
