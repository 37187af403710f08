// What Liquid sees of the site and the document: `site` (config, posts, pages, data, tags, categories) and
// `page` (the document's front matter and Jekyll's derived fields, its neighbours, its lazily rendered
// excerpt), built from the site model and kept while the model does not change.
import * as posix from '../../text/posixPath';
import type { RenderPlugins } from '../plugins/sitePlugins';
import { JekyllDate, type SiteDocument, type SiteModel } from '../siteModel';

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
    const posts = model.posts(when).map((d) => this.docObject(d));
    const pages = [...model.docs.values()].filter((d) => d.kind === 'page').sort((a, b) => (a.path < b.path ? -1 : 1)).map((d) => this.docObject(d));
    // Jekyll's post_attr_hash: keys in the order the oldest post first uses them, each list newest first.
    const group = (key: 'tags' | 'categories') => {
      const out: Record<string, unknown[]> = {};
      for (const d of [...model.posts(when)].reverse()) for (const t of d[key]) (out[t] ??= []).unshift(this.docObject(d));
      return out;
    };
    const value: Record<string, unknown> = {
      ...model.raw, time, posts, pages, html_pages: pages.filter((p) => String(p.url).endsWith('/') || String(p.url).endsWith('.html')),
      documents: posts, related_posts: posts.slice(0, 10), static_files: [], data: model.data, baseurl: model.config.baseurl,
      url: typeof model.raw.url === 'string' ? model.raw.url : null, collections: [{ label: 'posts', docs: posts, output: true }],
    };
    let tags: unknown; let categories: unknown;
    Object.defineProperty(value, 'tags', { get: () => (tags ??= group('tags')), enumerable: true });
    Object.defineProperty(value, 'categories', { get: () => (categories ??= group('categories')), enumerable: true });
    this.source.plugins().site(value);
    this.siteVar = { version: this.source.modelVersion(), value };
    return value;
  }

  /** `page` for a document; reading its `excerpt` counts in `excerptReads`. */
  page(doc: SiteDocument, when: Date): Record<string, unknown> {
    const page: Record<string, unknown> = { ...this.docObject(doc) };
    Object.defineProperty(page, 'excerpt', { get: () => { this.excerptReads++; return this.excerptOf(doc); }, enumerable: false });
    if (doc.kind === 'post') {
      const posts = this.source.model().posts(when);
      const i = posts.findIndex((p) => p.path === doc.path);
      // site.posts is newest first: `previous` is the older neighbour, `next` the newer one.
      if (i >= 0) {
        page.previous = i + 1 < posts.length ? this.docObject(posts[i + 1]) : null;
        page.next = i > 0 ? this.docObject(posts[i - 1]) : null;
      }
    }
    return page;
  }
}

/** `site.related_posts` is the document's: Jekyll's (without LSI) ten newest other posts; none for a page. */
export function withRelatedPosts(site: Record<string, unknown>, doc: SiteDocument): Record<string, unknown> {
  const posts = Array.isArray(site.posts) ? (site.posts as Array<Record<string, unknown>>) : [];
  const s = Object.defineProperties({}, Object.getOwnPropertyDescriptors(site)) as Record<string, unknown>;
  s.related_posts = doc.kind === 'page' ? [] : posts.filter((p) => p.path !== doc.path).slice(0, 10);
  return s;
}

/** The page with the layout's `content`, keeping its lazily computed `excerpt` (a spread would drop it). */
export function withContent(page: Record<string, unknown>, content: string): Record<string, unknown> {
  const p = Object.defineProperties({}, Object.getOwnPropertyDescriptors(page)) as Record<string, unknown>;
  Object.defineProperty(p, 'content', { value: content, enumerable: true, writable: true, configurable: true });
  return p;
}
