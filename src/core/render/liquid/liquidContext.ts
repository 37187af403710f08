// The Liquid context of a site: the templates Liquid runs (the engine with Jekyll's tags and filters, the
// includes, the layout chain parsed with it; siteTemplates.ts) and what they see (`site`, `page`,
// `jekyll`; siteVariables.ts), both read from the site's files and model.
import type { PostMemo } from '../incremental/postMemo';
import type { LiquidOutput } from '../incremental/liquidPieces';
import type { SiteMarkdown } from '../kramdown/siteMarkdown';
import type { SiteDocument } from '../siteModel';
import type { SiteFiles } from '../siteFiles';
import type { SiteState } from '../siteState';
import { SiteTemplates } from './siteTemplates';
import { RenderStoppedError } from '../renderLimits';
import type { RenderRequest, RenderStep } from '../types';
import { JEKYLL, LiquidVariables, withRelatedPosts } from './siteVariables';

/** `site` and `page` as a document's Liquid sees them. */
export interface LiquidScope { site: Record<string, unknown>; page: Record<string, unknown> }

export class LiquidContext {
  readonly templates: SiteTemplates;
  readonly variables: LiquidVariables;

  /** `entered`: the render is in that file now (an include being read). */
  constructor(files: SiteFiles, private readonly site: SiteState, markdown: SiteMarkdown, entered: (rel: string) => void) {
    this.templates = new SiteTemplates({
      root: files.root, model: () => site.model, safe: () => files.safe, config: () => site.model.config, overlay: () => files.overlay,
      siteHas: (p) => files.siteHas(p), has: (p) => files.has(p), exists: files.exists, read: (p) => files.read(p),
      relative: (p) => files.relative(p), abs: (p) => files.abs(p), entered,
      markdown: (text) => markdown.fragment(text, '', undefined), highlighter: markdown.highlighter,
      templateRead: (text) => site.readPostsFor(text),
    });
    this.variables = new LiquidVariables({
      model: () => site.model, modelVersion: () => site.version, plugins: () => site.plugins,
      markdown: (text, rel, pageUrl) => markdown.fragment(text, rel, pageUrl),
    });
  }

  /** What Liquid noted since the render began (missing includes, unknown tags…). */
  get notices(): Set<string> {
    return this.templates.liquid.notices;
  }

  /** Changes whenever the templates are made again. */
  get version(): number {
    return this.templates.version;
  }

  /** Makes the templates again (a layout, an include or the config changed). */
  reset(): void {
    this.templates.reset();
  }

  /** `site` (its `related_posts` the document's) and `page` for a document rendered at `when`. */
  scope(doc: SiteDocument, when: Date): LiquidScope {
    return { site: withRelatedPosts(this.variables.site(when), doc), page: this.variables.page(doc, when) };
  }

  /**
   * Liquid over a post body; after an edit of plain text, the memo's last output with the edit in it
   * (`scope` is asked for only when Liquid runs: a reused output needs no `site` or `page`).
   */
  body(memo: PostMemo, key: string, text: string, rel: string, scope: () => LiquidScope, bodyLine: number): Promise<LiquidOutput> {
    return memo.liquid(text, key, this.notices, () => this.templates.pieces(text, rel, { ...scope(), jekyll: JEKYLL, paginator: null }, bodyLine),
      () => this.variables.excerptReads);
  }

  /**
   * Runs a render with the request's budget (RenderRequest.limits) set on the site's Liquid. `spent`, called
   * as the render leaves `step` on `file`, stops it when Liquid spent the budget or the time is up.
   */
  async withBudget<T>(limits: RenderRequest['limits'], render: (spent: (step: RenderStep, file: string) => void) => Promise<T>): Promise<T> {
    const liquid = this.templates.liquid;
    const started = performance.now();
    liquid.budget = limits ? { deadline: started + limits.timeoutMs, maxOutput: limits.maxOutputChars, written: 0 } : undefined;
    liquid.stopped = undefined;
    const spent = (step: RenderStep, file: string) => {
      const budget = liquid.budget;
      if (!budget) return;
      const stop = liquid.stopped ?? (performance.now() > budget.deadline ? { limit: 'time' as const, file } : undefined);
      if (stop) throw new RenderStoppedError({ limit: stop.limit, step, file: stop.file, elapsedMs: Math.round(performance.now() - started) });
    };
    try {
      return await render(spent);
    } finally {
      liquid.budget = undefined;
      liquid.stopped = undefined;
    }
  }

  /** Liquid in a stylesheet's text (a `.scss` entry with front matter). */
  async stylesheet(text: string, path: string): Promise<string> {
    // A stylesheet's Liquid that lists the posts (its CSS is kept): they are read first.
    await this.site.readPostsFor(text);
    return this.templates.renderText(text, path, { site: this.variables.site(new Date()), page: {}, jekyll: JEKYLL });
  }
}
