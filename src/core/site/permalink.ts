// Where Jekyll publishes a document: relative image links resolve against that URL, not the source file.
import * as path from '../text/posixPath';
import type { CollectionConfig, SiteConfig } from './config';

const STYLES: Record<string, string> = {
  date: '/:categories/:year/:month/:day/:title:output_ext',
  pretty: '/:categories/:year/:month/:day/:title/',
  ordinal: '/:categories/:year/:y_day/:title:output_ext',
  weekdate: '/:categories/:year/W:week/:short_day/:title:output_ext',
  none: '/:categories/:title:output_ext',
};

export const POST_NAME = /^(\d{2,4})-(\d{1,2})-(\d{1,2})-(.+)(\.[^.]+)$/;

/** Jekyll's Utils.slugify: `pretty` keeps the characters readable in a URL; only `cased` keeps the letters' case. */
function slugify(s: string, mode: 'default' | 'pretty' = 'default', cased = false): string {
  const replaced = s.replace(mode === 'pretty' ? /[^\p{M}\p{L}\p{Nd}._~!$&'()+,;=@]+/gu : /[^\p{M}\p{L}\p{Nd}]+/gu, '-').replace(/^-|-$/g, '');
  return cased ? replaced : replaced.toLowerCase();
}

export interface UrlInput {
  relPath: string;
  kind: 'post' | 'draft' | 'page' | 'other';
  data: Record<string, unknown> | undefined;
  /** Calendar date of the post (from `date:` or the file name). */
  date?: { year: number; month: number; day: number };
}

/** The URL path of a document (starting with `/`), or undefined when it cannot be known. */
export function documentUrl(config: SiteConfig, input: UrlInput): string | undefined {
  const own = typeof input.data?.permalink === 'string' ? input.data.permalink : undefined;
  const base = path.basename(input.relPath);
  const inCollection = input.kind === 'page' || input.kind === 'other' ? collectionOf(config, input.relPath) : undefined;
  if (inCollection) return inCollection.collection.output ? collectionUrl(config, inCollection.collection, inCollection.path, input, own) : undefined;
  if (input.kind === 'page' || input.kind === 'other') {
    if (own) return own.startsWith('/') ? own : '/' + own;
    const rel = config.sourceDir && input.relPath.startsWith(config.sourceDir + '/') ? input.relPath.slice(config.sourceDir.length + 1) : input.relPath;
    const noExt = rel.replace(/\.[^./]+$/, '');
    return '/' + (path.basename(noExt) === 'index' ? path.dirname(noExt).replace(/^\.$/, '') + '/' : noExt + '.html').replace(/^\/+/, '');
  }
  const m = POST_NAME.exec(base);
  const slug = m ? m[4] : base.replace(/\.[^.]+$/, '');
  const template = own ?? (Object.hasOwn(STYLES, config.permalink) ? STYLES[config.permalink] : config.permalink);
  const d = input.date;
  const cats = [input.data?.categories, input.data?.category].flatMap((c) => (Array.isArray(c) ? c : typeof c === 'string' ? c.split(/\s+/) : []))
    .filter((c): c is string => typeof c === 'string' && c !== '').map((c) => slugify(c)).join('/');
  const pad = (n: number | undefined) => (n === undefined ? '' : String(n).padStart(2, '0'));
  const vars: Record<string, string> = {
    year: d ? String(d.year) : '', month: pad(d?.month), day: pad(d?.day), i_month: d ? String(d.month) : '', i_day: d ? String(d.day) : '',
    short_year: d ? String(d.year).slice(-2) : '', // `:title` keeps the file name's case (`2019-03-01-Intro-to-GANs.md` → `/Intro-to-GANs.html`); `:slug` lowers it.
    title: slugify(typeof input.data?.slug === 'string' ? input.data.slug : slug, 'pretty', true), slug: slugify(slug),
    name: slugify(slug), categories: cats, output_ext: '.html', hour: '00', minute: '00', second: '00', y_day: '', week: '', short_day: '',
  };
  const url = template.replace(/:([a-z_]+)/g, (all, name: string) => (Object.hasOwn(vars, name) ? vars[name] : all));
  return ('/' + url).replace(/\/{2,}/g, '/');
}

/** The collection a file belongs to (`_recipes/soups/miso.md` → recipes, `soups/miso.md`), if the config declares it. */
function collectionOf(config: SiteConfig, relPath: string): { collection: CollectionConfig; path: string } | undefined {
  if (!config.collections?.length) return undefined;
  const prefix = [config.sourceDir, config.collectionsDir].filter(Boolean).join('/');
  const rel = prefix ? (relPath.startsWith(prefix + '/') ? relPath.slice(prefix.length + 1) : undefined) : relPath;
  if (!rel?.startsWith('_')) return undefined;
  const slash = rel.indexOf('/');
  if (slash < 0) return undefined;
  const collection = config.collections.find((c) => c.label === rel.slice(1, slash));
  return collection && { collection, path: rel.slice(slash + 1) };
}

/**
 * A collection document's URL, as Jekyll's Document#url: its own `permalink`, else the collection's,
 * else `/:collection/:path` with the suffix of the site's permalink style (Utils.add_permalink_suffix).
 */
function collectionUrl(config: SiteConfig, c: CollectionConfig, inner: string, input: UrlInput, own: string | undefined): string {
  let template = own ?? c.permalink;
  if (template === undefined) {
    const style = config.permalink;
    template = '/:collection/:path';
    if (style === 'pretty') template += '/';
    else if (style === 'date' || style === 'ordinal' || style === 'none') template += ':output_ext';
    else {
      if (style.endsWith('/')) template += '/';
      if (style.endsWith(':output_ext')) template += ':output_ext';
    }
  }
  const ext = path.extname(inner);
  const noExt = ext ? inner.slice(0, -ext.length) : inner;
  const baseNoExt = path.basename(noExt);
  const slugData = typeof input.data?.slug === 'string' ? input.data.slug : undefined;
  const d = input.date;
  const pad = (n: number | undefined) => (n === undefined ? '' : String(n).padStart(2, '0'));
  const vars: Record<string, string> = {
    collection: c.label, path: noExt, name: slugify(baseNoExt), title: slugify(slugData ?? baseNoExt, 'pretty', true), slug: slugify(slugData ?? baseNoExt),
    output_ext: '.html', year: d ? String(d.year) : '', month: pad(d?.month), day: pad(d?.day), i_month: d ? String(d.month) : '', i_day: d ? String(d.day) : '',
  };
  const url = template.replace(/:([a-z_]+)/g, (all, name: string) => (Object.hasOwn(vars, name) ? vars[name] : all));
  return ('/' + url).replace(/\.\./g, '/').replace(/\.\//g, '').replace(/\/{2,}/g, '/');
}
