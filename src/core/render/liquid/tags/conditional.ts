// `if`/`elsif`/`else`, `unless` and `case`/`when` with Ruby Liquid's lax and strict markup.
import type { Context, Emitter } from 'liquidjs';
import { Condition, ElseCondition, laxCondition, strictCondition } from '../condition';
import { parseConditionExpression, parseExpression, QUOTED_FRAGMENT, type Expr } from '../expression';
import { type Body, type BodyEnd, type NativeTag, type Node, parseBody, type ParseState, renderBody, stripBlank } from '../parser';
import type { RubyTagToken } from '../tokens';
import { LiquidSyntaxError, truthy } from '../values';
import { type LiquidRuntime, parseSelected } from '../variable';

interface Branch { cond: Condition; body: Body }

export function neverClosed(name: string): LiquidSyntaxError {
  return new LiquidSyntaxError(`'${name}' tag was never closed`);
}

export function badDelimiter(end: BodyEnd, block: string): LiquidSyntaxError {
  if (end.name === 'else') return new LiquidSyntaxError(`${block} tag does not expect 'else' tag`);
  if (end.name.startsWith('end')) return new LiquidSyntaxError(`'${end.name}' is not a valid delimiter for ${block} tags. use end${block}`);
  return new LiquidSyntaxError(`Unknown tag '${end.name}'`);
}

const evalOpts = (rt: LiquidRuntime) => ({ strictVariables: rt.strictVariables });

class IfNode implements Node {
  readonly blank: boolean;
  constructor(readonly token: RubyTagToken, private readonly branches: Branch[], private readonly unless: boolean, private readonly rt: LiquidRuntime) {
    this.blank = branches.every((b) => b.body.blank);
  }
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    for (let i = 0; i < this.branches.length; i++) {
      const b = this.branches[i];
      const r = truthy(b.cond.evaluate(ctx, evalOpts(this.rt)));
      if (i === 0 && this.unless ? !r : r) { yield renderBody(this.rt, b.body.nodes, ctx, emitter); return; }
    }
  }
}

export function ifTag(unless: boolean): NativeTag {
  return (token: RubyTagToken, state: ParseState) => {
    const rt = state.rt;
    const branches: Branch[] = [];
    const push = (name: string, markup: string) => branches.push({
      cond: name === 'else' ? new ElseCondition() : parseSelected(markup, rt, strictCondition, laxCondition, `in "${markup.trim()}"`),
      body: { nodes: [], blank: true },
    });
    push(token.name, token.args);
    for (;;) {
      const { end } = parseBody(state, branches[branches.length - 1].body);
      if (!end) throw neverClosed(token.name);
      if (end.name === 'end' + token.name) break;
      if (end.name === 'elsif' || end.name === 'else') push(end.name, end.markup);
      else throw badDelimiter(end, token.name);
    }
    stripBlank(branches.map((b) => b.body));
    return new IfNode(token, branches, unless, rt);
  };
}

const CASE_SYNTAX = new RegExp(`(${QUOTED_FRAGMENT})`);
const WHEN_SYNTAX = new RegExp(`(${QUOTED_FRAGMENT})(?:(?:\\s+or\\s+|\\s*,\\s*)(${QUOTED_FRAGMENT}[\\s\\S]*))?`);

class CaseNode implements Node {
  readonly blank: boolean;
  constructor(readonly token: RubyTagToken, private readonly branches: Branch[], private readonly rt: LiquidRuntime, blank: boolean) { this.blank = blank; }
  *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
    let runElse = true;
    for (const b of this.branches) {
      if (b.cond instanceof ElseCondition) {
        if (runElse) yield renderBody(this.rt, b.body.nodes, ctx, emitter);
        continue;
      }
      if (truthy(b.cond.evaluate(ctx, evalOpts(this.rt)))) {
        runElse = false;
        yield renderBody(this.rt, b.body.nodes, ctx, emitter);
      }
    }
  }
}

export const caseTag: NativeTag = (token, state) => {
  const m = CASE_SYNTAX.exec(token.args);
  if (!m) throw new LiquidSyntaxError("Syntax Error in tag 'case' - Valid syntax: case [condition]");
  const left: Expr = parseExpression(m[1]);
  const branches: Branch[] = [];
  const bodies: Body[] = [];
  let body: Body = { nodes: [], blank: true };
  bodies.push(body);
  for (;;) {
    const { end } = parseBody(state, body);
    if (!end) throw neverClosed('case');
    if (end.name === 'endcase') break;
    body = { nodes: [], blank: true };
    bodies.push(body);
    if (end.name === 'when') {
      let markup: string | undefined = end.markup;
      while (markup) {
        const w = WHEN_SYNTAX.exec(markup);
        if (!w) throw new LiquidSyntaxError('Syntax Error in tag \'case\' - Valid when condition: {% when [condition] [or condition2...] %}');
        markup = w[2];
        branches.push({ cond: new Condition(left, '==', parseConditionExpression(w[1])), body });
      }
    } else if (end.name === 'else') {
      if (end.markup.trim()) throw new LiquidSyntaxError('Syntax Error in tag \'case\' - Valid else condition: {% else %} (no parameters) ');
      branches.push({ cond: new ElseCondition(), body });
    } else throw badDelimiter(end, 'case');
  }
  const blank = bodies.every((b) => b.blank);
  stripBlank(bodies);
  return new CaseNode(token, branches, state.rt, blank);
};
