// A render result crosses from the render worker to the host as a delta: after the first result of a
// post, only the blocks the host does not have yet travel (with their HTML), and where every block goes as
// runs of the host's last list (`order`: a keystroke in a 480-block post is three runs, not 480 ids), and
// the page around the body only when it changed. A keystroke in a 1.3 MB math post then sends one
// paragraph, not two copies of the page (structured-cloning those took longer than a frame by itself).
// The worker side (DeltaSender) and the host side (DeltaReceiver) keep the same view of what the host
// holds: results arrive in the order they were sent, and each request says whether the host still
// holds the post (it forgets posts beyond a few), so a sender that lost track sends the whole result.
import { blockRuns, readRuns } from '../core/protocol/blockRuns';
import type { BodyBlock, RenderResult } from '../core/render/types';

/** A result as sent: `html` and `bodyHtml` empty when `delta`, `frame` absent when unchanged. */
export interface SentResult {
  result: RenderResult;
  /** The HTML of blocks without `html` is the one the host holds; `frame` absent: the last one. */
  delta?: true;
  /** `css` is empty: the theme CSS is the one of the last result (a theme's CSS can be hundreds of KB, and a keystroke leaves it). */
  sameCss?: true;
  /** `notices` and `noticeDetails` are empty: the last result's stand (a keystroke seldom changes them). */
  sameNotices?: true;
  /**
   * With `delta`: the body's blocks in order, as runs of three numbers `start, count, shift`: `count` blocks
   * of the host's last list from `start` on, each `data-line` moved by `shift` lines; `start` -1: the next
   * `count` blocks of `result.blocks` (the new ones, with their HTML).
   */
  order?: number[];
}

/** A post's key on both sides: the site folder (as the host sent it) and the post's path. */
export const postKey = (root: string, path: string): string => `${root}\0${path}`;

/** Posts the host holds blocks of (beyond this, the oldest is forgotten on both sides). */
const POSTS = 4;

/** ` data-line="N"` as the renderer writes it (src/core/render/incremental/markdownBlocks.ts moves them the same way). */
const DATA_LINE = / data-line="(\d+)"/g;

/** `html` with every `data-line` moved by `by` lines. */
export function shiftDataLines(html: string, by: number): string {
  return by === 0 ? html : html.replace(DATA_LINE, (_m, l: string) => ` data-line="${Number(l) + by}"`);
}

function whole(r: RenderResult): r is RenderResult & { blocks: Array<BodyBlock & { html: string }>; frame: [string, string] } {
  return !!r.blocks && !!r.frame && r.blocks.every((b) => b.html !== undefined);
}

const noticesKey = (r: RenderResult): string => JSON.stringify([r.notices, r.noticeDetails]);

/** The worker's side: what it sent each post's host last. */
export class DeltaSender {
  private readonly sent = new Map<string, { frame: [string, string]; at: Map<number, number>; shifts: number[]; css: string[]; notices: string }>();

  /** The result for `post` to send, given whether the host says it holds the post (`held`). */
  send(post: string, result: RenderResult, held: boolean): SentResult {
    const last = held ? this.sent.get(post) : undefined;
    this.sent.delete(post);
    if (!whole(result)) return { result };
    this.sent.set(post, { frame: result.frame, at: new Map(result.blocks.map((b, i) => [b.id, i])), shifts: result.blocks.map((b) => b.shift), css: result.css, notices: noticesKey(result) });
    if (this.sent.size > POSTS) this.sent.delete(this.sent.keys().next().value as string);
    if (!last) return { result };
    const sameFrame = last.frame[0] === result.frame[0] && last.frame[1] === result.frame[1];
    // The renderer hands out the CSS it keeps: the same strings, compared by reference first.
    const sameCss = last.css.length === result.css.length && last.css.every((c, i) => c === result.css[i]);
    const sameNotices = last.notices === noticesKey(result);
    const { frame: _f, ...rest } = result;
    const { order, fresh } = blockRuns({ at: last.at, shifts: last.shifts }, result.blocks);
    return {
      result: {
        ...rest, html: '', bodyHtml: '', ...(sameFrame ? {} : { frame: result.frame }), ...(sameCss ? { css: [] } : {}),
        ...(sameNotices ? { notices: [], noticeDetails: [] } : {}), blocks: fresh.map((k) => result.blocks[k]),
      },
      delta: true,
      order,
      ...(sameCss ? { sameCss: true as const } : {}),
      ...(sameNotices ? { sameNotices: true as const } : {}),
    };
  }

  forget(post?: string): void {
    if (post === undefined) this.sent.clear();
    else this.sent.delete(post);
  }
}

/** The host's side: the blocks of the posts it holds, to rebuild each result whole. */
export class DeltaReceiver {
  private readonly held = new Map<string, { frame: [string, string]; blocks: BodyBlock[]; css: string[]; notices: Pick<RenderResult, 'notices' | 'noticeDetails'> }>();

  /** Whether the next request for `post` may be answered with a delta. */
  holds(post: string): boolean {
    return this.held.has(post);
  }

  /**
   * The whole result (`html` and `bodyHtml` joined from the blocks: ropes, cheap to build; readers that
   * can should use `frame` and `blocks`); undefined when a delta names something not held (the sender
   * and this side disagree: ask again without a delta).
   */
  receive(post: string, sent: SentResult): RenderResult | undefined {
    const r = sent.result;
    const last = this.held.get(post);
    this.held.delete(post);
    if (sent.delta && !last) return undefined;
    if (!sent.delta && !whole(r)) return r;
    const frame = r.frame ?? last!.frame;
    const css = sent.sameCss ? last!.css : r.css;
    const notices = sent.sameNotices ? last!.notices : { notices: r.notices, noticeDetails: r.noticeDetails };
    let blocks: BodyBlock[];
    if (!sent.delta) blocks = r.blocks!;
    else {
      const fresh = r.blocks ?? [];
      if (!sent.order || fresh.some((b) => b.html === undefined)) return undefined;
      const held = last!.blocks;
      const out: BodyBlock[] = [];
      let next = 0;
      const ok = readRuns(sent.order, held.length, fresh.length, (start, count, shift) => {
        if (start === -1) {
          for (let i = 0; i < count; i++) out.push(fresh[next++]);
          return;
        }
        for (let i = start; i < start + count; i++) {
          const had = held[i];
          const html = shiftDataLines(had.html!, shift);
          out.push({ id: had.id, length: html.length, shift: had.shift + shift, html });
        }
      });
      if (!ok) return undefined;
      blocks = out;
    }
    let body = '';
    for (const b of blocks) body += b.html!;
    this.held.set(post, { frame, blocks, css, notices });
    if (this.held.size > POSTS) this.held.delete(this.held.keys().next().value as string);
    return sent.delta ? { ...r, ...notices, html: frame[0] + body + frame[1], bodyHtml: body, frame, blocks, css } : r;
  }

  forget(): void {
    this.held.clear();
  }
}
