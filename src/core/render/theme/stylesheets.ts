// The site's own CSS for the preview: the stylesheets its layouts link, found in the site (a `.css` file,
// or the `.scss`/`.sass` entry with front matter that Jekyll compiles to it; sass.ts compiles those),
// with `url(…)` rewritten to resource URLs.
import * as posix from '../../text/posixPath';
import { parseFrontMatter } from '../../frontmatter/parse';
import { t } from '../../text/l10n';
import { mapCssUrls } from '../resources/cssUrls';
import { ResourceResolver } from '../resources/resourceResolver';
import { compileSass, type SassSite } from './sass';

export interface ThemeSite extends SassSite {
  baseurl: string;
  /** The URL the output should use for a site file. */
  resource(sitePath: string): string;
  /** The CSS filter, applied to each stylesheet before its url()s become resource URLs. */
  filter?(css: string): string;
}

export interface Stylesheet {
  /** Where it came from (site-relative). */
  path: string;
  css: string;
  /** Set when the libsass fallback had to leave statements out: one line for the preview's notices. */
  notice?: string;
  /** Compiled Sass served from the cache. */
  cached?: boolean;
}

/** The site file a `<link rel="stylesheet" href>` stands for, or undefined (remote, not in the site). */
export function stylesheetSource(href: string, baseurl: string, has: (p: string) => boolean, pageUrl = '/'): string | undefined {
  const raw = href.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) return undefined;
  let p = raw.replace(/[?#].*$/, '');
  try { p = decodeURIComponent(p); } catch { /* keep as written */ }
  if (p.startsWith('/')) {
    const base = baseurl.replace(/\/+$/, '');
    if (base && p.startsWith(base + '/')) p = p.slice(base.length);
  } else p = posix.join(pageUrl.endsWith('/') ? pageUrl : posix.dirname(pageUrl), p);
  const sitePath = posix.normalize(p).replace(/^\/+/, '');
  if (sitePath.startsWith('../')) return undefined;
  const stem = sitePath.replace(/\.css$/i, '');
  // Jekyll writes `x.css` from `x.scss`/`x.sass` (with front matter) or copies a static `x.css`.
  for (const c of [stem + '.scss', stem + '.sass', sitePath]) if (has(c)) return c;
  return undefined;
}

/** Rewrites `url(…)` in CSS published at `cssSitePath` (site-relative) to resource URLs; URLs of no site file stay as written. */
export function rewriteCssUrls(css: string, cssSitePath: string, site: Pick<ThemeSite, 'baseurl' | 'has' | 'resource'>): string {
  // `@import "x.css"` (what Sass leaves of an import of a .css file) is a url() too.
  css = css.replace(/@import\s+(['"])([^'"]+\.css(?:[?#][^'"]*)?)\1/gi, (_all, q: string, url: string) => `@import url(${q}${url}${q})`);
  // The same resolver as `src`/`href` and inline styles, with the stylesheet's published URL as the page.
  const resolver = new ResourceResolver({ has: (p) => site.has(p), all: () => [], version: () => 0 }, site.baseurl);
  return mapCssUrls(css, (url) => {
    const r = resolver.resolve(url, cssSitePath, '/' + cssSitePath);
    return 'sitePath' in r ? { url: site.resource(r.sitePath) + url.slice(url.replace(/[?#].*$/, '').length) } : undefined;
  });
}

/** Reads or compiles one linked stylesheet; `.css` files with front matter get their Liquid rendered. */
export async function loadStylesheet(path: string, site: ThemeSite): Promise<Stylesheet> {
  const outPath = path.replace(/\.(scss|sass)$/i, '.css');
  if (/\.(scss|sass)$/i.test(path)) {
    const r = await compileSass(path, site);
    const notice = r.dropped.length
      ? t('Dart Sass rejects parts of {0} that libsass (Jekyll\'s Sass compiler) accepts: the preview leaves out what failed ({1}) and keeps every other rule.',
        path, r.dropped.slice(0, 3).join(', ') + (r.dropped.length > 3 ? t(' and {0} more', r.dropped.length - 3) : ''))
      : undefined;
    return { path, css: rewriteCssUrls(site.filter ? site.filter(r.css) : r.css, outPath, site), notice, cached: r.cached };
  }
  const text = (await site.read(path)) ?? '';
  const fm = parseFrontMatter(text, { formats: ['yaml'] });
  const css = fm.close ? await site.liquid(text.slice(fm.bodyStart), path) : text;
  return { path, css: rewriteCssUrls(site.filter ? site.filter(css) : css, outPath, site) };
}

/** Where themes usually keep their entry stylesheet, for sites whose layouts we cannot render. */
export const CONVENTIONAL_STYLESHEETS = ['assets/css/main.scss', 'assets/main.scss', 'assets/css/style.scss', 'css/main.scss', 'assets/css/main.css', 'css/main.css', 'css/style.css', 'assets/css/style.css'];

/**
 * Plain CSS files a Hugo or Hexo site serves (`static/css/`, `assets/css/`, `source/css/`), for content
 * mode: their templates are not Liquid, so the preview cannot see which stylesheets they link.
 */
export function servedStylesheets(profile: 'hugo' | 'hexo', servedDir: string, files: Iterable<string>): string[] {
  const dirs = profile === 'hugo' ? [`${servedDir}/css/`, 'assets/css/', 'assets/'] : [`${servedDir}/css/`];
  const found: string[] = [];
  for (const f of files) {
    const dir = dirs.find((d) => f.startsWith(d));
    if (dir && !f.slice(dir.length).includes('/') && /\.css$/i.test(f)) found.push(f);
  }
  return found.sort((a, b) => dirs.findIndex((d) => a.startsWith(d)) - dirs.findIndex((d) => b.startsWith(d)) || a.localeCompare(b)).slice(0, 4);
}
