// A site is a folder holding _config.yml; a workspace may hold several, even nested ones.
import * as path from 'node:path/posix';

const IGNORED = /(^|\/)(node_modules|vendor|_site|\.git|\.bundle|\.jekyll-cache|public)\//;

/** Folders (posix, as given) holding a `_config.yml`, shortest first. Gems and build output are ignored. */
export function findSites(allFilePaths: Iterable<string>): string[] {
  const roots = new Set<string>();
  for (const p of allFilePaths) {
    if (path.basename(p) !== '_config.yml') continue;
    if (IGNORED.test(p)) continue;
    roots.add(path.dirname(p));
  }
  return [...roots].sort((a, b) => a.length - b.length || a.localeCompare(b));
}

/** The deepest of `roots` holding `filePath`, or undefined. */
export function siteRootFor(roots: readonly string[], filePath: string): string | undefined {
  let best: string | undefined;
  for (const r of roots) {
    if ((r === '.' || r === '' || filePath.startsWith(r.endsWith('/') ? r : r + '/')) && (!best || r.length > best.length)) best = r;
  }
  return best;
}
