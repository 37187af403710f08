// The preview renderer: a post's text → Liquid → kramdown-like Markdown → the site's layout chain →
// one sanitized HTML page plus the site's CSS. One SiteRenderer per site keeps everything that does
// not change while typing (config, posts, parsed layouts and includes, compiled Sass, highlighted
// code), so a keystroke re-renders only the post.
import * as posix from '../text/posixPath';
import { parseSiteConfig } from '../site/config';
import { refusalNotice, SafeSiteFiles } from '../site/safePaths';
import { sitePlugins } from '../site/githubPages';
import type { SiteIndex } from '../site/siteIndex';
import { escapeHtml } from './escape';
import { relativeUrl } from './liquid/jekyllLiquid';
import { includesDirOf, SiteTemplates } from './liquid/siteTemplates';
import { SiteMarkdown } from './kramdown/siteMarkdown';
import { NoticeSet } from './notices';
import { RenderPlugins } from './plugins/sitePlugins';
import { SiteResources } from './resources/siteResources';
import type { BlockRendering } from './incremental/markdownBlocks';
import { RenderCache } from './cache/renderCache';
import type { LiquidOutput } from './incremental/liquidPieces';
import { isMarkdownPath } from '../site/markdownFiles';
import { frontMatterOf } from '../site/siteStore';
import { errorMessage } from './layout/layoutChain';
import { PageLayouts } from './layout/pageLayouts';
import { readDocument, SiteModel, type SiteDocument } from './siteModel';
import { JEKYLL, LiquidVariables, withRelatedPosts } from './liquid/siteVariables';
import type { SassCache } from './theme/cache';
import { servedStylesheets } from './theme/stylesheets';
import { otherGeneratorNotice, ThemeCssLoader, type ThemeCss } from './theme/themeCss';
import { mergeThemeConfig, THEME_NS, ThemeOverlay, type ThemeLayer } from './theme/themeLayer';
import type { RenderFileSystem, RenderMode, RenderRequest, RenderResult, RenderStep } from './types';
import { t } from '../text/l10n';
import { RenderStoppedError } from './renderLimits';

export interface SiteRendererOptions {
  fs: RenderFileSystem;
  /** The site folder as `fs` sees it (posix; '' for the current folder). */
  root: string;
  /**
   * A live index of the site (the host's); its file list answers "does this image exist". Its config
   * carries the generator: Hugo and Hexo sites render in content mode (their layouts are not Liquid).
   */
  index?: SiteIndex;
  /** The bundled fallback theme (media/theme/theme.css), used when the site has no usable CSS. */
  fallbackCss?: string;
  /** Where compiled Sass is kept between compiles (and restarts); without it every site open compiles. */
  sassCache?: SassCache;
  /** The site's gem or remote theme, merged under the site's files as Jekyll does (see themeLayer.ts). */
  theme?: ThemeLayer;
}


function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Renders the posts of one site; create with `SiteRenderer.open`. */
export class SiteRenderer {
  readonly root: string;
  private model!: SiteModel;
  private readonly resources = new SiteResources((p) => this.has(p));
  private readonly markdown = new SiteMarkdown({ kramdown: () => this.model.kramdown, resources: this.resources, cache: () => this.cache });
  private readonly templates: SiteTemplates;
  private readonly variables = new LiquidVariables({
    model: () => this.model, modelVersion: () => this.modelVersion, plugins: () => this.plugins,
    markdown: (text, rel, pageUrl) => this.markdown.fragment(text, rel, pageUrl),
  });
  private modelVersion = 0;
  private readonly cache: RenderCache;
  private readonly layouts: PageLayouts;
  private readonly css: ThemeCssLoader;
  private queue: Promise<unknown> = Promise.resolve();
  private overlay: ThemeOverlay | undefined;
  private plugins!: RenderPlugins;
  /** Every read of a site file goes through Jekyll's safe-mode rules (src/core/site/safePaths.ts). */
  private safe!: SafeSiteFiles;
  /** This render's progress report (RenderRequest.progress) and the step it is in. */
  private progress: (step: RenderStep, file: string) => void = () => undefined;
  private step: RenderStep = 'liquid';

  private constructor(private readonly options: SiteRendererOptions) {
    this.root = options.root.replace(/\/+$/, '');
    this.templates = new SiteTemplates({
      root: this.root, model: () => this.model, safe: () => this.safe,
      config: () => this.model.config, siteHas: (p) => this.siteHas(p), overlay: () => this.overlay, read: (p) => this.readSite(p),
      has: (p) => this.has(p), exists: this.options.fs.exists && ((p) => this.options.fs.exists!(p)),
      relative: (p) => this.relative(p), abs: (p) => this.abs(p), entered: (rel) => this.progress(this.step, rel),
      markdown: (text) => this.markdown.fragment(text, '', undefined), highlighter: this.markdown.highlighter,
    });
    this.cache = new RenderCache(this.markdown.md);
    this.layouts = new PageLayouts({
      chains: this.templates.chains, variables: this.variables, resources: this.resources, cache: this.cache, liquid: () => this.templates.liquid, plugins: () => this.plugins,
      includesReadContent: () => this.templates.includesReadContent, progress: (step, file) => this.progress(step, file),
    });
    this.css = new ThemeCssLoader({
      config: () => this.model.config, files: () => this.resources.files, has: (p) => this.has(p), siteHas: (p) => this.siteHas(p), overlay: () => this.overlay,
      read: (p) => this.readSite(p), wasRefused: (p) => this.safe.wasRefused(p),
      liquid: (text, path) => this.templates.renderText(text, path, { site: this.variables.site(new Date()), page: {}, jekyll: JEKYLL }),
      resource: (p) => this.resources.resource(p), remoteImages: () => this.resources.remoteImages, progress: (step, file) => this.progress(step, file),
      sassCache: options.sassCache, fallbackCss: options.fallbackCss,
    });
  }

  static async open(options: SiteRendererOptions): Promise<SiteRenderer> {
    const r = new SiteRenderer({ ...options });
    await r.reload();
    return r;
  }

  private abs(rel: string): string {
    return this.root && this.root !== '.' ? posix.join(this.root, rel) : rel;
  }

  /** Site-relative form of a path given relative to the site or as the fs sees it. */
  relative(p: string): string {
    const root = this.root;
    if (root && root !== '.' && p.startsWith(root + '/')) return p.slice(root.length + 1);
    return p.replace(/^\.\//, '');
  }

  /** Reads config, file list, posts, pages and data again (after `_config.yml` changes). */
  async reload(): Promise<void> {
    const { fs, index } = this.options;
    this.resources.list(index ? [...index.allPaths()] : await fs.listFiles(this.root || '.'));
    const safe = (this.safe = new SafeSiteFiles(fs, this.root));
    // Links the safe-mode rules refuse are not served as images or url()s (their reads are refused anyway).
    for (const link of (await fs.listLinks?.(this.root || '.')) ?? []) if (await safe.refusal(link, { content: false }) !== undefined) this.resources.setRefused(link, true);
    // No `_config.yml` (a folder with `_posts/` and `_layouts/`): Jekyll's defaults.
    let configText = this.siteHas('_config.yml') || !index ? await safe.read('_config.yml', { content: false }) : undefined;
    const other = this.otherGenerator();
    const theme = other ? undefined : this.options.theme;
    if (theme && theme.readConfig !== false && [...theme.files].includes('_config.yml')) configText = mergeThemeConfig(configText, await theme.fs.readFile(posix.join(theme.root, '_config.yml')));
    const config = parseSiteConfig(configText);
    safe.setPatterns(config.exclude, config.include);
    // The theme's layouts count for plugins that pick a default layout (its includes dir is known after the load).
    this.overlay = theme ? new ThemeOverlay(theme, { layoutsDir: config.layoutsDir, includesDir: '_includes', sassDir: config.sass.sassDir }) : undefined;
    const gemfile = !other && this.siteHas('Gemfile') ? await safe.read('Gemfile', { content: false }) : undefined;
    const plugins = (this.plugins = new RenderPlugins(other ? { enabled: new Set(), githubPages: undefined } : sitePlugins(config, gemfile), (p) => this.has(p)));
    const hooks = { hasLayout: (name: string) => this.templates.chains.path(name, config.layoutsDir) !== undefined, plain: (md: string) => this.markdown.plain(md) };
    this.model = await SiteModel.load({
      configText, files: this.resources.files, read: (p) => safe.read(p), config: other ? index?.config : config, parse: (p, text, formats) => frontMatterOf(fs, this.abs(p), text, formats),
      adjust: (doc, raw) => { plugins.raw = raw; return plugins.adjust(doc, hooks); },
      keepWithoutFrontMatter: (p, raw) => { plugins.raw = raw; return plugins.keepWithoutFrontMatter(p); },
    });
    plugins.raw = this.model.raw;
    await plugins.loadGithub((p) => fs.readFile(this.abs(p)));
    this.modelVersion++;
    const raw = this.model.raw;
    this.overlay = theme ? new ThemeOverlay(theme, {
      layoutsDir: this.model.config.layoutsDir, includesDir: includesDirOf(raw),
      sassDir: this.model.config.sass.sassDir,
    }) : undefined;
    // The theme's `_data` under the site's (Jekyll deep-merges them; here a site file replaces the theme's of the same name).
    if (theme) {
      for (const f of theme.files) {
        if (!f.startsWith('_data/') || !/\.(ya?ml|json|csv|tsv)$/i.test(f) || this.siteHas(f)) continue;
        const text = await theme.fs.readFile(posix.join(theme.root, f));
        if (text !== undefined) this.model.setData(f, text);
      }
    }
    this.resources.setSite(this.model.config.baseurl, other ? this.model.config.sourceDir : '');
    this.resetTemplates();
  }

  /** Hugo or Hexo (from the host's index), whose templates the preview does not run; undefined for Jekyll. */
  private otherGenerator(): 'hugo' | 'hexo' | undefined {
    const profile = this.options.index?.config.profile;
    return profile === 'hugo' || profile === 'hexo' ? profile : undefined;
  }

  /** Uses another theme layer (found, downloaded or gone): everything is read again. */
  setTheme(theme: ThemeLayer | undefined): Promise<void> {
    return this.enqueue(async () => { this.options.theme = theme; await this.reload(); });
  }

  /** The theme in use (name, version, folder), if any. */
  get theme(): Pick<ThemeLayer, 'name' | 'version' | 'root'> | undefined {
    const l = this.overlay?.layer;
    return l && { name: l.name, version: l.version, root: l.root };
  }

  private siteHas(p: string): boolean {
    return this.resources.files.has(p) || (this.options.index?.hasFile(p) ?? false);
  }

  /** A file of the site, or of its theme under it (or, named `@theme/…`, of the theme alone). */
  private has(p: string): boolean {
    if (p.startsWith(THEME_NS)) return this.overlay?.has(p.slice(THEME_NS.length)) ?? false;
    return this.siteHas(p) || (this.overlay?.themePath(p) !== undefined);
  }

  /** Reads a site path from the site, or from the theme when only the theme has it. */
  private readSite(p: string): Promise<string | undefined> {
    if (p.startsWith(THEME_NS)) return this.overlay?.read(p.slice(THEME_NS.length)) ?? Promise.resolve(undefined);
    const tp = this.siteHas(p) ? undefined : this.overlay?.themePath(p);
    return tp !== undefined ? this.overlay!.read(tp) : this.safe.read(p);
  }

  private resetTemplates(): void {
    this.templates.reset();
    this.cache.clearFrames();
    this.css.reset();
    this.layouts.reset();
  }

  /**
   * Tells the renderer that a site file changed, appeared (`text` or `'created'`) or went away
   * (`'deleted'`), so its caches stay true. Paths may be site-relative or as the fs sees them.
   */
  fileChanged(path: string, change: 'changed' | 'created' | 'deleted' = 'changed', text?: string): Promise<void> {
    return this.enqueue(async () => {
      const rel = this.relative(path);
      this.safe.forget(rel);
      if (change === 'created') this.resources.created(rel);
      // A link out of the site stays listed (its reads are refused) but is never served as a resource.
      this.resources.setRefused(rel, change !== 'deleted' && !!this.options.fs.realPath && (await this.safe.refusal(rel, { content: false })) !== undefined);
      if (change === 'deleted') this.resources.deleted(rel);
      // The Gemfile decides GitHub Pages' defaults (src/core/site/githubPages.ts).
      if (rel === '_config.yml' || rel === 'Gemfile') { await this.reload(); return; }
      const top = rel.split('/')[0];
      if (rel.startsWith(this.model.config.layoutsDir + '/') || top === '_includes' || top.startsWith('_includes')) this.resetTemplates();
      else if (top === '_sass' || /\.(s?css|sass)$/i.test(rel)) { this.css.reset(); }
      else if (top === '_data') {
        if (change === 'deleted') await this.reload();
        else { const data = text ?? await this.safe.read(rel); if (data !== undefined) this.model.setData(rel, data); this.modelVersion++; }
      } else if (this.model.kindOf(rel)) {
        if (change === 'deleted') this.model.removeDocument(rel);
        else { const doc = text ?? await this.safe.read(rel); if (doc !== undefined) this.model.updateDocument(rel, doc); }
        this.modelVersion++;
      }
    });
  }

  private enqueue<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** Renders a post (or page); calls are served one at a time. */
  render(req: RenderRequest): Promise<RenderResult> {
    return this.enqueue(() => this.renderNow(req));
  }

  /** Sets the render's budget (RenderRequest.limits) on the site's Liquid for the render's duration. */
  private async renderNow(req: RenderRequest): Promise<RenderResult> {
    const liquid = this.templates.liquid;
    const started = now();
    liquid.budget = req.limits ? { deadline: started + req.limits.timeoutMs, maxOutput: req.limits.maxOutputChars, written: 0 } : undefined;
    liquid.stopped = undefined;
    /** Stops the render when Liquid spent the budget, or the time is up, as it leaves `step` on `file`. */
    const spent = (step: RenderStep, file: string) => {
      const budget = liquid.budget;
      if (!budget) return;
      const stop = liquid.stopped ?? (now() > budget.deadline ? { limit: 'time' as const, file } : undefined);
      if (stop) throw new RenderStoppedError({ limit: stop.limit, step, file: stop.file, elapsedMs: Math.round(now() - started) });
    };
    try {
      return await this.renderSteps(req, spent);
    } finally {
      liquid.budget = undefined;
      liquid.stopped = undefined;
    }
  }

  private async renderSteps(req: RenderRequest, spent: (step: RenderStep, file: string) => void): Promise<RenderResult> {
    const timings: Record<string, number> = {};
    let lapStart = now();
    const lap = (name: string) => { const n = now(); timings[name] = (timings[name] ?? 0) + n - lapStart; lapStart = n; };
    const notices = new NoticeSet();
    this.templates.liquid.notices.clear();
    const rel = this.relative(req.path);
    const report = req.progress;
    this.progress = report ? (step, file) => { this.step = step; report(step, file); } : () => undefined;
    this.markdown.newRender(report ? (running) => this.progress(running ? 'math' : 'markdown', rel) : undefined);
    const when = req.now ?? new Date();
    const siteResource = req.resolveResource ?? ((p: string) => relativeUrl('/' + p, this.model.config.baseurl));
    // A theme's file (an asset, an icon its CSS links) is published at its site path; the host serves it from the theme's folder.
    const restricted = req.restricted === true;
    this.resources.beginRender({
      resource: (p) => {
        const tp = req.resolveThemeResource && !this.siteHas(p) ? this.overlay?.themePath(p) : undefined;
        return tp !== undefined ? req.resolveThemeResource!(tp) : siteResource(p);
      },
      remoteImages: req.remoteImages !== false, siteScripts: req.siteScripts === true && !restricted,
    });
    const { remoteImages, siteScripts } = this.resources;
    const other = this.otherGenerator();
    const mode: RenderMode = other || restricted ? 'content' : req.mode ?? 'site';

    const kind = this.model.kindOf(rel);
    const old = this.model.docs.get(rel);
    const doc = kind ? this.model.updateDocument(rel, req.text, kind) as SiteDocument : readDocument(this.model.config, rel, req.text, 'page');
    // Typing in the body leaves `site` as it was; a front-matter edit rebuilds it.
    if (!old || old.parse.text.slice(0, old.parse.bodyStart) !== req.text.slice(0, doc.parse.bodyStart)) this.modelVersion++;
    // What the post's Liquid, Markdown and layouts see besides its body: another value renders them all again.
    const memo = this.cache.memo(rel, req.incremental !== false);
    const memoKey = [this.modelVersion, this.resources.version, this.templates.version, doc.url, doc.title, req.text.slice(0, doc.parse.bodyStart)].join('\0');
    lap('frontMatter');

    // 1. Liquid over the body (Jekyll renders Liquid before Markdown).
    // `site` and `page` are built only when Liquid runs (a body without tags in content mode needs neither).
    let vars: { site: Record<string, unknown>; page: Record<string, unknown> } | undefined;
    const scope = () => (vars ??= { site: withRelatedPosts(this.variables.site(when), doc), page: this.variables.page(doc, when) });
    const text = this.plugins.source(doc, doc.body, (p) => this.model.docs.get(p)?.url ?? (this.has(p) && !/(^|\/)[_.]/.test(p) ? '/' + p : undefined),
      (u) => relativeUrl(u, this.model.config.baseurl));
    let lineMap: Int32Array | undefined;
    // Liquid's output, which says how it differs from the last one (Markdown then needs no copy of the whole text).
    let liquidOut: LiquidOutput | undefined;
    // Hugo shortcodes (`{{< … >}}`) and Hexo tags look like Liquid but are not.
    const withLiquid = !other && !restricted && doc.data.render_with_liquid !== false && (text.includes('{%') || text.includes('{{'));
    if (withLiquid) {
      this.progress('liquid', rel);
      try {
        const r = await memo.liquid(text, memoKey, this.templates.liquid.notices, () => this.templates.pieces(text, rel, { ...scope(), jekyll: JEKYLL, paginator: null }, doc.bodyLine),
          () => this.variables.excerptReads);
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
    this.progress('markdown', rel);
    let blocks: BlockRendering | undefined;
    if (isMarkdownPath(rel)) {
      // Only the blocks an edit touched are rendered again (incremental/markdownBlocks.ts); the output is a full render's.
      const probe = `${req.allowEmbeds ?? false}|${remoteImages}|${siteResource('p')}|${req.resolveThemeResource?.('p') ?? ''}|${doc.bodyLine}`;
      blocks = memo.markdown.render(liquidOut ?? text, memoKey + '\0' + probe, (n) => this.markdown.env(rel, doc.url, doc.bodyLine, lineMap, req.allowEmbeds ?? false, n));
      for (const [n, kind] of blocks.notices) notices.add(n, kind);
      for (const n of blocks.parserNotices) env.notices.add(n);
      env.hasMath = blocks.hasMath;
      bodyHtml = blocks.html;
    } else bodyHtml = env.html(liquidOut?.text ?? text, undefined);
    const plain = bodyHtml;
    bodyHtml = this.plugins.html(bodyHtml, doc);
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
    if (html === undefined) { frame = this.contentFrame(doc); html = frame[0] + bodyHtml + frame[1]; }
    spent('layout', rel);
    lap('layouts');

    // 4. Theme CSS.
    const served = other ? servedStylesheets(other, this.model.config.sourceDir, this.resources.files) : undefined;
    // Restricted Mode: the bundled theme only (the site's CSS may be Sass, which is code, and links remote fonts).
    const css: Omit<ThemeCss, 'key'> = restricted ? this.css.bundled()
      : req.waitForCss === false ? await this.css.atHand(stylesheets ?? [], doc.url, served) : await this.css.get(stylesheets ?? [], doc.url, served);
    // In Restricted Mode the host says why the page is plain, once.
    if (other && !restricted) notices.add(otherGeneratorNotice(other, css.theme === 'site' ? served ?? [] : [], this.model.config.sourceDir), 'theme');
    else for (const n of css.notices) notices.add(n, 'theme');
    spent('sass', rel);
    lap('css');

    for (const n of this.templates.liquid.notices) notices.add(n);
    for (const n of env.notices) notices.add(n);
    for (const r of this.safe.refusals.values()) notices.add(refusalNotice(r));
    // `_config.yml` or `_data` files past the YAML bounds, or that do not parse: never a silent nil.
    const configProblem = this.model.config.fileProblem;
    if (configProblem) notices.add(configProblem.message);
    for (const p of this.model.dataProblems.values()) notices.add(p.message);
    const noticeDetails = notices.list();
    return {
      html, bodyHtml, css: css.sheets, theme: css.theme, notices: noticeDetails.map((n) => n.text), noticeDetails, title: doc.title || posix.basename(rel), mode: rendered,
      hasMath: env.hasMath, timings, ...(blocks ? { blocks: blocks.blocks } : {}), ...(frame ? { frame } : {}), ...(css.pending ? { cssPending: true } : {}),
    };
  }

  /** The minimal page of content mode (before and after the body), using the class names most Jekyll themes style. */
  private contentFrame(doc: SiteDocument): [string, string] {
    const lang = typeof this.model.raw.lang === 'string' ? ` lang="${escapeHtml(this.model.raw.lang)}"` : '';
    const title = escapeHtml(doc.title);
    return [`<!DOCTYPE html>\n<html${lang}>\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body class="techblog-content-mode">\n` +
      `<main class="page-content"><div class="wrapper"><article class="post"><header class="post-header"><h1 class="post-title">${title}</h1></header>\n` +
      `<div class="post-content">\n`, `</div></article></div></main>\n</body>\n</html>\n`];
  }

  /** The site's `baseurl` (`''` or `/path`). */
  get baseurl(): string {
    return this.model.config.baseurl;
  }

  /** Where a post or page is published, as a path under the site (without `baseurl`). */
  urlOf(path: string): string | undefined {
    return this.model.docs.get(this.relative(path))?.url;
  }

  /** Site-relative path of the post or page published at `url`, if any. */
  pathOfUrl(url: string): string | undefined {
    const base = this.model.config.baseurl.replace(/\/+$/, '');
    let u = url.replace(/[?#].*$/, '');
    if (base && u.startsWith(base + '/')) u = u.slice(base.length);
    for (const d of this.model.docs.values()) if (d.url === u || d.url === u + '/' || d.url.replace(/\/index\.html$/, '/') === u) return d.path;
    return undefined;
  }
}



/** One-shot rendering: opens the site (or reuses `site` when it is a SiteRenderer) and renders the post. */
export async function renderPost(req: RenderRequest & { site: SiteRenderer | SiteRendererOptions }): Promise<RenderResult> {
  const renderer = req.site instanceof SiteRenderer ? req.site : await SiteRenderer.open(req.site);
  return renderer.render(req);
}
