// The preview renderer: a post's text → Liquid → kramdown-like Markdown → the site's layout chain →
// one sanitized HTML page plus the site's CSS. One SiteRenderer per site keeps everything that does
// not change while typing (config, posts, parsed layouts and includes, compiled Sass, highlighted
// code), so a keystroke re-renders only the post.
import * as posix from '../text/posixPath';
import { Context } from 'liquidjs';
import { flatten, SizeLru, stringBytes } from '../cache/sizeLru';
import { parseSiteConfig } from '../site/config';
import { refusalNotice, SafeSiteFiles } from '../site/safePaths';
import { sitePlugins } from '../site/githubPages';
import type { SiteIndex } from '../site/siteIndex';
import { escapeHtml } from './escape';
import { CodeHighlighter } from './highlight/highlighter';
import { createKramdownMarkdown } from './kramdown/markdown';
import { kramdownOptionsFrom } from './kramdown/options';
import { absoluteUrl, JekyllLiquid, relativeUrl } from './liquid/jekyllLiquid';
import { TextNode } from './liquid/parser';
import type { ImageTarget, RenderEnv } from './kramdown/env';
import { MathRenderer } from './math/katex';
import { NoticeSet } from './notices';
import { registerPluginTags } from './plugins/register';
import { RenderPlugins } from './plugins/sitePlugins';
import { ResourceResolver } from './resources';
import type { BlockRendering } from './incremental/markdownBlocks';
import type { LiquidOutput, LiquidPieces } from './incremental/liquidPieces';
import { PostMemo } from './incremental/postMemo';
import { cleanCss, sanitizeHtml, type HtmlPolicy } from './sanitize';
import { isMarkdownPath } from '../site/markdownFiles';
import { frontMatterOf } from '../site/siteStore';
import { uniqueOccurrence } from './layout/bodyPosition';
import { errorMessage, type Layout, LayoutChain } from './layout/layoutChain';
import { readDocument, SiteModel, type SiteDocument } from './siteModel';
import { LiquidVariables, withContent, withRelatedPosts } from './liquid/siteVariables';
import type { SassCache } from './theme/cache';
import { SassNotCached, type SassFileLayer } from './theme/sass';
import { CONVENTIONAL_STYLESHEETS, loadStylesheet, servedStylesheets, stylesheetSource, type ThemeSite } from './theme/stylesheets';
import { mergeThemeConfig, ThemeOverlay, type ThemeLayer } from './themeLayer';
import type { RenderFileSystem, RenderMode, RenderRequest, RenderResult, RenderStep } from './types';
import { t } from '../text/l10n';

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

/** Names a file of the theme layer itself (not the site path it stands for), for Sass's relative imports. */
const THEME_NS = '@theme/';
const CONTENT_MARKER = '\ue000techblog-content\ue000';
/** Bodies longer than this (UTF-16 units) go through the layouts as a marker (see renderLayouts). */
const STANDIN_MIN = 4096;
// The Jekyll we emulate (Debian's, the fidelity reference).
const JEKYLL = { version: '4.3.1', environment: 'development' };

/** The site's stylesheets as the page gets them (`pending`: not at hand yet, see RenderRequest.waitForCss). */
interface ThemeCss { sheets: string[]; theme: 'site' | 'fallback' | 'none'; notices: string[]; key: string; pending?: boolean }

function now(): number {
  return typeof performance !== 'undefined' ? performance.now() : Date.now();
}

/** Renders the posts of one site; create with `SiteRenderer.open`. */
export class SiteRenderer {
  readonly root: string;
  private model!: SiteModel;
  private liquid!: JekyllLiquid;
  private readonly md;
  private readonly highlighter = new CodeHighlighter();
  private readonly math = new MathRenderer();
  private readonly files = new Set<string>();
  /** Listed files that are symbolic links the safe-mode rules refuse (never resolved as resources). */
  private readonly refusedLinks = new Set<string>();
  private filesVersion = 0;
  private resolver!: ResourceResolver;
  private readonly chains = new LayoutChain({
    config: () => this.model.config, siteHas: (p) => this.siteHas(p), overlay: () => this.overlay, read: (p) => this.readSite(p),
    parse: (text, p, firstLine) => this.liquid.parse(text, this.abs(p), firstLine),
  });
  private readonly variables = new LiquidVariables({
    model: () => this.model, modelVersion: () => this.modelVersion, plugins: () => this.plugins,
    markdown: (text, rel, pageUrl) => this.markdownFragment(text, rel, pageUrl),
  });
  private modelVersion = 0;
  // Bounded by bytes (the HTML they hold), not by count.
  private readonly sanitizedHtml = new SizeLru<string, { html: string; resources: Array<[string, ImageTarget]> }>(4 * 1024 * 1024, (k, v) => stringBytes(k) + stringBytes(v.html));
  private readonly sanitizedLayouts = new SizeLru<string, SanitizedFrame>(
    2 * 1024 * 1024, (k, v) => stringBytes(k) + (v.parts ? stringBytes(v.parts[0]) + stringBytes(v.parts[1]) : 0) + (v.whole === undefined ? 0 : stringBytes(v.whole)));
  private css: Promise<ThemeCss> | undefined;
  /** The stylesheet `css` is on (what a render waiting for it reports). */
  private compiling: string | undefined;
  /** `css` once it settled (a first frame takes it without waiting). */
  private cssDone: { promise: Promise<ThemeCss>; value: ThemeCss } | undefined;
  private discoveredStylesheets: string[] | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private resolveResource: (p: string) => string = (p) => p;
  /** The URLs resolveResource gave in this render. */
  private producedUrls = new Set<string>();
  /** This render's policy for remote images and the site's own scripts (RenderRequest). */
  private remoteImages = true;
  private siteScripts = false;
  private overlay: ThemeOverlay | undefined;
  private plugins!: RenderPlugins;
  /** Every read of a site file goes through Jekyll's safe-mode rules (src/core/site/safePaths.ts). */
  private safe!: SafeSiteFiles;
  /** This render's progress report (RenderRequest.progress) and the step it is in. */
  private progress: (step: RenderStep, file: string) => void = () => undefined;
  private step: RenderStep = 'liquid';
  /** Per post: its last render's Liquid pieces, Markdown blocks and the page around its body (incremental/). */
  private readonly memos = new Map<string, PostMemo>();
  private templatesVersion = 0;
  /** An include read since the templates were loaded names `content`: layouts may use the body otherwise than as `{{ content }}`. */
  private includesReadContent = false;

  private constructor(private readonly options: SiteRendererOptions) {
    this.root = options.root.replace(/\/+$/, '');
    this.md = createKramdownMarkdown();
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
    this.files.clear();
    const listed = index ? [...index.allPaths()] : await fs.listFiles(this.root || '.');
    for (const f of listed) this.files.add(f);
    this.filesVersion++;
    const safe = (this.safe = new SafeSiteFiles(fs, this.root));
    // Links the safe-mode rules refuse are not served as images or url()s (their reads are refused anyway).
    this.refusedLinks.clear();
    for (const link of (await fs.listLinks?.(this.root || '.')) ?? []) if (await safe.refusal(link, { content: false }) !== undefined) this.refusedLinks.add(link);
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
    const hooks = { hasLayout: (name: string) => this.chains.path(name, config.layoutsDir) !== undefined, plain: (md: string) => this.plainText(md) };
    this.model = await SiteModel.load({
      configText, files: this.files, read: (p) => safe.read(p), config: other ? index?.config : config, parse: (p, text, formats) => frontMatterOf(fs, this.abs(p), text, formats),
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
    this.resolver = new ResourceResolver({ has: (p) => this.has(p) && !this.refusedLinks.has(p), all: () => [...this.files].filter((f) => !this.refusedLinks.has(f)), version: () => this.filesVersion }, this.model.config.baseurl, other ? this.model.config.sourceDir : '');
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
    return this.files.has(p) || (this.options.index?.hasFile(p) ?? false);
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
    const model = this.model;
    const raw = model.raw;
    this.liquid = new JekyllLiquid({
      root: this.root, baseurl: model.config.baseurl, url: typeof raw.url === 'string' ? raw.url : '', timezone: model.config.timezone,
      includesDir: includesDirOf(raw), layoutsDir: model.config.layoutsDir,
      read: (p) => {
        const rel = this.relative(p);
        // An include is read as the Liquid that includes it runs: the render is in that file now.
        if (rel.startsWith(includesDirOf(raw) + '/') || rel.startsWith('_includes/')) this.progress(this.step, rel);
        return this.readSite(rel).then((text) => {
          if (text !== undefined && readsContent(text)) this.includesReadContent = true;
          return text;
        });
      },
      exists: async (p) => {
        const rel = this.relative(p);
        const there = this.has(rel) || (this.options.fs.exists ? await this.options.fs.exists(p) : false);
        if (!there || p.startsWith(THEME_NS) || (!this.siteHas(rel) && this.overlay?.themePath(rel) !== undefined)) return there;
        // A refused include is not there (the marker shows), and the refusal is named.
        const refused = await this.safe.refusal(rel);
        if (refused && refused !== 'missing') this.safe.refusals.set(refused.path, refused);
        return !refused;
      },
      postUrl: (name) => model.postByName(name)?.url,
      fileUrl: (p) => model.docs.get(p)?.url ?? (this.has(p) ? '/' + p : undefined),
      markdownify: (text) => this.markdownFragment(text, '', undefined),
      highlighter: this.highlighter,
      liquid: model.config.liquid, relative: (p) => this.relative(p),
    });
    registerPluginTags(this.liquid.engine, {
      markdownify: (text) => this.markdownFragment(text, '', undefined),
      absoluteUrl: (u) => absoluteUrl(u, typeof raw.url === 'string' ? raw.url : '', model.config.baseurl),
    });
    this.chains.clear();
    this.sanitizedLayouts.clear();
    this.templatesVersion++;
    this.includesReadContent = false;
    this.css = undefined;
    this.discoveredStylesheets = undefined;
  }

  /**
   * Tells the renderer that a site file changed, appeared (`text` or `'created'`) or went away
   * (`'deleted'`), so its caches stay true. Paths may be site-relative or as the fs sees them.
   */
  fileChanged(path: string, change: 'changed' | 'created' | 'deleted' = 'changed', text?: string): Promise<void> {
    return this.enqueue(async () => {
      const rel = this.relative(path);
      this.safe.forget(rel);
      if (change === 'created' && !this.files.has(rel)) { this.files.add(rel); this.filesVersion++; }
      // A link out of the site stays listed (its reads are refused) but is never served as a resource.
      this.refusedLinks.delete(rel);
      if (change !== 'deleted' && this.options.fs.realPath && (await this.safe.refusal(rel, { content: false })) !== undefined) this.refusedLinks.add(rel);
      if (change === 'deleted' && this.files.delete(rel)) this.filesVersion++;
      // The Gemfile decides GitHub Pages' defaults (src/core/site/githubPages.ts).
      if (rel === '_config.yml' || rel === 'Gemfile') { await this.reload(); return; }
      const top = rel.split('/')[0];
      if (rel.startsWith(this.model.config.layoutsDir + '/') || top === '_includes' || top.startsWith('_includes')) this.resetTemplates();
      else if (top === '_sass' || /\.(s?css|sass)$/i.test(rel)) { this.css = undefined; }
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

  private async renderNow(req: RenderRequest): Promise<RenderResult> {
    const timings: Record<string, number> = {};
    let lapStart = now();
    const lap = (name: string) => { const n = now(); timings[name] = (timings[name] ?? 0) + n - lapStart; lapStart = n; };
    const notices = new NoticeSet();
    this.liquid.notices.clear();
    const rel = this.relative(req.path);
    const report = req.progress;
    this.progress = report ? (step, file) => { this.step = step; report(step, file); } : () => undefined;
    this.math.onKatex = report ? (running) => this.progress(running ? 'math' : 'markdown', rel) : undefined;
    this.math.newRender(); this.highlighter.newRender();
    const when = req.now ?? new Date();
    const siteResource = req.resolveResource ?? ((p: string) => relativeUrl('/' + p, this.model.config.baseurl));
    // A theme's file (an asset, an icon its CSS links) is published at its site path; the host serves it from the theme's folder.
    const produced = (this.producedUrls = new Set<string>());
    this.resolveResource = (p) => {
      const tp = req.resolveThemeResource && !this.siteHas(p) ? this.overlay?.themePath(p) : undefined;
      const url = tp !== undefined ? req.resolveThemeResource!(tp) : siteResource(p);
      if (produced.size < 10000) produced.add(url);
      return url;
    };
    this.remoteImages = req.remoteImages !== false;
    const restricted = req.restricted === true;
    this.siteScripts = req.siteScripts === true && !restricted;
    const other = this.otherGenerator();
    const mode: RenderMode = other || restricted ? 'content' : req.mode ?? 'site';

    const kind = this.model.kindOf(rel);
    const old = this.model.docs.get(rel);
    const doc = kind ? this.model.updateDocument(rel, req.text, kind) as SiteDocument : readDocument(this.model.config, rel, req.text, 'page');
    // Typing in the body leaves `site` as it was; a front-matter edit rebuilds it.
    if (!old || old.parse.text.slice(0, old.parse.bodyStart) !== req.text.slice(0, doc.parse.bodyStart)) this.modelVersion++;
    // What the post's Liquid, Markdown and layouts see besides its body: another value renders them all again.
    const memo = req.incremental === false ? new PostMemo(this.md) : this.memoFor(rel);
    const memoKey = [this.modelVersion, this.filesVersion, this.templatesVersion, doc.url, doc.title, req.text.slice(0, doc.parse.bodyStart)].join('\0');
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
        const r = await memo.liquid(text, memoKey, this.liquid.notices, () => this.renderLiquid(text, rel, { ...scope(), jekyll: JEKYLL, paginator: null }, doc.bodyLine),
          () => this.variables.excerptReads);
        liquidOut = r;
        lineMap = r.lineMap;
      } catch (e) {
        notices.add(t('Liquid in the post could not render ({0}): showing the text without Liquid.', errorMessage(e)));
      }
    }
    lap('liquid');

    // 2. Markdown (pages written in HTML keep their HTML).
    const env = this.env(rel, doc.url, doc.bodyLine, lineMap, req.allowEmbeds ?? false, notices);
    let bodyHtml: string;
    this.progress('markdown', rel);
    let blocks: BlockRendering | undefined;
    if (isMarkdownPath(rel)) {
      // Only the blocks an edit touched are rendered again (incremental/markdownBlocks.ts); the output is a full render's.
      const probe = `${req.allowEmbeds ?? false}|${this.remoteImages}|${siteResource('p')}|${req.resolveThemeResource?.('p') ?? ''}|${doc.bodyLine}`;
      blocks = memo.markdown.render(liquidOut ?? text, memoKey + '\0' + probe, (n) => this.env(rel, doc.url, doc.bodyLine, lineMap, req.allowEmbeds ?? false, n));
      for (const [n, kind] of blocks.notices) notices.add(n, kind);
      for (const n of blocks.parserNotices) env.notices.add(n);
      env.hasMath = blocks.hasMath;
      bodyHtml = blocks.html;
    } else bodyHtml = env.html(liquidOut?.text ?? text, undefined);
    const plain = bodyHtml;
    bodyHtml = this.plugins.html(bodyHtml, doc);
    if (bodyHtml !== plain) blocks = undefined;
    lap('markdown');

    // 3. Layouts.
    let html: string | undefined;
    let frame: [string, string] | undefined;
    let rendered: RenderMode = 'content';
    let stylesheets: string[] | undefined;
    if (mode === 'site') {
      const r = await this.layoutsAround(memo, memoKey + `\0${req.allowEmbeds ?? false}|${this.remoteImages}|${this.siteScripts}|${siteResource('p')}|${req.resolveThemeResource?.('p') ?? ''}`,
        doc, bodyHtml, () => this.renderLayouts(doc, bodyHtml, scope().site, scope().page, req.allowEmbeds ?? false));
      if ('error' in r) notices.add(t('{0} — showing content mode.', r.error), 'theme');
      else {
        html = r.html; frame = r.frame; rendered = 'site'; stylesheets = r.stylesheets;
        for (const m of r.refs.missing) notices.add(t('Image not found: {0} (linked as {1}).', m.missing, m.url));
        for (const u of r.refs.insecure) notices.add(t('Insecure http: image not loaded (the preview loads https: images only): {0}', u), 'info');
        if (r.refs.remote) notices.add(t('Remote images are not loaded: techblog.preview.remoteImages is off.'), 'info');
        if (r.refs.skippedScripts.length) notices.add(t('Scripts that are not files of the site do not run in the preview: {0}', r.refs.skippedScripts.join(', ')), 'info');
      }
    }
    if (!stylesheets && !other && !restricted) stylesheets = this.discoveredStylesheets ?? await this.discoverStylesheets(doc, scope().site, scope().page);
    if (html === undefined) { frame = this.contentFrame(doc); html = frame[0] + bodyHtml + frame[1]; }
    lap('layouts');

    // 4. Theme CSS.
    const served = other ? servedStylesheets(other, this.model.config.sourceDir, this.files) : undefined;
    // Restricted Mode: the bundled theme only (the site's CSS may be Sass, which is code, and links remote fonts).
    const css: Omit<ThemeCss, 'key'> = restricted ? this.bundledCss()
      : req.waitForCss === false ? await this.themeCssAtHand(stylesheets ?? [], doc.url, served) : await this.themeCss(stylesheets ?? [], doc.url, served);
    // In Restricted Mode the host says why the page is plain, once.
    if (other && !restricted) notices.add(otherGeneratorNotice(other, css.theme === 'site' ? served ?? [] : [], this.model.config.sourceDir), 'theme');
    else for (const n of css.notices) notices.add(n, 'theme');
    lap('css');

    for (const n of this.liquid.notices) notices.add(n);
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

  /** Liquid over a post body, one top-level node at a time so output lines map back to source lines. */
  private memoFor(rel: string): PostMemo {
    let memo = this.memos.get(rel);
    if (!memo) {
      if (this.memos.size >= 4) this.memos.delete(this.memos.keys().next().value as string);
      this.memos.set(rel, (memo = new PostMemo(this.md)));
    }
    return memo;
  }

  /**
   * The layouts around a body: after a body edit, the page they made last time with the new body in it,
   * when nothing else they read changed (`key`), they use the body only as `{{ content }}`, and the
   * excerpt they read (if any) is the same; else they run.
   */
  private async layoutsAround(memo: PostMemo, key: string, doc: SiteDocument, bodyHtml: string,
    run: () => ReturnType<SiteRenderer['renderLayouts']>): ReturnType<SiteRenderer['renderLayouts']> {
    const f = memo.frame;
    if (f && f.key === key && (f.excerpt === undefined || f.excerpt === this.variables.excerptOf(doc))) {
      for (const n of f.notices) this.liquid.notices.add(n);
      return { html: f.before + bodyHtml + f.after, stylesheets: f.stylesheets, refs: f.refs as LayoutRefs, frame: [f.before, f.after] };
    }
    memo.frame = undefined;
    const noticesBefore = new Set(this.liquid.notices);
    const reads = this.variables.excerptReads;
    const r = await run();
    if ('error' in r || !r.frame || this.plugins.rewritesPages || this.includesReadContent) return r;
    const chain = await this.chains.of(doc);
    if ('error' in chain || chain.some((l) => readsContent(l.text))) return r;
    memo.frame = {
      key, before: r.frame[0], after: r.frame[1], stylesheets: r.stylesheets, refs: r.refs,
      notices: [...this.liquid.notices].filter((n) => !noticesBefore.has(n)),
      excerpt: this.variables.excerptReads !== reads ? this.variables.excerptOf(doc) : undefined,
    };
    return r;
  }

  /** Liquid over a post body, one top-level node at a time (incremental/liquidPieces.ts maps output lines back to source lines). */
  private async renderLiquid(text: string, rel: string, scope: Record<string, unknown>, bodyLine = 0): Promise<LiquidPieces> {
    const templates = this.liquid.parse(text, this.abs(rel), bodyLine + 1);
    const ctx = new Context(scope, this.liquid.engine.options, {}, { liquid: this.liquid.engine });
    ctx.setRegister('techblog', { path: rel });
    const pieces: string[] = [];
    // Text between tags is itself: no trip through the engine (a promise a node).
    for (const tpl of templates) pieces.push(tpl instanceof TextNode ? tpl.str : String(await this.liquid.engine.render([tpl], ctx)));
    return { source: text, begins: templates.map((tpl) => tpl.token.begin), pieces };
  }

  private env(rel: string, pageUrl: string, bodyLine: number, lineMap: Int32Array | undefined, allowEmbeds: boolean, notices: NoticeSet): RenderEnv {
    const missing = new Set<string>();
    const resolved = new Map<string, ImageTarget>();
    const image = (src: string): ImageTarget => {
      let target = resolved.get(src);
      if (!target) resolved.set(src, (target = resolve(src)));
      return target;
    };
    const resolve = (src: string): ImageTarget => {
      const r = this.resolver.resolve(src, rel, pageUrl);
      if ('sitePath' in r) return { src: this.resolveResource(r.sitePath) };
      if ('missing' in r) {
        if (!missing.has(r.missing)) { missing.add(r.missing); notices.add(t('Image not found: {0} (linked as {1}).', r.missing, src)); }
        return { missing: r.missing };
      }
      const target = this.externalImage(r.external);
      if ('blocked' in target) {
        if (target.blocked === 'insecure') notices.add(t('Insecure http: image not loaded (the preview loads https: images only): {0}', r.external), 'info');
        else notices.add(t('Remote images are not loaded: techblog.preview.remoteImages is off.'), 'info');
      }
      return target;
    };
    return {
      options: { ...this.model.kramdown }, alds: new Map(), notices: new Set(), dataLines: true, highlighter: this.highlighter, math: this.math,
      hasMath: false,
      sourceLine: (line) => bodyLine + (lineMap ? lineMap[Math.min(line, lineMap.length - 1)] : line),
      image,
      html: (h, line, inline) => this.sanitizePostHtml(h, line, inline ?? false, allowEmbeds, image),
    };
  }

  /** A URL that is not a site file: `https:` (and `//host`) images load unless turned off; insecure `http:` never does. */
  private externalImage(url: string): ImageTarget {
    const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase() ?? (url.trim().startsWith('//') ? 'https' : undefined);
    if (scheme === 'http') return { missing: url, blocked: 'insecure' };
    if (scheme === 'https' && !this.remoteImages) return { missing: url, blocked: 'remote' };
    return { src: url };
  }

  /**
   * The post's raw HTML, sanitized; a keystroke re-renders the same blocks, so results are kept by their
   * text, line and flags. A kept result holds while its resource URLs resolve as they did.
   */
  private sanitizePostHtml(html: string, line: number | undefined, inline: boolean, allowEmbeds: boolean, image: (src: string) => ImageTarget): string {
    const key = `${allowEmbeds ? 'E' : 'e'}${inline ? 'i' : 'b'}${this.remoteImages ? 'R' : 'r'}${line ?? ''}\0${html}`;
    const hit = this.sanitizedHtml.get(key);
    if (hit && hit.resources.every(([src, was]) => sameTarget(image(src), was))) return hit.html;
    const resources: Array<[string, ImageTarget]> = [];
    const resource = (src: string) => {
      const r = image(src);
      resources.push([src, r]);
      return r;
    };
    const clean = flatten(sanitizeHtml(html, { resource, allowEmbeds, dataLine: line, inline }));
    this.sanitizedHtml.set(key, { html: clean, resources });
    return clean;
  }

  /** A heading's Markdown as `markdownify | strip_html | normalize_whitespace` gives it (before the site model exists). */
  private plainText(md: string): string {
    const env: RenderEnv = {
      options: kramdownOptionsFrom(undefined), alds: new Map(), notices: new Set(), sourceLine: (l) => l, dataLines: false,
      image: (src) => ({ src }), html: (h) => h, highlighter: this.highlighter, math: this.math, hasMath: false,
    };
    return this.md.render(md, env as unknown as Record<string, unknown>).replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  }

  /** Markdown for `markdownify` and excerpts: no Liquid, no source lines. */
  private markdownFragment(text: string, rel: string, pageUrl: string | undefined): string {
    const env = this.env(rel, pageUrl ?? '/', 0, undefined, false, new NoticeSet());
    env.dataLines = false;
    return this.md.render(text, env as unknown as Record<string, unknown>);
  }

  private async renderLayouts(doc: SiteDocument, bodyHtml: string, site: Record<string, unknown>, page: Record<string, unknown>, allowEmbeds: boolean):
    Promise<{ html: string; stylesheets: string[]; refs: LayoutRefs; frame?: [string, string] } | { error: string }> {
    const chain = await this.chains.of(doc);
    if ('error' in chain) return chain;
    // A long body the layouts use only as `{{ content }}`: they run with a marker in its place, so the
    // page around it is had without searching megabytes of body HTML in a page that holds it again.
    if (bodyHtml.length > STANDIN_MIN && !this.plugins.rewritesPages && !this.includesReadContent && !chain.some((l) => readsContent(l.text))) {
      const framed = await this.runLayouts(chain, CONTENT_MARKER, site, page);
      const r = this.includesReadContent ? undefined : this.frameAround(framed, bodyHtml, allowEmbeds);
      if (r) return r;
    }
    const content = this.plugins.page(await this.runLayouts(chain, bodyHtml, site, page), doc);
    return this.sanitizeDocument(content, bodyHtml, allowEmbeds);
  }

  /** The layout chain's output around `content`. */
  private async runLayouts(chain: Layout[], content: string, site: Record<string, unknown>, page: Record<string, unknown>): Promise<string> {
    // A tag that fails costs that tag only (see liquid/jekyllLiquid.ts); a layout that still fails as a
    // whole is skipped, and the rest of the chain (the header, the navigation, the CSS links) renders.
    for (const layout of chain) {
      this.progress('layout', layout.path);
      try {
        const ctx = new Context({ site, page: withContent(page, content), layout: layout.data, content, jekyll: JEKYLL, paginator: null }, this.liquid.engine.options, {}, { liquid: this.liquid.engine });
        ctx.setRegister('techblog', { path: layout.path });
        content = String(await this.liquid.engine.render(layout.templates, ctx));
      } catch (e) {
        this.liquid.notices.add(t('The layout {0} could not render ({1}); the other layouts still apply.', layout.path, errorMessage(e)));
      }
    }
    return content;
  }

  /**
   * The page from layouts run with the marker for the body, when it is the page `sanitizeDocument` makes
   * from the layouts run with the body: the marker once, where the sanitizer sees HTML text, and the body
   * nowhere else in that page (a second place would overlap this one, so the body would repeat with a
   * period no longer than the layout text: not so). Undefined otherwise (the layouts run with the body).
   */
  private frameAround(framed: string, bodyHtml: string, allowEmbeds: boolean): ReturnType<SiteRenderer['sanitizeDocument']> | undefined {
    const at = framed.indexOf(CONTENT_MARKER);
    if (at < 0 || framed.indexOf(CONTENT_MARKER, at + 1) >= 0) return undefined;
    const around = framed.length - CONTENT_MARKER.length;
    const probe = Math.min(64, bodyHtml.length);
    if (around + probe >= bodyHtml.length || bodyHtml.slice(1, around + probe + 1).includes(bodyHtml.slice(0, probe))) return undefined;
    const hit = this.sanitizedFrame(framed, true, allowEmbeds);
    return hit.parts ? { html: hit.parts[0] + bodyHtml + hit.parts[1], stylesheets: hit.stylesheets, refs: hit.refs, frame: hit.parts } : undefined;
  }

  /** Sanitizes the layout output; the parts around the (already sanitized) body are cached. */
  private sanitizeDocument(output: string, bodyHtml: string, allowEmbeds: boolean): { html: string; stylesheets: string[]; refs: LayoutRefs; frame?: [string, string] } {
    const { at, unique } = bodyHtml.length > 0 ? uniqueOccurrence(output, bodyHtml) : { at: -1, unique: false };
    const marked = unique ? output.slice(0, at) + CONTENT_MARKER + output.slice(at + bodyHtml.length) : output;
    const hit = this.sanitizedFrame(marked, unique, allowEmbeds);
    if (hit.parts) return { html: hit.parts[0] + bodyHtml + hit.parts[1], stylesheets: hit.stylesheets, refs: hit.refs, frame: hit.parts };
    if (hit.whole !== undefined) return { html: hit.whole, stylesheets: hit.stylesheets, refs: hit.refs };
    // The marker landed somewhere odd (inside an attribute, raw text, foreign content): sanitize the whole page.
    return { html: sanitizeHtml(output, hit.policy ?? { document: true, allowEmbeds }), stylesheets: hit.stylesheets, refs: hit.refs };
  }

  /** The sanitized page around the marker (`unique`: the page holds the marker once, for the body), cached. */
  private sanitizedFrame(marked: string, unique: boolean, allowEmbeds: boolean): SanitizedFrame {
    // The same layout output sanitizes differently under another image or script policy.
    const key = `${this.remoteImages ? 'R' : 'r'}${this.siteScripts ? 'S' : 's'}\0${marked}`;
    let hit = this.sanitizedLayouts.get(key);
    if (!hit) {
      const stylesheets: string[] = [];
      const refs: LayoutRefs = { missing: [], insecure: [], remote: false, skippedScripts: [] };
      const image = (src: string): ImageTarget => {
        // A URL this render already mapped (the body's images, when the whole page is sanitized again).
        if (this.producedUrls.has(src)) return { src };
        const r = this.resolver.resolve(src, '', '/');
        if ('sitePath' in r) return { src: this.resolveResource(r.sitePath) };
        if ('missing' in r) {
          if (!refs.missing.some((m) => m.missing === r.missing)) refs.missing.push({ missing: r.missing, url: src });
          return { missing: r.missing };
        }
        const target = this.externalImage(r.external);
        if ('blocked' in target && target.blocked === 'insecure') { if (!refs.insecure.includes(r.external)) refs.insecure.push(r.external); }
        else if ('blocked' in target) refs.remote = true;
        return target;
      };
      const script = this.siteScripts ? (src: string): string | undefined => {
        const r = this.resolver.resolve(src, '', '/');
        if ('sitePath' in r && /\.m?js$/i.test(r.sitePath)) return this.resolveResource(r.sitePath) + src.trim().slice(src.trim().replace(/[?#].*$/, '').length);
        if (!refs.skippedScripts.includes(src.trim())) refs.skippedScripts.push(src.trim());
        return undefined;
      } : undefined;
      // The body is spliced back only where the layout has it as HTML text: there a browser parses it
      // exactly as the sanitizer did. Anywhere else (an attribute, `<textarea>`/`<title>`/`<style>`,
      // SVG or MathML, a comment, a dropped element) the page Liquid assembled is sanitized as a whole.
      let textOnly = true;
      const policy = { document: true, allowEmbeds, resource: image, script, onStylesheet: (h: string) => stylesheets.push(h) };
      const clean = sanitizeHtml(marked, { ...policy, marker: CONTENT_MARKER, onMarker: (where) => { if (where !== 'text') textOnly = false; } });
      const parts = unique && textOnly ? clean.split(CONTENT_MARKER) : [];
      hit = {
        parts: parts.length === 2 ? [parts[0], parts[1]] : undefined, stylesheets, refs,
        whole: unique ? undefined : clean,
        policy: { ...policy, onStylesheet: undefined },
      };
      this.sanitizedLayouts.set(key, hit);
    }
    return hit;
  }

  /** Content mode still uses the site's CSS: render the layouts once just to see what they link. */
  private async discoverStylesheets(doc: SiteDocument, site: Record<string, unknown>, page: Record<string, unknown>): Promise<string[]> {
    if (this.discoveredStylesheets) return this.discoveredStylesheets;
    const found: string[] = [];
    // The post's own chain first; a bare post (or one whose layouts link nothing) borrows `default`'s.
    for (const layout of [doc.data.layout, 'default']) {
      if (typeof layout !== 'string' || found.length) continue;
      const chain = await this.chains.of({ ...doc, data: { ...doc.data, layout } });
      if ('error' in chain) continue;
      try {
        let content = '';
        for (const l of chain) {
          this.progress('layout', l.path);
          const ctx = new Context({ site, page: withContent(page, content), layout: l.data, content, jekyll: JEKYLL, paginator: null }, this.liquid.engine.options, {}, { liquid: this.liquid.engine });
          content = String(await this.liquid.engine.render(l.templates, ctx));
        }
        sanitizeHtml(content, { document: true, onStylesheet: (h) => found.push(h) });
      } catch {
        found.length = 0;
      }
    }
    this.discoveredStylesheets = found;
    return found;
  }

  /** The stylesheets' identity: the links (or served files) and the remote-images setting (the CSS filter's verdict on remote url()s depends on it). */
  private cssKey(hrefs: string[], served?: string[]): string {
    return (served ?? hrefs).join('\n') + (this.remoteImages ? '' : '\n\0no-remote');
  }

  /**
   * The theme CSS without running Sass (a first frame): compiled already, or every sheet in the
   * compiled-CSS cache; else none, `pending`, and the compile starts in the background for the next render.
   */
  private async themeCssAtHand(hrefs: string[], pageUrl: string, served?: string[]): Promise<ThemeCss> {
    const key = this.cssKey(hrefs, served);
    const done = this.cssDone;
    if (this.css && done?.promise === this.css && done.value.key === key) return done.value;
    if (!this.css) {
      const cached = await this.loadCss(hrefs, pageUrl, key, served, true);
      if (cached) { this.track(this.css = Promise.resolve(cached)); return cached; }
    }
    void this.themeCss(hrefs, pageUrl, served).catch(() => undefined);
    return { sheets: [], theme: 'none', notices: [], key, pending: true };
  }

  /** `served`: site paths of the stylesheets to use as they are (Hugo, Hexo), instead of what `hrefs` link. */
  private themeCss(hrefs: string[], pageUrl: string, served?: string[]): Promise<ThemeCss> {
    const key = this.cssKey(hrefs, served);
    if (this.css) {
      // Stylesheets are the same for every page of a site; recompute only when the links differ.
      const css = this.css;
      // Still compiling (a first frame started it): this render waits in that step.
      if (this.cssDone?.promise !== css && this.compiling) this.progress('sass', this.compiling);
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
    const overlay = this.overlay;
    if (!overlay) return undefined;
    return [{ label: overlay.layer.name, sassDir: '_sass', has: (p) => overlay.has(p), read: (p) => overlay.read(p), files: () => overlay.layer.files }];
  }

  /** The stylesheets, compiled; `cachedOnly`: undefined when Sass would have to run (compileSass's `cachedOnly`). */
  private loadCss(hrefs: string[], pageUrl: string, key: string, served: string[] | undefined, cachedOnly: true): Promise<ThemeCss | undefined>;
  private loadCss(hrefs: string[], pageUrl: string, key: string, served?: string[]): Promise<ThemeCss>;
  private async loadCss(hrefs: string[], pageUrl: string, key: string, served?: string[], cachedOnly = false): Promise<ThemeCss | undefined> {
    const notices: string[] = [];
    const remote = this.remoteImages;
    const has = (p: string) => this.has(p);
    let sources = hrefs.map((h) => stylesheetSource(h, this.model.config.baseurl, has, pageUrl)).filter((p): p is string => p !== undefined);
    if (served) sources = served;
    else if (!hrefs.length) sources = CONVENTIONAL_STYLESHEETS.filter(has).slice(0, 1);
    const site: ThemeSite = {
      baseurl: this.model.config.baseurl, sass: this.model.config.sass, themes: this.sassThemes(), cache: this.options.sassCache, cachedOnly,
      files: () => this.files,
      // The site's files and the theme's published assets (an entry like minima's `assets/main.scss`); the theme's
      // `_sass` is a load path of its own (sassThemes), so its partials' relative imports find the theme's files first.
      has: (p) => this.siteHas(p) || (p.startsWith('assets/') && this.overlay?.themePath(p) !== undefined),
      // A refused partial or stylesheet is empty (and named in a notice): the rest of the CSS still applies.
      read: async (p) => (await this.readSite(p)) ?? (this.safe.wasRefused(p) ? '' : undefined),
      liquid: async (text, path) => {
        if (!text.includes('{{') && !text.includes('{%')) return text;
        const ctx = new Context({ site: this.variables.site(new Date()), page: {}, jekyll: JEKYLL }, this.liquid.engine.options, {}, { liquid: this.liquid.engine });
        return String(await this.liquid.engine.render(this.liquid.parse(text, this.abs(path)), ctx));
      },
      resource: (p) => this.resolveResource(p),
      // The same CSS filter as `style` attributes (escapes decoded, `@import` and script URLs neutralised,
      // remote url()s only when remote images are allowed), before site paths become resource URLs.
      filter: (css) => cleanCss(css, (u) => /^\s*(https?:)?\/\//i.test(u) && !(remote && /^\s*https:/i.test(u)) ? { missing: u, blocked: 'remote' } : undefined),
    };
    const sheets: string[] = [];
    for (const s of [...new Set(sources)]) {
      this.progress('sass', (this.compiling = s));
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
    return this.options.fallbackCss !== undefined ? { sheets: [this.options.fallbackCss], theme: 'fallback', notices, key } : { sheets: [], theme: 'none', notices, key };
  }

  /** The bundled fallback theme alone (Restricted Mode). */
  private bundledCss(): { sheets: string[]; theme: 'fallback' | 'none'; notices: string[]; key: string } {
    const fallback = this.options.fallbackCss;
    return fallback !== undefined ? { sheets: [fallback], theme: 'fallback', notices: [], key: '' } : { sheets: [], theme: 'none', notices: [], key: '' };
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

/** The one line a Hugo or Hexo preview shows: why it is content mode, and whose CSS it wears. */
function otherGeneratorNotice(generator: 'hugo' | 'hexo', css: string[], servedDir: string): string {
  if (generator === 'hugo') {
    return css.length
      ? t('Hugo layouts are Go templates, not Liquid: showing the post\'s content with the site\'s CSS ({0}).', css.join(', '))
      : t('Hugo layouts are Go templates, not Liquid: showing the post\'s content with the bundled theme (no .css file in {0}/css/ or assets/css/).', servedDir);
  }
  return css.length
    ? t('Hexo layouts are theme templates (EJS, Nunjucks, Pug), not Liquid: showing the post\'s content with the site\'s CSS ({0}).', css.join(', '))
    : t('Hexo layouts are theme templates (EJS, Nunjucks, Pug), not Liquid: showing the post\'s content with the bundled theme (no .css file in {0}/css/).', servedDir);
}

function sameTarget(a: ImageTarget, b: ImageTarget): boolean {
  return 'src' in a ? 'src' in b && a.src === b.src : 'missing' in b && a.missing === b.missing && a.blocked === b.blocked;
}

/** A layout page sanitized: the parts around the body's marker (or the whole page), and what it links. */
interface SanitizedFrame { parts: [string, string] | undefined; whole?: string; stylesheets: string[]; refs: LayoutRefs; policy?: HtmlPolicy }

/** What a layout points at besides the post: for the notices (kept with the sanitized layout). */
interface LayoutRefs {
  /** Site images (`src`, `url(…)`) that are not there. */
  missing: Array<{ missing: string; url: string }>;
  /** `http:` images, never loaded. */
  insecure: string[];
  /** Some `https:` image was not loaded (remote images are off). */
  remote: boolean;
  /** `<script src>` that is not a script file of the site (site scripts on). */
  skippedScripts: string[];
}

/** Liquid in `text` uses `content` otherwise than as `{{ content }}` (a filter, a condition, an include's argument). */
function readsContent(text: string): boolean {
  for (const m of text.matchAll(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g)) {
    if (/\bcontent\b/.test(m[0]) && !/^\{\{-?\s*content\s*-?\}\}$/.test(m[0])) return true;
  }
  return false;
}

function includesDirOf(raw: Record<string, unknown>): string {
  return typeof raw.includes_dir === 'string' ? raw.includes_dir.replace(/^\.?\/|\/$/g, '') : '_includes';
}


/** One-shot rendering: opens the site (or reuses `site` when it is a SiteRenderer) and renders the post. */
export async function renderPost(req: RenderRequest & { site: SiteRenderer | SiteRendererOptions }): Promise<RenderResult> {
  const renderer = req.site instanceof SiteRenderer ? req.site : await SiteRenderer.open(req.site);
  return renderer.render(req);
}
