// A site is a folder holding a site marker (`_config.yml`, `hugo.toml`, `config.toml`, …, see
// `SITE_MARKER_FILES`); a workspace may hold several, even nested ones.
import * as path from '../text/posixPath';
import { markerRoot } from './profile';

const IGNORED = /(^|\/)(node_modules|vendor|_site|\.git|\.bundle|\.jekyll-cache|public)\//;

/**
 * Folders (posix, as given; `.` for the top) holding a site marker file, shortest first: the
 * candidates `probeSite` decides on. Gems, packages and build output are ignored.
 */
export function findSites(allFilePaths: Iterable<string>): string[] {
  const roots = new Set<string>();
  for (const p of allFilePaths) {
    if (IGNORED.test(p)) continue;
    const root = markerRoot(p);
    if (root !== undefined) roots.add(path.normalize(root || '.'));
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
