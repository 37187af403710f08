// Finds the installed gem of a site's `theme:` where Ruby and Bundler would: the repository's
// `vendor/bundle` (or `.bundle/config`'s BUNDLE_PATH), `$GEM_HOME`, `$GEM_PATH`, the user gem dir,
// the Ruby version managers' gem dirs (rbenv, rvm, asdf, chruby, Homebrew) and the system's. Bundler
// uses exactly the version `Gemfile.lock` pins; plain RubyGems (`jekyll build` without `bundle exec`)
// the highest installed. Pure: the environment and a directory lister are passed in.
import * as posix from '../text/posixPath';
import { compareGemVersions, gemFolderVersion, lockedGitCheckout, lockedVersion } from './gemVersion';

export interface ThemeLookupEnvironment {
  /** Environment variables (GEM_HOME, GEM_PATH, BUNDLE_PATH, HOME). */
  env: Record<string, string | undefined>;
  /** The user's home folder (posix). */
  home?: string;
  /** `process.platform`. */
  platform: string;
  /** The entries (names) of a folder, or undefined when it cannot be listed. */
  list(dir: string): Promise<string[] | undefined>;
  /** A file's text, or undefined. */
  read(file: string): Promise<string | undefined>;
  /** Folders holding `<name>-<version>/` theme folders downloaded by the extension (searched last). */
  downloads?: string[];
}

/** Where a theme was found (for the notice and the log). */
export type ThemeSource = 'vendor/bundle' | 'BUNDLE_PATH' | 'GEM_HOME' | 'GEM_PATH' | 'user' | 'version manager' | 'system' | 'downloaded';

export interface LocatedTheme {
  name: string;
  version: string;
  /** The gem's folder (posix, absolute). */
  root: string;
  source: ThemeSource;
}

export type ThemeLookup =
  | { found: LocatedTheme; pinned?: string; candidates: number }
  /** Not installed anywhere (or not in the version `Gemfile.lock` pins). */
  | { found?: undefined; pinned?: string; installed: string[]; searched: number };

/** `gems/` folders to search, in order, with `*` standing for any one folder name. */
export function gemFolderPatterns(siteRoot: string, envIn: Pick<ThemeLookupEnvironment, 'env' | 'home' | 'platform'>, bundlePath?: string): Array<{ pattern: string; source: ThemeSource }> {
  const { env, platform } = envIn;
  const home = envIn.home ?? env.HOME;
  const sep = platform === 'win32' ? ';' : ':';
  const out: Array<{ pattern: string; source: ThemeSource }> = [];
  const add = (pattern: string | undefined, source: ThemeSource) => { if (pattern) out.push({ pattern: posix.normalize(pattern.replace(/\\/g, '/')), source }); };
  const abs = (p: string) => (posix.isAbsolute(p) || /^[a-z]:\//i.test(p) ? p : posix.join(siteRoot, p));
  // Bundler: `bundle config set path vendor/bundle` installs to <path>/ruby/<abi>/gems.
  const bp = env.BUNDLE_PATH ?? bundlePath;
  if (bp) add(posix.join(abs(bp.replace(/^~(?=\/)/, home ?? '~')), 'ruby', '*', 'gems'), 'BUNDLE_PATH');
  add(posix.join(siteRoot, 'vendor', 'bundle', 'ruby', '*', 'gems'), 'vendor/bundle');
  if (env.GEM_HOME) add(posix.join(env.GEM_HOME, 'gems'), 'GEM_HOME');
  for (const p of (env.GEM_PATH ?? '').split(sep)) if (p.trim()) add(posix.join(p.trim(), 'gems'), 'GEM_PATH');
  if (home) {
    add(`${home}/.local/share/gem/ruby/*/gems`, 'user');
    add(`${home}/.gem/ruby/*/gems`, 'user');
    add(`${home}/.rbenv/versions/*/lib/ruby/gems/*/gems`, 'version manager');
    add(`${home}/.rvm/gems/*/gems`, 'version manager');
    add(`${home}/.rvm/rubies/*/lib/ruby/gems/*/gems`, 'version manager');
    add(`${home}/.asdf/installs/ruby/*/lib/ruby/gems/*/gems`, 'version manager');
    add(`${home}/.rubies/*/lib/ruby/gems/*/gems`, 'version manager');
    add(`${home}/.local/share/mise/installs/ruby/*/lib/ruby/gems/*/gems`, 'version manager');
  }
  if (env.RBENV_ROOT) add(`${env.RBENV_ROOT}/versions/*/lib/ruby/gems/*/gems`, 'version manager');
  if (env.ASDF_DATA_DIR) add(`${env.ASDF_DATA_DIR}/installs/ruby/*/lib/ruby/gems/*/gems`, 'version manager');
  if (env.rvm_path) add(`${env.rvm_path}/gems/*/gems`, 'version manager');
  add('/usr/local/rvm/gems/*/gems', 'version manager');
  add('/opt/rubies/*/lib/ruby/gems/*/gems', 'version manager');
  if (platform === 'darwin') {
    add('/opt/homebrew/lib/ruby/gems/*/gems', 'version manager');
    add('/opt/homebrew/opt/ruby/lib/ruby/gems/*/gems', 'version manager');
    add('/usr/local/opt/ruby/lib/ruby/gems/*/gems', 'version manager');
  }
  if (platform === 'win32') {
    for (const drive of ['C:']) add(`${drive}/Ruby*/lib/ruby/gems/*/gems`, 'system');
    return out;
  }
  add('/var/lib/gems/*/gems', 'system');
  add('/usr/local/lib/ruby/gems/*/gems', 'system');
  add('/usr/lib/ruby/gems/*/gems', 'system');
  add('/usr/lib/*/ruby/gems/*/gems', 'system');
  add('/usr/share/rubygems-integration/all/gems', 'system');
  add('/usr/share/rubygems-integration/*/gems', 'system');
  add('/usr/lib/*/rubygems-integration/*/gems', 'system');
  if (platform === 'darwin') {
    add('/Library/Ruby/Gems/*/gems', 'system');
    add('/System/Library/Frameworks/Ruby.framework/Versions/*/usr/lib/ruby/gems/*/gems', 'system');
  }
  return out;
}

/** Bounds: a stranger's disk never makes the lookup slow. */
const MAX_EXPANSIONS = 64;

/** Expands `*` segments (each `*` matches one folder name; `Ruby*` a prefix) with the lister. */
async function expand(pattern: string, list: ThemeLookupEnvironment['list'], budget: { lists: number }): Promise<string[]> {
  const parts = pattern.split('/');
  let prefixes = [parts[0] === '' ? '/' : parts[0]];
  for (const part of parts.slice(1)) {
    if (part === '') continue;
    if (!part.includes('*')) { prefixes = prefixes.map((p) => posix.join(p, part)); continue; }
    const re = new RegExp('^' + part.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '$');
    const next: string[] = [];
    for (const p of prefixes) {
      if (budget.lists-- <= 0) break;
      const names = await list(p);
      for (const n of (names ?? []).sort()) if (re.test(n) && !n.startsWith('.')) next.push(posix.join(p, n));
    }
    prefixes = next.slice(0, MAX_EXPANSIONS);
    if (!prefixes.length) break;
  }
  return prefixes;
}

/** BUNDLE_PATH from the site's `.bundle/config` (`BUNDLE_PATH: "vendor/bundle"`). */
function bundleConfigPath(text: string | undefined): string | undefined {
  const m = text ? /^BUNDLE_PATH:\s*["']?([^"'\n]+?)["']?\s*$/m.exec(text) : null;
  return m?.[1];
}

/**
 * The installed theme gem `name` for the site at `siteRoot` (posix, absolute): the version
 * `Gemfile.lock` pins when it has the gem, else the highest version found; the first folder in
 * search order wins a tie.
 */
export async function locateGemTheme(themeName: string, siteRoot: string, e: ThemeLookupEnvironment): Promise<ThemeLookup> {
  const name = themeName.trim().toLowerCase();
  const [lock, bundleConfig] = await Promise.all([e.read(posix.join(siteRoot, 'Gemfile.lock')), e.read(posix.join(siteRoot, '.bundle', 'config'))]);
  const pinned = lockedVersion(lock, name);
  const patterns = gemFolderPatterns(siteRoot, e, bundleConfigPath(bundleConfig));
  for (const d of e.downloads ?? []) patterns.push({ pattern: d, source: 'downloaded' });
  const candidates: LocatedTheme[] = [];
  const budget = { lists: 400 };
  // All folders are listed at once (a few dozen readdir calls); the search order is kept in the result.
  const expanded = await Promise.all(patterns.map(async (p) => ({ ...p, dirs: await expand(p.pattern, e.list, budget) })));
  const seen = new Set<string>();
  const folders: Array<{ dir: string; source: ThemeSource }> = [];
  for (const p of expanded) for (const dir of p.dirs) if (!seen.has(dir)) { seen.add(dir); folders.push({ dir, source: p.source }); }
  const searched = Math.min(folders.length, 200);
  const listings = await Promise.all(folders.slice(0, searched).map((f) => e.list(f.dir)));
  folders.slice(0, searched).forEach(({ dir, source }, i) => {
    for (const n of listings[i] ?? []) {
      const version = gemFolderVersion(n, name);
      if (version) candidates.push({ name, version, root: posix.join(dir, n), source });
    }
  });
  // A gem Bundler checked out from git sits beside `gems/`, in `bundler/gems/`.
  const git = lockedGitCheckout(lock, name);
  if (git) {
    const dirs = folders.slice(0, searched).filter((f) => f.dir.endsWith('/gems') && f.source !== 'downloaded').map((f) => ({ ...f, dir: posix.join(posix.dirname(f.dir), 'bundler', 'gems', git.folder) }));
    const present = await Promise.all(dirs.map((d) => e.list(d.dir)));
    const hit = dirs.find((_, i) => present[i] !== undefined);
    if (hit) return { found: { name, version: git.version, root: hit.dir, source: hit.source }, pinned, candidates: candidates.length + 1 };
  }
  const installed = [...new Set(candidates.map((c) => c.version))];
  if (pinned) {
    const hit = candidates.find((c) => c.version === pinned);
    return hit ? { found: hit, pinned, candidates: candidates.length } : { pinned, installed, searched };
  }
  if (!candidates.length) return { installed, searched };
  let best = candidates[0];
  for (const c of candidates.slice(1)) if (compareGemVersions(c.version, best.version) > 0) best = c;
  return { found: best, candidates: candidates.length };
}
