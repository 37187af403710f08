// Math as the blog's MathJax would show it, typeset by KaTeX into HTML at render time (no CDN, no
// script in the page). Posts can hold thousands of formulas, so results are cached per formula.
import katex from 'katex';
import { StringLru } from '../../cache/sizeLru';
import { escapeHtml } from '../escape';
import { mathJaxCompatible, mathJaxMacros } from './mathjaxCompat';

/**
 * Bytes of KaTeX markup kept: the formulas of two or three long posts (a 460-formula post takes about
 * 3 MB: the markup is HTML and its MathML copy, two bytes a character); the post being rendered may keep
 * up to ROUND_BYTES (a 1 MB post of formulas takes about 25 MB). Part of the memory bench's budget
 * (test/bench/memory.bench.ts: 20 MB retained after previewing a 37-post math blog).
 */
const CACHE_BYTES = 8 * 1024 * 1024;
const ROUND_BYTES = 48 * 1024 * 1024;

export class MathRenderer {
  private readonly cache = new StringLru(CACHE_BYTES, ROUND_BYTES);

  /** Told before and after KaTeX runs (the renderer reports the step to whoever watches the render). */
  onKatex: ((running: boolean) => void) | undefined;

  /** A render starts: its formulas are kept over older ones (a post with more math than the cache holds keeps most of it). */
  newRender(): void {
    this.cache.newRound();
  }

  render(tex: string, display: boolean): string {
    const key = (display ? 'D' : 'I') + tex;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    this.onKatex?.(true);
    try {
      return this.renderNew(key, tex, display);
    } finally {
      this.onKatex?.(false);
    }
  }

  private renderNew(key: string, tex: string, display: boolean): string {
    let html: string;
    try {
      html = this.katex(tex, display, true);
    } catch {
      // What MathJax accepts and KaTeX refuses as written (math/mathjaxCompat.ts); else KaTeX's own error box.
      try {
        const compatible = mathJaxCompatible(tex);
        // The MathML annotation (copy, screen readers) keeps the TeX as the author wrote it.
        html = this.katex(compatible, display, true)
          .replace(`<annotation encoding="application/x-tex">${escapeHtml(compatible)}</annotation>`, () => `<annotation encoding="application/x-tex">${escapeHtml(tex)}</annotation>`);
      } catch {
        try {
          html = this.katex(tex, display, false);
        } catch (e) {
          html = `<span class="techblog-math-error" title="${escapeHtml(e instanceof Error ? e.message : String(e))}">${escapeHtml(tex)}</span>`;
        }
      }
    }
    this.cache.set(key, html);
    return html;
  }

  private katex(tex: string, display: boolean, throwOnError: boolean): string {
    return katex.renderToString(tex, {
      // MathML alongside the HTML: screen readers and copy get the formula, and its TeX annotation.
      displayMode: display, throwOnError, output: 'htmlAndMathml', strict: 'ignore', macros: mathJaxMacros(),
      // `trust: false` keeps \href{javascript:…} and \htmlData out; the limits bound hostile input.
      trust: false, maxExpand: 1000, maxSize: 100,
    });
  }

  /** kramdown writes display math as a bare `\[…\]`; we put KaTeX's display box in a block of its own. */
  block(tex: string, attrs = ''): string {
    return `<div class="kdmath"${attrs}>${this.render(tex, true)}</div>\n`;
  }
}
