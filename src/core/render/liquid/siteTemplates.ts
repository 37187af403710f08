// The site's templates as Liquid runs them: the engine with Jekyll's tags and filters, reading includes
// from the site (or its theme) under the safe-mode rules, and the layout chain parsed with it; all made
// again when a layout, an include or the config changes (`reset`, which bumps `version`).
import { Context, type Template } from 'liquidjs';
import type { SafeSiteFiles } from '../../site/safePaths';
import type { LiquidPieces } from '../incremental/liquidPieces';
import type { CodeHighlighter } from '../highlight/highlighter';
import { LayoutChain, type LayoutSite } from '../layout/layoutChain';
import { readsContent } from '../layout/pageLayouts';
import { registerPluginTags } from '../plugins/register';
import type { SiteModel } from '../siteModel';
import { THEME_NS } from '../theme/themeLayer';
import { absoluteUrl, JekyllLiquid } from './jekyllLiquid';
import { TextNode } from './parser';

/** What the templates read of the site (the renderer's view of it, theme included). */
export interface TemplateSite extends Omit<LayoutSite, 'parse'> {
  /** The site folder as the file system sees it. */
  readonly root: string;
  model(): SiteModel;
  safe(): SafeSiteFiles;
  /** A file of the site or of its theme (`@theme/…`: of the theme alone). */
  has(path: string): boolean;
  /** The file system has the path (as it sees it), if it can say. */
  exists?(path: string): Promise<boolean>;
  /** Site-relative form of a path as the file system sees it. */
  relative(path: string): string;
  /** A path of the site as the file system sees it. */
  abs(rel: string): string;
  /** The render is in that file now (an include being read). */
  entered(rel: string): void;
  /** Markdown for `markdownify`. */
  markdown(text: string): string;
  highlighter: CodeHighlighter;
  /** A layout or an include was read, before it runs (the renderer reads the site's posts when it lists them). */
  templateRead?(text: string): Promise<void>;
}

export class SiteTemplates {
  liquid!: JekyllLiquid;
  readonly chains: LayoutChain;
  /** Changes whenever the templates are made again. */
  version = 0;
  /** An include read since the templates were loaded names `content`: layouts may use the body otherwise than as `{{ content }}`. */
  includesReadContent = false;

  constructor(private readonly site: TemplateSite) {
    this.chains = new LayoutChain({
      config: () => site.config(), siteHas: (p) => site.siteHas(p), overlay: () => site.overlay(),
      read: async (p) => {
        const text = await site.read(p);
        if (text !== undefined) await site.templateRead?.(text);
        return text;
      },
      parse: (text, p, firstLine) => this.liquid.parse(text, site.abs(p), firstLine),
    });
  }

  /** Makes the engine again for the site's current model; the parsed layouts are forgotten. */
  reset(): void {
    const site = this.site;
    const model = site.model();
    const raw = model.raw;
    this.liquid = new JekyllLiquid({
      root: site.root, baseurl: model.config.baseurl, url: typeof raw.url === 'string' ? raw.url : '', timezone: model.config.timezone,
      includesDir: includesDirOf(raw), layoutsDir: model.config.layoutsDir,
      read: (p) => {
        const rel = site.relative(p);
        // An include is read as the Liquid that includes it runs: the render is in that file now.
        if (rel.startsWith(includesDirOf(raw) + '/') || rel.startsWith('_includes/')) site.entered(rel);
        return site.read(rel).then(async (text) => {
          if (text !== undefined && readsContent(text)) this.includesReadContent = true;
          if (text !== undefined) await site.templateRead?.(text);
          return text;
        });
      },
      exists: async (p) => {
        const rel = site.relative(p);
        const there = site.has(rel) || (site.exists ? await site.exists(p) : false);
        if (!there || p.startsWith(THEME_NS) || (!site.siteHas(rel) && site.overlay()?.themePath(rel) !== undefined)) return there;
        // A refused include is not there (the marker shows), and the refusal is named.
        const safe = site.safe();
        const refused = await safe.refusal(rel);
        if (refused && refused !== 'missing') safe.refusals.set(refused.path, refused);
        return !refused;
      },
      postUrl: (name) => model.postByName(name)?.url,
      fileUrl: (p) => model.doc(p)?.url ?? (site.has(p) ? '/' + p : undefined),
      markdownify: (text) => site.markdown(text),
      highlighter: site.highlighter,
      liquid: model.config.liquid, relative: (p) => site.relative(p),
    });
    registerPluginTags(this.liquid.engine, {
      markdownify: (text) => site.markdown(text),
      absoluteUrl: (u) => absoluteUrl(u, typeof raw.url === 'string' ? raw.url : '', model.config.baseurl),
    });
    this.chains.clear();
    this.version++;
    this.includesReadContent = false;
  }

  /** Runs parsed templates in `scope` (`path`: the file they are, for the tags that ask). */
  async render(templates: Template[], scope: Record<string, unknown>, path?: string): Promise<string> {
    const engine = this.liquid.engine;
    const ctx = new Context(scope, engine.options, {}, { liquid: engine });
    if (path !== undefined) ctx.setRegister('techblog', { path });
    return String(await engine.render(templates, ctx));
  }

  /** Runs Liquid in a site file's text (site-relative `rel`). */
  renderText(text: string, rel: string, scope: Record<string, unknown>): Promise<string> {
    return this.render(this.liquid.parse(text, this.site.abs(rel)), scope);
  }

  /** Liquid over a post body, one top-level node at a time (incremental/liquidPieces.ts maps output lines back to source lines). */
  async pieces(text: string, rel: string, scope: Record<string, unknown>, bodyLine = 0): Promise<LiquidPieces> {
    const templates = this.liquid.parse(text, this.site.abs(rel), bodyLine + 1);
    const ctx = new Context(scope, this.liquid.engine.options, {}, { liquid: this.liquid.engine });
    ctx.setRegister('techblog', { path: rel });
    const pieces: string[] = [];
    // Text between tags is itself: no trip through the engine (a promise a node).
    for (const tpl of templates) pieces.push(tpl instanceof TextNode ? tpl.str : String(await this.liquid.engine.render([tpl], ctx)));
    return { source: text, begins: templates.map((tpl) => tpl.token.begin), pieces };
  }
}

/** The site's `includes_dir` (`_includes` unless the config names another). */
export function includesDirOf(raw: Record<string, unknown>): string {
  return typeof raw.includes_dir === 'string' ? raw.includes_dir.replace(/^\.?\/|\/$/g, '') : '_includes';
}
