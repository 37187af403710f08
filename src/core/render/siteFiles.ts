// The site's files as the renderer sees them: the folder and its file system, the host's index of it,
// the theme layered under it (theme/themeLayer.ts), every read under Jekyll's safe-mode rules
// (site/safePaths.ts), and the files as resources of a page (resources/siteResources.ts: which files
// are listed, where a URL points, the URL a file is loaded from in this render).
import * as posix from '../text/posixPath';
import type { FrontMatterFormat, FrontMatterParse } from '../frontmatter/types';
import { SafeSiteFiles } from '../site/safePaths';
import type { SiteIndex } from '../site/siteIndex';
import { frontMatterOf } from '../site/siteStore';
import { SiteResources } from './resources/siteResources';
import { mergeThemeConfig, THEME_NS, ThemeOverlay, type ThemeDirs, type ThemeLayer } from './theme/themeLayer';
import { relativeUrl } from './liquid/jekyllLiquid';
import type { RenderFileSystem, RenderRequest } from './types';

export interface SiteFilesOptions {
  fs: RenderFileSystem;
  /** The site folder as `fs` sees it (posix; '' for the current folder). */
  root: string;
  /**
   * A live index of the site (the host's); its file list answers "does this image exist". Its config
   * carries the generator: Hugo and Hexo sites render in content mode (their layouts are not Liquid).
   */
  index?: SiteIndex;
  /** The site's gem or remote theme, merged under the site's files as Jekyll does (see themeLayer.ts). */
  theme?: ThemeLayer;
}

export class SiteFiles {
  /** The site folder as the file system sees it (no trailing slash). */
  readonly root: string;
  /** The listed files as resources of a page (images, scripts, stylesheets' url()s). */
  readonly resources = new SiteResources((p) => this.has(p));
  private readonly fs: RenderFileSystem;
  private readonly index: SiteIndex | undefined;
  /** The theme layer to use (`overlay` serves it once the site's config is read). */
  private layer: ThemeLayer | undefined;
  private themeOverlay: ThemeOverlay | undefined;
  /** Every read of a site file goes through Jekyll's safe-mode rules. */
  private safeFiles!: SafeSiteFiles;

  constructor(options: SiteFilesOptions) {
    this.fs = options.fs;
    this.index = options.index;
    this.layer = options.theme;
    this.root = options.root.replace(/\/+$/, '');
  }

  /** The safe-mode reader of this listing (its refusals are the page's notices). */
  get safe(): SafeSiteFiles {
    return this.safeFiles;
  }

  /** The theme layered under the site, once the site's config placed its folders. */
  get overlay(): ThemeOverlay | undefined {
    return this.themeOverlay;
  }

  /** Uses another theme layer from the next `list` on (undefined: none). */
  setTheme(theme: ThemeLayer | undefined): void {
    this.layer = theme;
  }

  /** The theme layer the site is read with: none for Hugo and Hexo, whose templates the preview does not run. */
  get theme(): ThemeLayer | undefined {
    return this.otherGenerator() ? undefined : this.layer;
  }

  /** Hugo or Hexo (from the host's index), whose templates the preview does not run; undefined for Jekyll. */
  otherGenerator(): 'hugo' | 'hexo' | undefined {
    const profile = this.index?.config.profile;
    return profile === 'hugo' || profile === 'hexo' ? profile : undefined;
  }

  /** The config the host's index read (Hugo's and Hexo's). */
  get indexConfig(): SiteIndex['config'] | undefined {
    return this.index?.config;
  }

  abs(rel: string): string {
    return this.root && this.root !== '.' ? posix.join(this.root, rel) : rel;
  }

  /** Site-relative form of a path given relative to the site or as the fs sees it. */
  relative(p: string): string {
    const root = this.root;
    if (root && root !== '.' && p.startsWith(root + '/')) return p.slice(root.length + 1);
    return p.replace(/^\.\//, '');
  }

  /** Lists the site's files again (a reload): a new safe-mode reader; links out of the site are never resources. */
  async list(): Promise<void> {
    const { fs, index } = this;
    this.resources.list(index ? [...index.allPaths()] : await fs.listFiles(this.root || '.'));
    const safe = (this.safeFiles = new SafeSiteFiles(fs, this.root));
    // Links the safe-mode rules refuse are not served as images or url()s (their reads are refused anyway).
    for (const link of (await fs.listLinks?.(this.root || '.')) ?? []) if (await safe.refusal(link, { content: false }) !== undefined) this.resources.setRefused(link, true);
  }

  /** `_config.yml`'s text (the theme's merged under it), or undefined (no `_config.yml`: Jekyll's defaults). */
  async configText(): Promise<string | undefined> {
    const text = this.siteHas('_config.yml') || !this.index ? await this.safe.read('_config.yml', { content: false }) : undefined;
    const theme = this.theme;
    if (!theme || theme.readConfig === false || ![...theme.files].includes('_config.yml')) return text;
    return mergeThemeConfig(text, await theme.fs.readFile(posix.join(theme.root, '_config.yml')));
  }

  /** Places the theme's folders where the site's config puts the site's. */
  placeTheme(dirs: ThemeDirs): void {
    const theme = this.theme;
    this.themeOverlay = theme ? new ThemeOverlay(theme, dirs) : undefined;
  }

  /** The theme's `_data` files the site does not override, with their text. */
  async *themeData(): AsyncGenerator<[string, string]> {
    const theme = this.theme;
    if (!theme) return;
    for (const f of theme.files) {
      if (!f.startsWith('_data/') || !/\.(ya?ml|json|csv|tsv)$/i.test(f) || this.siteHas(f)) continue;
      const text = await theme.fs.readFile(posix.join(theme.root, f));
      if (text !== undefined) yield [f, text];
    }
  }

  /** A file of the site itself (not its theme). */
  siteHas(p: string): boolean {
    return this.resources.files.has(p) || (this.index?.hasFile(p) ?? false);
  }

  /** A file of the site, or of its theme under it (or, named `@theme/…`, of the theme alone). */
  has(p: string): boolean {
    if (p.startsWith(THEME_NS)) return this.overlay?.has(p.slice(THEME_NS.length)) ?? false;
    return this.siteHas(p) || (this.overlay?.themePath(p) !== undefined);
  }

  /** The file system has the path (as it sees it), if it can say. */
  get exists(): ((path: string) => Promise<boolean>) | undefined {
    const fs = this.fs;
    return fs.exists && ((p) => fs.exists!(p));
  }

  /** Reads a site path from the site, or from the theme when only the theme has it. */
  read(p: string): Promise<string | undefined> {
    if (p.startsWith(THEME_NS)) return this.overlay?.read(p.slice(THEME_NS.length)) ?? Promise.resolve(undefined);
    const tp = this.siteHas(p) ? undefined : this.overlay?.themePath(p);
    return tp !== undefined ? this.overlay!.read(tp) : this.safe.read(p);
  }

  /** Reads a file of the site as it is (the GitHub metadata plugins' files). */
  readRaw(p: string): Promise<string | undefined> {
    return this.fs.readFile(this.abs(p));
  }

  /** A document's front matter (shared with the other features when the file system is the site store). */
  frontMatter(p: string, text: string, formats: readonly FrontMatterFormat[]): FrontMatterParse {
    return frontMatterOf(this.fs, this.abs(p), text, formats);
  }

  /**
   * Starts a render under the request's resource policy; returns how a site path is loaded (the request's
   * `resolveResource`, or the path under `baseurl`).
   */
  beginRender(req: RenderRequest, baseurl: string): (sitePath: string) => string {
    const siteResource = req.resolveResource ?? ((p: string) => relativeUrl('/' + p, baseurl));
    // A theme's file (an asset, an icon its CSS links) is published at its site path; the host serves it from the theme's folder.
    this.resources.beginRender({
      resource: (p) => {
        const tp = req.resolveThemeResource && !this.siteHas(p) ? this.overlay?.themePath(p) : undefined;
        return tp !== undefined ? req.resolveThemeResource!(tp) : siteResource(p);
      },
      remoteImages: req.remoteImages !== false, siteScripts: req.siteScripts === true && req.restricted !== true,
    });
    return siteResource;
  }

  /** A site file changed, appeared or went away: the listing and the safe-mode verdicts follow. */
  async changed(rel: string, change: 'changed' | 'created' | 'deleted'): Promise<void> {
    this.safe.forget(rel);
    if (change === 'created') this.resources.created(rel);
    // A link out of the site stays listed (its reads are refused) but is never served as a resource.
    this.resources.setRefused(rel, change !== 'deleted' && !!this.fs.realPath && (await this.safe.refusal(rel, { content: false })) !== undefined);
    if (change === 'deleted') this.resources.deleted(rel);
  }
}
