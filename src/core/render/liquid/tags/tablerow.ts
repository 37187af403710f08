// `tablerow` as Liquid 5.4's TableRow renders it.
import type { Context, Emitter } from 'liquidjs';
import { evaluate, type Expr, parseExpression, QUOTED_FRAGMENT, TAG_ATTRIBUTES } from '../expression';
import { type Body, type NativeTag, type Node, parseBody, renderBody } from '../parser';
import type { RubyTagToken } from '../tokens';
import { isPlainObject, LiquidSyntaxError, RubyRange, stringToI } from '../values';
import type { LiquidRuntime } from '../variable';
import { badDelimiter, neverClosed } from './conditional';

const SYNTAX = new RegExp(`(\\w+)\\s+in\\s+(${QUOTED_FRAGMENT}+)`);
const ATTRIBUTES = new RegExp(TAG_ATTRIBUTES, 'g');

const toI = (v: unknown) => (typeof v === 'number' ? Math.trunc(v) : typeof v === 'string' ? stringToI(v) : v === null || v === undefined ? 0 : Math.trunc(Number(v)) || 0);

/** Liquid 5.4's TablerowloopDrop (with `cols` 0, every cell is in row 1 and none is `col_last`). */
class TablerowloopDrop {
  index0 = 0;
  col = 1;
  row = 1;
  constructor(readonly length: number, private readonly cols: number) {}
  get index(): number { return this.index0 + 1; }
  get rindex(): number { return this.length - this.index0; }
  get rindex0(): number { return this.length - this.index0 - 1; }
  get first(): boolean { return this.index0 === 0; }
  get last(): boolean { return this.index0 === this.length - 1; }
  get col0(): number { return this.col - 1; }
  get col_first(): boolean { return this.col === 1; }
  get col_last(): boolean { return this.col === this.cols; }
  increment(): void {
    this.index0++;
    if (this.col === this.cols) { this.col = 1; this.row++; } else this.col++;
  }
}

class TablerowNode implements Node {
  readonly blank = false;
  constructor(readonly token: RubyTagToken, private readonly variable: string, private readonly collection: Expr,
    private readonly attributes: Map<string, Expr>, private readonly body: Body, private readonly rt: LiquidRuntime) {}
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const opts = { strictVariables: this.rt.strictVariables };
    let collection = evaluate(this.collection, ctx, opts);
    if (collection === null || collection === undefined || collection === false) return;
    const attr = (k: string) => (this.attributes.has(k) ? evaluate(this.attributes.get(k) as Expr, ctx, opts) : undefined);
    const from = this.attributes.has('offset') ? toI(attr('offset')) : 0;
    const to = this.attributes.has('limit') ? from + toI(attr('limit')) : undefined;
    if (collection instanceof RubyRange) collection = collection.toArray(1e6);
    let items: unknown[] = typeof collection === 'string' ? (collection ? [collection] : []) : Array.isArray(collection) ? collection
      : isPlainObject(collection) ? Object.entries(collection) : [];
    // A string is one item whatever the offset and limit (Liquid's slice_collection).
    if (typeof collection !== 'string') items = items.slice(Math.max(0, from), to === undefined ? undefined : Math.max(0, to));
    const cols = toI(attr('cols'));
    emitter.write('<tr class="row1">\n');
    const loop = new TablerowloopDrop(items.length, cols);
    ctx.push({ tablerowloop: loop });
    const scope = (ctx as unknown as { scopes: Array<Record<string, unknown>> }).scopes.at(-1) as Record<string, unknown>;
    try {
      for (const item of items) {
        scope[this.variable] = item;
        emitter.write(`<td class="col${loop.col}">`);
        yield renderBody(this.rt, this.body.nodes, ctx, emitter);
        emitter.write('</td>');
        if (loop.col_last && !loop.last) emitter.write(`</tr>\n<tr class="row${loop.row + 1}">`);
        // Liquid 5.4's tablerow does not take `break`/`continue`: they stay pending, and each further
        // cell renders only up to its first node, as in Ruby.
        loop.increment();
      }
    } finally {
      ctx.pop();
    }
    emitter.write('</tr>\n');
  }
}

export const tablerowTag: NativeTag = (token, state) => {
  const m = SYNTAX.exec(token.args);
  if (!m) throw new LiquidSyntaxError("Syntax Error in 'table_row loop' - Valid syntax: table_row [item] in [collection] cols=3");
  const attributes = new Map<string, Expr>();
  for (const a of token.args.matchAll(ATTRIBUTES)) attributes.set(a[1], parseExpression(a[2]));
  const body: Body = { nodes: [], blank: true };
  const { end } = parseBody(state, body);
  if (!end) throw neverClosed('tablerow');
  if (end.name !== 'endtablerow') throw badDelimiter(end, 'tablerow');
  return new TablerowNode(token, m[1], parseExpression(m[2]), attributes, body, state.rt);
};
