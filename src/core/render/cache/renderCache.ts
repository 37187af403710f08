// What a render keeps for the next one, each cache bounded: per post (the last four opened) its last
// render's Liquid pieces, Markdown blocks and page frame (incremental/postMemo.ts); the post's raw HTML
// sanitized (by its text, line and flags) and the layouts' pages sanitized (by their output and policy),
// both bounded by bytes, not by count. KaTeX markup and highlighted code keep caches of their own.
import type MarkdownIt from 'markdown-it';
import { flatten, SizeLru, stringBytes } from '../../cache/sizeLru';
import { PostMemo } from '../incremental/postMemo';
import type { ImageTarget } from '../kramdown/env';
import type { SanitizedFrame } from '../layout/pageLayouts';

/** Posts whose last render is kept (the ones being edited). */
const MEMO_POSTS = 4;

export class RenderCache {
  /** Per post: its last render's Liquid pieces, Markdown blocks and the page around its body (incremental/). */
  private readonly memos = new Map<string, PostMemo>();
  // Bounded by bytes (the HTML they hold), not by count.
  private readonly sanitizedHtml = new SizeLru<string, { html: string; resources: Array<[string, ImageTarget]> }>(4 * 1024 * 1024, (k, v) => stringBytes(k) + stringBytes(v.html));
  private readonly sanitizedLayouts = new SizeLru<string, SanitizedFrame>(
    2 * 1024 * 1024, (k, v) => stringBytes(k) + (v.parts ? stringBytes(v.parts[0]) + stringBytes(v.parts[1]) : 0) + (v.whole === undefined ? 0 : stringBytes(v.whole)));

  constructor(private readonly md: MarkdownIt.MarkdownIt) {}

  /** The post's memo (`incremental` false: a fresh one, kept nowhere: a full render). */
  memo(rel: string, incremental = true): PostMemo {
    if (!incremental) return new PostMemo(this.md);
    let memo = this.memos.get(rel);
    if (!memo) {
      if (this.memos.size >= MEMO_POSTS) this.memos.delete(this.memos.keys().next().value as string);
      this.memos.set(rel, (memo = new PostMemo(this.md)));
    }
    return memo;
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
