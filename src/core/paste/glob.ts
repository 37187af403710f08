// Glob matching for `techblog.paste.rules`, by picomatch (the matcher behind micromatch, chokidar and
// fast-glob). Its `posix` entry never reads `process.platform`, so src/core stays free of Node-only code.
import picomatch from 'picomatch/posix';

type Matcher = (path: string) => boolean;

const matchers = new Map<string, Matcher>();
const MAX_CACHED = 256;

/** picomatch's options: dotfiles match `*`/`**`, `[!a]` negates like `[^a]`, POSIX classes work. */
const options: picomatch.PicomatchOptions = { dot: true, posix: true };

/**
 * Does `relativePath` (posix, relative to the workspace folder) match `glob`?
 * Like `markdown.copyFiles.destination`: a glob starting with `/` is anchored at the workspace
 * folder; any other glob may match at any depth (`_drafts/**` acts as `**\/_drafts/**`).
 * `a/**` matches the folder `a` itself too. An empty glob matches nothing.
 */
export function matchGlob(relativePath: string, glob: string): boolean {
  return matcherFor(glob)(relativePath.replace(/^\/+/, ''));
}

function matcherFor(glob: string): Matcher {
  let matcher = matchers.get(glob);
  if (!matcher) {
    const anchored = glob.startsWith('/') ? glob.replace(/^\/+/, '') : glob.startsWith('**') ? glob : `**/${glob}`;
    matcher = anchored ? compile(anchored) : () => false;
    if (matchers.size >= MAX_CACHED) matchers.clear();
    matchers.set(glob, matcher);
  }
  return matcher;
}

function compile(glob: string): Matcher {
  try {
    return picomatch(glob, options);
  } catch {
    return () => false; // picomatch refuses only globs over 64K characters: such a rule matches nothing
  }
}
