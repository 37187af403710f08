// Liquid's output of a post body, kept as one piece per top-level template node, so that an edit
// inside plain text (no tag, no output, no whitespace control at its ends) is applied to that piece
// alone instead of running Liquid over the whole post again. Tags are never re-run on that path, so
// their outputs are the ones of the last real run (the renderer decides when that is allowed).
import { lineAt, lineStarts, textEdit, type EditedText, type Splice } from './textEdit';

export interface LiquidPieces {
  /** The Liquid source (the post body). */
  source: string;
  /** Where each top-level node begins in `source` (increasing); a node ends where the next begins. */
  begins: number[];
  /** What each node rendered to. */
  pieces: string[];
}

let versions = 0;

/** Liquid's output: its pieces joined (made when first read: an edit passed on as `splice` needs no copy of the whole text). */
export class LiquidOutput implements EditedText {
  readonly version = ++versions;
  private joined: string | undefined;

  constructor(
    private readonly pieces: readonly string[],
    /** Line k of `text` came from line lineMap[k] of the source. */
    readonly lineMap: Int32Array,
    /** How this output differs from the one of version `from`. */
    readonly splice?: Splice & { from: number },
  ) {}

  get text(): string {
    return (this.joined ??= this.pieces.join(''));
  }
}

/** The output and its line map: output line k of a node maps to its k-th source line (clamped), exact for text and raw blocks. */
export function assembleLiquid(run: LiquidPieces, splice?: Splice & { from: number }): LiquidOutput {
  const { source, begins, pieces } = run;
  const starts = lineStarts(source);
  // Whether the output so far ends a line.
  let atLineStart = true;
  const map: number[] = [0];
  for (let i = 0; i < pieces.length; i++) {
    const begin = begins[i];
    const end = i + 1 < begins.length ? begins[i + 1] : source.length;
    const piece = pieces[i];
    const srcFirst = lineAt(starts, begin);
    const srcLast = lineAt(starts, Math.max(begin, end - 1)) + (source.charCodeAt(end - 1) === 10 ? 1 : 0);
    if (atLineStart) map[map.length - 1] = srcFirst;
    let k = 0;
    for (let nl = piece.indexOf('\n'); nl >= 0; nl = piece.indexOf('\n', nl + 1)) map.push(Math.min(srcFirst + ++k, srcLast));
    if (piece) atLineStart = piece.charCodeAt(piece.length - 1) === 10;
  }
  return new LiquidOutput(pieces, Int32Array.from(map), splice);
}

/** Pieces after an edit of one plain-text piece: which piece, and the edit in source offsets. */
export interface PlainTextEdit {
  next: LiquidPieces;
  /** Undefined when the source did not change. */
  change?: { piece: number; splice: Splice };
}

/** What starts a tag or an output (src/core/render/liquid/tokens.ts splits the source only there). */
const OPENER = /\{[{%]/;

/**
 * The pieces after the source became `next`, when the edit lies strictly inside one plain-text node
 * that rendered as itself (so no whitespace control touched it) and writes no Liquid opener; undefined
 * when Liquid has to run again. Closers (`}}`, `%}`, which KaTeX writes all the time: `x_{\frac{a}{b}}`)
 * are plain text to the tokenizer unless a `{{`/`{%` before the node found none at all (it is then an
 * unclosed token and a new closer would end it): a closer already after the node rules that out.
 */
export function editPlainText(last: LiquidPieces, next: string): PlainTextEdit | undefined {
  const e = textEdit(last.source, next);
  if (!e) return { next: last };
  const { begins, pieces, source } = last;
  // The node holding the edit: the last one that begins before it.
  let lo = 0;
  let hi = begins.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (begins[mid] < e.start) lo = mid;
    else hi = mid - 1;
  }
  const i = lo;
  const begin = begins[i];
  const end = i + 1 < begins.length ? begins[i + 1] : source.length;
  // At the ends of the source no tag can trim the node; elsewhere its first and last characters stay.
  const first = i === 0 && begin === 0;
  const last_ = i === begins.length - 1;
  if (!((first ? begin <= e.start : begin < e.start) && (last_ ? e.oldEnd <= end : e.oldEnd < end))) return undefined;
  if (pieces[i] !== source.slice(begin, end)) return undefined;
  const delta = e.newEnd - e.oldEnd;
  const piece = next.slice(begin, end + delta);
  if (OPENER.test(piece)) return undefined;
  if (piece.includes('}') && source.indexOf('}', begin) < 0) return undefined;
  if (piece.includes('%}') && source.indexOf('%}', begin) < 0) return undefined;
  const nextPieces = pieces.slice();
  nextPieces[i] = piece;
  const nextBegins = delta === 0 ? begins : begins.map((b, k) => (k > i ? b + delta : b));
  return {
    next: { source: next, begins: nextBegins, pieces: nextPieces },
    change: { piece: i, splice: { start: e.start, oldEnd: e.oldEnd, text: next.slice(e.start, e.newEnd) } },
  };
}
