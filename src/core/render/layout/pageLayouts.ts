// The page around a post's body: the layout chain run with the body (or, for a long body the layouts use
// only as `{{ content }}`, with a marker in its place), sanitized once per layout output and policy (the
// parts around the body kept in the render cache), the page of the last render reused after a body edit,
// and the stylesheets the layouts link (content mode borrows them).
import { Context } from 'liquidjs';
import { t } from '../../text/l10n';
import type { RenderCache } from '../cache/renderCache';
import type { ImageTarget } from '../kramdown/env';
import type { JekyllLiquid } from '../liquid/jekyllLiquid';
import { JEKYLL, withContent, type LiquidVariables } from '../liquid/siteVariables';
import type { PostMemo } from '../incremental/postMemo';
import type { RenderPlugins } from '../plugins/sitePlugins';
import type { SiteResources } from '../resources/siteResources';
import { sanitizeHtml, type HtmlPolicy } from '../sanitize';
import type { SiteDocument } from '../siteModel';
import type { RenderStep } from '../types';
import { uniqueOccurrence } from './bodyPosition';
import { errorMessage, type Layout, type LayoutChain } from './layoutChain';

const CONTENT_MARKER = '\ue000techblog-content\ue000';
/** Bodies longer than this (UTF-16 units) go through the layouts as a marker (see renderLayouts). */
const STANDIN_MIN = 4096;
/** A page through its layouts: the HTML, the stylesheets it links, what else it points at, and the parts around the body. */
export interface LaidOut { html: string; stylesheets: string[]; refs: LayoutRefs; frame?: [string, string] }

/** What the layouts are run with (the renderer's current templates, plugins and render). */
export interface PageLayoutSite {
  readonly chains: LayoutChain;
  readonly variables: LiquidVariables;
  readonly resources: SiteResources;
  readonly cache: RenderCache;
  liquid(): JekyllLiquid;
  plugins(): RenderPlugins;
  /** An include read since the templates were loaded names `content` (readsContent). */
  includesReadContent(): boolean;
  progress(step: RenderStep, file: string): void;
}

export class PageLayouts {
  /** The stylesheets the layouts link, for content mode (found once per template version). */
  private discovered: string[] | undefined;

  constructor(private readonly site: PageLayoutSite) {}

  /** Forgets what the layouts link (the templates changed). */
  reset(): void {
    this.discovered = undefined;
  }

  /**
   * The layouts around a body: after a body edit, the page they made last time with the new body in it,
   * when nothing else they read changed (`key`), they use the body only as `{{ content }}`, and the
   * excerpt they read (if any) is the same; else they run.
   */
  async around(memo: PostMemo, key: string, doc: SiteDocument, bodyHtml: string,
    run: () => Promise<LaidOut | { error: string }>): Promise<LaidOut | { error: string }> {
    const f = memo.frame;
    if (f && f.key === key && (f.excerpt === undefined || f.excerpt === this.site.variables.excerptOf(doc))) {
      for (const n of f.notices) this.site.liquid().notices.add(n);
      return { html: f.before + bodyHtml + f.after, stylesheets: f.stylesheets, refs: f.refs as LayoutRefs, frame: [f.before, f.after] };
    }
    memo.frame = undefined;
    const noticesBefore = new Set(this.site.liquid().notices);
    const reads = this.site.variables.excerptReads;
    const r = await run();
    if ('error' in r || !r.frame || this.site.plugins().rewritesPages || this.site.includesReadContent()) return r;
    const chain = await this.site.chains.of(doc);
    if ('error' in chain || chain.some((l) => readsContent(l.text))) return r;
    memo.frame = {
      key, before: r.frame[0], after: r.frame[1], stylesheets: r.stylesheets, refs: r.refs,
      notices: [...this.site.liquid().notices].filter((n) => !noticesBefore.has(n)),
      excerpt: this.site.variables.excerptReads !== reads ? this.site.variables.excerptOf(doc) : undefined,
    };
    return r;
  }

  async render(doc: SiteDocument, bodyHtml: string, site: Record<string, unknown>, page: Record<string, unknown>, allowEmbeds: boolean):
    Promise<LaidOut | { error: string }> {
    const chain = await this.site.chains.of(doc);
    if ('error' in chain) return chain;
    // A long body the layouts use only as `{{ content }}`: they run with a marker in its place, so the
    // page around it is had without searching megabytes of body HTML in a page that holds it again.
    if (bodyHtml.length > STANDIN_MIN && !this.site.plugins().rewritesPages && !this.site.includesReadContent() && !chain.some((l) => readsContent(l.text))) {
      const framed = await this.run(chain, CONTENT_MARKER, site, page);
      const r = this.site.includesReadContent() ? undefined : this.frameAround(framed, bodyHtml, allowEmbeds);
      if (r) return r;
    }
    const content = this.site.plugins().page(await this.run(chain, bodyHtml, site, page), doc);
    return this.sanitizeDocument(content, bodyHtml, allowEmbeds);
  }

  /** The layout chain's output around `content`. */
  private async run(chain: Layout[], content: string, site: Record<string, unknown>, page: Record<string, unknown>): Promise<string> {
    // A tag that fails costs that tag only (see liquid/jekyllLiquid.ts); a layout that still fails as a
    // whole is skipped, and the rest of the chain (the header, the navigation, the CSS links) renders.
    for (const layout of chain) {
      this.site.progress('layout', layout.path);
      try {
        const ctx = new Context({ site, page: withContent(page, content), layout: layout.data, content, jekyll: JEKYLL, paginator: null }, this.site.liquid().engine.options, {}, { liquid: this.site.liquid().engine });
        ctx.setRegister('techblog', { path: layout.path });
        content = String(await this.site.liquid().engine.render(layout.templates, ctx));
      } catch (e) {
        this.site.liquid().notices.add(t('The layout {0} could not render ({1}); the other layouts still apply.', layout.path, errorMessage(e)));
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
  private frameAround(framed: string, bodyHtml: string, allowEmbeds: boolean): LaidOut | undefined {
    const at = framed.indexOf(CONTENT_MARKER);
    if (at < 0 || framed.indexOf(CONTENT_MARKER, at + 1) >= 0) return undefined;
    const around = framed.length - CONTENT_MARKER.length;
    const probe = Math.min(64, bodyHtml.length);
    if (around + probe >= bodyHtml.length || bodyHtml.slice(1, around + probe + 1).includes(bodyHtml.slice(0, probe))) return undefined;
    const hit = this.sanitizedFrame(framed, true, allowEmbeds);
    return hit.parts ? { html: hit.parts[0] + bodyHtml + hit.parts[1], stylesheets: hit.stylesheets, refs: hit.refs, frame: hit.parts } : undefined;
  }

  /** Sanitizes the layout output; the parts around the (already sanitized) body are cached. */
  private sanitizeDocument(output: string, bodyHtml: string, allowEmbeds: boolean): LaidOut {
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
    const key = `${this.site.resources.remoteImages ? 'R' : 'r'}${this.site.resources.siteScripts ? 'S' : 's'}\0${marked}`;
    let hit = this.site.cache.frame(key);
    if (!hit) {
      const stylesheets: string[] = [];
      const refs: LayoutRefs = { missing: [], insecure: [], remote: false, skippedScripts: [] };
      const image = (src: string): ImageTarget => {
        // A URL this render already mapped (the body's images, when the whole page is sanitized again).
        if (this.site.resources.produced(src)) return { src };
        const r = this.site.resources.resolve(src, '', '/');
        const target = this.site.resources.image(r);
        if ('missing' in r) {
          if (!refs.missing.some((m) => m.missing === r.missing)) refs.missing.push({ missing: r.missing, url: src });
        } else if ('external' in r) {
          if ('blocked' in target && target.blocked === 'insecure') { if (!refs.insecure.includes(r.external)) refs.insecure.push(r.external); }
          else if ('blocked' in target) refs.remote = true;
        }
        return target;
      };
      const script = this.site.resources.siteScripts ? (src: string): string | undefined => {
        const url = this.site.resources.script(src);
        if (url === undefined && !refs.skippedScripts.includes(src.trim())) refs.skippedScripts.push(src.trim());
        return url;
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
      this.site.cache.setFrame(key, hit);
    }
    return hit;
  }

  /** Content mode still uses the site's CSS: render the layouts once just to see what they link. */
  async stylesheets(doc: SiteDocument, site: Record<string, unknown>, page: Record<string, unknown>): Promise<string[]> {
    if (this.discovered) return this.discovered;
    const found: string[] = [];
    // The post's own chain first; a bare post (or one whose layouts link nothing) borrows `default`'s.
    for (const layout of [doc.data.layout, 'default']) {
      if (typeof layout !== 'string' || found.length) continue;
      const chain = await this.site.chains.of({ ...doc, data: { ...doc.data, layout } });
      if ('error' in chain) continue;
      try {
        let content = '';
        for (const l of chain) {
          this.site.progress('layout', l.path);
          const ctx = new Context({ site, page: withContent(page, content), layout: l.data, content, jekyll: JEKYLL, paginator: null }, this.site.liquid().engine.options, {}, { liquid: this.site.liquid().engine });
          content = String(await this.site.liquid().engine.render(l.templates, ctx));
        }
        sanitizeHtml(content, { document: true, onStylesheet: (h) => found.push(h) });
      } catch {
        found.length = 0;
      }
    }
    this.discovered = found;
    return found;
  }
}

/** A layout page sanitized: the parts around the body's marker (or the whole page), and what it links. */
export interface SanitizedFrame { parts: [string, string] | undefined; whole?: string; stylesheets: string[]; refs: LayoutRefs; policy?: HtmlPolicy }

/** What a layout points at besides the post: for the notices (kept with the sanitized layout). */
export interface LayoutRefs {
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
export function readsContent(text: string): boolean {
  for (const m of text.matchAll(/\{\{[\s\S]*?\}\}|\{%[\s\S]*?%\}/g)) {
    if (/\bcontent\b/.test(m[0]) && !/^\{\{-?\s*content\s*-?\}\}$/.test(m[0])) return true;
  }
  return false;
}
