// The rendered body cut into its top-level blocks (RenderResult.blocks), each marked in the page by a
// comment, and the patch from what the webview shows to a new rendering: only blocks with new ids travel,
// kept ones as runs of the shown list (with how far their `data-line`s moved), so a keystroke in a 1.7 MB
// page sends one paragraph and a few numbers. Plain string functions (no vscode).
import { blockRuns } from '../../core/protocol/blockRuns';
import { BLOCK_MARK, type PatchBlock } from '../../core/protocol/previewMessages';
import type { BodyBlock, RenderResult } from '../../core/render/types';
import { splitDocument, type PageParts } from './previewHtml';

export interface BodyCut {
  /** The `<body>` element around the rendered body (the layouts' part): a patch needs it unchanged. */
  frame: string;
  /** The `<body>` element with each block's mark. */
  marked: string;
  blocks: Array<{ id: number; shift: number; html: string }>;
}

/** `body` (a `<body>` element holding `bodyHtml` once) cut by `blocks`; undefined when it cannot be. */
export function cutBody(body: string, bodyHtml: string, blocks: readonly BodyBlock[] | undefined): BodyCut | undefined {
  if (!blocks?.length || !bodyHtml) return undefined;
  const at = body.indexOf(bodyHtml);
  if (at < 0 || body.lastIndexOf(bodyHtml) !== at) return undefined;
  const out: BodyCut['blocks'] = [];
  let off = 0;
  let marked = '';
  for (const b of blocks) {
    const html = bodyHtml.slice(off, off + b.length);
    off += b.length;
    out.push({ id: b.id, shift: b.shift, html });
    marked += `<!--${BLOCK_MARK}${b.id}-->${html}`;
  }
  if (off !== bodyHtml.length) return undefined;
  const before = body.slice(0, at);
  const after = body.slice(at + bodyHtml.length);
  return { frame: `${before}\0${after}`, marked: `${before}${marked}<!--${BLOCK_MARK}end-->${after}`, blocks: out };
}

/** Stands for the body while the page around it is split (a NUL never comes out of the sanitizer). */
const BODY_HERE = '\0techblog-body\0';

/**
 * The page's parts and its body cut into blocks from the result's `frame` and blocks' HTML, without a
 * pass over the body (1.3 MB for a post with 460 formulas: splitting it and finding the body in the page
 * cost more than the whole render); undefined when the result lacks them. `body` is built when asked.
 */
export function cutFrame(result: RenderResult): { parts: Omit<PageParts, 'body'>; cut: BodyCut; body: () => string } | undefined {
  const { frame, blocks } = result;
  if (!frame || !blocks?.length || !/<body\b/i.test(frame[0]) || blocks.some((b) => b.html === undefined)) return undefined;
  const parts = splitDocument(frame[0] + BODY_HERE + frame[1]);
  const at = parts.body.indexOf(BODY_HERE);
  if (at < 0 || parts.body.indexOf(BODY_HERE, at + 1) >= 0) return undefined;
  const before = parts.body.slice(0, at);
  const after = parts.body.slice(at + BODY_HERE.length);
  let marked = '';
  const out: BodyCut['blocks'] = [];
  for (const b of blocks) {
    out.push({ id: b.id, shift: b.shift, html: b.html! });
    marked += `<!--${BLOCK_MARK}${b.id}-->${b.html!}`;
  }
  const bodyHtml = result.bodyHtml;
  return {
    parts: { lang: parts.lang, head: parts.head, title: parts.title },
    cut: { frame: `${before}\0${after}`, marked: `${before}${marked}<!--${BLOCK_MARK}end-->${after}`, blocks: out },
    body: () => before + bodyHtml + after,
  };
}

/**
 * The page a first frame is built with: the body's first blocks, `budget` characters of their HTML (at
 * least one block; past the block holding `line`, when the preview opens scrolled there), the rest following
 * as a patch once the page is up. A long post's first frame then parses and lays out a screenful, not 1.7 MB
 * of typeset math. Undefined when every block fits.
 */
export function firstBlocks(cut: BodyCut, budget: number, line = 0): BodyCut | undefined {
  let n = 0;
  // Past the block holding `line`: the blocks whose first `data-line` is at or before it.
  if (line > 0) {
    for (let i = 0; i < cut.blocks.length; i++) {
      const first = /\sdata-line="(\d+)"/.exec(cut.blocks[i].html);
      if (first && Number(first[1]) > line) break;
      n = i + 1;
    }
  }
  let size = 0;
  while (n < cut.blocks.length && (n === 0 || size + cut.blocks[n].html.length <= budget)) size += cut.blocks[n++].html.length;
  if (n >= cut.blocks.length) return undefined;
  const at = cut.frame.indexOf('\0');
  const blocks = cut.blocks.slice(0, n);
  let marked = cut.frame.slice(0, at);
  for (const b of blocks) marked += `<!--${BLOCK_MARK}${b.id}-->${b.html}`;
  return { frame: cut.frame, marked: `${marked}<!--${BLOCK_MARK}end-->${cut.frame.slice(at + 1)}`, blocks };
}

/** What identifies a cut body (its frame, ids and shifts: a few KB), to tell whether the webview shows it already. */
export function cutKey(cut: BodyCut): string {
  let key = cut.frame + '\0';
  for (const b of cut.blocks) key += `${b.id}:${b.shift},`;
  return key;
}

/** Ids and `data-line` shifts of the blocks a page shows. */
export type ShownBlocks = Map<number, number>;

export function shownBlocks(cut: BodyCut): ShownBlocks {
  return new Map(cut.blocks.map((b) => [b.id, b.shift]));
}

/**
 * From the blocks the webview shows to `cut`: the order as runs of the shown blocks (with how far each
 * run's `data-line`s move) and the new blocks with their HTML (through `html`); shown blocks in no run are
 * removed. Pressing Enter in the middle of a long post sends three runs and one paragraph.
 */
export function blockPatch(shown: ShownBlocks, cut: BodyCut, html: (h: string) => string): { order: number[]; blocks: PatchBlock[]; sent: number } {
  const at = new Map<number, number>();
  const shifts: number[] = [];
  for (const [id, shift] of shown) {
    at.set(id, shifts.length);
    shifts.push(shift);
  }
  const { order, fresh } = blockRuns({ at, shifts }, cut.blocks);
  const blocks = fresh.map((k): PatchBlock => ({ id: cut.blocks[k].id, html: html(cut.blocks[k].html) }));
  return { order, blocks, sent: blocks.length };
}
