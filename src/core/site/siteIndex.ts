// What one site knows across its files: config, every path (for image existence), layouts, and tag /
// category spellings with counts. Updated one file at a time, so a keystroke costs one file's parse.
import * as path from '../text/posixPath';
import { parseFrontMatter } from '../frontmatter/parse';
import type { FrontMatterParse } from '../frontmatter/types';
import { LinkTargets } from '../links/targets';
import { configFormatOf, HUGO_CONFIG_FILES, HUGO_CONFIG_ORDER, parseHugoConfig, parseSiteConfig, type SiteConfig } from './config';
import type { SiteFileSystem } from './fileSystem';
import { markdownPattern } from './markdownFiles';
import { frontMatterOf } from './siteStore';
import type { Generator } from './profile';

export type DocKind = 'post' | 'draft' | 'page' | 'other';
export type TagKind = 'tags' | 'categories';

export interface Spelling { value: string; count: number }

const MARKDOWN = markdownPattern(['textile']);
const POSTISH = markdownPattern(['textile', 'html?']);
const SKIP_DIRS = /(^|\/)(_site|node_modules|vendor|\.git|\.bundle|\.jekyll-cache|\.sass-cache|_layouts|_includes|_sass|_data|\.github|\.vscode)\//;

/** The key tag spellings are grouped by: `CloudNative`, `cloudnative`, `cloud-native` are one tag. */
const variantKeys = new Map<string, string>();

export function tagVariantKey(tag: string): string {
  // Blogs reuse a few hundred tags thousands of times: remember the answers (bounded).
  let key = variantKeys.get(tag);
  if (key === undefined) {
    const lower = tag.toLowerCase();
    key = /[\s_-]/.test(lower) ? lower.replace(/[\s_-]+/g, '') : lower;
    if (variantKeys.size > 50_000) variantKeys.clear();
    variantKeys.set(tag, key);
  }
  return key;
}

/**
 * Tags or categories of a document as Jekyll reads them: the singular key (`tag`, `category`) wins
 * when present, a string under the plural key is split on spaces, lists are flattened.
 */
export function tagValues(data: Record<string, unknown> | undefined, kind: TagKind): string[] {
  if (!data) return [];
  const singular = kind === 'tags' ? 'tag' : 'category';
  const own = (k: string) => (Object.hasOwn(data, k) ? data[k] : undefined);
  const v = own(singular) ?? own(kind);
  const fromPlural = own(singular) === undefined || own(singular) === null;
  if (typeof v === 'string') return fromPlural ? v.split(/\s+/).filter(Boolean) : [v];
  const out: string[] = [];
  const add = (x: unknown, depth: number): void => {
    if (Array.isArray(x)) { if (depth < 8) for (const y of x) add(y, depth + 1); } else if (x !== null && x !== undefined && typeof x !== 'object') out.push(String(x));
  };
  add(v, 0);
  return out;
}

export class SiteIndex {
  config: SiteConfig;
  /** The site's Gemfile text, undefined without one (it decides GitHub Pages' defaults, see githubPages.ts). */
  gemfile: string | undefined;
  private readonly files = new Set<string>();
  private readonly docs = new Map<string, Record<TagKind, string[]>>();
  private readonly counts: Record<TagKind, Map<string, Map<string, number>>> = { tags: new Map(), categories: new Map() };
  // Layout names are read by every check; recomputed only when a layout file comes or goes.
  private layoutCache: string[] | undefined;
  // checkablePaths' answer, for this config; dropped when a file comes or goes.
  private checkable: { config: SiteConfig; paths: string[] } | undefined;
  // Sorted spellings per tag key, dropped when that tag's counts change.
  private readonly spellingCache: Record<TagKind, Map<string, Spelling[]>> = { tags: new Map(), categories: new Map() };
  /** What links point at: each document's URL, whether it is published, its fragment ids. */
  readonly links: LinkTargets;

  /**
   * @param root the site folder (posix; absolute or relative to the workspace), without trailing slash
   * @param files every file of the site, relative to `root`
   * @param options.lazyFragmentIds see LinkTargets' `lazy`: for callers that keep every document's text anyway
   */
  constructor(readonly root: string, config: SiteConfig | string | undefined, files: Iterable<string> = [], options: { lazyFragmentIds?: boolean } = {}) {
    this.config = typeof config === 'object' ? config : parseSiteConfig(config);
    this.links = new LinkTargets(() => this.config, options.lazyFragmentIds);
    for (const f of files) this.files.add(f);
  }

  /** `_config.yml` changed: read it again for the generator the site already has (Hugo does not read it). */
  setConfigText(text: string | undefined): void {
    if (this.config.profile === 'hugo') return;
    this.config = parseSiteConfig(text, this.config.profile);
    this.layoutCache = undefined;
    this.links.configChanged();
  }

  /** Site-relative form of `p` (absolute, or already relative), or undefined when outside this site. */
  relative(p: string): string | undefined {
    // Asked for every document checked: the regexes run only where they can change something.
    if (!p.startsWith('/') && !(p.charCodeAt(1) === 58 && /^[A-Za-z]:\//.test(p))) return p.startsWith('./') ? p.slice(2) : p;
    const root = this.root.replace(/\/+$/, '');
    if (root === '' || root === '.') return undefined;
    if (p.startsWith(root + '/')) return p.slice(root.length + 1);
    return undefined;
  }

  hasFile(rel: string): boolean { return this.files.has(rel); }
  addPath(rel: string): void {
    if (!this.files.has(rel)) { this.files.add(rel); this.touched(rel); }
  }
  removePath(rel: string): void {
    if (this.files.delete(rel)) this.touched(rel);
    this.removeFile(rel);
  }
  private touched(rel: string): void {
    this.checkable = undefined;
    if (rel.startsWith(this.config.layoutsDir + '/')) this.layoutCache = undefined;
  }
  allPaths(): IterableIterator<string> { return this.files.values(); }

  kindOf(rel: string): DocKind {
    const { profile } = this.config;
    if (profile === 'hugo') return hugoKind(rel, this.config.contentDir ?? 'content');
    // Hexo builds only what is in its source folder; `scaffolds/` hold templates, not posts.
    if (profile === 'hexo' && !rel.startsWith(this.config.sourceDir + '/')) return 'other';
    if (rel.startsWith('_posts/') || rel.includes('/_posts/')) return POSTISH.test(rel) ? 'post' : 'other';
    if (rel.startsWith('_drafts/') || rel.includes('/_drafts/')) return POSTISH.test(rel) ? 'draft' : 'other';
    if (MARKDOWN.test(rel) && !SKIP_DIRS.test(rel)) return 'page';
    return 'other';
  }

  /** Markdown documents the checker looks at (posts, drafts, pages), sorted. */
  checkablePaths(): string[] {
    // Asked again (loading, then listing what to check) while neither the files nor the config changed.
    if (this.checkable?.config !== this.config) {
      const excluded = this.config.exclude.map((e) => e.replace(/^\.?\/+|\/+$/g, ''));
      const paths = [...this.files]
        .filter((p) => this.kindOf(p) !== 'other' && !SKIP_DIRS.test(p) && !excluded.some((e) => e && (p === e || p.startsWith(e + '/'))))
        .sort();
      this.checkable = { config: this.config, paths };
    }
    return this.checkable.paths.slice();
  }

  /** Layout names (`post`, `sub/wide`) from the layouts folder. */
  layouts(): string[] {
    if (this.layoutCache) return this.layoutCache;
    const dir = this.config.layoutsDir + '/';
    const out: string[] = [];
    for (const f of this.files) if (f.startsWith(dir)) out.push(f.slice(dir.length).replace(/\.[^./]+$/, ''));
    return (this.layoutCache = out.sort());
  }

  /** Reads a document's tags and categories into the counts; returns the parse so callers can reuse it. */
  updateFile(rel: string, text: string, parsed?: FrontMatterParse): FrontMatterParse {
    const p = parsed ?? parseFrontMatter(text, { formats: this.config.formats });
    this.addPath(rel);
    this.forget(rel);
    const kind = this.kindOf(rel);
    if (kind !== 'other') {
      const data = p.errors.length ? undefined : p.data;
      const entry = { tags: tagValues(data, 'tags').map((t) => t.trim()).filter(Boolean), categories: tagValues(data, 'categories').map((t) => t.trim()).filter(Boolean) };
      this.docs.set(rel, entry);
      this.links.update(rel, kind, text, p.bodyStart, data);
      for (const kind of ['tags', 'categories'] as const) for (const t of new Set(entry[kind])) this.bump(kind, t, 1);
    }
    return p;
  }

  /** Forgets a document's tags (the file was deleted or closed without saving). */
  removeFile(rel: string): void {
    this.forget(rel);
    this.links.remove(rel);
  }

  private forget(rel: string): void {
    const old = this.docs.get(rel);
    if (!old) return;
    for (const kind of ['tags', 'categories'] as const) for (const t of new Set(old[kind])) this.bump(kind, t, -1);
    this.docs.delete(rel);
  }

  private bump(kind: TagKind, tag: string, by: number): void {
    const key = tagVariantKey(tag);
    let m = this.counts[kind].get(key);
    if (!m) this.counts[kind].set(key, (m = new Map()));
    const n = (m.get(tag) ?? 0) + by;
    if (n > 0) m.set(tag, n); else m.delete(tag);
    if (m.size === 0) this.counts[kind].delete(key);
    this.spellingCache[kind].delete(key);
  }

  /** Spellings of the same tag across the site (by number of documents), most used first. */
  spellingsOf(kind: TagKind, tag: string): readonly Spelling[] {
    const key = tagVariantKey(tag.trim());
    const cached = this.spellingCache[kind].get(key);
    if (cached) return cached;
    const m = this.counts[kind].get(key);
    if (!m) return [];
    const list = [...m].map(([value, count]) => ({ value, count })).sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    this.spellingCache[kind].set(key, list);
    return list;
  }

  /** Tags (or categories) for completion: one entry per tag in its most used spelling, most used first. */
  suggestions(kind: TagKind): Spelling[] {
    const out: Spelling[] = [];
    for (const m of this.counts[kind].values()) {
      let best: Spelling | undefined;
      let total = 0;
      for (const [value, count] of m) {
        total += count;
        if (!best || count > best.count || (count === best.count && value < best.value)) best = { value, count };
      }
      if (best) out.push({ value: best.value, count: total });
    }
    return out.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  }

  /** Documents counted so far. */
  documentCount(): number { return this.docs.size; }
}

/** Hugo: Markdown under the content folder; section lists (`_index.md`) and top-level files are pages. */
function hugoKind(rel: string, contentDir: string): DocKind {
  if (!rel.startsWith(contentDir + '/') || !MARKDOWN.test(rel)) return 'other';
  const inContent = rel.slice(contentDir.length + 1);
  return inContent.includes('/') && !/(^|\/)_index\.[^/]+$/.test(inContent) ? 'post' : 'page';
}

/** Files that make a folder a site of its own: a site's index leaves nested sites' files out. */
const NESTED_SITE_MARKERS = new Set<string>(['_config.yml', ...HUGO_CONFIG_FILES]);

/** The site's config, read the way `generator` reads it (without one: `_config.yml`, Hexo by its keys). */
async function readSiteConfig(fs: SiteFileSystem, join: (rel: string) => string, generator: Generator | undefined): Promise<SiteConfig> {
  if (generator !== 'hugo') return parseSiteConfig(await fs.readFile(join('_config.yml')), generator);
  for (const name of HUGO_CONFIG_ORDER) {
    const text = await fs.readFile(join(name));
    if (text !== undefined) return parseHugoConfig(text, configFormatOf(name));
  }
  return parseHugoConfig(undefined);
}

/** Builds a site's index: reads its config, lists files, reads every checkable document once. */
export async function loadSite(
  fs: SiteFileSystem,
  root: string,
  options: {
    concurrency?: number;
    /** The site's files (relative to root) when the caller has listed them already. */
    files?: string[];
    /** The generator detection (or the user's setting) chose; without it `_config.yml` decides between Jekyll and Hexo. */
    generator?: Generator;
    /** false: the config and the file list only, no document read (the preview of a Hugo or Hexo site needs no more). */
    documents?: boolean;
    /** The caller keeps the texts returned (`techblog check`): link targets' fragment ids, URLs and dates are worked out only when a link asks (LinkTargets). */
    lazyFragmentIds?: boolean;
  } = {},
): Promise<{ index: SiteIndex; texts: Map<string, string>; parses: Map<string, FrontMatterParse> }> {
  const join = (rel: string) => (root === '' || root === '.' ? rel : path.join(root, rel));
  const [config, listed] = await Promise.all([readSiteConfig(fs, join, options.generator), options.files ?? fs.listFiles(root)]);
  // Files of a nested site belong to that site.
  const nested = listed.filter((f) => f.includes('/') && NESTED_SITE_MARKERS.has(path.basename(f))).map((f) => path.dirname(f) + '/');
  const files = nested.length ? listed.filter((f) => !nested.some((n) => f.startsWith(n))) : listed;
  const index = new SiteIndex(root, config, files, { lazyFragmentIds: options.lazyFragmentIds });
  if (files.includes('Gemfile')) index.gemfile = await fs.readFile(join('Gemfile'));
  const texts = new Map<string, string>();
  const parses = new Map<string, FrontMatterParse>();
  const todo = options.documents === false ? [] : index.checkablePaths();
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const rel = todo[next++];
      const text = await fs.readFile(join(rel));
      if (text === undefined) continue;
      texts.set(rel, text);
      // A store shares the parse with the other features reading this post (siteStore.ts).
      parses.set(rel, index.updateFile(rel, text, frontMatterOf(fs, join(rel), text, index.config.formats)));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency ?? 32) }, worker));
  return { index, texts, parses };
}
