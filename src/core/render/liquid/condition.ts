// `{% if a == b and c %}` conditions as Ruby Liquid parses and evaluates them. The lax parser splits at
// `and`/`or` with Ruby's regular expressions and takes one `left op right` from each part, so
// `page.tags and page.tags | size != 0` becomes `page.tags and page.tags` (the `| size != 0` is not read).
import type { Context } from 'liquidjs';
import { evaluate, type EvalOptions, type Expr, MethodLiteral, parseConditionExpression, QUOTED_FRAGMENT, StrictParser } from './expression';
import { isEmpty, isNumeric, isPlainObject, LiquidArgumentError, LiquidSyntaxError, num, RubyRange, toS } from './values';

export class Condition {
  childRelation?: 'and' | 'or';
  child?: Condition;
  constructor(readonly left: Expr = null, readonly op?: string, readonly right: Expr = null) {}

  evaluate(ctx: Context, opts: EvalOptions): unknown {
    // eslint-disable-next-line @typescript-eslint/no-this-alias -- walking the chain
    let c: Condition | undefined = this;
    let result: unknown;
    while (c) {
      result = c.interpret(ctx, opts);
      if (c.childRelation === 'or' ? truthy(result) : c.childRelation === 'and' ? !truthy(result) : true) break;
      c = c.child;
    }
    return result;
  }

  protected interpret(ctx: Context, opts: EvalOptions): unknown {
    if (!this.op) return this.left instanceof MethodLiteral ? '' : evaluate(this.left, ctx, opts);
    const l = this.left instanceof MethodLiteral ? this.left : evaluate(this.left, ctx, opts);
    const r = this.right instanceof MethodLiteral ? this.right : evaluate(this.right, ctx, opts);
    return compare(l, this.op, r);
  }
}

export class ElseCondition extends Condition {
  override evaluate(): unknown { return true; }
}

const truthy = (v: unknown) => v !== undefined && v !== null && v !== false;

function rubyEqual(a: unknown, b: unknown): boolean {
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (isNumeric(a) && isNumeric(b)) return num(a) === num(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => rubyEqual(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && rubyEqual(a[k], b[k]));
  }
  if (a instanceof RubyRange && b instanceof RubyRange) return a.first === b.first && a.last === b.last;
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  return a === b;
}

/** `x == empty` asks `x.empty?`; `x == blank` asks `x.blank?`, which plain Ruby (Jekyll's) has on nothing. */
function methodCompare(m: MethodLiteral, v: unknown): unknown {
  if (m.name === 'blank') return null;
  const r = isEmpty(v);
  return r === undefined ? null : r;
}

function className(v: unknown): string {
  if (v === null || v === undefined) return 'nil';
  if (typeof v === 'number') return Number.isInteger(v) ? 'Integer' : 'Float';
  if (isNumeric(v)) return 'Float';
  if (typeof v === 'string') return 'String';
  if (typeof v === 'boolean') return v ? 'TrueClass' : 'FalseClass';
  if (Array.isArray(v)) return 'Array';
  return 'Hash';
}

/** Ruby's comparison of two Liquid values by an operator. */
export function compare(l: unknown, op: string, r: unknown): unknown {
  switch (op) {
    case '==': case '!=': case '<>': {
      let eq: unknown;
      if (l instanceof MethodLiteral) eq = methodCompare(l, r);
      else if (r instanceof MethodLiteral) eq = methodCompare(r, l);
      else eq = rubyEqual(l, r);
      return op === '==' ? eq : !truthy(eq);
    }
    case 'contains': {
      if (!truthy(l) || !truthy(r)) return false;
      if (typeof l === 'string') return l.includes(toS(r));
      if (Array.isArray(l)) return l.some((x) => rubyEqual(x, r));
      if (isPlainObject(l)) return Object.prototype.hasOwnProperty.call(l, toS(r));
      return false;
    }
    case '<': case '>': case '<=': case '>=': {
      if (l instanceof MethodLiteral || r instanceof MethodLiteral) return null;
      const comparable = (isNumeric(l) && isNumeric(r)) || (typeof l === 'string' && typeof r === 'string');
      if (!comparable) {
        // Only numbers and strings have `<`; between the two Ruby raises.
        const ordered = (v: unknown) => isNumeric(v) || typeof v === 'string';
        if (!ordered(l) || !ordered(r)) return null;
        throw new LiquidArgumentError(`comparison of ${className(l)} with ${isNumeric(r) ? toS(r) : className(r)} failed`);
      }
      const a = isNumeric(l) ? num(l) : (l as string);
      const b = isNumeric(r) ? num(r) : (r as string);
      return op === '<' ? a < b : op === '>' ? a > b : op === '<=' ? a <= b : a >= b;
    }
    default: throw new LiquidArgumentError(`Unknown operator ${op}`);
  }
}

// ---- parsing ------------------------------------------------------------------------------------

const SYNTAX = new RegExp(`(${QUOTED_FRAGMENT})\\s*([=!<>a-z_]+)?\\s*(${QUOTED_FRAGMENT})?`);
const EXPRESSIONS_AND_OPERATORS = new RegExp(
  `(?:\\b(?:\\s?and\\s?|\\s?or\\s?)\\b|(?:\\s*(?!\\b(?:\\s?and\\s?|\\s?or\\s?)\\b)(?:${QUOTED_FRAGMENT}|\\S+)\\s*)+)`, 'g');

function condFrom(m: RegExpExecArray): Condition {
  return new Condition(parseConditionExpression(m[1]), m[2], m[3] === undefined ? null : parseConditionExpression(m[3]));
}

/** Ruby's If#lax_parse. */
export function laxCondition(markup: string): Condition {
  const expressions = markup.match(EXPRESSIONS_AND_OPERATORS) ?? [];
  const last = expressions.pop();
  const m = last === undefined ? null : SYNTAX.exec(last);
  if (!m) throw new LiquidSyntaxError('Syntax Error in tag \'if\' - Valid syntax: if [expression]');
  let condition = condFrom(m);
  while (expressions.length) {
    const operator = (expressions.pop() ?? '').trim();
    const part = SYNTAX.exec(expressions.pop() ?? '');
    if (!part) throw new LiquidSyntaxError('Syntax Error in tag \'if\' - Valid syntax: if [expression]');
    const next = condFrom(part);
    if (operator !== 'and' && operator !== 'or') throw new LiquidSyntaxError('Syntax Error in tag \'if\' - Valid syntax: if [expression]');
    next.childRelation = operator;
    next.child = condition;
    condition = next;
  }
  return condition;
}

/** Ruby's If#strict_parse. */
export function strictCondition(markup: string): Condition {
  const p = new StrictParser(markup);
  const comparison = () => {
    const a = parseConditionExpression(p.expression());
    const op = p.consumeIf('comparison');
    return op ? new Condition(a, op, parseConditionExpression(p.expression())) : new Condition(a);
  };
  const first = comparison();
  let cur = first;
  for (let op = p.id('and') || p.id('or'); op; op = p.id('and') || p.id('or')) {
    const child = comparison();
    cur.childRelation = op as 'and' | 'or';
    cur.child = child;
    cur = child;
  }
  p.consume('end_of_string');
  return first;
}
