// A Sass entry file compiled as Jekyll compiles it (jekyll-sass-converter 2.2 with sassc/libsass), on
// Dart Sass:
// - load paths in Jekyll's order: `sass.load_paths`, then `sass.sass_dir` (`_sass`), then the theme's
//   `_sass`; an import is first looked up next to the importing file, and for the entry that is the
//   site's root (Jekyll names the entry `./main.scss`), so `@import "main"` in `assets/css/main.scss`
//   means `_sass/main.scss`, not the entry itself;
// - libsass's leniency: deprecations silenced, then repairs of what Dart Sass rejects (libsass.ts);
// - the result kept in a SassCache by the hash of its inputs: on a hit Dart Sass is not loaded.
import * as posix from '../../text/posixPath';
import type * as Sass from 'sass';
import { parseFrontMatter } from '../../frontmatter/parse';
import type { SassConfig } from '../../site/config';
import { cacheKey, SASS_CACHE_FORMAT, validCachedCompile, type CachedCompile, type SassCache } from './cache';
import { hashText } from './hashText';
import { loadSass } from './sassModule';
import { compatFunctions, repairAt } from './libsass';

/** Files outside the site that Sass may load from: a theme (gem or remote), searched after the site's. */
export interface SassFileLayer {
  /** Shown in notices before the layer's paths (e.g. `minima`). */
  label: string;
  /** The layer's Sass folder, searched as a load path (Jekyll: the theme's `_sass`). */
  sassDir: string;
  /** Paths are relative to the layer's root. */
  has(path: string): boolean;
  read(path: string): Promise<string | undefined>;
  /** The layer's files (for the cache key); optional. */
  files?(): Iterable<string>;
}

export interface SassSite {
  sass: SassConfig;
  /** Themes after the site, in order; the site's own files win. */
  themes?: SassFileLayer[];
  has(sitePath: string): boolean;
  read(sitePath: string): Promise<string | undefined>;
  /** The site's files, to expand globs in `sass.load_paths` and to notice new partials; optional. */
  files?(): Iterable<string>;
  /** Renders Liquid in a Sass entry file (Jekyll does, e.g. `@import "{{ site.theme }}"`). */
  liquid(text: string, path: string): Promise<string>;
  cache?: SassCache;
  /** Only what the cache holds: a compile it does not hold throws `SassNotCached` instead of running Dart Sass. */
  cachedOnly?: boolean;
}

/** Thrown by `compileSass` with `cachedOnly` when the cache does not hold the compile. */
export class SassNotCached extends Error {
  constructor(readonly path: string) {
    super(`${path} is not compiled yet`);
  }
}

export interface SassResult {
  css: string;
  /** `file:line` of each statement the libsass fallback left out. */
  dropped: string[];
  /** Served from the cache (Dart Sass did not run). */
  cached: boolean;
}

const SASS_EXT = ['.scss', '.sass', '.css'];
/** Compiles after the first that the libsass fallback may try, and their total time. */
const MAX_REPAIRS = 40;
const REPAIR_BUDGET_MS = 10_000;

/** The files an import of `p` may mean, in Sass's order (partials, index files). */
function candidates(p: string): string[] {
  const dir = posix.dirname(p);
  const base = posix.basename(p);
  const hasExt = SASS_EXT.includes(posix.extname(base));
  const names = hasExt ? [base, '_' + base] : SASS_EXT.flatMap((e) => [base + e, '_' + base + e]);
  const out = names.map((n) => posix.join(dir, n));
  if (!hasExt) for (const e of ['.scss', '.sass']) out.push(posix.join(p, '_index' + e), posix.join(p, 'index' + e));
  return out.map((x) => x.replace(/^\.\//, ''));
}

const encode = (p: string) => p.split('/').map(encodeURIComponent).join('/');
const pathOf = (u: URL) => decodeURIComponent(u.pathname).replace(/^\/+/, '');

/** `sass.load_paths` with Dir.glob's `*`, `**` and `?` expanded against the site's folders. */
export function expandLoadPaths(paths: string[], files: Iterable<string> | undefined): string[] {
  const out: string[] = [];
  let dirs: string[] | undefined;
  for (const p of paths) {
    if (p.startsWith('/') || p.startsWith('../')) continue; // outside the site: not through the site's files
    if (!/[*?[{]/.test(p)) { out.push(posix.normalize(p)); continue; }
    if (!files) continue;
    if (!dirs) {
      const set = new Set<string>();
      for (const f of files) for (let d = posix.dirname(f); d !== '.' && !set.has(d); d = posix.dirname(d)) set.add(d);
      dirs = [...set].sort();
    }
    const re = new RegExp('^' + p.replace(/[.+^$()|\\]/g, '\\$&').replace(/\*\*\/?/g, '\u0001').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]').split('\u0001').join('(?:.*/)?') + '$');
    out.push(...dirs.filter((d) => re.test(d)));
  }
  return [...new Set(out)];
}

/**
 * Compiles a Sass entry file of the site (front matter stripped, Liquid rendered). Throws when Dart Sass
 * fails and the libsass fallback cannot get past it.
 */
export async function compileSass(path: string, site: SassSite): Promise<SassResult> {
  const text = await site.read(path);
  if (text === undefined) throw new Error(`${path} cannot be read`);
  const fm = parseFrontMatter(text, { formats: ['yaml'] });
  const body = await site.liquid(text.slice(fm.bodyStart), path);
  const indented = path.endsWith('.sass');
  // Lines of the entry's front matter, so a line in the compiled body is named as the file's line.
  const bodyLine = text.slice(0, fm.bodyStart).split('\n').length - 1;
  const themes = site.themes ?? [];
  const siteDirs = [...expandLoadPaths(site.sass.loadPaths, site.files?.()), site.sass.sassDir].filter((d, i, a) => a.indexOf(d) === i);

  // What the answer depends on besides the files it loads: those are checked when the entry is found.
  const sassFiles = (list: Iterable<string> | undefined) => (list ? [...list].filter((f) => /\.(s[ac]ss|css)$/i.test(f)).sort() : []);
  const key = site.cache ? cacheKey([path, body, siteDirs, themes.map((l) => [l.label, l.sassDir, hashText(sassFiles(l.files?.()).join('\n'))]), hashText(sassFiles(site.files?.()).join('\n'))]) : '';

  const readUrl = (url: string): Promise<string | undefined> => {
    const u = new URL(url);
    if (u.protocol === 'site:') return site.read(pathOf(u));
    const m = /^(\d+)\/(.*)$/.exec(pathOf(u));
    const layer = m ? themes[Number(m[1])] : undefined;
    return layer ? layer.read(m![2]) : Promise.resolve(undefined);
  };
  if (site.cache) {
    const hit = await validCachedCompile(site.cache, key, readUrl);
    if (hit?.error !== undefined) throw new Error(hit.error);
    if (hit) return { css: hit.css, dropped: hit.dropped, cached: true };
  }
  if (site.cachedOnly) throw new SassNotCached(path);

  const entryUrl = new URL('entry:/' + encode(posix.basename(path)));
  const display = (url: URL | string | null | undefined): string => {
    if (!url) return path;
    const u = typeof url === 'string' ? new URL(url) : url;
    if (u.protocol === 'entry:') return path;
    if (u.protocol === 'site:') return pathOf(u);
    const m = /^(\d+)\/(.*)$/.exec(pathOf(u));
    return m ? `${themes[Number(m[1])]?.label ?? 'theme'}/${m[2]}` : u.href;
  };
  const findInSite = (p: string): URL | null => {
    for (const c of candidates(posix.normalize(p))) if (!c.startsWith('../') && site.has(c)) return new URL('site:/' + encode(c));
    return null;
  };
  const findInLayer = (i: number, p: string): URL | null => {
    for (const c of candidates(posix.normalize(p))) if (!c.startsWith('../') && themes[i].has(c)) return new URL(`theme:/${i}/${encode(c)}`);
    return null;
  };

  /** Texts as loaded (the fallback's repairs change them), and the hash of what was read. */
  const patched = new Map<string, string>();
  const loaded = new Map<string, string>();
  const importer: Sass.Importer<'async'> = {
    canonicalize(url: string): URL | null {
      // Relative loads arrive resolved against the importing file's URL; the entry's is the site root.
      if (/^(entry|site):/.test(url)) return findInSite(pathOf(new URL(url)));
      if (url.startsWith('theme:')) {
        const m = /^(\d+)\/(.*)$/.exec(pathOf(new URL(url)));
        return m && themes[Number(m[1])] ? findInLayer(Number(m[1]), m[2]) : null;
      }
      if (/^[a-z][a-z0-9+.-]*:/i.test(url)) return null;
      for (const dir of siteDirs) { const hit = findInSite(posix.join(dir, url)); if (hit) return hit; }
      for (let i = 0; i < themes.length; i++) { const hit = findInLayer(i, posix.join(themes[i].sassDir, url)); if (hit) return hit; }
      return null;
    },
    async load(canonical: URL): Promise<Sass.ImporterResult | null> {
      const href = canonical.href;
      let contents = patched.get(href);
      if (contents === undefined) {
        const read = await readUrl(href);
        if (read === undefined) return null;
        loaded.set(href, hashText(read));
        contents = read;
      }
      const p = pathOf(canonical);
      return { contents, syntax: p.endsWith('.sass') ? 'indented' : p.endsWith('.css') ? 'css' : 'scss' };
    },
  };

  // Loaded on first use (./sassModule.ts): only sites with .scss need Dart Sass.
  const sass = await loadSass();
  const silence = Object.values(sass.deprecations).filter((d) => d.status === 'active').map((d) => d.id);
  const functions = compatFunctions(sass);
  let entry = body;
  const dropped: string[] = [];
  const started = Date.now();
  let firstError: unknown;
  const store = async (stored: Omit<CachedCompile, 'format'>) => {
    if (site.cache) await site.cache.set(key, JSON.stringify({ format: SASS_CACHE_FORMAT, ...stored })).catch(() => undefined);
  };
  const inputsOf = (urls: Iterable<string>) => [...urls].filter((h) => loaded.has(h)).map((url) => ({ url, hash: loaded.get(url)! }));
  // A failure is remembered too: a theme that cannot compile does not load Dart Sass on every open.
  const fail = async (error: unknown): Promise<never> => {
    await store({ css: '', inputs: inputsOf(loaded.keys()), dropped: [], error: error instanceof Error ? error.message : String(error) });
    throw error;
  };
  for (let attempt = 0; ; attempt++) {
    let result: Sass.CompileResult;
    try {
      result = await sass.compileStringAsync(entry, {
        syntax: indented ? 'indented' : 'scss',
        url: entryUrl,
        importer,
        importers: [importer],
        style: 'expanded',
        logger: sass.Logger.silent,
        quietDeps: true,
        silenceDeprecations: silence as Sass.DeprecationOrId[],
        functions,
      });
    } catch (e) {
      if (!(e instanceof sass.Exception)) throw e;
      firstError ??= e;
      if (attempt >= MAX_REPAIRS || Date.now() - started > REPAIR_BUDGET_MS) return fail(firstError);
      // A partial that is nowhere (a theme not installed) failed Jekyll too: not libsass's leniency.
      if (/^Can't find stylesheet to import/i.test(e.sassMessage)) return fail(e);
      const span = e.span;
      const url = span.url;
      const href = url?.href ?? entryUrl.href;
      const current = href === entryUrl.href ? entry : patched.get(href) ?? (await readUrl(href));
      const repair = current === undefined ? undefined : repairAt(current, { message: e.sassMessage, offset: span.start.offset, spanText: span.text }, href.endsWith('.sass') || (href === entryUrl.href && indented));
      if (!repair || repair.text === current) return fail(firstError);
      if (href === entryUrl.href) entry = repair.text;
      else patched.set(href, repair.text);
      if (repair.dropped) {
        const where = `${display(url)}:${repair.line + 1 + (href === entryUrl.href ? bodyLine : 0)}`;
        if (!dropped.includes(where)) dropped.push(where);
      }
      continue;
    }
    // Nothing left (every rule failed): not the site's stylesheet; the first error says why.
    if (dropped.length && !result.css.trim()) return fail(firstError);
    await store({ css: result.css, inputs: inputsOf([...result.loadedUrls].map((u) => u.href)), dropped });
    return { css: result.css, dropped, cached: false };
  }
}
