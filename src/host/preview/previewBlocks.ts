// The rendered body cut into its top-level blocks (RenderResult.blocks), each marked in the page by a
// comment, and the patch from what the webview shows to a new rendering: only blocks with new ids travel,
// kept ones by id (with how far their `data-line`s moved), so a keystroke in a 1.7 MB page sends one
// paragraph. Plain string functions (no vscode).
import { BLOCK_MARK, type PatchBlock } from '../../core/protocol/previewMessages';
import type { BodyBlock } from '../../core/render/types';

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

/** Ids and `data-line` shifts of the blocks a page shows. */
export type ShownBlocks = Map<number, number>;

export function shownBlocks(cut: BodyCut): ShownBlocks {
  return new Map(cut.blocks.map((b) => [b.id, b.shift]));
}

/** From the blocks the webview shows to `cut`: new blocks with their HTML (through `html`), kept ones by id, the others removed. */
export function blockPatch(shown: ShownBlocks, cut: BodyCut, html: (h: string) => string): { blocks: PatchBlock[]; removed: number[]; sent: number } {
  const blocks: PatchBlock[] = [];
  const kept = new Set<number>();
  let sent = 0;
  for (const b of cut.blocks) {
    const was = shown.get(b.id);
    if (was === undefined) { blocks.push({ id: b.id, html: html(b.html) }); sent++; continue; }
    kept.add(b.id);
    blocks.push(b.shift !== was ? { id: b.id, shift: b.shift - was } : { id: b.id });
  }
  const removed = [...shown.keys()].filter((id) => !kept.has(id));
  return { blocks, removed, sent };
}
