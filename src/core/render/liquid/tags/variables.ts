// `assign`, `capture`, `increment`, `decrement`, `echo`: Ruby Liquid's markup. `{% assign site.tags = "" %}`
// assigns a variable literally named `site.tags`, which no lookup reads (so `site.tags` is unchanged).
import type { Context, Emitter } from 'liquidjs';
import { type Body, type NativeTag, type Node, parseBody } from '../parser';
import type { RubyTagToken } from '../tokens';
import { LiquidSyntaxError, toS } from '../values';
import { type LiquidRuntime, Variable } from '../variable';
import { VARIABLE_SIGNATURE } from '../expression';
import { badDelimiter, neverClosed } from './conditional';

const ASSIGN_SYNTAX = new RegExp(`((?:${VARIABLE_SIGNATURE})+)\\s*=\\s*([\\s\\S]*)\\s*`);
const CAPTURE_SYNTAX = new RegExp(`((?:${VARIABLE_SIGNATURE})+)`);

class AssignNode implements Node {
  readonly blank = true;
  constructor(readonly token: RubyTagToken, private readonly to: string, private readonly from: Variable) {}
  *render(ctx: Context): Generator<unknown, void, unknown> {
    const v = yield* this.from.value(ctx);
    // Ruby's assign score: a template that doubles a string in a loop stops at the memory limit.
    if (typeof v === 'string') ctx.memoryLimit.use(v.length);
    ctx.bottom()[this.to] = v;
  }
}

export const assignTag: NativeTag = (token, state) => {
  const m = ASSIGN_SYNTAX.exec(token.args);
  if (!m) throw new LiquidSyntaxError("Syntax Error in 'assign' - Valid syntax: assign [var] = [source]");
  return new AssignNode(token, m[1], new Variable(m[2], state.rt));
};

class CaptureNode implements Node {
  readonly blank = true;
  constructor(readonly token: RubyTagToken, private readonly to: string, private readonly body: Body, private readonly rt: LiquidRuntime) {}
  *render(ctx: Context): Generator<unknown, void, unknown> {
    const out = String((yield this.rt.engine.renderer.renderTemplates(this.body.nodes, ctx)) ?? '');
    ctx.memoryLimit.use(out.length);
    ctx.bottom()[this.to] = out;
  }
}

export const captureTag: NativeTag = (token, state) => {
  const m = CAPTURE_SYNTAX.exec(token.args);
  if (!m) throw new LiquidSyntaxError("Syntax Error in 'capture' - Valid syntax: capture [var]");
  const body: Body = { nodes: [], blank: true };
  const { end } = parseBody(state, body);
  if (!end) throw neverClosed('capture');
  if (end.name !== 'endcapture') throw badDelimiter(end, 'capture');
  return new CaptureNode(token, m[1], body, state.rt);
};

class CounterNode implements Node {
  readonly blank = false;
  constructor(readonly token: RubyTagToken, private readonly name: string, private readonly step: 1 | -1) {}
  render(ctx: Context, emitter: Emitter): void {
    const env = ctx.environments as Record<string, unknown>;
    const cur = typeof env[this.name] === 'number' ? env[this.name] as number : 0;
    if (this.step > 0) { emitter.write(toS(cur)); env[this.name] = cur + 1; } else { env[this.name] = cur - 1; emitter.write(toS(cur - 1)); }
  }
}

export const incrementTag: NativeTag = (token) => new CounterNode(token, token.args.trim(), 1);
export const decrementTag: NativeTag = (token) => new CounterNode(token, token.args.trim(), -1);

class EchoNode implements Node {
  readonly blank = false;
  constructor(readonly token: RubyTagToken, private readonly variable: Variable) {}
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    emitter.write(toS(yield* this.variable.value(ctx)));
  }
}

export const echoTag: NativeTag = (token, state) => new EchoNode(token, new Variable(token.args, state.rt));
