// What Liquid sees as `site`, `page` and `jekyll`: _config.yml, every post and page (front matter with
// `defaults:`, url, date, categories, tags, title, excerpt), `_data/`, built once per site and updated
// one document at a time. Loaded lazily (issue 13): opening a site reads its config and `_data/` only;
// the posts and pages are read when something asks for them all (`site.posts`, `post_url`…). A question
// asked before they are read is answered from what is read so far and noted (`missed`): the renderer
// then reads them (`readMissed`) and renders again, so the result is always the eager one.
import * as posix from '../text/posixPath';
import { findEntry, parseFrontMatter } from '../frontmatter/parse';
import type { FrontMatterFormat, FrontMatterParse } from '../frontmatter/types';
import { defaultsFor, parseSiteConfig, type SiteConfig } from '../site/config';
import { markdownPattern } from '../site/markdownFiles';
import { documentUrl, POST_NAME } from '../site/permalink';
import { tagValues } from '../site/siteIndex';
import { readSiteData, readSiteYaml, type SiteFileProblem } from '../site/yamlFile';
import { formatJekyllDate, instantOf, parseJekyllDate } from '../text/time';
import { LineIndex } from '../text/lineIndex';
import { kramdownOptionsFrom, type KramdownOptions } from './kramdown/options';

export type DocKind = 'post' | 'draft' | 'page';

/** A date that prints the way Jekyll prints one (`2021-10-09 00:00:00 +0800`). */
export class JekyllDate extends Date {
  constructor(ms: number, readonly timeZone?: string) {
    super(ms);
  }
  override toString(): string {
    return formatJekyllDate(this, this.timeZone);
  }
  override toJSON(): string {
    return this.toString();
  }
}

export interface SiteDocument {
  path: string;
  kind: DocKind;
  /** Front matter with the site's `defaults:` under it. */
  data: Record<string, unknown>;
  /** The text after the front matter. */
  body: string;
  /** 0-based line of the source where `body` starts. */
  bodyLine: number;
  url: string;
  date?: JekyllDate;
  slug: string;
  title: string;
  categories: string[];
  tags: string[];
  published: boolean;
  hasFrontMatter: boolean;
  parse: FrontMatterParse;
}

const PAGEISH = markdownPattern(['html?']);
const DATA = /\.(ya?ml|json|csv|tsv)$/i;

/** Jekyll's `titleize_slug`: `my-first-post` → `My First Post`. */
function titleize(slug: string): string {
  return slug.split('-').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
}

/** Reads a document the way Jekyll does: front matter, defaults, date, slug, url, taxonomy. */
export function readDocument(config: SiteConfig, path: string, text: string, kind: DocKind, shared?: FrontMatterParse): SiteDocument {
  const parse = shared ?? parseFrontMatter(text, { formats: config.formats });
  const own = parse.errors.length ? {} : (parse.data ?? {});
  const type = kind === 'post' ? 'posts' : kind === 'draft' ? 'drafts' : 'pages';
  const data: Record<string, unknown> = { ...defaultsFor(config, path, type), ...own };
  const base = posix.basename(path);
  const m = POST_NAME.exec(base);
  const slug = m ? m[4] : base.replace(/\.[^.]+$/, '');
  let date: JekyllDate | undefined;
  const entry = findEntry(parse, 'date');
  const rawDate = entry ? text.slice(entry.node.start, entry.node.end).replace(/^["']|["']$/g, '') : data.date instanceof Date ? undefined : typeof data.date === 'string' ? data.date : undefined;
  const parsed = rawDate !== undefined ? parseJekyllDate(rawDate) : undefined;
  if (parsed && typeof parsed === 'object') date = new JekyllDate(instantOf(parsed, config.timezone), config.timezone);
  else if (data.date instanceof Date) date = new JekyllDate(data.date.getTime(), config.timezone);
  else if (m) {
    const p = parseJekyllDate(`${m[1]}-${m[2]}-${m[3]}`);
    if (typeof p === 'object') date = new JekyllDate(instantOf(p, config.timezone), config.timezone);
  }
  // Jekyll: categories from the folders above _posts, then `category`/`categories`.
  const dirCats = kind === 'post' || kind === 'draft' ? path.split('/').slice(0, path.split('/').indexOf(kind === 'post' ? '_posts' : '_drafts')).filter(Boolean) : [];
  const categories = [...new Set([...dirCats, ...tagValues(data, 'categories')])];
  const tags = tagValues(data, 'tags'); // Jekyll keeps duplicate tags
  const dateParts = date ? localParts(date, config.timezone) : undefined;
  const url = documentUrl(config, { relPath: path, kind, data: { ...data, categories, category: undefined }, date: dateParts }) ?? '/' + path;
  const title = typeof data.title === 'string' || typeof data.title === 'number' ? String(data.title) : kind === 'page' ? '' : titleize(slug);
  // `published: false` hides a document; Ruby treats the string "false" as true.
  const published = data.published !== false;
  return {
    path, kind, data, body: text.slice(parse.bodyStart), bodyLine: parse.lines.positionAt(parse.bodyStart).line, url, date, slug, title,
    categories, tags, published, hasFrontMatter: parse.format !== 'none' && parse.close !== undefined, parse,
  };
}

/**
 * A keystroke in the body leaves the front matter as it was: when `text` starts with the same closed
 * front matter (through the line break after its closing delimiter), everything read from it stays.
 */
function withNewBody(old: SiteDocument, text: string, kind: DocKind): SiteDocument | undefined {
  const p = old.parse;
  const end = p.bodyStart;
  if (old.kind !== kind || !old.hasFrontMatter || p.close === undefined || end === 0 || p.text.charCodeAt(end - 1) !== 10 /* \n */) return undefined;
  if (text.length < end || !text.startsWith(p.text.slice(0, end))) return undefined;
  return { ...old, body: text.slice(end), parse: { ...p, text, lines: new LineIndex(text) } };
}

function localParts(d: Date, timeZone: string | undefined): { year: number; month: number; day: number } {
  const s = formatJekyllDate(d, timeZone);
  return { year: +s.slice(0, 4), month: +s.slice(5, 7), day: +s.slice(8, 10) };
}

export interface SiteModelSource {
  configText: string | undefined;
  /** The site config already read (Hugo's comes from `hugo.toml`); default: `configText` read as Jekyll's. */
  config?: SiteConfig;
  files: Iterable<string>;
  read(path: string): Promise<string | undefined>;
  /** What plugins do to a document just read (titles from headings, default layouts); `raw` is the config's data. */
  adjust?: (doc: SiteDocument, raw: Record<string, unknown>) => SiteDocument;
  /** Pages without front matter that are still pages (jekyll-optional-front-matter). */
  keepWithoutFrontMatter?: (path: string, raw: Record<string, unknown>) => boolean;
  /** The front matter of a document just read, when another feature has parsed it already (siteStore.ts). */
  parse?: (path: string, text: string, formats: readonly FrontMatterFormat[]) => FrontMatterParse;
  /** Read every post and page now (as before issue 13) instead of when first asked for. */
  eager?: boolean;
}

/** Everything Liquid's `site` needs, kept current by `updateDocument` / `removeDocument`. */
export class SiteModel {
  readonly config: SiteConfig;
  /** `_config.yml` as data (every key, for `site.*`). */
  readonly raw: Record<string, unknown>;
  readonly kramdown: KramdownOptions;
  readonly docs = new Map<string, SiteDocument>();
  data: Record<string, unknown> = {};
  private postsCache: SiteDocument[] | undefined;
  adjust: (doc: SiteDocument) => SiteDocument = (doc) => doc;
  keepWithoutFrontMatter: (path: string) => boolean = () => false;
  /** How a document's front matter is parsed (shared with the other features through the site store). */
  parse: (path: string, text: string) => FrontMatterParse = (_path, text) => parseFrontMatter(text, { formats: this.config.formats });
  /** Posts and pages of the site not read yet (path → kind), and how to read one. */
  private readonly unread = new Map<string, DocKind>();
  private reader: ((path: string) => Promise<string | undefined>) | undefined;
  /** Asked for before they were read: every document of these kinds, and these paths. */
  private readonly missedKinds = new Set<DocKind>();
  private readonly missedPaths = new Set<string>();
  /** Questions answered from a partly read site so far (a render that saw this change is done again). */
  misses = 0;
  /** Documents read from the file system since the model was made (the current post and others). */
  reads = 0;

  constructor(configText: string | undefined, config?: SiteConfig) {
    this.config = config ?? parseSiteConfig(configText);
    const raw = configText ? readSiteYaml(configText, '_config.yml').value : {};
    this.raw = raw && typeof raw === 'object' && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    this.kramdown = kramdownOptionsFrom(this.raw.kramdown);
  }

  static async load(src: SiteModelSource): Promise<SiteModel> {
    const model = new SiteModel(src.configText, src.config);
    const { adjust, keepWithoutFrontMatter } = src;
    if (adjust) model.adjust = (doc) => adjust(doc, model.raw);
    if (keepWithoutFrontMatter) model.keepWithoutFrontMatter = (path) => keepWithoutFrontMatter(path, model.raw);
    const { parse } = src;
    if (parse) model.parse = (path, text) => parse(path, text, model.config.formats);
    const todo: Array<[string, DocKind]> = [];
    const dataFiles: string[] = [];
    for (const f of src.files) {
      const kind = model.kindOf(f);
      if (kind) todo.push([f, kind]);
      else if (f.startsWith('_data/') && DATA.test(f)) dataFiles.push(f);
    }
    model.reader = src.read;
    for (const [f, kind] of todo) model.unread.set(f, kind);
    if (src.eager) await model.readAll();
    for (const f of dataFiles.sort()) {
      const text = await src.read(f);
      if (text !== undefined) model.setData(f, text);
    }
    return model;
  }

  /** Every post and page has been read. */
  get complete(): boolean {
    return this.unread.size === 0;
  }

  /** The post or page at `path` is not read yet. */
  hasUnreadPath(path: string): boolean {
    return this.unread.has(path);
  }

  /** Some document of `kind` is not read yet. */
  hasUnread(kind: DocKind): boolean {
    for (const k of this.unread.values()) if (k === kind) return true;
    return false;
  }

  /** Something asked for documents not read yet since the last `readMissed`. */
  get missed(): boolean {
    return this.missedKinds.size > 0 || this.missedPaths.size > 0;
  }

  /** Reads the posts and pages (of `kinds`, default all) not read yet; the ones an editor or a file event gave are kept. */
  async readAll(kinds?: Iterable<DocKind>): Promise<void> {
    const wanted = kinds ? new Set(kinds) : undefined;
    await this.readPaths([...this.unread].filter(([, k]) => !wanted || wanted.has(k)).map(([p]) => p));
    for (const k of wanted ?? [...this.missedKinds]) this.missedKinds.delete(k);
    if (!wanted) this.missedPaths.clear();
  }

  /** Reads what was asked for before it was read; true when the model changed. */
  async readMissed(): Promise<boolean> {
    if (!this.missed) return false;
    const before = this.unread.size;
    const paths = [...this.missedPaths];
    this.missedPaths.clear();
    await this.readAll([...this.missedKinds]);
    await this.readPaths(paths);
    return this.unread.size !== before;
  }

  /** Reads these posts and pages (site-relative) when they are not read yet. */
  async readPaths(paths: string[]): Promise<void> {
    const read = this.reader;
    const todo = paths.filter((p) => this.unread.has(p));
    let next = 0;
    const worker = async () => {
      while (next < todo.length) {
        const f = todo[next++];
        const text = read ? await read(f) : undefined;
        this.reads++;
        // An editor's text or a file event may have come in while this one was read: it wins.
        const kind = this.unread.get(f);
        if (kind === undefined) continue;
        this.unread.delete(f);
        if (text !== undefined) this.updateDocument(f, text, kind);
      }
    };
    await Promise.all(Array.from({ length: Math.min(16, Math.max(1, todo.length)) }, worker));
  }

  /** Notes that every document of `kinds` (default: all) was needed; true when some are not read yet. */
  needAll(kinds: readonly DocKind[] = ['post', 'draft', 'page']): boolean {
    if (this.unread.size === 0) return false;
    const unreadKinds = new Set(this.unread.values());
    let missing = false;
    for (const k of kinds) {
      if (!unreadKinds.has(k)) continue;
      this.missedKinds.add(k);
      missing = true;
    }
    if (missing) this.misses++;
    return missing;
  }

  /**
   * A post or page that appeared or changed on disk: left for later when the site is not read yet
   * (true), else to be read now (false).
   */
  defer(path: string, kind: DocKind): boolean {
    if (this.unread.size === 0 || this.docs.has(path)) return false;
    this.unread.set(path, kind);
    return true;
  }

  /** The post or page at `path` (site-relative), noting it as missed when it is not read yet. */
  doc(path: string): SiteDocument | undefined {
    const d = this.docs.get(path);
    if (d === undefined && this.unread.has(path)) { this.missedPaths.add(path); this.misses++; }
    return d;
  }

  /** Pages (not posts or drafts), by path. */
  pages(): SiteDocument[] {
    this.needAll(['page']);
    return [...this.docs.values()].filter((d) => d.kind === 'page').sort((a, b) => (a.path < b.path ? -1 : 1));
  }

  /** The kind of a site file as Jekyll would publish it, or undefined (layouts, includes, assets…). */
  kindOf(path: string): DocKind | undefined {
    const segs = path.split('/');
    const excluded = this.config.exclude.some((e) => { const x = e.replace(/^\.?\/+|\/+$/g, ''); return x && (path === x || path.startsWith(x + '/')); });
    if (excluded) return undefined;
    // Jekyll only reads `YYYY-MM-DD-title.ext` in _posts; other files there are ignored.
    if (segs.includes('_posts')) return PAGEISH.test(path) && POST_NAME.test(segs[segs.length - 1]) ? 'post' : undefined;
    if (segs.includes('_drafts')) return PAGEISH.test(path) ? 'draft' : undefined;
    if (segs.some((s) => s.startsWith('_') || s.startsWith('.')) || segs.includes('node_modules') || segs.includes('vendor')) return undefined;
    return PAGEISH.test(path) ? 'page' : undefined;
  }

  updateDocument(path: string, text: string, kind = this.kindOf(path)): SiteDocument | undefined {
    if (!kind) return undefined;
    this.unread.delete(path);
    const old = this.docs.get(path);
    const doc = this.adjust((old && withNewBody(old, text, kind)) ?? readDocument(this.config, path, text, kind, this.parse(path, text)));
    // Pages without front matter are static files to Jekyll (unless a plugin says otherwise).
    if (kind === 'page' && !doc.hasFrontMatter && !this.keepWithoutFrontMatter(path)) {
      this.docs.delete(path);
      return doc;
    }
    this.docs.set(path, doc);
    if (kind === 'post') {
      // Same date and visibility: the post keeps its place, so the sorted list survives a keystroke.
      const i = old && this.postsCache && old.published === doc.published && old.date?.getTime() === doc.date?.getTime() ? this.postsCache.indexOf(old) : -1;
      if (i >= 0 && this.postsCache) this.postsCache[i] = doc;
      else if (!old || old.published || doc.published) this.postsCache = undefined;
    }
    return doc;
  }

  removeDocument(path: string): void {
    this.unread.delete(path);
    if (this.docs.delete(path)) this.postsCache = undefined;
  }

  /** `_data` files that could not be read, and why (the preview shows each as a notice). */
  readonly dataProblems = new Map<string, SiteFileProblem>();

  setData(path: string, text: string): void {
    const read = readSiteData(text, path, parseDelimited);
    if (read.problem) this.dataProblems.set(path, read.problem);
    else this.dataProblems.delete(path);
    if (read.value === undefined) return;
    const value = read.value;
    const keys = path.slice('_data/'.length).replace(DATA, '').split('/');
    let obj = this.data;
    for (const k of keys.slice(0, -1)) {
      if (!obj[k] || typeof obj[k] !== 'object') obj[k] = {};
      obj = obj[k] as Record<string, unknown>;
    }
    obj[keys[keys.length - 1]] = value;
  }

  /** Published posts, newest first (Jekyll's `site.posts` order). */
  posts(now: Date): SiteDocument[] {
    this.needAll(['post']);
    if (!this.postsCache) {
      const list = [...this.docs.values()].filter((d) => d.kind === 'post' && d.published && (this.config.future || !d.date || d.date.getTime() <= now.getTime()));
      list.sort((a, b) => (b.date?.getTime() ?? 0) - (a.date?.getTime() ?? 0) || (a.path < b.path ? 1 : -1));
      this.postsCache = list;
    }
    return this.postsCache;
  }

  /** The post published from `_posts/…/<name>.<ext>`. */
  postByName(name: string): SiteDocument | undefined {
    this.needAll(['post']);
    for (const d of this.docs.values()) if (d.kind === 'post' && posix.basename(d.path).replace(/\.[^.]+$/, '') === name) return d;
    return undefined;
  }
}

function parseDelimited(text: string, sep: string): Array<Record<string, string>> {
  const rows = text.split(/\r?\n/).filter((l) => l.trim() !== '').map((l) => splitRow(l, sep));
  const [head, ...rest] = rows;
  if (!head) return [];
  return rest.map((r) => Object.fromEntries(head.map((h, i) => [h, r[i] ?? ''])));
}

function splitRow(line: string, sep: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { cur += '"'; i++; } else if (c === '"') quoted = false; else cur += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) { out.push(cur); cur = ''; } else cur += c;
  }
  out.push(cur);
  return out;
}
