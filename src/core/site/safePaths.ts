// Jekyll's safe-mode file rules, in one place, for every file the preview reads of a site (a cloned
// blog is written by a stranger):
// - no file whose REAL path leaves the site root (Jekyll's `safe` refuses symlinks that point out of the
//   source: entry_filter.rb `symlink_outside_site_source?`, include.rb `outside_site_source?`);
// - no `..` that climbs out of the site (include.rb refuses `..` in include paths altogether);
// - nothing under `.git`, the site's `exclude:` (less its `include:`) or Jekyll's default excludes for
//   content (includes, `_data`, layouts, CSS, Sass).
// A refusal is remembered with the path (never the file's content) so the preview can name it.
import * as posix from '../text/posixPath';
import { t } from '../text/l10n';
import type { SiteFileSystem } from './fileSystem';

/** Jekyll 4.3's Configuration::DEFAULT_EXCLUDES. */
export const JEKYLL_DEFAULT_EXCLUDES: readonly string[] = [
  '.sass-cache', '.jekyll-cache', 'gemfiles', 'Gemfile', 'Gemfile.lock', 'node_modules',
  'vendor/bundle/', 'vendor/cache/', 'vendor/gems/', 'vendor/ruby/',
];

/** Folders that are never site content, whatever `include:` says (a repo's config, hooks, tokens). */
const NEVER_READ = new Set(['.git', '.hg', '.svn']);

export type RefusalReason = 'outside' | 'parent' | 'excluded';

export interface Refusal {
  /** The site path as it was asked for (site-relative, posix). */
  path: string;
  reason: RefusalReason;
}

/** The one sentence a refusal shows in the preview: the path and why, never the content. */
export function refusalNotice(r: Refusal): string {
  switch (r.reason) {
    case 'outside':
      return t('{0} is not read: it is a symbolic link to a file outside the site (Jekyll\'s safe mode refuses it too).', r.path);
    case 'parent':
      return t('{0} is not read: the path climbs out of its folder with "..", which Jekyll refuses.', r.path);
    default:
      return t('{0} is not read: it is under .git or a path the site excludes (exclude: in _config.yml, or one of Jekyll\'s default excludes).', r.path);
  }
}

/** True when `rel` (site-relative, normalized) climbs out of the site or is absolute. */
export function climbsOut(rel: string): boolean {
  const n = posix.normalize(rel.replace(/\\/g, '/'));
  return n === '..' || n.startsWith('../') || n.startsWith('/') || /^[a-z]:/i.test(n);
}

/** Jekyll's include.rb INVALID_SEQUENCES: `..`, `./.`, `//` in an include's file name. */
export function invalidIncludeName(file: string): boolean {
  return /[./]{2,}/.test(file);
}

/** Ruby's File.fnmatch without FNM_PATHNAME (`*` crosses `/`), as Jekyll matches `exclude:`. */
function fnmatchRegExp(pattern: string): RegExp {
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '*') { while (pattern[i + 1] === '*') i++; out += '.*'; } else if (c === '?') out += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) { out += '\\['; continue; }
      const body = pattern.slice(i + 1, end).replace(/\\/g, '\\\\');
      out += '[' + (body.startsWith('!') ? '^' + body.slice(1) : body) + ']';
      i = end;
    } else out += c.replace(/[.+^${}()|\\\]]/g, '\\$&');
  }
  return new RegExp('^' + out + '$', 's');
}

/** Matches site paths against `exclude:`/`include:` entries the way Jekyll's EntryFilter does. */
export class PathPatterns {
  private readonly prefixes: string[] = [];
  private readonly globs: RegExp[] = [];

  constructor(patterns: Iterable<string>) {
    for (const raw of patterns) {
      // A few hundred entries at most in a real config; a hostile one does not get to cost more.
      if (this.prefixes.length + this.globs.length >= 1000) break;
      if (typeof raw !== 'string') continue;
      const p = raw.trim().replace(/^(\.\/|\/)+/, '');
      if (!p || p.length > 500) continue;
      this.prefixes.push(p.replace(/\/+$/, ''));
      if (/[*?[]/.test(p)) this.globs.push(fnmatchRegExp(p.replace(/\/+$/, '')));
    }
  }

  /** `rel` is the entry, or lies under it, or matches its glob (or lies under a folder that does). */
  matches(rel: string): boolean {
    for (const p of this.prefixes) if (rel === p || rel.startsWith(p + '/')) return true;
    if (!this.globs.length) return false;
    const segs = rel.split('/');
    for (let i = 1; i <= segs.length; i++) {
      const head = segs.slice(0, i).join('/');
      if (this.globs.some((g) => g.test(head))) return true;
    }
    return false;
  }
}

export interface SafeReadOptions {
  /** Apply the exclusion rules (content: includes, layouts, data, CSS, Sass). Default true. */
  content?: boolean;
}

/**
 * Reads of one site's files under Jekyll's safe-mode rules. `root` is the site folder as `fs` sees it
 * ('' for the current folder); paths given to `read` are site-relative.
 */
export class SafeSiteFiles {
  /** Refusals seen so far, by site path (the preview lists them as notices). */
  readonly refusals = new Map<string, Refusal>();
  private excluded = new PathPatterns(JEKYLL_DEFAULT_EXCLUDES);
  private included = new PathPatterns([]);
  private realRoot: Promise<string | undefined> | undefined;

  constructor(private readonly fs: SiteFileSystem, private readonly root: string) {}

  /** The site's `exclude:` and `include:` (Jekyll: excluded unless also included; defaults added). */
  setPatterns(exclude: readonly string[], include: readonly string[]): void {
    this.excluded = new PathPatterns([...exclude, ...JEKYLL_DEFAULT_EXCLUDES]);
    this.included = new PathPatterns(include);
  }

  private abs(rel: string): string {
    return this.root && this.root !== '.' ? posix.join(this.root, rel) : rel;
  }

  /** The textual rules alone (no file system): `..`, `.git`, excluded paths. */
  textRefusal(rel: string, options: SafeReadOptions = {}): Refusal | undefined {
    const path = rel.replace(/\\/g, '/').replace(/^\.\//, '');
    if (climbsOut(path)) return { path, reason: 'parent' };
    const n = posix.normalize(path);
    if (n.split('/').some((s) => NEVER_READ.has(s))) return { path, reason: 'excluded' };
    if (options.content !== false && this.excluded.matches(n) && !this.included.matches(n)) return { path, reason: 'excluded' };
    return undefined;
  }

  /**
   * Why `rel` may not be read, or undefined when it may. `missing` when the file system cannot
   * resolve it (not there, or an unresolvable link): not read, and nothing to report.
   */
  async refusal(rel: string, options: SafeReadOptions = {}): Promise<Refusal | 'missing' | undefined> {
    const text = this.textRefusal(rel, options);
    if (text) return text;
    if (!this.fs.realPath) return undefined;
    const path = rel.replace(/\\/g, '/').replace(/^\.\//, '');
    const [real, root] = await Promise.all([this.fs.realPath(this.abs(path)), this.rootReal()]);
    if (real === undefined || root === undefined) return 'missing';
    const r = real.replace(/\\/g, '/');
    const base = root.replace(/\\/g, '/').replace(/\/+$/, '');
    if (r !== base && !r.startsWith(base + '/')) return { path, reason: 'outside' };
    // A link inside the site to `.git/config` or an excluded file is refused like the file itself.
    const realRel = r === base ? '' : r.slice(base.length + 1);
    if (realRel !== posix.normalize(path) && this.textRefusal(realRel, options)) return { path, reason: 'excluded' };
    return undefined;
  }

  private rootReal(): Promise<string | undefined> {
    if (!this.fs.realPath) return Promise.resolve(undefined);
    return (this.realRoot ??= this.fs.realPath(this.root || '.').then((r) => r ?? this.root));
  }

  /** True when a read of `rel` was refused (and not since forgotten). */
  wasRefused(rel: string): boolean {
    return this.refusals.has(rel.replace(/\\/g, '/').replace(/^\.\//, ''));
  }

  /** Forgets what is known of `rel` (it changed: a link may now point elsewhere). */
  forget(rel: string): void {
    this.refusals.delete(rel.replace(/\\/g, '/').replace(/^\.\//, ''));
  }

  /** The file's text, or undefined when it is not there or the rules refuse it (the refusal is kept). */
  async read(rel: string, options: SafeReadOptions = {}): Promise<string | undefined> {
    const refused = await this.refusal(rel, options);
    if (refused === 'missing') return undefined;
    if (refused) {
      this.refusals.set(refused.path, refused);
      return undefined;
    }
    return this.fs.readFile(this.abs(rel.replace(/^\.\//, '')));
  }
}
