// What a link can point at in a site: each document's published URL, whether it is published at all
// (a draft, `published: false`, a future post), and the ids its `#fragments` may name. Kept by the
// SiteIndex, updated one document at a time (a keystroke costs that document's line scan).
import * as path from '../text/posixPath';
import type { SiteConfig } from '../site/config';
import { documentUrl, POST_NAME } from '../site/permalink';
import { fragmentIds } from './headings';

export type TargetKind = 'post' | 'draft' | 'page' | 'other';

export interface LinkTarget {
  rel: string;
  kind: TargetKind;
  /** The URL path Jekyll publishes it at (`/2021/08/19/x.html`), undefined when it cannot be known. */
  url?: string;
  /** `published: false` in the front matter. */
  unpublished: boolean;
  /** When the post is dated (front matter `date:`, else the file name), for `future: false` sites. */
  date?: Date;
  /** Ids a `#fragment` may name. */
  ids: Set<string>;
  title?: string;
}

export class LinkTargets {
  private readonly docs = new Map<string, LinkTarget>();
  private readonly byUrl = new Map<string, string>();
  // post_url lookups, built on first use after a change.
  private postNames: Map<string, LinkTarget> | undefined;
  private postSlugs: Map<string, LinkTarget> | undefined;
  // nearest-target lookups (a broken link's likely meaning), built on first use after a change.
  private nearSlugs: Map<string, LinkTarget> | undefined;
  private readonly raw = new Map<string, { kind: TargetKind; data: Record<string, unknown> | undefined }>();

  // Lazy: additions (true) and removals (false) byUrl has not seen yet.
  private pendingUrls: [boolean, LinkTarget][] | undefined;

  /**
   * @param lazy work a document's fragment ids, URL and date out only when a link asks (most documents
   *   are never asked): its text and front matter are kept until then, so only for callers that keep
   *   every text and parse anyway (`techblog check`). The answers are the same.
   */
  constructor(private readonly config: () => SiteConfig, private readonly lazy = false) {
    if (lazy) this.pendingUrls = [];
  }

  update(rel: string, kind: TargetKind, text: string, bodyStart: number, data: Record<string, unknown> | undefined): void {
    this.remove(rel);
    if (kind === 'other') return;
    // Only the little a link needs is kept, not the text.
    this.raw.set(rel, { kind, data: pick(data) });
    this.add(rel, kind, text, bodyStart, data);
  }

  private add(rel: string, kind: TargetKind, text: string, bodyStart: number, data: Record<string, unknown> | undefined): void {
    const config = this.config();
    const unpublished = data?.published === false;
    const title = typeof data?.title === 'string' ? data.title : undefined;
    let t: LinkTarget;
    if (text && this.lazy) {
      t = new LazyTarget(rel, kind, unpublished, title, config, data, text, bodyStart);
    } else {
      const date = postDate(rel, kind, data);
      const url = urlOf(config, rel, kind, data, date);
      t = { rel, kind, url, date, unpublished, ids: text ? fragmentIds(text, config.kramdown, bodyStart) : this.docs.get(rel)?.ids ?? new Set(), title };
    }
    this.docs.set(rel, t);
    this.postNames = this.postSlugs = this.nearSlugs = undefined;
    if (this.pendingUrls) this.pendingUrls.push([true, t]);
    else if (t.url) this.byUrl.set(normalizeUrl(t.url), rel);
  }

  /** Lazy: the URL map's additions and removals since it was last read, replayed in order when it is read. */
  private urlMap(): Map<string, string> {
    const pending = this.pendingUrls;
    if (pending?.length) {
      this.pendingUrls = [];
      for (const [added, t] of pending) {
        if (added) { if (t.url) this.byUrl.set(normalizeUrl(t.url), t.rel); } else this.unmapUrl(t);
      }
    }
    return this.byUrl;
  }

  private unmapUrl(old: LinkTarget): void {
    if (old.url && this.byUrl.get(normalizeUrl(old.url)) === old.rel) this.byUrl.delete(normalizeUrl(old.url));
  }

  remove(rel: string): void {
    const old = this.docs.get(rel);
    if (!old) return;
    if (this.pendingUrls) this.pendingUrls.push([false, old]); else this.unmapUrl(old);
    this.docs.delete(rel);
    this.raw.delete(rel);
    this.postNames = this.postSlugs = this.nearSlugs = undefined;
  }

  /** The config changed (permalink, kramdown options): URLs are worked out again; ids stay. */
  configChanged(): void {
    this.byUrl.clear();
    if (this.pendingUrls) this.pendingUrls = [];
    for (const [rel, r] of this.raw) {
      const ids = this.docs.get(rel)?.ids;
      this.add(rel, r.kind, '', 0, r.data);
      if (ids) this.docs.get(rel)!.ids = ids;
    }
  }

  /** The URL the document `rel` would have at `newRel` (a rename or move), of kind `kind` there. */
  urlIfMoved(rel: string, newRel: string, kind: TargetKind): string | undefined {
    const data = this.raw.get(rel)?.data;
    return urlOf(this.config(), newRel, kind, data, postDate(newRel, kind, data));
  }

  get(rel: string): LinkTarget | undefined { return this.docs.get(rel); }
  all(): IterableIterator<LinkTarget> { return this.docs.values(); }

  /** The document published at `url` (a path; `.html`, `/` and `/index.html` spellings agree). */
  atUrl(url: string): LinkTarget | undefined {
    const rel = this.urlMap().get(normalizeUrl(url));
    return rel === undefined ? undefined : this.docs.get(rel);
  }

  /**
   * `{% post_url name %}`: the post whose path under `_posts/` (without extension) is `name`, as
   * Jekyll matches it; else a draft of the same slug (so the message can say it is not published).
   */
  forPostUrl(name: string): LinkTarget | undefined {
    const want = name.replace(/^\/+/, '');
    if (!this.postNames) this.buildPostNames();
    return this.postNames!.get(want) ?? (want.includes('/') ? undefined : this.postNames!.get('\0' + want)) ?? this.postSlugs!.get(slugOf(path.basename(want)));
  }

  /** Names post_url matches (path under `_posts/` without extension; `\0` + base name), and drafts' slugs. */
  private buildPostNames(): void {
    const names = new Map<string, LinkTarget>();
    const slugs = new Map<string, LinkTarget>();
    for (const t of this.docs.values()) {
      if (t.kind !== 'post' && t.kind !== 'draft') continue;
      const under = nameUnder(t);
      if (t.kind === 'post') {
        if (!names.has(under)) names.set(under, t);
        if (!names.has('\0' + path.basename(under))) names.set('\0' + path.basename(under), t);
      }
      // A draft is found by its slug (its published name will carry a date): the link is unpublished, not broken.
      const slug = slugOf(path.basename(under));
      if (t.kind === 'draft' && !slugs.has(slug)) slugs.set(slug, t);
    }
    this.postNames = names;
    this.postSlugs = slugs;
  }

  /** The first post or page whose file name (without date and extension) or URL ends in `slug`. */
  bySlug(slug: string): LinkTarget | undefined {
    if (!this.nearSlugs) {
      const m = new Map<string, LinkTarget>();
      for (const t of this.docs.values()) {
        if (t.kind !== 'post' && t.kind !== 'page') continue;
        const own = path.basename(t.rel).replace(/\.[^.]+$/, '').replace(/^\d{4}-\d{2}-\d{2}-/, '');
        if (!m.has(own)) m.set(own, t);
        const fromUrl = t.url && path.basename(t.url.replace(/\/+$/, '').replace(/\.html?$/, ''));
        if (fromUrl && !m.has(fromUrl)) m.set(fromUrl, t);
      }
      this.nearSlugs = m;
    }
    return this.nearSlugs.get(slug);
  }

  /** Whether the site publishes the document now (drafts, `published: false` and, unless `future: true`, future posts are not). */
  isPublished(t: LinkTarget, now: Date): boolean {
    if (t.kind === 'draft' || t.unpublished) return false;
    return !(t.kind === 'post' && t.date && t.date.getTime() > now.getTime() && !this.config().future);
  }
}

/** A post's or draft's path under `_posts/` (`_drafts/`) without its extension: for a post, the name `{% post_url %}` takes. */
export function nameUnder(t: LinkTarget): string {
  const noExt = t.rel.replace(/\.[^./]+$/, '');
  const dir = t.kind === 'post' ? '_posts/' : '_drafts/';
  const i = noExt.lastIndexOf(dir);
  return i >= 0 ? noExt.slice(i + dir.length) : path.basename(noExt);
}

/** A document's target whose URL, date and fragment ids are worked out on first read (LinkTargets' `lazy`), from what they would have been worked out from when it was added. */
class LazyTarget implements LinkTarget {
  private urlValue: string | undefined | null = null;
  private dateValue: Date | undefined | null = null;
  private idsValue: Set<string> | undefined;

  constructor(
    readonly rel: string, readonly kind: TargetKind, readonly unpublished: boolean, readonly title: string | undefined,
    private readonly config: SiteConfig, private readonly data: Record<string, unknown> | undefined,
    private source: string | undefined, private readonly bodyStart: number,
  ) {}

  get date(): Date | undefined {
    if (this.dateValue === null) this.dateValue = postDate(this.rel, this.kind, this.data);
    return this.dateValue;
  }

  get url(): string | undefined {
    if (this.urlValue === null) this.urlValue = urlOf(this.config, this.rel, this.kind, this.data, this.date);
    return this.urlValue;
  }

  get ids(): Set<string> {
    if (!this.idsValue) { this.idsValue = fragmentIds(this.source!, this.config.kramdown, this.bodyStart); this.source = undefined; }
    return this.idsValue;
  }

  set ids(v: Set<string>) { this.idsValue = v; this.source = undefined; }
}

/** `/a/b.html`, `/a/b/`, `/a/b/index.html`, `/a/b` → one key. */
export function normalizeUrl(url: string): string {
  let u = url.replace(/[?#].*$/, '');
  try { if (u.includes('%')) u = decodeURI(u); } catch { /* keep */ }
  u = u.replace(/\/index\.html?$/, '/').replace(/\.html?$/, '').replace(/\/+$/, '');
  return u === '' ? '/' : u.startsWith('/') ? u : '/' + u;
}

function slugOf(base: string): string {
  const m = /^\d{2,4}-\d{1,2}-\d{1,2}-(.+)$/.exec(base);
  return m ? m[1] : base;
}

function pick(data: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  if (!data) return undefined;
  const out: Record<string, unknown> = {};
  for (const k of ['permalink', 'categories', 'category', 'slug', 'date', 'published', 'title']) if (Object.hasOwn(data, k)) out[k] = data[k];
  return out;
}

function urlOf(config: SiteConfig, rel: string, kind: TargetKind, data: Record<string, unknown> | undefined, date: Date | undefined): string | undefined {
  const ymd = date ? { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() } : undefined;
  return documentUrl(config, { relPath: rel, kind, data, date: ymd });
}

function postDate(rel: string, kind: TargetKind, data: Record<string, unknown> | undefined): Date | undefined {
  if (kind !== 'post' && kind !== 'draft') return undefined;
  const d = data?.date;
  if (d instanceof Date && !Number.isNaN(d.getTime())) return d;
  if (typeof d === 'string') {
    const parsed = new Date(d.trim().replace(/^(\d{4}-\d{2}-\d{2}) /, '$1T'));
    if (!Number.isNaN(parsed.getTime())) return parsed;
  }
  const m = POST_NAME.exec(path.basename(rel));
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : undefined;
}
