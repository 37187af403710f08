// The site model as the renderer keeps it: the config (the one reader, site/config.ts), the posts, pages
// and data (siteModel.ts), the plugins the site turns on, and a version that changes whenever what
// Liquid's `site` is built from changes. Loaded from the site's files, kept current by their changes.
import { parseSiteConfig } from '../site/config';
import { sitePlugins } from '../site/githubPages';
import { includesDirOf } from './liquid/siteTemplates';
import { documentsReadBy } from './liquid/siteVariables';
import { RenderPlugins } from './plugins/sitePlugins';
import type { SiteFiles } from './siteFiles';
import { readDocument, SiteModel, type SiteDocument } from './siteModel';

/** What the model asks of the rest of the renderer while it loads. */
export interface SiteStateHooks {
  /** The site (or its theme) has a layout of that name. */
  hasLayout(name: string, layoutsDir: string): boolean;
  /** A heading's Markdown as plain text (titles from headings). */
  plain(md: string): string;
}

/** What a file change asks of the renderer besides the model: read everything again, or forget the templates or the CSS. */
export type SiteChange = 'reload' | 'templates' | 'css' | undefined;

export class SiteState {
  model!: SiteModel;
  plugins!: RenderPlugins;
  /** Changes whenever the model does (Liquid's `site` is built again). */
  version = 0;

  /** `eager`: read every post and page on load, not when a render first needs them. */
  constructor(private readonly files: SiteFiles, private readonly hooks: SiteStateHooks, private readonly eager?: boolean) {}

  /** Reads the file list, config, posts, pages and data again. */
  async load(): Promise<void> {
    const files = this.files;
    await files.list();
    const safe = files.safe;
    const other = files.otherGenerator();
    const configText = await files.configText();
    // Read as the host's index read it: a site it knows as Jekyll is not taken for Hexo by its keys.
    const config = parseSiteConfig(configText, files.indexConfig?.profile === 'jekyll' ? 'jekyll' : undefined);
    safe.setPatterns(config.exclude, config.include);
    // The theme's layouts count for plugins that pick a default layout (its includes dir is known after the load).
    files.placeTheme({ layoutsDir: config.layoutsDir, includesDir: '_includes', sassDir: config.sass.sassDir });
    const gemfile = !other && files.siteHas('Gemfile') ? await safe.read('Gemfile', { content: false }) : undefined;
    const plugins = (this.plugins = new RenderPlugins(other ? { enabled: new Set(), githubPages: undefined } : sitePlugins(config, gemfile), (p) => files.has(p)));
    const hooks = { hasLayout: (name: string) => this.hooks.hasLayout(name, config.layoutsDir), plain: (md: string) => this.hooks.plain(md) };
    this.model = await SiteModel.load({
      configText, files: files.resources.files, read: (p) => safe.read(p), eager: this.eager, config: other ? files.indexConfig : config,
      parse: (p, text, formats) => files.frontMatter(p, text, formats),
      adjust: (doc, raw) => { plugins.raw = raw; return plugins.adjust(doc, hooks); },
      keepWithoutFrontMatter: (p, raw) => { plugins.raw = raw; return plugins.keepWithoutFrontMatter(p); },
    });
    plugins.raw = this.model.raw;
    await plugins.loadGithub((p) => files.readRaw(p));
    this.version++;
    const modelConfig = this.model.config;
    files.placeTheme({ layoutsDir: modelConfig.layoutsDir, includesDir: includesDirOf(this.model.raw), sassDir: modelConfig.sass.sassDir });
    // The theme's `_data` under the site's (Jekyll deep-merges them; here a site file replaces the theme's of the same name).
    for await (const [f, text] of files.themeData()) this.model.setData(f, text);
    files.resources.setSite(modelConfig.baseurl, other ? modelConfig.sourceDir : '');
  }

  /** A site file changed (`text`: its new text, when known); the model follows, and says what else must. */
  async fileChanged(rel: string, change: 'changed' | 'created' | 'deleted', text: string | undefined): Promise<SiteChange> {
    // The Gemfile decides GitHub Pages' defaults (src/core/site/githubPages.ts).
    if (rel === '_config.yml' || rel === 'Gemfile') return 'reload';
    const top = rel.split('/')[0];
    if (rel.startsWith(this.model.config.layoutsDir + '/') || top === '_includes' || top.startsWith('_includes')) return 'templates';
    if (top === '_sass' || /\.(s?css|sass)$/i.test(rel)) return 'css';
    if (top === '_data') {
      if (change === 'deleted') return 'reload';
      const data = text ?? await this.files.safe.read(rel);
      if (data !== undefined) this.model.setData(rel, data);
      this.version++;
    } else {
      const kind = this.model.kindOf(rel);
      if (!kind) return undefined;
      if (change === 'deleted') this.model.removeDocument(rel);
      // A post not read yet stays so (it is read, as it is now, when the site's posts are first asked for).
      else if (text === undefined && this.model.defer(rel, kind)) return undefined;
      else { const doc = text ?? await this.files.safe.read(rel); if (doc !== undefined) this.model.updateDocument(rel, doc); }
      this.version++;
    }
    return undefined;
  }

  /** The document being rendered, from the editor's `text`; a front-matter edit changes the version (typing in the body does not). */
  document(rel: string, text: string): SiteDocument {
    const model = this.model;
    const kind = model.kindOf(rel);
    const old = model.docs.get(rel);
    const doc = kind ? model.updateDocument(rel, text, kind) as SiteDocument : readDocument(model.config, rel, text, 'page');
    if (!old || old.parse.text.slice(0, old.parse.bodyStart) !== text.slice(0, doc.parse.bodyStart)) this.version++;
    return doc;
  }

  /** `_config.yml` or `_data` files past the YAML bounds, or that do not parse: never a silent nil. */
  problems(): string[] {
    const config = this.model.config.fileProblem;
    return [...(config ? [config.message] : []), ...[...this.model.dataProblems.values()].map((p) => p.message)];
  }

  /** Reads every post and page not read yet. */
  async readAll(): Promise<void> {
    if (this.model.complete) return;
    await this.model.readAll();
    this.version++;
  }

  /** Reads these posts and pages (site-relative) if they are not read yet. */
  async readPaths(paths: string[]): Promise<void> {
    if (!paths.some((p) => this.model.hasUnreadPath(p))) return;
    await this.model.readPaths(paths);
    this.version++;
  }

  /** Reads what a render asked for before it was read (`all`: every post and page), so it can render again. */
  async readMissed(all: boolean): Promise<void> {
    if (all) await this.model.readAll(); else await this.model.readMissed();
    this.version++;
  }

  /**
   * Runs a render; when it asked for posts or pages not read yet (Liquid the scan did not foresee, a link
   * to another post), reads them and runs it again, so the result is always what an eagerly read site gives.
   */
  async asEager<T>(render: () => Promise<T>): Promise<{ result: T; readMs?: number }> {
    let readMs: number | undefined;
    const readMissed = async (all: boolean) => {
      const t0 = performance.now();
      await this.readMissed(all);
      readMs = (readMs ?? 0) + performance.now() - t0;
    };
    // Asked for outside a render (which post is at a URL): read before this one.
    if (this.model.missed) await readMissed(false);
    for (let attempt = 0; ; attempt++) {
      const misses = this.model.misses;
      const result = await render();
      // Nothing was answered from a partly read site (even if it was read since, mid-render): this is the eager result.
      if (this.model.misses === misses) return { result, readMs };
      await readMissed(attempt >= 1);
    }
  }

  /** Liquid about to run (a post body, a layout, an include, a stylesheet) that reads the site's posts: they are read first. */
  async readPostsFor(text: string): Promise<void> {
    if (this.model.complete) return;
    const kinds = [...documentsReadBy(text)].filter((k) => this.model.hasUnread(k));
    if (!kinds.length) return;
    await this.model.readAll(kinds);
    this.version++;
  }

  /** Site-relative path of the post or page published at `url`, if any (of those read so far). */
  pathOfUrl(url: string): string | undefined {
    this.model.needAll();
    const base = this.model.config.baseurl.replace(/\/+$/, '');
    let u = url.replace(/[?#].*$/, '');
    if (base && u.startsWith(base + '/')) u = u.slice(base.length);
    for (const d of this.model.docs.values()) if (d.url === u || d.url === u + '/' || d.url.replace(/\/index\.html$/, '/') === u) return d.path;
    return undefined;
  }
}
