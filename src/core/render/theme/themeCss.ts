// The site's stylesheets as a page gets them: found from what the layouts link (or the conventional
// names), compiled once per site (Sass through the compiled-CSS cache), kept until a stylesheet or the
// links change; the bundled theme when the site has none; a first frame takes them only when at hand.
import type { SiteConfig } from '../../site/config';
import { t } from '../../text/l10n';
import { errorMessage } from '../layout/layoutChain';
import { cleanCss } from '../sanitize';
import type { RenderStep } from '../types';
import type { SassCache } from './cache';
import { SassNotCached, type SassFileLayer } from './sass';
import { CONVENTIONAL_STYLESHEETS, loadStylesheet, stylesheetSource, type ThemeSite } from './stylesheets';
import type { ThemeOverlay } from './themeLayer';

/** The site's stylesheets as the page gets them (`pending`: not at hand yet, see RenderRequest.waitForCss). */
export interface ThemeCss { sheets: string[]; theme: 'site' | 'fallback' | 'none'; notices: string[]; key: string; pending?: boolean }

/** What the stylesheets are read from (the renderer's view of the site, theme included). */
export interface ThemeCssSite {
  config(): SiteConfig;
  /** The site's listed files. */
  files(): Set<string>;
  /** A file of the site or of its theme. */
  has(path: string): boolean;
  /** A file of the site itself (not its theme). */
  siteHas(path: string): boolean;
  overlay(): ThemeOverlay | undefined;
  /** Reads a site path (the theme's when only the theme has it). */
  read(path: string): Promise<string | undefined>;
  /** The safe-mode rules refused that path. */
  wasRefused(path: string): boolean;
  /** Runs Liquid in a stylesheet (front matter of a `.scss` entry). */
  liquid(text: string, path: string): Promise<string>;
  /** A site path as the page loads it (this render's resource URLs). */
  resource(path: string): string;
  /** Remote images (and so remote url()s) are allowed in this render. */
  remoteImages(): boolean;
  progress(step: RenderStep, file: string): void;
  /** Where compiled Sass is kept between compiles (and restarts). */
  sassCache?: SassCache;
  /** The bundled fallback theme (media/theme/theme.css). */
  fallbackCss?: string;
}

/** The theme CSS of one site, compiled once and kept until `reset`. */
export class ThemeCssLoader {
  private css: Promise<ThemeCss> | undefined;
  /** The stylesheet `css` is on (what a render waiting for it reports). */
  private compiling: string | undefined;
  /** `css` once it settled (a first frame takes it without waiting). */
  private cssDone: { promise: Promise<ThemeCss>; value: ThemeCss } | undefined;

  constructor(private readonly site: ThemeCssSite) {}

  /** Forgets the compiled stylesheets (a stylesheet or the templates changed). */
  reset(): void {
    this.css = undefined;
  }

  /** The stylesheets' identity: the links (or served files) and the remote-images setting (the CSS filter's verdict on remote url()s depends on it). */
  private cssKey(hrefs: string[], served?: string[]): string {
    return (served ?? hrefs).join('\n') + (this.site.remoteImages() ? '' : '\n\0no-remote');
  }

  /**
   * The theme CSS without running Sass (a first frame): compiled already, or every sheet in the
   * compiled-CSS cache; else none, `pending`, and the compile starts in the background for the next render.
   */
  async atHand(hrefs: string[], pageUrl: string, served?: string[]): Promise<ThemeCss> {
    const key = this.cssKey(hrefs, served);
    const done = this.cssDone;
    if (this.css && done?.promise === this.css && done.value.key === key) return done.value;
    if (!this.css) {
      const cached = await this.loadCss(hrefs, pageUrl, key, served, true);
      if (cached) { this.track(this.css = Promise.resolve(cached)); return cached; }
    }
    void this.get(hrefs, pageUrl, served).catch(() => undefined);
    return { sheets: [], theme: 'none', notices: [], key, pending: true };
  }

  /** `served`: site paths of the stylesheets to use as they are (Hugo, Hexo), instead of what `hrefs` link. */
  get(hrefs: string[], pageUrl: string, served?: string[]): Promise<ThemeCss> {
    const key = this.cssKey(hrefs, served);
    if (this.css) {
      // Stylesheets are the same for every page of a site; recompute only when the links differ.
      const css = this.css;
      // Still compiling (a first frame started it): this render waits in that step.
      if (this.cssDone?.promise !== css && this.compiling) this.site.progress('sass', this.compiling);
      return css.then((c) => (c.key === key ? c : this.track(this.css = this.loadCss(hrefs, pageUrl, key, served))));
    }
    return this.track(this.css = this.loadCss(hrefs, pageUrl, key, served));
  }

  /** Notes when the CSS promise settles, so a first frame can take it without waiting. */
  private track(p: Promise<ThemeCss>): Promise<ThemeCss> {
    void p.then((value) => { if (this.css === p) this.cssDone = { promise: p, value }; }, () => undefined);
    return p;
  }

  /** The theme's `_sass` as a Sass load path after the site's own. */
  private sassThemes(): SassFileLayer[] | undefined {
    const overlay = this.site.overlay();
    if (!overlay) return undefined;
    return [{ label: overlay.layer.name, sassDir: '_sass', has: (p) => overlay.has(p), read: (p) => overlay.read(p), files: () => overlay.layer.files }];
  }

  /** The stylesheets, compiled; `cachedOnly`: undefined when Sass would have to run (compileSass's `cachedOnly`). */
  private loadCss(hrefs: string[], pageUrl: string, key: string, served: string[] | undefined, cachedOnly: true): Promise<ThemeCss | undefined>;
  private loadCss(hrefs: string[], pageUrl: string, key: string, served?: string[]): Promise<ThemeCss>;
  private async loadCss(hrefs: string[], pageUrl: string, key: string, served?: string[], cachedOnly = false): Promise<ThemeCss | undefined> {
    const notices: string[] = [];
    const remote = this.site.remoteImages();
    const config = this.site.config();
    const has = (p: string) => this.site.has(p);
    let sources = hrefs.map((h) => stylesheetSource(h, config.baseurl, has, pageUrl)).filter((p): p is string => p !== undefined);
    if (served) sources = served;
    else if (!hrefs.length) sources = CONVENTIONAL_STYLESHEETS.filter(has).slice(0, 1);
    const site: ThemeSite = {
      baseurl: config.baseurl, sass: config.sass, themes: this.sassThemes(), cache: this.site.sassCache, cachedOnly,
      files: () => this.site.files(),
      // The site's files and the theme's published assets (an entry like minima's `assets/main.scss`); the theme's
      // `_sass` is a load path of its own (sassThemes), so its partials' relative imports find the theme's files first.
      has: (p) => this.site.siteHas(p) || (p.startsWith('assets/') && this.site.overlay()?.themePath(p) !== undefined),
      // A refused partial or stylesheet is empty (and named in a notice): the rest of the CSS still applies.
      read: async (p) => (await this.site.read(p)) ?? (this.site.wasRefused(p) ? '' : undefined),
      liquid: async (text, path) => {
        if (!text.includes('{{') && !text.includes('{%')) return text;
        return this.site.liquid(text, path);
      },
      resource: (p) => this.site.resource(p),
      // The same CSS filter as `style` attributes (escapes decoded, `@import` and script URLs neutralised,
      // remote url()s only when remote images are allowed), before site paths become resource URLs.
      filter: (css) => cleanCss(css, (u) => /^\s*(https?:)?\/\//i.test(u) && !(remote && /^\s*https:/i.test(u)) ? { missing: u, blocked: 'remote' } : undefined),
    };
    const sheets: string[] = [];
    for (const s of [...new Set(sources)]) {
      this.site.progress('sass', (this.compiling = s));
      try {
        const sheet = await loadStylesheet(s, site);
        sheets.push(sheet.css);
        if (sheet.notice) notices.push(sheet.notice);
      } catch (e) {
        if (e instanceof SassNotCached) return undefined;
        notices.push(t('The site stylesheet {0} could not be compiled ({1}).', s, errorMessage(e).split('\n')[0]));
      }
    }
    if (sheets.length) return { sheets, theme: 'site', notices, key };
    if (hrefs.length || sources.length) notices.push(t('None of the stylesheets the layouts link could be found or compiled: using the bundled theme.'));
    else notices.push(t('The site has no stylesheet the preview can find: using the bundled theme.'));
    return this.site.fallbackCss !== undefined ? { sheets: [this.site.fallbackCss], theme: 'fallback', notices, key } : { sheets: [], theme: 'none', notices, key };
  }

  /** The bundled fallback theme alone (Restricted Mode). */
  bundled(): { sheets: string[]; theme: 'fallback' | 'none'; notices: string[]; key: string } {
    const fallback = this.site.fallbackCss;
    return fallback !== undefined ? { sheets: [fallback], theme: 'fallback', notices: [], key: '' } : { sheets: [], theme: 'none', notices: [], key: '' };
  }
}

/** The one line a Hugo or Hexo preview shows: why it is content mode, and whose CSS it wears. */
export function otherGeneratorNotice(generator: 'hugo' | 'hexo', css: string[], servedDir: string): string {
  if (generator === 'hugo') {
    return css.length
      ? t('Hugo layouts are Go templates, not Liquid: showing the post\'s content with the site\'s CSS ({0}).', css.join(', '))
      : t('Hugo layouts are Go templates, not Liquid: showing the post\'s content with the bundled theme (no .css file in {0}/css/ or assets/css/).', servedDir);
  }
  return css.length
    ? t('Hexo layouts are theme templates (EJS, Nunjucks, Pug), not Liquid: showing the post\'s content with the site\'s CSS ({0}).', css.join(', '))
    : t('Hexo layouts are theme templates (EJS, Nunjucks, Pug), not Liquid: showing the post\'s content with the bundled theme (no .css file in {0}/css/).', servedDir);
}
