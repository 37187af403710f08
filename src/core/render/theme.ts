// The site's own CSS for the preview: the stylesheets its layouts link, found in the site (a `.css` file,
// or the `.scss`/`.sass` entry with front matter that Jekyll compiles to it), compiled with dart-sass
// against `_sass/` through the site's file interface, with `url(…)` rewritten to resource URLs.
import * as posix from 'node:path/posix';
import type * as Sass from 'sass';
import { parseFrontMatter } from '../frontmatter/parse';

export interface ThemeSite {
  baseurl: string;
  sassDir: string;
  has(sitePath: string): boolean;
  read(sitePath: string): Promise<string | undefined>;
  /** Renders Liquid in a Sass entry file (Jekyll does, e.g. `@import "{{ site.theme }}"`). */
  liquid(text: string, path: string): Promise<string>;
  /** The URL the output should use for a site file. */
  resource(sitePath: string): string;
  /**
   * The name a found Sass file goes by (default: its site path). A theme's file gets a name of its own, so
   * its relative imports resolve next to it first, as libsass does, and only then in the load paths.
   */
  canonical?(sitePath: string): string;
}

export interface Stylesheet {
  /** Where it came from (site-relative). */
  path: string;
  css: string;
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

/** Rewrites `url(…)` in CSS published at `cssUrlPath` (site-relative) to resource URLs. */
export function rewriteCssUrls(css: string, cssSitePath: string, site: Pick<ThemeSite, 'baseurl' | 'has' | 'resource'>): string {
  return css.replace(/url\(\s*(['"]?)([^'")]+)\1\s*\)/g, (all, q: string, url: string) => {
    const u = url.trim();
    if (/^(data:|[a-z][a-z0-9+.-]*:|#)/i.test(u) || u.startsWith('//')) return all;
    const clean = u.replace(/[?#].*$/, '');
    let p: string;
    if (clean.startsWith('/')) {
      const base = site.baseurl.replace(/\/+$/, '');
      p = base && clean.startsWith(base + '/') ? clean.slice(base.length) : clean;
    } else p = posix.join('/' + posix.dirname(cssSitePath), clean);
    const sitePath = posix.normalize(p).replace(/^\/+/, '');
    if (!site.has(sitePath)) return all;
    return `url(${q || '"'}${site.resource(sitePath)}${u.slice(clean.length)}${q || '"'})`;
  });
}

const SASS_EXT = ['.scss', '.sass', '.css'];

/** Compiles a Sass entry file of the site (front matter stripped, Liquid rendered). */
export async function compileSass(path: string, site: ThemeSite): Promise<string> {
  const text = await site.read(path);
  if (text === undefined) throw new Error(`${path} cannot be read`);
  const fm = parseFrontMatter(text, { formats: ['yaml'] });
  const body = await site.liquid(text.slice(fm.bodyStart), path);
  const candidates = (p: string): string[] => {
    const dir = posix.dirname(p);
    const base = posix.basename(p);
    const hasExt = SASS_EXT.includes(posix.extname(base));
    const names = hasExt ? [base, '_' + base] : SASS_EXT.flatMap((e) => [base + e, '_' + base + e]);
    const out = names.map((n) => posix.join(dir, n));
    if (!hasExt) for (const e of ['.scss', '.sass']) out.push(posix.join(p, '_index' + e), posix.join(p, 'index' + e));
    return out.map((x) => x.replace(/^\.\//, ''));
  };
  // Loaded on first use: Dart Sass is three quarters of the bundle and only sites with .scss need it
  // (the bundles keep it in a file of its own, see scripts/build.mjs).
  const sass = await import('sass');
  const importer: Sass.Importer<'async'> = {
    canonicalize(url: string): URL | null {
      // Relative loads arrive resolved against the importing file's `site:` URL.
      const tries = url.startsWith('site:') ? [decodeURIComponent(new URL(url).pathname).replace(/^\/+/, '')] : [url, posix.join(site.sassDir, url)];
      for (const t of tries) for (const c of candidates(posix.normalize(t))) if (site.has(c)) return new URL('site:/' + (site.canonical?.(c) ?? c).split('/').map(encodeURIComponent).join('/'));
      return null;
    },
    async load(canonical: URL): Promise<Sass.ImporterResult | null> {
      const p = decodeURIComponent(canonical.pathname).replace(/^\/+/, '');
      const contents = await site.read(p);
      if (contents === undefined) return null;
      return { contents, syntax: p.endsWith('.sass') ? 'indented' : p.endsWith('.css') ? 'css' : 'scss' };
    },
  };
  const result = await sass.compileStringAsync(body, {
    syntax: path.endsWith('.sass') ? 'indented' : 'scss',
    url: new URL('site:/' + path.split('/').map(encodeURIComponent).join('/')),
    importer,
    importers: [importer],
    style: 'expanded',
    logger: sass.Logger.silent,
    quietDeps: true,
  });
  return result.css;
}

/** Reads or compiles one linked stylesheet; `.css` files with front matter get their Liquid rendered. */
export async function loadStylesheet(path: string, site: ThemeSite): Promise<Stylesheet> {
  const outPath = path.replace(/\.(scss|sass)$/i, '.css');
  let css: string;
  if (/\.(scss|sass)$/i.test(path)) css = await compileSass(path, site);
  else {
    const text = (await site.read(path)) ?? '';
    const fm = parseFrontMatter(text, { formats: ['yaml'] });
    css = fm.close ? await site.liquid(text.slice(fm.bodyStart), path) : text;
  }
  return { path, css: rewriteCssUrls(css, outPath, site) };
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
