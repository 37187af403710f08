// What Liquid sees of the site and the document: `site` (config, posts, pages, data, tags, categories) and
// `page` (the document's front matter and Jekyll's derived fields, its neighbours, its lazily rendered
// excerpt), built from the site model and kept while the model does not change.
import * as posix from '../../text/posixPath';
import type { RenderPlugins } from '../plugins/sitePlugins';
import { JekyllDate, type DocKind, type SiteDocument, type SiteModel } from '../siteModel';

/** What the variables are made from. */
/** `jekyll`: the Jekyll we emulate (Debian's, the fidelity reference). */
export const JEKYLL = { version: '4.3.1', environment: 'development' };

export interface VariableSource {
  model(): SiteModel;
  /** Changes whenever the model does: `site` is built again. */
  modelVersion(): number;
  plugins(): RenderPlugins;
  /** Markdown for excerpts and other documents' `content` (no Liquid, no source lines). */
  markdown(text: string, rel: string, pageUrl: string | undefined): string;
}

export class LiquidVariables {
  private readonly docObjects = new WeakMap<SiteDocument, Record<string, unknown>>();
  private siteVar: { version: number; value: Record<string, unknown> } | undefined;
  /** Reads of `page.excerpt` (which follows the body): Liquid that read it is not reused after a body edit. */
  excerptReads = 0;

  constructor(private readonly source: VariableSource) {}

  /** The excerpt Jekyll gives the document (Markdown of its first paragraph, or the front matter's). */
  excerptOf(doc: SiteDocument): string | undefined {
    const raw = this.source.model().raw;
    // Jekyll 4 gives pages an excerpt only with `page_excerpts: true` (else the front matter's, if any).
    if (doc.kind === 'page' && raw.page_excerpts !== true) return doc.data.excerpt === undefined || doc.data.excerpt === null ? undefined : String(doc.data.excerpt);
    const sep = typeof doc.data.excerpt_separator === 'string' ? doc.data.excerpt_separator : typeof raw.excerpt_separator === 'string' ? raw.excerpt_separator : '\n\n';
    const body = doc.body.replace(/^\s+/, '');
    const i = sep ? body.indexOf(sep) : -1;
    const first = (i >= 0 ? body.slice(0, i) : body).replace(/\{%[\s\S]*?%\}|\{\{[\s\S]*?\}\}/g, '');
    return this.source.markdown(first, doc.path, doc.url);
  }

  /** A post or page as Liquid sees it (cached per document version). */
  private docObject(doc: SiteDocument): Record<string, unknown> {
    let o = this.docObjects.get(doc);
    if (o) return o;
    o = {
      // A page has no title unless it sets one (Jekyll derives titles for posts only): nil, not ''.
      ...doc.data,
      title: doc.kind === 'page' && doc.title === '' ? doc.data.title : doc.title, url: doc.url, id: doc.url.replace(/\/$/, '').replace(/\.html$/, ''), slug: doc.slug,
      categories: doc.categories, tags: doc.tags, path: doc.path, relative_path: doc.path, name: posix.basename(doc.path),
      ext: posix.extname(doc.path), collection: doc.kind === 'page' ? undefined : 'posts', draft: doc.kind === 'draft',
      ...(doc.date ? { date: doc.date } : {}),
    };
    let excerpt: string | undefined;
    let content: string | undefined;
    Object.defineProperty(o, 'excerpt', { get: () => (excerpt ??= this.excerptOf(doc)), enumerable: false });
    Object.defineProperty(o, 'content', { get: () => (content ??= this.source.markdown(doc.body.replace(/\{%[\s\S]*?%\}/g, ''), doc.path, doc.url)), enumerable: false, configurable: true });
    this.docObjects.set(doc, o);
    return o;
  }

  /** `site` (rebuilt when the model changed, else its `time` set). */
  site(when: Date): Record<string, unknown> {
    const time = new JekyllDate(when.getTime(), this.source.model().config.timezone);
    if (this.siteVar && this.siteVar.version === this.source.modelVersion()) {
      this.siteVar.value.time = time;
      return this.siteVar.value;
    }
    const model = this.source.model();
    // The posts and pages are made when Liquid first reads them (the model reads the site then, siteModel.ts).
    let posts: Array<Record<string, unknown>> | undefined;
    let pages: Array<Record<string, unknown>> | undefined;
    const allPosts = () => (posts ??= model.posts(when).map((d) => this.docObject(d)));
    const allPages = () => (pages ??= model.pages().map((d) => this.docObject(d)));
    // Jekyll's post_attr_hash: keys in the order the oldest post first uses them, each list newest first.
    const group = (key: 'tags' | 'categories') => {
      const out: Record<string, unknown[]> = {};
      for (const d of [...model.posts(when)].reverse()) for (const t of d[key]) (out[t] ??= []).unshift(this.docObject(d));
      return out;
    };
    // Keys in Jekyll's order; the lists' values are getters (below).
    const value: Record<string, unknown> = {
      ...model.raw, time, posts: undefined, pages: undefined, html_pages: undefined, documents: undefined, related_posts: undefined,
      static_files: [], data: model.data, baseurl: model.config.baseurl, url: typeof model.raw.url === 'string' ? model.raw.url : null, collections: undefined,
    };
    let tags: unknown; let categories: unknown; let htmlPages: unknown; let collections: unknown;
    lazy(value, {
      posts: allPosts, pages: allPages, documents: allPosts, related_posts: () => allPosts().slice(0, 10),
      html_pages: () => (htmlPages ??= allPages().filter((p) => String(p.url).endsWith('/') || String(p.url).endsWith('.html'))),
      collections: () => (collections ??= [{ label: 'posts', docs: allPosts(), output: true }]),
      tags: () => (tags ??= group('tags')), categories: () => (categories ??= group('categories')),
    });
    this.source.plugins().site(value);
    this.siteVar = { version: this.source.modelVersion(), value };
    return value;
  }

  /** `page` for a document; reading its `excerpt` counts in `excerptReads`. */
  page(doc: SiteDocument, when: Date): Record<string, unknown> {
    const page: Record<string, unknown> = { ...this.docObject(doc) };
    Object.defineProperty(page, 'excerpt', { get: () => { this.excerptReads++; return this.excerptOf(doc); }, enumerable: false });
    if (doc.kind === 'post') {
      // site.posts is newest first: `previous` is the older neighbour, `next` the newer one (made when read).
      let near: { i: number; posts: SiteDocument[] } | undefined;
      const own = { previous: page.previous, next: page.next };
      const neighbour = (key: 'previous' | 'next') => {
        near ??= (() => { const posts = this.source.model().posts(when); return { posts, i: posts.findIndex((p) => p.path === doc.path) }; })();
        const j = near.i + (key === 'previous' ? 1 : -1);
        return near.i < 0 ? own[key] : j >= 0 && j < near.posts.length ? this.docObject(near.posts[j]) : null;
      };
      lazy(page, { previous: () => neighbour('previous'), next: () => neighbour('next') });
    }
    return page;
  }
}

/** `site.related_posts` is the document's: Jekyll's (without LSI) ten newest other posts; none for a page. */
export function withRelatedPosts(site: Record<string, unknown>, doc: SiteDocument): Record<string, unknown> {
  const s = Object.defineProperties({}, Object.getOwnPropertyDescriptors(site)) as Record<string, unknown>;
  let related: unknown[] | undefined;
  lazy(s, {
    related_posts: () => (related ??= doc.kind === 'page' ? [] : (Array.isArray(site.posts) ? (site.posts as Array<Record<string, unknown>>) : []).filter((p) => p.path !== doc.path).slice(0, 10)),
  });
  return s;
}

/** Properties computed when first read (enumerable, as plain ones are; a later assignment replaces the getter). */
function lazy(o: Record<string, unknown>, getters: Record<string, () => unknown>): void {
  for (const [key, get] of Object.entries(getters)) {
    Object.defineProperty(o, key, {
      get, enumerable: true, configurable: true,
      set: (v: unknown) => Object.defineProperty(o, key, { value: v, enumerable: true, writable: true, configurable: true }),
    });
  }
}

/** What each of `site`'s lists is made of. */
const LISTS: Record<string, readonly DocKind[]> = {
  posts: ['post'], documents: ['post'], collections: ['post'], tags: ['post'], categories: ['post'], related_posts: ['post'],
  pages: ['page'], html_pages: ['page'],
};
const ALL: readonly DocKind[] = ['post', 'draft', 'page'];

/**
 * The documents Liquid in `text` may read (`site.posts`, `site.pages`, `page.next`, `post_url`, `link`,
 * or `site` as a whole): the renderer reads them before running it, rather than running it twice. A
 * guess that errs on the side of more; a miss costs a second render, never a wrong one.
 */
export function documentsReadBy(text: string): Set<DocKind> {
  const kinds = new Set<DocKind>();
  if (!text.includes('{{') && !text.includes('{%')) return kinds;
  const add = (ks: readonly DocKind[]) => { for (const k of ks) kinds.add(k); };
  for (const [span] of text.matchAll(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g)) {
    if (/^\{%-?\s*link\b/.test(span)) add(ALL);
    if (/^\{%-?\s*post_url\b/.test(span) || /\bpage\s*\.\s*(previous|next)\b/.test(span)) add(['post']);
    for (const m of span.matchAll(/(?<![\w.-])site\b(?:\s*\.\s*([A-Za-z_][\w-]*))?/g)) {
      if (m[1] === undefined) add(ALL);
      else if (Object.hasOwn(LISTS, m[1])) add(LISTS[m[1]]);
    }
    if (kinds.size === ALL.length) break;
  }
  return kinds;
}

/** The page with the layout's `content`, keeping its lazily computed `excerpt` (a spread would drop it). */
export function withContent(page: Record<string, unknown>, content: string): Record<string, unknown> {
  const p = Object.defineProperties({}, Object.getOwnPropertyDescriptors(page)) as Record<string, unknown>;
  Object.defineProperty(p, 'content', { value: content, enumerable: true, writable: true, configurable: true });
  return p;
}
