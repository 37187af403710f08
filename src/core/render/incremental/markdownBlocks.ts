// Markdown of one post, kept as its top-level blocks keyed by source lines, so that after an edit only
// the blocks around it are parsed and rendered again. The output always equals a full render:
// - a full render renders the token ranges of its blocks (renderTokenRange), so the blocks concatenate
//   to exactly what `md.render` writes;
// - an edit re-parses the blocks it touches and their neighbours as a piece of their own, seeded with
//   the document's link definitions, and the piece is accepted only when the block after it still parses
//   and renders as it did (an unclosed fence or HTML block would swallow it);
// - whatever depends on the whole document — headers' auto ids, footnotes, link/abbreviation/ALD
//   definitions, `{::options}`, a table of contents, definition lists — makes the blocks that hold it
//   "global": an edit touching one (or writing one) renders the whole document again;
// - blocks whose source lines moved keep their HTML with their `data-line` values moved.
// Blocks rendered again with the same HTML keep their ids, so the preview patches only what changed.
import type MarkdownIt from 'markdown-it';
import type { RenderEnv } from '../kramdown/env';
import { renderTokenRange } from '../kramdown/markdown';
import { flatten, stringBytes } from '../../cache/sizeLru';
import { NoticeSet, type NoticeKind } from '../notices';
import type { BodyBlock, FirstScreen } from '../types';
import { lineAt, lineStarts, spliceOf, splicedLineStarts, type EditedText, type Splice } from './textEdit';

type Token = MarkdownIt.Token;

/** A fresh env for rendering the whole text (its `sourceLine` maps the text's lines), its notices to `notices`. */
export type EnvFactory = (notices: NoticeSet) => RenderEnv;


export interface BlockRendering {
  html: string;
  hasMath: boolean;
  /** Notices the Markdown gave (images not found…), in the order a full render gives them. */
  notices: Array<[string, NoticeKind]>;
  /** Notices the parser itself raised (`env.notices`), which a render lists after the others. */
  parserNotices: string[];
  blocks: BodyBlock[];
  /** Blocks parsed and rendered by this call (all of them for a full render). */
  rendered: number;
  full: boolean;
  /** Only the first blocks (a first screen, see FirstScreen): the next render is a full one, which brings the rest. */
  partial?: boolean;
}

interface Block {
  id: number;
  /** First line in the current text, and how many lines (to the next block). */
  line: number;
  lines: number;
  /** Holds something the whole document depends on (see above). */
  global: boolean;
  /**
   * An ATX header alone (one line, then blank lines): global only for its auto id, which depends on the
   * headers before it, never on the blocks beside it. An edit next to it leaves it out of the region.
   */
  atx: boolean;
  /** Its source lines (the blocks' sources joined are the text: an edit is applied to them, not to a copy of the text). */
  src: string;
  /** The source-file line of each of its lines, as its HTML says them now. */
  mapped: Int32Array;
  /**
   * Its HTML cut at `data-line` values: parts[0] base[0]+shift parts[1] …; made when first needed (cutOf:
   * a later edit's render, matching ids), not for every block of a render that has nothing to match.
   */
  cut?: Cut;
  shift: number;
  html: string;
  notices: Array<[string, NoticeKind]>;
  hasMath: boolean;
}

/** Lines where a construct the whole document depends on starts (or may: the tests err on the safe side). */
const GLOBAL = /^[ \t>*+\-\d.)]*#|^[ \t>]*(?:=+|-+)[ \t]*$|\[\^|^[ \t>]*\[[^\]\n]*\]:|^[ \t>]*\*\[|\{:|^[ \t>]*:|markdown=|data-line/m;
/** Constructs that change how every other block renders: the document is rendered whole while it has one. */
const DOCUMENT_WIDE = /^[ \t>]*\*\[|\{::options|\{:toc|\{:[\w-]+:|\{:\s*\.?toc\b/m;
const DATA_LINE = / data-line="(\d+)"/g;

/** A NoticeSet that also keeps what was added, in order, with kinds. */
class NoticeLog extends NoticeSet {
  readonly added: Array<[string, NoticeKind]> = [];
  override add(text: string, kind: NoticeKind = 'warning'): this {
    if (!this.has(text)) this.added?.push([text, kind]);
    return super.add(text, kind);
  }
}

interface Item { from: number; to: number; line: number }

/**
 * The top-level blocks of a parsed text with `lineCount` lines: token ranges, each starting on the
 * first line of its first block (the first at line 0), blocks not separated by a blank line kept
 * together; `tail` is what follows the last block (kramdown's footnote list).
 */
function topLevelItems(tokens: Token[], lineCount: number, blank: (line: number) => boolean): { items: Item[]; tail: number } {
  const items: Item[] = [];
  let depth = 0;
  let prevEndLine = 0;
  let mapped = false;
  let lastBlockEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (depth === 0) {
      mapped = !!t.map;
      if (t.map) {
        const line = Math.min(t.map[0], lineCount);
        const prev = items[items.length - 1];
        if (!prev) items.push({ from: 0, to: i + 1, line: 0 });
        else if (line > prev.line && line >= prevEndLine && blank(line - 1)) items.push({ from: i, to: i + 1, line });
        prevEndLine = Math.max(prevEndLine, t.map[1]);
      }
    }
    depth += t.nesting;
    // Every token goes with the block before it (unmapped ones at the start, with the first).
    if (items.length) items[items.length - 1].to = i + 1;
    if (depth === 0 && mapped) lastBlockEnd = i + 1;
  }
  if (items.length) items[items.length - 1].to = lastBlockEnd;
  return { items, tail: items.length ? lastBlockEnd : 0 };
}

/**
 * Block ids, unique in the process (not per post): an id names one HTML wherever it travels (the render
 * worker sends a host only the ids it has not seen, src/worker/resultDelta.ts), even after a post's memo
 * was dropped and made again.
 */
let nextId = 1;

export class IncrementalMarkdown {
  /** The last text rendered (a Liquid output says how the next one differs from it). */
  private input: string | EditedText = '';
  private starts: number[] = [0];
  private blocks: Block[] = [];
  /** What follows the last block (the footnote list), its id and its `data-line` values (source lines of kept blocks). */
  private tail = { html: '', id: 0, shift: 0 };
  private references: unknown;
  /** The last full render found something that makes every block depend on the whole document. */
  private wholeOnly = true;
  private key = '';

  constructor(private readonly md: MarkdownIt.MarkdownIt) {}

  /** Bytes this keeps on the heap, about: the blocks' HTML and source (their `data-line` cuts are slices of the HTML). */
  get bytes(): number {
    let n = stringBytes(this.tail.html);
    for (const b of this.blocks) n += stringBytes(b.html) + stringBytes(b.src) + 4 * b.mapped.length + 16 * (b.cut?.parts.length ?? 0);
    return n;
  }

  /**
   * Renders `input` (a text, or Liquid's output, which may say how it differs from the last one: then
   * no pass over the whole text is made). `key` names everything else the output depends on (options,
   * site files, resource URLs…): another key renders in full. `incremental` false always renders in full.
   */
  render(input: string | EditedText, key: string, makeEnv: EnvFactory, incremental = true, firstScreen?: FirstScreen): BlockRendering {
    const prev = this.input;
    const sourceLine = makeEnv(new NoticeSet()).sourceLine;
    if (incremental && key === this.key && !this.wholeOnly) {
      const given = typeof input !== 'string' && typeof prev !== 'string' && input.splice?.from === prev.version ? input.splice : undefined;
      const r = input === prev ? this.edit(undefined, makeEnv, sourceLine)
        : this.edit(given ?? spliceOf(flatten(textOf(prev)), flatten(textOf(input))), makeEnv, sourceLine);
      if (r) {
        this.input = input;
        return r;
      }
    }
    // Liquid's output after an edit is pieces joined (a rope): every scan of it below would walk them.
    const text = flatten(textOf(input));
    return this.full(text, lineStarts(text), key, input, makeEnv, sourceLine, firstScreen);
  }

  private full(text: string, starts: number[], key: string, input: string | EditedText, makeEnv: EnvFactory, sourceLine: (l: number) => number,
    firstScreen?: FirstScreen): BlockRendering {
    const parseNotices = new NoticeSet();
    const env = makeEnv(parseNotices);
    const tokens = this.md.parse(text, env as unknown as Record<string, unknown>);
    const lineCount = starts.length;
    const { items, tail } = topLevelItems(tokens, lineCount, (l) => isBlank(text, starts, l));
    const old = this.blocks;
    const blocks: Block[] = [];
    // An opening fence or `$$` no block closed: text typed anywhere after it may close it.
    let dangling = false;
    let chars = 0;
    for (let k = 0; k < items.length; k++) {
      const line = items[k].line;
      // A first screen: enough blocks, and past the line asked for.
      if (firstScreen && chars >= firstScreen.htmlChars && sourceLine(line) > (firstScreen.line ?? -1)) break;
      const end = k + 1 < items.length ? items[k + 1].line : lineCount;
      const src = text.slice(starts[line], end < lineCount ? starts[end] : text.length);
      dangling ||= danglingDelimiters(src, tokens, items[k].from, items[k].to, line);
      const b = this.renderBlock(tokens, items[k].from, items[k].to, env, makeEnv, src, line, end - line, sourceLine);
      blocks.push(b);
      chars += b.html.length;
    }
    const partial = blocks.length < items.length;
    // The first blocks only: the next render is a full one (whatever its text), which finds their math and
    // code in the content caches and gives them back their ids (keepIds), so the page gets the rest as a patch.
    if (!partial) this.setTail(tail < tokens.length ? renderTokenRange(this.md, tokens, tail, tokens.length, env) : '');
    this.wholeOnly = partial || dangling || parseNotices.size > 0 || env.notices.size > 0 || DOCUMENT_WIDE.test(text) || !items.length;
    this.references = (env as { references?: unknown }).references;
    this.keepIds(old, blocks);
    this.starts = starts;
    this.blocks = blocks;
    this.key = key;
    this.input = input;
    const out = this.output(blocks, partial ? { html: '', id: 0, shift: 0 } : this.tail, blocks.length, true);
    out.notices.unshift(...[...parseNotices].map((n): [string, NoticeKind] => [n, 'warning']));
    out.parserNotices = [...env.notices];
    return partial ? { ...out, partial } : out;
  }

  /** Re-renders the blocks an edit (`s`; none: the same text) touched; undefined when only a full render can be trusted. */
  private edit(s: Splice | undefined, makeEnv: EnvFactory, sourceLine: (l: number) => number): BlockRendering | undefined {
    const blocks = this.blocks;
    const oldStarts = this.starts;
    let starts = oldStarts;
    let next = blocks;
    let rendered = 0;
    if (s) {
      starts = splicedLineStarts(oldStarts, s);
      const lineDelta = starts.length - oldStarts.length;
      // The blocks the edit touches and one on each side (an edit can join a block to its neighbour, or
      // indent it into the list before it), but not a header alone on its line: nothing joins one, and
      // its id depends on the headers, not on its neighbours (renderRegion checks the one after it).
      const k0 = this.blockAt(lineAt(oldStarts, s.start));
      const k1 = this.blockAt(lineAt(oldStarts, s.oldEnd));
      const i0 = k0 > 0 && !blocks[k0 - 1].atx ? k0 - 1 : k0;
      let i1 = k1 + 1 < blocks.length && !blocks[k1 + 1].atx ? k1 + 1 : k1;
      // Where the region starts in the old text: the edit is applied to its blocks' sources.
      const base = oldStarts[blocks[i0].line];
      let made: Block[] | undefined;
      // A region whose next block no longer parses as it did grows by that block (a few times at most).
      for (let tries = 0; !made; tries++, i1++) {
        if (tries === 3 || i1 >= blocks.length) return undefined;
        for (let k = i0; k <= i1; k++) if (blocks[k].global) return undefined;
        let old = '';
        for (let k = i0; k <= i1; k++) old += blocks[k].src;
        const regionText = old.slice(0, s.start - base) + s.text + old.slice(s.oldEnd - base);
        if (GLOBAL.test(regionText) || DOCUMENT_WIDE.test(regionText)) return undefined;
        const L0 = blocks[i0].line;
        const L1 = blocks[i1].line + blocks[i1].lines + lineDelta;
        const r = this.renderRegion(regionText, starts.length, L0, L1, blocks[i1 + 1], lineDelta, makeEnv, sourceLine);
        if (r === null) return undefined;
        made = r;
      }
      rendered = made.length;
      // The neighbours rendered again as they were keep their ids (the preview does not replace them).
      this.keepIds(blocks.slice(i0, i1), made);
      next = [...blocks.slice(0, i0), ...made, ...(lineDelta ? blocks.slice(i1).map((b) => ({ ...b, line: b.line + lineDelta })) : blocks.slice(i1))];
    } else next = blocks.slice();
    // Blocks that were kept: their lines may have moved (lines added above, Liquid output moved).
    const movedLines = new Map<number, number>();
    for (let k = 0; k < next.length; k++) {
      const b = next[k];
      const moved = this.moved(b, sourceLine);
      if (moved === undefined) return undefined;
      if (moved !== 0) {
        if (this.tail.html) for (const l of b.mapped) movedLines.set(l, l + moved);
        next[k] = withShift(b, b.shift + moved, sourceLine);
      }
    }
    // The footnote list's lines are its definitions' (kept blocks: an edit of one renders everything).
    if (movedLines.size) this.setTail(this.tail.html.replace(DATA_LINE, (_m, l: string) => ` data-line="${movedLines.get(Number(l)) ?? l}"`));
    this.starts = starts;
    this.blocks = next;
    return this.output(this.blocks, this.tail, rendered, false);
  }

  /**
   * Parses `region` — lines [L0, L1) of a text of `lineCount` lines — plus the block after them (to
   * check it is untouched), and renders its blocks; undefined when the block after changed (try a larger
   * region), null when not possible at all.
   */
  private renderRegion(region: string, lineCount: number, L0: number, L1: number, after: Block | undefined, lineDelta: number,
    makeEnv: EnvFactory, sourceLine: (l: number) => number): Block[] | undefined | null {
    const end = after ? L1 + after.lines : lineCount;
    const sub = after ? region + after.src : region;
    const subStarts = lineStarts(sub);
    const parseNotices = new NoticeSet();
    const env = makeEnv(parseNotices);
    env.sourceLine = (l) => sourceLine(l + L0);
    (env as { references?: unknown }).references = this.references;
    const tokens = this.md.parse(sub, env as unknown as Record<string, unknown>);
    if (parseNotices.size || env.notices.size) return null;
    const subLines = end - L0;
    const { items, tail } = topLevelItems(tokens, subLines, (l) => isBlank(sub, subStarts, l));
    if (tail < tokens.length || !items.length) return null;
    const boundary = L1 - L0;
    let keep = items.length;
    if (after) {
      keep = items.findIndex((it) => it.line === boundary);
      if (keep !== items.length - 1 || (keep === 0 && boundary !== 0)) return undefined;
      const a = items[keep];
      const quiet = makeEnv(new NoticeSet());
      const moved = this.moved({ ...after, line: after.line + lineDelta }, sourceLine);
      if (moved === undefined) return undefined;
      if (after.atx) {
        // A header parsed alone gets a first id, not the one the headers before it give: it is the same
        // header when it is again one alone on the same (unchanged) line.
        if (!isAtx(tokens, a.from, a.to) || tokens[a.from].map?.[0] !== boundary || tokens[a.from].map?.[1] !== boundary + 1) return undefined;
      } else {
        const html = renderTokenRange(this.md, tokens, a.from, a.to, { ...env, image: quiet.image, html: quiet.html });
        if (html !== (moved === 0 ? after.html : withShift(after, after.shift + moved, sourceLine).html)) return undefined;
      }
    }
    const made: Block[] = [];
    for (let k = 0; k < keep; k++) {
      const line = items[k].line;
      const stop = k + 1 < items.length ? items[k + 1].line : subLines;
      const src = sliceLines(sub, subStarts, line, stop);
      if (danglingDelimiters(src, tokens, items[k].from, items[k].to, line)) return null;
      made.push(this.renderBlock(tokens, items[k].from, items[k].to, env, makeEnv, src, L0 + line, stop - line, sourceLine));
    }
    return made;
  }

  /** The index of the block holding a line (of the current text). */
  private blockAt(line: number): number {
    const blocks = this.blocks;
    let lo = 0;
    let hi = blocks.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (blocks[mid].line <= line) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** How far a kept block's source lines moved (0: not at all); undefined when they did not move together. */
  private moved(b: Block, sourceLine: (l: number) => number): number | undefined {
    const m = b.mapped;
    const d = sourceLine(b.line) - m[0];
    for (let k = 1; k < m.length; k++) if (sourceLine(b.line + k) - m[k] !== d) return undefined;
    return d;
  }

  private renderBlock(tokens: Token[], from: number, to: number, env: RenderEnv, makeEnv: EnvFactory, src: string, line: number, lines: number,
    sourceLine: (l: number) => number): Block {
    // Each block reports its own notices (a missing image in two blocks: in both), so kept blocks still give theirs.
    const log = new NoticeLog();
    const own = makeEnv(log);
    const image = env.image;
    const html0 = env.html;
    env.image = own.image;
    env.html = own.html;
    env.hasMath = false;
    let html: string;
    try {
      html = renderTokenRange(this.md, tokens, from, to, env);
    } finally {
      env.image = image;
      env.html = html0;
    }
    html = flatten(html);
    const mapped = new Int32Array(Math.max(1, lines));
    for (let k = 0; k < mapped.length; k++) mapped[k] = sourceLine(line + k);
    const global = GLOBAL.test(src);
    const atx = global && isAtx(tokens, from, to) && ATX_ALONE.test(src) && !GLOBAL.test(src.replace(/^#+/, ''));
    return { id: nextId++, line, lines, global, atx, src, mapped, shift: 0, html, notices: log.added, hasMath: env.hasMath };
  }

  /** Blocks rendered again with the HTML they had (or with only their lines moved) keep their ids. */
  private keepIds(old: Block[], blocks: Block[]): void {
    if (!old.length) return;
    const byParts = new Map<string, Block[]>();
    for (const b of old) {
      const k = cutOf(b).parts.join('\0');
      const list = byParts.get(k);
      if (list) list.push(b);
      else byParts.set(k, [b]);
    }
    const used = new Set<number>();
    for (let i = 0; i < blocks.length; i++) {
      const b = blocks[i];
      const cut = cutOf(b);
      const list = byParts.get(cut.parts.join('\0'));
      const match = list?.find((o) => !used.has(o.id) && sameShape(cutOf(o).base, cut.base));
      if (!match) continue;
      used.add(match.id);
      const base = cutOf(match).base;
      blocks[i] = { ...b, id: match.id, cut: { parts: cut.parts, base }, shift: cut.base.length ? cut.base[0] - base[0] : 0 };
    }
  }

  private setTail(html: string): void {
    const was = this.tail;
    if (html === was.html) return;
    // Every line of the list moved alike (Enter above every footnote): the same block with its lines moved, which
    // the preview shifts rather than receiving and parsing the list again (50 KB in the 480-block post).
    if (html && was.html) {
      const a = cutAtDataLines(was.html);
      const b = cutAtDataLines(html);
      if (a.base.length && sameShape(a.base, b.base) && a.parts.every((p, i) => p === b.parts[i])) {
        this.tail = { html, id: was.id, shift: was.shift + b.base[0] - a.base[0] };
        return;
      }
    }
    this.tail = { html, id: html ? nextId++ : 0, shift: 0 };
  }

  private output(blocks: Block[], tail: { html: string; id: number; shift: number }, rendered: number, full: boolean): BlockRendering {
    const notices: Array<[string, NoticeKind]> = [];
    let hasMath = false;
    for (const b of blocks) {
      for (const n of b.notices) notices.push(n);
      hasMath ||= b.hasMath;
    }
    // `+=` makes a rope in microseconds; whoever reads the body flattens it once (a join copies every time).
    let html = '';
    for (const b of blocks) html += b.html;
    html += tail.html;
    const out: BodyBlock[] = blocks.map((b) => ({ id: b.id, length: b.html.length, shift: b.shift, html: b.html }));
    if (tail.html) out.push({ id: tail.id, length: tail.html.length, shift: tail.shift, html: tail.html });
    return { html, hasMath, notices, parserNotices: [], blocks: out, rendered, full };
  }
}

const DATA_LINE_MARK = ' data-line="';

interface Cut { parts: string[]; base: number[] }

/** The block's HTML cut at its `data-line` values (at shift 0), made once. */
function cutOf(b: Block): Cut {
  return (b.cut ??= cutAtDataLines(b.html));
}

/**
 * HTML cut at its `data-line` values (the matches of DATA_LINE): parts[0] base[0] parts[1] …; run on every
 * block a render keeps ids of, so by indexOf rather than a regex iterator.
 */
function cutAtDataLines(html: string): Cut {
  const parts: string[] = [];
  const base: number[] = [];
  let at = 0;
  for (let i = html.indexOf(DATA_LINE_MARK); i >= 0; i = html.indexOf(DATA_LINE_MARK, i + 1)) {
    const d = i + DATA_LINE_MARK.length;
    let e = d;
    for (let c = html.charCodeAt(e); c >= 0x30 && c <= 0x39; c = html.charCodeAt(++e));
    if (e === d || html.charCodeAt(e) !== 0x22) continue;
    parts.push(html.slice(at, d));
    base.push(Number(html.slice(d, e)));
    at = e;
    i = e;
  }
  parts.push(html.slice(at));
  return { parts, base };
}

/** The same `data-line` values but for one offset. */
function sameShape(a: number[], b: number[]): boolean {
  if (a.length !== b.length) return false;
  const d = a.length ? b[0] - a[0] : 0;
  for (let i = 1; i < a.length; i++) if (b[i] - a[i] !== d) return false;
  return true;
}

function withShift(b: Block, shift: number, sourceLine: (l: number) => number): Block {
  const { parts, base } = cutOf(b);
  let html = parts[0];
  for (let i = 0; i < base.length; i++) html += String(base[i] + shift) + parts[i + 1];
  const mapped = new Int32Array(b.mapped.length);
  for (let k = 0; k < mapped.length; k++) mapped[k] = sourceLine(b.line + k);
  return { ...b, shift, html: flatten(html), mapped };
}

/** One line of `#`s and text, then nothing but blank lines. */
const ATX_ALONE = /^#{1,6}[ \t][^\n]*\n?(?:[ \t\r]*\n)*[ \t\r]*$/;

/** Tokens [from, to) are one ATX header (`heading_open`, its inline, `heading_close`; markup `#`s). */
function isAtx(tokens: Token[], from: number, to: number): boolean {
  return to - from === 3 && tokens[from].type === 'heading_open' && tokens[from].markup.startsWith('#') && tokens[from + 2].type === 'heading_close';
}

const FENCE_LINE = /^[ \t>*+\-\d.)]*(?:`{3,}|~{3,})/;

/**
 * A fence line no code block of the block took, or an odd number of `$$`: in the whole document it may
 * pair with a delimiter far away (kramdown needs the closing one), which a piece parsed alone cannot see.
 */
function danglingDelimiters(src: string, tokens: Token[], from: number, to: number, firstLine: number): boolean {
  let dollars = 0;
  for (let i = src.indexOf('$$'); i >= 0; i = src.indexOf('$$', i + 2)) dollars++;
  if (dollars % 2 === 1) return true;
  if (!src.includes('```') && !src.includes('~~~')) return false;
  const lines = src.split('\n');
  for (let k = 0; k < lines.length; k++) {
    if (!FENCE_LINE.test(lines[k])) continue;
    const line = firstLine + k;
    let taken = false;
    for (let i = from; i < to && !taken; i++) {
      const m = tokens[i].map;
      taken = (tokens[i].type === 'fence' || tokens[i].type === 'code_block') && !!m && m[0] <= line && line < m[1];
    }
    if (!taken) return true;
  }
  return false;
}

function textOf(input: string | EditedText): string {
  return typeof input === 'string' ? input : input.text;
}

function isBlank(text: string, starts: number[], line: number): boolean {
  if (line < 0 || line >= starts.length) return true;
  const end = line + 1 < starts.length ? starts[line + 1] : text.length;
  for (let i = starts[line]; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 9 && c !== 10 && c !== 13) return false;
  }
  return true;
}

function sliceLines(text: string, starts: number[], from: number, to: number): string {
  return text.slice(from < starts.length ? starts[from] : text.length, to < starts.length ? starts[to] : text.length);
}
