// `for` (with `else`, `limit`, `offset`, `offset: continue`, `reversed`, `forloop`), `break`, `continue`,
// `cycle` and `ifchanged`, as Ruby Liquid parses and runs them.
import type { Context, Emitter } from 'liquidjs';
import { evaluate, type Expr, parseExpression, QUOTED_FRAGMENT, StrictParser, TAG_ATTRIBUTES } from '../expression';
import { type Body, type NativeTag, type Node, parseBody, renderBody, stripBlank } from '../parser';
import type { RubyTagToken } from '../tokens';
import { isPlainObject, LiquidSyntaxError, RubyRange, toInteger, toS } from '../values';
import { type LiquidRuntime, parseSelected } from '../variable';
import { badDelimiter, neverClosed } from './conditional';

const FOR_SYNTAX = new RegExp(`^([\\w-]+)\\s+in\\s+(${QUOTED_FRAGMENT}+)\\s*(reversed)?`);
const ATTRIBUTES = new RegExp(TAG_ATTRIBUTES, 'g');
/** More items than this in one loop is a runaway template (Ruby would run out of memory). */
const MAX_ITEMS = 1_000_000;

interface ForSpec { variable: string; collection: Expr; name: string; reversed: boolean; from?: Expr | 'continue'; limit?: Expr }

function setAttribute(spec: ForSpec, key: string, value: string): void {
  if (key === 'offset') spec.from = value === 'continue' ? 'continue' : parseExpression(value);
  else if (key === 'limit') spec.limit = parseExpression(value);
}

function laxFor(markup: string): ForSpec {
  const m = FOR_SYNTAX.exec(markup);
  if (!m) throw new LiquidSyntaxError("Syntax Error in 'for loop' - Valid syntax: for [item] in [collection]");
  const spec: ForSpec = { variable: m[1], collection: parseExpression(m[2]), name: `${m[1]}-${m[2]}`, reversed: !!m[3] };
  for (const a of markup.matchAll(ATTRIBUTES)) setAttribute(spec, a[1], a[2]);
  return spec;
}

function strictFor(markup: string): ForSpec {
  const p = new StrictParser(markup);
  const variable = p.consume('id');
  if (!p.id('in')) throw new LiquidSyntaxError("For loops require an 'in' clause");
  const collection = p.expression();
  const spec: ForSpec = { variable, collection: parseExpression(collection), name: `${variable}-${collection}`, reversed: !!p.id('reversed') };
  while (p.look('id') && p.look('colon', 1)) {
    const attr = p.id('limit') || p.id('offset');
    if (!attr) throw new LiquidSyntaxError('Invalid attribute in for loop. Valid attributes are limit and offset');
    p.consume();
    setAttribute(spec, attr, p.expression());
  }
  p.consume('end_of_string');
  return spec;
}

/** The `forloop` object. */
class ForloopDrop {
  index0 = 0;
  constructor(readonly name: string, readonly length: number, readonly parentloop: ForloopDrop | null) {}
  get index(): number { return this.index0 + 1; }
  get rindex(): number { return this.length - this.index0; }
  get rindex0(): number { return this.length - this.index0 - 1; }
  get first(): boolean { return this.index0 === 0; }
  get last(): boolean { return this.index0 === this.length - 1; }
}

/** The items of a collection as Ruby's `each` gives them, sliced to [from, to). */
function segment(collection: unknown, from: number, to: number | undefined): unknown[] {
  if (collection instanceof RubyRange) {
    const start = collection.first + Math.max(0, from);
    const last = to === undefined ? collection.last : Math.min(collection.last, collection.first + to - 1);
    if (last - start + 1 > MAX_ITEMS) throw new Error('Memory limits exceeded');
    const out: number[] = [];
    for (let i = start; i <= last; i++) out.push(i);
    return out;
  }
  let items: unknown[];
  // A string is one item whatever the offset and limit (Liquid's slice_collection).
  if (typeof collection === 'string') return collection ? [collection] : [];
  else if (Array.isArray(collection)) items = collection;
  else if (isPlainObject(collection)) items = Object.entries(collection).map(([k, v]) => [k, v]);
  else if (collection instanceof Map) items = [...collection.entries()];
  else items = [];
  return items.slice(Math.max(0, from), to === undefined ? undefined : Math.max(0, to));
}

class ForNode implements Node {
  readonly blank: boolean;
  constructor(readonly token: RubyTagToken, private readonly spec: ForSpec, private readonly body: Body, private readonly elseBody: Body | undefined, private readonly rt: LiquidRuntime) {
    this.blank = body.blank && (elseBody?.blank ?? true);
  }

  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const opts = { strictVariables: this.rt.strictVariables };
    const offsets = ctx.getRegister('for', {}) as Record<string, number>;
    const spec = this.spec;
    let from = 0;
    if (spec.from === 'continue') from = offsets[spec.name] ?? 0;
    else if (spec.from !== undefined) { const v = evaluate(spec.from, ctx, opts); from = v === null || v === undefined ? 0 : toInteger(v); }
    const collection = evaluate(spec.collection, ctx, opts);
    const limit = spec.limit === undefined ? undefined : evaluate(spec.limit, ctx, opts);
    const to = limit === null || limit === undefined ? undefined : toInteger(limit) + from;
    const items = segment(collection, from, to);
    if (spec.reversed) items.reverse();
    offsets[spec.name] = from + items.length;
    if (!items.length) {
      if (this.elseBody) yield renderBody(this.rt, this.elseBody.nodes, ctx, emitter);
      return;
    }
    const stack = ctx.getRegister('for_stack', [] as ForloopDrop[]) as ForloopDrop[];
    const loop = new ForloopDrop(spec.name, items.length, stack[stack.length - 1] ?? null);
    stack.push(loop);
    ctx.push({ forloop: loop });
    const scope = (ctx as unknown as { scopes: Array<Record<string, unknown>> }).scopes.at(-1) as Record<string, unknown>;
    try {
      for (const item of items) {
        scope[spec.variable] = item;
        yield renderBody(this.rt, this.body.nodes, ctx, emitter);
        loop.index0++;
        if (ctx.breakCalled) { ctx.breakCalled = false; break; }
        if (ctx.continueCalled) ctx.continueCalled = false;
      }
    } finally {
      ctx.pop();
      stack.pop();
    }
  }
}

export const forTag: NativeTag = (token, state) => {
  const rt = state.rt;
  const spec = parseSelected(token.args, rt, strictFor, laxFor, `in "${token.args.trim()}"`);
  const body: Body = { nodes: [], blank: true };
  let elseBody: Body | undefined;
  let current = body;
  for (;;) {
    const { end } = parseBody(state, current);
    if (!end) throw neverClosed('for');
    if (end.name === 'endfor') break;
    if (end.name === 'else') { elseBody = { nodes: [], blank: true }; current = elseBody; } else throw badDelimiter(end, 'for');
  }
  stripBlank([body, elseBody]);
  return new ForNode(token, spec, body, elseBody, rt);
};

class InterruptNode implements Node {
  readonly blank = false;
  constructor(readonly token: RubyTagToken, private readonly kind: 'break' | 'continue') {}
  render(ctx: Context): void {
    if (this.kind === 'break') ctx.breakCalled = true; else ctx.continueCalled = true;
  }
}

export const breakTag: NativeTag = (token) => new InterruptNode(token, 'break');
export const continueTag: NativeTag = (token) => new InterruptNode(token, 'continue');

const NAMED_CYCLE = new RegExp(`^(${QUOTED_FRAGMENT})\\s*:\\s*([\\s\\S]*)`);
const SIMPLE_CYCLE = new RegExp(`^${QUOTED_FRAGMENT}+`);
const CYCLE_VALUE = new RegExp(`\\s*(${QUOTED_FRAGMENT})\\s*`);
let cycleIds = 0;

class CycleNode implements Node {
  readonly blank = false;
  constructor(readonly token: RubyTagToken, private readonly name: Expr, private readonly values: Expr[], private readonly rt: LiquidRuntime) {}
  render(ctx: Context, emitter: Emitter): void {
    const opts = { strictVariables: this.rt.strictVariables };
    const cycles = ctx.getRegister('cycle', {}) as Record<string, number>;
    const key = toS(evaluate(this.name, ctx, opts));
    const i = cycles[key] ?? 0;
    emitter.write(toS(evaluate(this.values[i], ctx, opts)));
    cycles[key] = i + 1 >= this.values.length ? 0 : i + 1;
  }
}

export const cycleTag: NativeTag = (token, state) => {
  const markup = token.args;
  const values = (s: string) => s.split(',').map((v) => CYCLE_VALUE.exec(v)).filter((m): m is RegExpExecArray => !!m).map((m) => parseExpression(m[1]));
  const named = NAMED_CYCLE.exec(markup);
  if (named) return new CycleNode(token, parseExpression(named[1]), values(named[2]), state.rt);
  if (SIMPLE_CYCLE.test(markup)) {
    const vs = values(markup);
    // Ruby keys an unnamed cycle by its values' inspect: equal literal lists share a counter.
    const literal = vs.every((v) => v === null || typeof v !== 'object');
    return new CycleNode(token, literal ? JSON.stringify(vs) : `\u0000cycle${cycleIds++}`, vs, state.rt);
  }
  throw new LiquidSyntaxError('Syntax Error in \'cycle\' - Valid syntax: cycle [name :] var [, var2, var3 ...]');
};

class IfchangedNode implements Node {
  readonly blank = false;
  constructor(readonly token: RubyTagToken, private readonly body: Body, private readonly rt: LiquidRuntime) {}
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    const out = String(yield this.rt.engine.renderer.renderTemplates(this.body.nodes, ctx));
    const reg = ctx.getRegister('ifchanged', {}) as { last?: string };
    if (out !== reg.last) { reg.last = out; emitter.write(out); }
  }
}

export const ifchangedTag: NativeTag = (token, state) => {
  const body: Body = { nodes: [], blank: true };
  const { end } = parseBody(state, body);
  if (!end) throw neverClosed('ifchanged');
  if (end.name !== 'endifchanged') throw badDelimiter(end, 'ifchanged');
  return new IfchangedNode(token, body, state.rt);
};
