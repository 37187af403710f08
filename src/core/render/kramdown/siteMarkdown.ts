// Markdown as the preview renders it for one site: the kramdown-like parser with the site's kramdown
// options, its images resolved as site resources (with the notices they give), its raw HTML sanitized
// (kept in the render cache), code highlighted and math typeset (each with a cache of its own).
import type MarkdownIt from 'markdown-it';
import type { RenderCache } from '../cache/renderCache';
import { CodeHighlighter } from '../highlight/highlighter';
import { MathRenderer } from '../math/katex';
import { NoticeSet } from '../notices';
import type { SiteResources } from '../resources/siteResources';
import { sanitizeHtml } from '../sanitize';
import { t } from '../../text/l10n';
import type { ImageTarget, RenderEnv } from './env';
import { createKramdownMarkdown } from './markdown';
import { kramdownOptionsFrom, type KramdownOptions } from './options';

/** What the Markdown reads of the site. */
export interface MarkdownSite {
  /** The site's `kramdown:` options. */
  kramdown(): KramdownOptions;
  readonly resources: SiteResources;
  cache(): RenderCache;
}

export class SiteMarkdown {
  readonly md: MarkdownIt.MarkdownIt = createKramdownMarkdown();
  readonly highlighter = new CodeHighlighter();
  readonly math = new MathRenderer();

  constructor(private readonly site: MarkdownSite) {}

  /** A render starts (`onKatex`: KaTeX starts or stops running, for the progress report). */
  newRender(onKatex: ((running: boolean) => void) | undefined): void {
    this.math.onKatex = onKatex;
    this.math.newRender(); this.highlighter.newRender();
  }

  /** The environment a document's Markdown renders in (`notices`: where its images' notices go). */
  env(rel: string, pageUrl: string, bodyLine: number, lineMap: Int32Array | undefined, allowEmbeds: boolean, notices: NoticeSet): RenderEnv {
    const missing = new Set<string>();
    const resolved = new Map<string, ImageTarget>();
    const image = (src: string): ImageTarget => {
      let target = resolved.get(src);
      if (!target) resolved.set(src, (target = resolve(src)));
      return target;
    };
    const resolve = (src: string): ImageTarget => {
      const r = this.site.resources.resolve(src, rel, pageUrl);
      const target = this.site.resources.image(r);
      if ('missing' in r) {
        if (!missing.has(r.missing)) { missing.add(r.missing); notices.add(t('Image not found: {0} (linked as {1}).', r.missing, src)); }
      } else if ('external' in r && 'blocked' in target) {
        if (target.blocked === 'insecure') notices.add(t('Insecure http: image not loaded (the preview loads https: images only): {0}', r.external), 'info');
        else notices.add(t('Remote images are not loaded: techblog.preview.remoteImages is off.'), 'info');
      }
      return target;
    };
    return {
      options: { ...this.site.kramdown() }, alds: new Map(), notices: new Set(), dataLines: true, highlighter: this.highlighter, math: this.math,
      hasMath: false,
      sourceLine: (line) => bodyLine + (lineMap ? lineMap[Math.min(line, lineMap.length - 1)] : line),
      image,
      html: (h, line, inline) => this.sanitizePostHtml(h, line, inline ?? false, allowEmbeds, image),
    };
  }

  /**
   * The post's raw HTML, sanitized; a keystroke re-renders the same blocks, so results are kept by their
   * text, line and flags. A kept result holds while its resource URLs resolve as they did.
   */
  private sanitizePostHtml(html: string, line: number | undefined, inline: boolean, allowEmbeds: boolean, image: (src: string) => ImageTarget): string {
    const key = `${allowEmbeds ? 'E' : 'e'}${inline ? 'i' : 'b'}${this.site.resources.remoteImages ? 'R' : 'r'}${line ?? ''}\0${html}`;
    return this.site.cache().postHtml(key, image, (resource) => sanitizeHtml(html, { resource, allowEmbeds, dataLine: line, inline }));
  }

  /** A heading's Markdown as `markdownify | strip_html | normalize_whitespace` gives it (before the site model exists). */
  plain(md: string): string {
    const env: RenderEnv = {
      options: kramdownOptionsFrom(undefined), alds: new Map(), notices: new Set(), sourceLine: (l) => l, dataLines: false,
      image: (src) => ({ src }), html: (h) => h, highlighter: this.highlighter, math: this.math, hasMath: false,
    };
    return this.md.render(md, env as unknown as Record<string, unknown>).replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
  }

  /** Markdown for `markdownify` and excerpts: no Liquid, no source lines. */
  fragment(text: string, rel: string, pageUrl: string | undefined): string {
    const env = this.env(rel, pageUrl ?? '/', 0, undefined, false, new NoticeSet());
    env.dataLines = false;
    return this.md.render(text, env as unknown as Record<string, unknown>);
  }
}
