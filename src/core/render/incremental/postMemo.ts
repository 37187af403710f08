// What the renderer keeps of a post's last render so that the next one, after an edit of its body, does
// only what the edit can change: Liquid's pieces (run again only when the edit touches Liquid), the
// Markdown blocks (markdownBlocks.ts) and the page the layouts made around the body.
import type MarkdownIt from 'markdown-it';
import { assembleLiquid, editPlainText, type LiquidOutput, type LiquidPieces } from './liquidPieces';
import { IncrementalMarkdown } from './markdownBlocks';

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
 * The output after an edit of one piece that neither added nor removed a line: the last output with the
 * piece replaced, the same line map (no pass over the whole post).
 */
function sameLines(last: LiquidRun, next: LiquidPieces): LiquidOutput | undefined {
  const before = last.pieces.pieces;
  const after = next.pieces;
  let offset = 0;
  for (let i = 0; i < before.length; i++) {
    if (before[i] === after[i]) { offset += before[i].length; continue; }
    if (lines(before[i]) !== lines(after[i])) return undefined;
    const text = last.output.text;
    return { text: text.slice(0, offset) + after[i] + text.slice(offset + before[i].length), lineMap: last.output.lineMap };
  }
  return last.output;
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

  /**
   * Liquid's output for `text`: the last run's with the edit applied when it lies in plain text and
   * nothing else Liquid reads changed (`key`); else `run` runs. `notices` is the Liquid notice set (a
   * reused output gives the notices its run gave); `excerptReads` counts reads of `page.excerpt`.
   */
  async liquid(text: string, key: string, notices: Set<string>, run: () => Promise<LiquidPieces>, excerptReads: () => number): Promise<LiquidOutput> {
    const last = this.last;
    // Notices name source lines, which an edit moves: a run that gave notices is not reused.
    const edited = last && last.key === key && !last.readExcerpt && !last.notices.length ? editPlainText(last.pieces, text) : undefined;
    if (last && edited) {
      for (const n of last.notices) notices.add(n);
      const output = sameLines(last, edited) ?? assembleLiquid(edited);
      this.last = { ...last, pieces: edited, output };
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
