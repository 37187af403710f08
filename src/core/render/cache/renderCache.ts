// What a render keeps for the next one, each cache bounded by bytes, not by count: per post (the most
// recently rendered ones, MEMO_BYTES in all, the last one always) its last render's Liquid pieces,
// Markdown blocks and page frame (incremental/postMemo.ts); the post's raw HTML
// sanitized (by its text, line and flags) and the layouts' pages sanitized (by their output and policy).
// KaTeX markup and highlighted code keep caches of their own (bounded by bytes as well).
import type MarkdownIt from 'markdown-it';
import { flatten, SizeLru, stringBytes } from '../../cache/sizeLru';
import { PostMemo } from '../incremental/postMemo';
import type { ImageTarget } from '../kramdown/env';
import type { SanitizedFrame } from '../layout/pageLayouts';

/**
 * Bytes of the posts' last renders kept besides the post being rendered (which is always kept): a long
 * math post's memo takes about 30 bytes per byte of text (its HTML holds the KaTeX markup), so this keeps
 * the last post edited before it, or a few short ones.
 */
export const MEMO_BYTES = 4 * 1024 * 1024;

export class RenderCache {
  /** Per post: its last render's Liquid pieces, Markdown blocks and the page around its body (incremental/). */
  private readonly memos = new Map<string, PostMemo>();
  // Bounded by bytes (the HTML they hold), not by count.
  private readonly sanitizedHtml = new SizeLru<string, { html: string; resources: Array<[string, ImageTarget]> }>(4 * 1024 * 1024, (k, v) => stringBytes(k) + stringBytes(v.html));
  private readonly sanitizedLayouts = new SizeLru<string, SanitizedFrame>(
    2 * 1024 * 1024, (k, v) => stringBytes(k) + (v.parts ? stringBytes(v.parts[0]) + stringBytes(v.parts[1]) : 0) + (v.whole === undefined ? 0 : stringBytes(v.whole)));

  constructor(private readonly md: MarkdownIt.MarkdownIt, private readonly memoBytes = MEMO_BYTES) {}

  /**
   * The post's memo, made the most recently used (`incremental` false: a fresh one, kept nowhere: a full
   * render). The others are kept, most recent first, while their sizes (measured now: they grow while
   * rendering) add up to `memoBytes`.
   */
  memo(rel: string, incremental = true): PostMemo {
    if (!incremental) return new PostMemo(this.md);
    const memo = this.memos.get(rel) ?? new PostMemo(this.md);
    this.memos.delete(rel);
    let total = 0;
    for (const [k, m] of [...this.memos].reverse()) {
      total += m.bytes;
      if (total > this.memoBytes) this.memos.delete(k);
    }
    this.memos.set(rel, memo);
    return memo;
  }

  /** Posts whose last render is kept (for tests). */
  get memoPosts(): string[] {
    return [...this.memos.keys()];
  }

  /**
   * Raw HTML of a post sanitized by `sanitize` (given a `resource` that records the images it maps), or
   * the kept result for `key` while its resource URLs resolve as they did (`image`).
   */
  postHtml(key: string, image: (src: string) => ImageTarget, sanitize: (resource: (src: string) => ImageTarget) => string): string {
    const hit = this.sanitizedHtml.get(key);
    if (hit && hit.resources.every(([src, was]) => sameTarget(image(src), was))) return hit.html;
    const resources: Array<[string, ImageTarget]> = [];
    const resource = (src: string) => {
      const r = image(src);
      resources.push([src, r]);
      return r;
    };
    const clean = flatten(sanitize(resource));
    this.sanitizedHtml.set(key, { html: clean, resources });
    return clean;
  }

  /** A layout page sanitized, by its output (with the body's marker) and policy. */
  frame(key: string): SanitizedFrame | undefined {
    return this.sanitizedLayouts.get(key);
  }

  setFrame(key: string, frame: SanitizedFrame): void {
    this.sanitizedLayouts.set(key, frame);
  }

  /** Forgets the sanitized layout pages (the templates changed). */
  clearFrames(): void {
    this.sanitizedLayouts.clear();
  }
}

function sameTarget(a: ImageTarget, b: ImageTarget): boolean {
  return 'src' in a ? 'src' in b && a.src === b.src : 'missing' in b && a.missing === b.missing && a.blocked === b.blocked;
}
