// What the renderer keeps of a post's last render so that the next one, after an edit of its body, does
// only what the edit can change: Liquid's pieces (run again only when the edit touches Liquid), the
// Markdown blocks (markdownBlocks.ts) and the page the layouts made around the body.
import type MarkdownIt from 'markdown-it';
import { assembleLiquid, editPlainText, LiquidOutput, type LiquidPieces, type PlainTextEdit } from './liquidPieces';
import { IncrementalMarkdown } from './markdownBlocks';
import { stringBytes } from '../../cache/sizeLru';

/** The page the layouts made around `{{ content }}`, and what else they gave. */
export interface LayoutFrame<Refs = unknown> {
  /** Everything the layouts read besides the body (site, page, templates, policies, resource URLs). */
  key: string;
  before: string;
  after: string;
  stylesheets: string[];
  refs: Refs;
  /** Liquid notices the layouts raised. */
  notices: string[];
  /** The excerpt the layouts read, if they read it (it follows the body). */
  excerpt?: string;
}

interface LiquidRun {
  key: string;
  pieces: LiquidPieces;
  output: LiquidOutput;
  notices: string[];
  /** The Liquid read `page.excerpt`, which follows the body: it runs again after any edit. */
  readExcerpt: boolean;
}

/**
 * The output after an edit of one plain-text piece: the splice moved to output offsets (the piece rendered
 * as itself), and the last line map when the edit neither added nor removed a line (no pass over the post).
 */
function edited(last: LiquidRun, e: PlainTextEdit): LiquidOutput {
  if (!e.change) return last.output;
  const { piece, splice } = e.change;
  const { begins, pieces } = last.pieces;
  let offset = -begins[piece];
  for (let k = 0; k < piece; k++) offset += pieces[k].length;
  const s = { from: last.output.version, start: splice.start + offset, oldEnd: splice.oldEnd + offset, text: splice.text };
  const removed = last.pieces.source.slice(splice.start, splice.oldEnd);
  return lines(removed) === lines(splice.text) ? new LiquidOutput(e.next.pieces, last.output.lineMap, s) : assembleLiquid(e.next, s);
}

function lines(s: string): number {
  let n = 0;
  for (let i = s.indexOf('\n'); i >= 0; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

export class PostMemo {
  readonly markdown: IncrementalMarkdown;
  frame: LayoutFrame | undefined;
  private last: LiquidRun | undefined;
  /** The last render reused Liquid's output (for tests and the benchmark). */
  liquidReused = false;

  constructor(md: MarkdownIt.MarkdownIt) {
    this.markdown = new IncrementalMarkdown(md);
  }

  /** Bytes this keeps on the heap, about: the Markdown blocks, Liquid's source, pieces and output, and the page around the body. */
  get bytes(): number {
    let n = this.markdown.bytes;
    const last = this.last;
    if (last) {
      n += stringBytes(last.pieces.source) + 8 * last.pieces.begins.length;
      // The pieces, and their output joined once read (the Markdown's input).
      for (const p of last.pieces.pieces) n += 2 * stringBytes(p);
    }
    if (this.frame) n += stringBytes(this.frame.before) + stringBytes(this.frame.after);
    return n;
  }

  /**
   * Liquid's output for `text`: the last run's with the edit applied when it lies in plain text and
   * nothing else Liquid reads changed (`key`); else `run` runs. `notices` is the Liquid notice set (a
   * reused output gives the notices its run gave); `excerptReads` counts reads of `page.excerpt`.
   */
  async liquid(text: string, key: string, notices: Set<string>, run: () => Promise<LiquidPieces>, excerptReads: () => number): Promise<LiquidOutput> {
    const last = this.last;
    // Notices name source lines, which an edit moves: a run that gave notices is not reused.
    const edit = last && last.key === key && !last.readExcerpt && !last.notices.length ? editPlainText(last.pieces, text) : undefined;
    if (last && edit) {
      for (const n of last.notices) notices.add(n);
      const output = edited(last, edit);
      this.last = { ...last, pieces: edit.next, output };
      this.liquidReused = true;
      return output;
    }
    this.last = undefined;
    this.liquidReused = false;
    const before = new Set(notices);
    const reads = excerptReads();
    const pieces = await run();
    const output = assembleLiquid(pieces);
    this.last = { key, pieces, output, notices: [...notices].filter((n) => !before.has(n)), readExcerpt: excerptReads() !== reads };
    return output;
  }
}
