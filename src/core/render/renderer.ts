// The preview renderer: a post's text → Liquid → kramdown-like Markdown → the site's layout chain →
// one sanitized HTML page plus the site's CSS. One SiteRenderer per site keeps everything that does
// not change while typing (config, posts, parsed layouts and includes, compiled Sass, highlighted
// code), so a keystroke re-renders only the post. It only orchestrates; each part has one job:
//   files    the site's files: safe-mode reads, the theme under them, the resource resolver (siteFiles.ts)
//   site     the site model: config, posts, pages, data, plugins (siteState.ts)
//   markdown the kramdown-like Markdown with highlighting and math (kramdown/siteMarkdown.ts)
//   liquid   the Liquid context: templates and the variables they see (liquid/liquidContext.ts)
//   cache    what a render keeps for the next (cache/renderCache.ts)
//   layouts  the layout chain around the body (layout/pageLayouts.ts)
//   css      the theme's stylesheets (theme/themeCss.ts)
//   runs     one render at a time, and its progress report (renderRuns.ts)
import * as posix from '../text/posixPath';
import { refusalNotice } from '../site/safePaths';
import { relativeUrl } from './liquid/jekyllLiquid';
import { SiteMarkdown } from './kramdown/siteMarkdown';
import { NoticeSet } from './notices';
import type { BlockRendering } from './incremental/markdownBlocks';
import { RenderCache } from './cache/renderCache';
import type { LiquidOutput } from './incremental/liquidPieces';
import { isMarkdownPath } from '../site/markdownFiles';
import { contentFrame } from './layout/contentFrame';
import { errorMessage } from './layout/layoutChain';
import { PageLayouts } from './layout/pageLayouts';
import { LiquidContext, type LiquidScope } from './liquid/liquidContext';
import { RenderRuns } from './renderRuns';
import { SiteFiles, type SiteFilesOptions } from './siteFiles';
import { SiteState } from './siteState';
import type { SassCache } from './theme/cache';
import { servedStylesheets } from './theme/stylesheets';
import { otherGeneratorNotice, ThemeCssLoader, type ThemeCss } from './theme/themeCss';
import type { ThemeLayer } from './theme/themeLayer';
import type { RenderMode, RenderRequest, RenderResult, RenderStep } from './types';
import { t } from '../text/l10n';

/** The site (its folder, file system, index and theme: siteFiles.ts) and where its stylesheets come from. */
export interface SiteRendererOptions extends SiteFilesOptions {
  /** The bundled fallback theme (media/theme/theme.css), used when the site has no usable CSS. */
  fallbackCss?: string;
  /** Where compiled Sass is kept between compiles (and restarts); without it every site open compiles. */
  sassCache?: SassCache;
  /**
   * Read every post and page when the site opens (as before issue 13). By default they are read when a
   * render first needs them (`site.posts`, `post_url`…), so a post whose Liquid and layouts do not ask
   * for them renders after reading only itself, its templates, `_data` and the CSS.
   */
  eagerSite?: boolean;
}

/** Renders the posts of one site; create with `SiteRenderer.open`. */
export class SiteRenderer {
  private readonly files: SiteFiles;
  private readonly site: SiteState;
  private readonly markdown: SiteMarkdown;
  private readonly liquid: LiquidContext;
  private readonly cache: RenderCache;
  private readonly layouts: PageLayouts;
  private readonly css: ThemeCssLoader;
  private readonly runs = new RenderRuns();

  private constructor(options: SiteRendererOptions) {
    const files = (this.files = new SiteFiles(options));
    const resources = files.resources;
    const runs = this.runs;
    const progress = runs.progress.bind(runs);
    this.markdown = new SiteMarkdown({ kramdown: () => this.site.model.kramdown, resources, cache: () => this.cache });
    this.site = new SiteState(files, {
      hasLayout: (name, layoutsDir) => this.liquid.templates.chains.path(name, layoutsDir) !== undefined, plain: (md) => this.markdown.plain(md),
    }, options.eagerSite);
    const liquid = (this.liquid = new LiquidContext(files, this.site, this.markdown, (rel) => runs.entered(rel)));
    this.cache = new RenderCache(this.markdown.md);
    this.layouts = new PageLayouts({
      chains: liquid.templates.chains, variables: liquid.variables, resources, cache: this.cache, liquid: () => liquid.templates.liquid, plugins: () => this.site.plugins,
      includesReadContent: () => liquid.templates.includesReadContent, progress,
    });
    this.css = new ThemeCssLoader({
      config: () => this.site.model.config, files: () => resources.files, has: (p) => files.has(p), siteHas: (p) => files.siteHas(p), overlay: () => files.overlay,
      read: (p) => files.read(p), wasRefused: (p) => files.safe.wasRefused(p), liquid: (text, path) => liquid.stylesheet(text, path),
      resource: (p) => resources.resource(p), remoteImages: () => resources.remoteImages, progress,
      sassCache: options.sassCache, fallbackCss: options.fallbackCss,
    });
  }

  static async open(options: SiteRendererOptions): Promise<SiteRenderer> {
    const r = new SiteRenderer({ ...options });
    await r.reload();
    return r;
  }

  /** The site folder as the file system sees it. */
  get root(): string {
    return this.files.root;
  }

  /** Site-relative form of a path given relative to the site or as the fs sees it. */
  relative(p: string): string {
    return this.files.relative(p);
  }

  /** Reads config, file list, posts, pages and data again (after `_config.yml` changes). */
  async reload(): Promise<void> {
    await this.site.load();
    this.resetTemplates();
  }

  /** Uses another theme layer (found, downloaded or gone): everything is read again. */
  setTheme(theme: ThemeLayer | undefined): Promise<void> {
    return this.runs.serial(async () => { this.files.setTheme(theme); await this.reload(); });
  }

  /** The theme in use (name, version, folder), if any. */
  get theme(): Pick<ThemeLayer, 'name' | 'version' | 'root'> | undefined {
    const l = this.files.overlay?.layer;
    return l && { name: l.name, version: l.version, root: l.root };
  }

  private resetTemplates(): void {
    this.liquid.reset();
    this.cache.clearFrames();
    this.css.reset();
    this.layouts.reset();
  }

  /**
   * Tells the renderer that a site file changed, appeared (`text` or `'created'`) or went away
   * (`'deleted'`), so its caches stay true. Paths may be site-relative or as the fs sees them.
   */
  fileChanged(path: string, change: 'changed' | 'created' | 'deleted' = 'changed', text?: string): Promise<void> {
    return this.runs.serial(async () => {
      const rel = this.files.relative(path);
      await this.files.changed(rel, change);
      const also = await this.site.fileChanged(rel, change, text);
      if (also === 'reload') await this.reload();
      else if (also === 'templates') this.resetTemplates();
      else if (also === 'css') this.css.reset();
    });
  }

  /** Renders a post (or page); calls are served one at a time. */
  render(req: RenderRequest): Promise<RenderResult> {
    return this.runs.serial(() => this.renderNow(req));
  }

  /** Reads every post and page of the site now (for questions about the whole site: which post is at a URL). */
  readAllDocuments(): Promise<void> {
    return this.runs.serial(() => this.site.readAll());
  }

  /** Posts and pages read so far (the site opens lazily: see SiteRendererOptions.eagerSite). */
  get documentsRead(): { read: number; complete: boolean } {
    return { read: this.site.model.docs.size, complete: this.site.model.complete };
  }

  /** Renders within the request's limits (LiquidContext.withBudget), as an eagerly read site would (SiteState.asEager). */
  private async renderNow(req: RenderRequest): Promise<RenderResult> {
    const { result, readMs } = await this.liquid.withBudget(req.limits, (spent) => this.site.asEager(() => this.renderOnce(req, spent)));
    if (readMs !== undefined) result.timings = { ...result.timings, readSite: readMs };
    return result;
  }

  private async renderOnce(req: RenderRequest, spent: (step: RenderStep, file: string) => void): Promise<RenderResult> {
    const timings: Record<string, number> = {};
    let lapStart = performance.now();
    const lap = (name: string) => { const n = performance.now(); timings[name] = (timings[name] ?? 0) + n - lapStart; lapStart = n; };
    const notices = new NoticeSet();
    this.liquid.notices.clear();
    const rel = this.files.relative(req.path);
    const report = req.progress;
    this.runs.begin(report);
    this.markdown.newRender(report ? (running) => this.runs.progress(running ? 'math' : 'markdown', rel) : undefined);
    const when = req.now ?? new Date();
    const { model } = this.site;
    const restricted = req.restricted === true;
    const siteResource = this.files.beginRender(req, model.config.baseurl);
    const { resources } = this.files;
    const { remoteImages, siteScripts } = resources;
    const other = this.files.otherGenerator();
    const mode: RenderMode = other || restricted ? 'content' : req.mode ?? 'site';

    const doc = this.site.document(rel, req.text);
    // Liquid in the body that lists the site's posts: they are read before it runs (not after, to run it again).
    if (!other && !restricted && !model.complete) await this.site.readPostsFor(doc.body);
    // What the post's Liquid, Markdown and layouts see besides its body: another value renders them all again.
    const memo = this.cache.memo(rel, req.incremental !== false);
    const memoKey = [this.site.version, resources.version, this.liquid.version, doc.url, doc.title, req.text.slice(0, doc.parse.bodyStart)].join('\0');
    lap('frontMatter');

    // 1. Liquid over the body (Jekyll renders Liquid before Markdown).
    // `site` and `page` are built only when Liquid runs (a body without tags in content mode needs neither).
    let vars: LiquidScope | undefined;
    const scope = () => (vars ??= this.liquid.scope(doc, when));
    const text = this.site.plugins.source(doc, doc.body, (p) => model.doc(p)?.url ?? (this.files.has(p) && !/(^|\/)[_.]/.test(p) ? '/' + p : undefined),
      (u) => relativeUrl(u, model.config.baseurl));
    let lineMap: Int32Array | undefined;
    // Liquid's output, which says how it differs from the last one (Markdown then needs no copy of the whole text).
    let liquidOut: LiquidOutput | undefined;
    // Hugo shortcodes (`{{< … >}}`) and Hexo tags look like Liquid but are not.
    const withLiquid = !other && !restricted && doc.data.render_with_liquid !== false && (text.includes('{%') || text.includes('{{'));
    if (withLiquid) {
      this.runs.progress('liquid', rel);
      try {
        const r = await this.liquid.body(memo, memoKey, text, rel, scope, doc.bodyLine);
        liquidOut = r;
        lineMap = r.lineMap;
      } catch (e) {
        spent('liquid', rel);
        notices.add(t('Liquid in the post could not render ({0}): showing the text without Liquid.', errorMessage(e)));
      }
    }
    spent('liquid', rel);
    lap('liquid');

    // 2. Markdown (pages written in HTML keep their HTML).
    const env = this.markdown.env(rel, doc.url, doc.bodyLine, lineMap, req.allowEmbeds ?? false, notices);
    let bodyHtml: string;
    this.runs.progress('markdown', rel);
    let blocks: BlockRendering | undefined;
    if (isMarkdownPath(rel)) {
      // Only the blocks an edit touched are rendered again (incremental/markdownBlocks.ts); the output is a full render's.
      const probe = `${req.allowEmbeds ?? false}|${remoteImages}|${siteResource('p')}|${req.resolveThemeResource?.('p') ?? ''}|${doc.bodyLine}`;
      blocks = memo.markdown.render(liquidOut ?? text, memoKey + '\0' + probe, (n) => this.markdown.env(rel, doc.url, doc.bodyLine, lineMap, req.allowEmbeds ?? false, n), true, req.firstScreen);
      for (const [n, kind] of blocks.notices) notices.add(n, kind);
      for (const n of blocks.parserNotices) env.notices.add(n);
      env.hasMath = blocks.hasMath;
      bodyHtml = blocks.html;
    } else bodyHtml = env.html(liquidOut?.text ?? text, undefined);
    const plain = bodyHtml;
    bodyHtml = this.site.plugins.html(bodyHtml, doc);
    if (bodyHtml !== plain) blocks = undefined;
    spent(env.hasMath ? 'math' : 'markdown', rel);
    lap('markdown');

    // 3. Layouts.
    let html: string | undefined;
    let frame: [string, string] | undefined;
    let rendered: RenderMode = 'content';
    let stylesheets: string[] | undefined;
    if (mode === 'site') {
      const r = await this.layouts.around(memo, memoKey + `\0${req.allowEmbeds ?? false}|${remoteImages}|${siteScripts}|${siteResource('p')}|${req.resolveThemeResource?.('p') ?? ''}`,
        doc, bodyHtml, () => this.layouts.render(doc, bodyHtml, scope().site, scope().page, req.allowEmbeds ?? false));
      if ('error' in r) notices.add(t('{0} — showing content mode.', r.error), 'theme');
      else {
        html = r.html; frame = r.frame; rendered = 'site'; stylesheets = r.stylesheets;
        for (const m of r.refs.missing) notices.add(t('Image not found: {0} (linked as {1}).', m.missing, m.url));
        for (const u of r.refs.insecure) notices.add(t('Insecure http: image not loaded (the preview loads https: images only): {0}', u), 'info');
        if (r.refs.remote) notices.add(t('Remote images are not loaded: techblog.preview.remoteImages is off.'), 'info');
        if (r.refs.skippedScripts.length) notices.add(t('Scripts that are not files of the site do not run in the preview: {0}', r.refs.skippedScripts.join(', ')), 'info');
      }
    }
    if (!stylesheets && !other && !restricted) stylesheets = await this.layouts.stylesheets(doc, scope().site, scope().page);
    if (html === undefined) { frame = contentFrame(model.raw, doc.title); html = frame[0] + bodyHtml + frame[1]; }
    spent('layout', rel);
    lap('layouts');

    // 4. Theme CSS.
    const served = other ? servedStylesheets(other, model.config.sourceDir, resources.files) : undefined;
    // Restricted Mode: the bundled theme only (the site's CSS may be Sass, which is code, and links remote fonts).
    const css: Omit<ThemeCss, 'key'> = restricted ? this.css.bundled()
      : req.waitForCss === false ? await this.css.atHand(stylesheets ?? [], doc.url, served) : await this.css.get(stylesheets ?? [], doc.url, served);
    // In Restricted Mode the host says why the page is plain, once.
    if (other && !restricted) notices.add(otherGeneratorNotice(other, css.theme === 'site' ? served ?? [] : [], model.config.sourceDir), 'theme');
    else for (const n of css.notices) notices.add(n, 'theme');
    spent('sass', rel);
    lap('css');

    for (const n of this.liquid.notices) notices.add(n);
    for (const n of env.notices) notices.add(n);
    for (const r of this.files.safe.refusals.values()) notices.add(refusalNotice(r));
    for (const n of this.site.problems()) notices.add(n);
    const noticeDetails = notices.list();
    return {
      html, bodyHtml, css: css.sheets, theme: css.theme, notices: noticeDetails.map((n) => n.text), noticeDetails, title: doc.title || posix.basename(rel), mode: rendered,
      hasMath: env.hasMath, timings, ...(blocks ? { blocks: blocks.blocks } : {}), ...(frame ? { frame } : {}), ...(css.pending ? { cssPending: true } : {}), ...(blocks?.partial ? { partial: true } : {}),
    };
  }

  /** The site's `baseurl` (`''` or `/path`). */
  get baseurl(): string {
    return this.site.model.config.baseurl;
  }

  /** Where a post or page is published, as a path under the site (without `baseurl`); reads that one document first when the site has not yet. */
  urlOf(path: string): Promise<string | undefined> {
    const rel = this.files.relative(path);
    return this.runs.serial(() => this.site.readPaths([rel]).then(() => this.site.model.doc(rel)?.url));
  }

  /** Site-relative path of the post or page published at `url`, if any (of those read: see `readAllDocuments`). */
  pathOfUrl(url: string): string | undefined {
    return this.site.pathOfUrl(url);
  }
}

/** One-shot rendering: opens the site (or reuses `site` when it is a SiteRenderer) and renders the post. */
export async function renderPost(req: RenderRequest & { site: SiteRenderer | SiteRendererOptions }): Promise<RenderResult> {
  const renderer = req.site instanceof SiteRenderer ? req.site : await SiteRenderer.open(req.site);
  return renderer.render(req);
}
