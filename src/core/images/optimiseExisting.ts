// "Optimise Images" for images already in a blog (the CLI's `techblog images optimise` and the VS Code
// command): which files get smaller or change format, what they are renamed to, and the link edits
// across the blog when an extension changes. Pure: reading, converting and writing are passed in.
import * as path from '../text/posixPath';
import { linkEditsForMoves, type FileLinkEdits, type Move } from '../links/rename';
import type { LinkSite } from '../links/resolve';
import { isImageFile } from '../paste/mime';
import type { ImageOptions } from './imageOptions';
import type { OptimiseInput, OptimiseResult } from './optimise';

export interface ImageChange {
  /** Site-relative path of the image as it is. */
  readonly rel: string;
  /** Where the optimised image goes: `rel`, or `rel` with the format's extension. */
  readonly newRel: string;
  readonly before: number;
  readonly after: number;
  readonly bytes: Uint8Array;
  readonly steps: readonly string[];
}

export interface ImageSkip { readonly rel: string; readonly reason: string }

export interface OptimiseExistingResult {
  readonly changes: ImageChange[];
  readonly skipped: ImageSkip[];
  readonly failed: ImageSkip[];
  /** Bytes of every image looked at, and of the changed ones before and after. */
  readonly totals: { readonly images: number; readonly before: number; readonly after: number };
}

export interface OptimiseExistingHost {
  readFile(rel: string): Promise<Uint8Array>;
  exists(rel: string): boolean;
  optimise(input: OptimiseInput, options: ImageOptions): Promise<OptimiseResult>;
  /** Called after each image (progress). */
  progress?(done: number, total: number, rel: string): void;
  isCancelled?(): boolean;
}

/** The site-relative image files below `folder` (`images`), in a stable order. */
export function imagesUnder(allPaths: Iterable<string>, folder: string): string[] {
  const prefix = folder.replace(/^\/+|\/+$/g, '') + '/';
  return [...allPaths].filter((p) => (prefix === '/' || p.startsWith(prefix)) && isImageFile(p)).sort();
}

/**
 * Run the images through the pipeline; keep a result when its format changed or it is smaller. A new
 * extension whose file name is taken (a `.webp` beside the `.png` already) is skipped, never overwritten.
 */
export async function optimiseExisting(images: readonly string[], options: ImageOptions, host: OptimiseExistingHost): Promise<OptimiseExistingResult> {
  const changes: ImageChange[] = [];
  const skipped: ImageSkip[] = [];
  const failed: ImageSkip[] = [];
  const taken = new Set<string>();
  let before = 0;
  let after = 0;
  for (let i = 0; i < images.length; i++) {
    if (host.isCancelled?.()) break;
    const rel = images[i];
    try {
      const bytes = await host.readFile(rel);
      const r = await host.optimise({ bytes, dropped: true }, options);
      if (!r.changed) {
        skipped.push({ rel, reason: r.leftAlone ?? 'nothing-to-do' });
      } else if (!r.extension && r.bytes.byteLength >= bytes.byteLength) {
        skipped.push({ rel, reason: 'not-smaller' });
      } else {
        const newRel = r.extension ? `${rel.slice(0, rel.length - path.extname(rel).length)}.${r.extension}` : rel;
        if (newRel !== rel && (host.exists(newRel) || taken.has(newRel))) {
          skipped.push({ rel, reason: `${newRel} exists` });
        } else {
          taken.add(newRel);
          changes.push({ rel, newRel, before: bytes.byteLength, after: r.bytes.byteLength, bytes: r.bytes, steps: r.steps });
          before += bytes.byteLength;
          after += r.bytes.byteLength;
        }
      }
    } catch (e) {
      failed.push({ rel, reason: e instanceof Error ? e.message : String(e) });
    }
    host.progress?.(i + 1, images.length, rel);
  }
  return { changes, skipped, failed, totals: { images: images.length, before, after } };
}

/** The renames among the changes (`image.png` → `image.webp`). */
export function renamesOf(changes: readonly ImageChange[]): Move[] {
  return changes.filter((c) => c.newRel !== c.rel).map((c) => ({ from: c.rel, to: c.newRel }));
}

/** Link edits across the blog for the renamed images (the link-update code of moved files). */
export function linkEditsForImageRenames(site: LinkSite, texts: Iterable<[string, string]>, changes: readonly ImageChange[]): FileLinkEdits[] {
  const moves = renamesOf(changes);
  return moves.length ? linkEditsForMoves(site, texts, moves) : [];
}
