// Liquid expressions as Ruby Liquid 5.4 reads them: literals, `a.b[c].size`, ranges `(1..n)`. Both the
// strict lexer/parser (tried first in `warn` mode) and the lax regular expressions live here.
import { Drop, type Context } from 'liquidjs';
import { float, isNumeric, isPlainObject, LiquidSyntaxError, RubyFloat, RubyRange, stringToI, toInteger, toS, UndefinedVariableError } from './values';

// Ruby Liquid's regular expressions (lib/liquid.rb), in JS syntax.
const QS = `"[^"]*"|'[^']*'`;
export const QUOTED_FRAGMENT = `(?:${QS}|(?:[^\\s,|'"]|${QS})+)`;
export const TAG_ATTRIBUTES = `(\\w[\\w-]*)\\s*:\\s*(${QUOTED_FRAGMENT})`;
export const VARIABLE_SIGNATURE = `\\(?[\\w\\-.[\\]]\\)?`;
const VARIABLE_PARSER = /\[[^\]]+\]|[\w-]+\??/g;

export type Expr = null | string | number | boolean | RubyFloat | RubyRange | Lookup | RangeExpr | MethodLiteral;

export class MethodLiteral {
  constructor(readonly name: 'blank' | 'empty') {}
  toString(): string { return ''; }
}

export class Lookup {
  /** `name` is a string, or an expression for `[expr]` at the start. */
  constructor(readonly name: Expr, readonly lookups: Expr[], readonly commands: boolean[]) {}
}

export class RangeExpr {
  constructor(readonly start: Expr, readonly end: Expr) {}
}

const LITERALS: Record<string, Expr> = { nil: null, null: null, '': null, true: true, false: false, blank: '', empty: '' };

/** Ruby's Expression.parse. */
export function parseExpression(markup: string | undefined | null): Expr {
  if (markup === undefined || markup === null) return null;
  const m = markup.trim();
  if (m.length >= 2 && ((m.startsWith('"') && m.endsWith('"')) || (m.startsWith("'") && m.endsWith("'")))) return m.slice(1, -1);
  if (/^-?\d+$/.test(m)) return parseInt(m, 10);
  const range = /^\(\s*(\S+)\s*\.\.\s*(\S+)\s*\)$/.exec(m);
  if (range) {
    const a = parseExpression(range[1]);
    const b = parseExpression(range[2]);
    if (isExpr(a) || isExpr(b)) return new RangeExpr(a, b);
    return new RubyRange(rangeInt(a), rangeInt(b));
  }
  const f = /^(-?\d[\d.]+)$/.exec(m);
  if (f) return float(parseFloat(f[1]));
  if (Object.prototype.hasOwnProperty.call(LITERALS, m)) return LITERALS[m];
  return parseLookup(m);
}

function isExpr(e: Expr): boolean {
  return e instanceof Lookup || e instanceof RangeExpr;
}

function rangeInt(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  if (v === null || v === undefined) return 0;
  if (typeof v === 'string') return stringToI(v);
  if (v instanceof RubyFloat || typeof v === 'number') return Math.trunc(Number(v));
  return toInteger(v);
}

export function parseLookup(markup: string): Lookup {
  const parts = markup.match(VARIABLE_PARSER) ?? [];
  let name: Expr = parts.shift() ?? null;
  if (typeof name === 'string' && name.startsWith('[') && name.endsWith(']')) name = parseExpression(name.slice(1, -1));
  const lookups: Expr[] = [];
  const commands: boolean[] = [];
  for (const p of parts) {
    if (p.startsWith('[') && p.endsWith(']')) { lookups.push(parseExpression(p.slice(1, -1))); commands.push(false); } else {
      lookups.push(p);
      commands.push(p === 'size' || p === 'first' || p === 'last');
    }
  }
  return new Lookup(name, lookups, commands);
}

/** A condition's operand: `blank` and `empty` compare as methods. */
export function parseConditionExpression(markup: string | undefined): Expr {
  const m = markup?.trim();
  if (m === 'blank' || m === 'empty') return new MethodLiteral(m);
  return parseExpression(markup);
}

// ---- evaluation --------------------------------------------------------------------------------

export interface EvalOptions { strictVariables: boolean }

export function evaluate(e: Expr, ctx: Context, opts: EvalOptions): unknown {
  if (e instanceof Lookup) return evaluateLookup(e, ctx, opts);
  if (e instanceof RangeExpr) return new RubyRange(rangeInt(evaluate(e.start, ctx, opts)), rangeInt(evaluate(e.end, ctx, opts)));
  return e;
}

type Scopes = { scopes: Array<Record<string, unknown>>; environments: Record<string, unknown>; globals: Record<string, unknown> };

const has = (o: unknown, k: string) => o !== null && typeof o === 'object' && Object.prototype.hasOwnProperty.call(o, k);

/** Ruby's find_variable: innermost scope first, then the environments. */
export function findVariable(ctx: Context, key: unknown, opts: EvalOptions): unknown {
  const s = ctx as unknown as Scopes;
  const k = typeof key === 'string' ? key : toS(key);
  for (let i = s.scopes.length - 1; i >= 0; i--) if (has(s.scopes[i], k)) return toLiquid(s.scopes[i][k]);
  for (const env of [s.environments, s.globals]) {
    if (env && has(env, k)) { const v = env[k]; if (v !== undefined && v !== null) return toLiquid(v); }
  }
  if (opts.strictVariables) throw new UndefinedVariableError(`undefined variable ${k}`);
  return null;
}

export function toLiquid(v: unknown): unknown {
  if (v && typeof v === 'object' && typeof (v as { toLiquid?: unknown }).toLiquid === 'function') return (v as { toLiquid(): unknown }).toLiquid();
  return v;
}

function evaluateLookup(e: Lookup, ctx: Context, opts: EvalOptions): unknown {
  const name = evaluate(e.name, ctx, opts);
  let obj = findVariable(ctx, name, opts);
  for (let i = 0; i < e.lookups.length; i++) {
    const key = evaluate(e.lookups[i], ctx, opts);
    const r = readKey(ctx, obj, key, e.commands[i]);
    if (r.found) obj = toLiquid(r.value);
    else {
      if (opts.strictVariables) throw new UndefinedVariableError(`undefined variable ${toS(key)}`);
      return null;
    }
  }
  return obj;
}

/** One `.key` / `[key]` step the way Ruby's VariableLookup takes it. */
export function readKey(ctx: Context, obj: unknown, key: unknown, command: boolean): { found: boolean; value?: unknown } {
  if (Array.isArray(obj)) {
    if (typeof key === 'number' && Number.isInteger(key)) return { found: true, value: obj[key < 0 ? obj.length + key : key] };
    if (command) return { found: true, value: key === 'size' ? obj.length : key === 'first' ? obj[0] : obj[obj.length - 1] };
    return { found: false };
  }
  if (obj instanceof RubyRange) {
    if (command) return { found: true, value: key === 'size' ? obj.size : key === 'first' ? obj.first : obj.last };
    return { found: false };
  }
  if (typeof obj === 'string') {
    if (command && key === 'size') return { found: true, value: [...obj].length };
    return { found: false };
  }
  if (isNumeric(obj)) {
    // Integer#size is its byte width in Ruby.
    if (command && key === 'size' && typeof obj === 'number' && Number.isInteger(obj)) return { found: true, value: 8 };
    return { found: false };
  }
  if (obj === null || obj === undefined || typeof obj !== 'object') return { found: false };
  const k = typeof key === 'string' ? key : isNumeric(key) ? toS(key) : key === null || key === undefined ? '' : toS(key);
  if (isPlainObject(obj)) {
    if (has(obj, k)) return { found: true, value: obj[k] };
    if (command && k === 'size') return { found: true, value: Object.keys(obj).length };
    if (command && k === 'first') { const first = Object.entries(obj)[0]; return { found: true, value: first ? [first[0], first[1]] : null }; }
    return { found: false };
  }
  if (obj instanceof Map) {
    if (obj.has(k)) return { found: true, value: obj.get(k) };
    if (command && k === 'size') return { found: true, value: obj.size };
    return { found: false };
  }
  if (obj instanceof Drop || typeof (obj as { liquidMethodMissing?: unknown }).liquidMethodMissing === 'function') {
    const v = ctx.readProperty(obj as Record<string, unknown>, k);
    return { found: v !== undefined, value: v };
  }
  // Class instances (dates, site objects): own properties and getters, never methods.
  if (has(obj, k)) return { found: true, value: (obj as Record<string, unknown>)[k] };
  if (k in (obj as object) && k !== 'constructor') {
    const v = (obj as Record<string, unknown>)[k];
    if (typeof v !== 'function') return { found: true, value: v };
  }
  return { found: false };
}

// ---- the strict lexer and parser (Liquid::Lexer / Liquid::Parser) -------------------------------

type TokType = 'comparison' | 'string' | 'number' | 'id' | 'dotdot' | 'pipe' | 'dot' | 'colon' | 'comma' | 'open_square' | 'close_square' | 'open_round' | 'close_round' | 'question' | 'dash' | 'end_of_string';
type Tok = [TokType, string];
const SPECIALS: Record<string, TokType> = { '|': 'pipe', '.': 'dot', ':': 'colon', ',': 'comma', '[': 'open_square', ']': 'close_square', '(': 'open_round', ')': 'close_round', '?': 'question', '-': 'dash' };
const LEX: Array<[TokType, RegExp]> = [
  ['comparison', /==|!=|<>|<=?|>=?|contains(?=\s)/y],
  ['string', /'[^']*'/y],
  ['string', /"[^"]*"/y],
  ['number', /-?\d+(\.\d+)?/y],
  ['id', /[a-zA-Z_][\w-]*\??/y],
  ['dotdot', /\.\./y],
];

const WS = /\s*/y;

export function lex(input: string): Tok[] {
  const out: Tok[] = [];
  let p = 0;
  const ws = WS;
  while (p < input.length) {
    ws.lastIndex = p;
    ws.exec(input);
    p = ws.lastIndex;
    if (p >= input.length) break;
    let tok: Tok | undefined;
    for (const [type, re] of LEX) {
      re.lastIndex = p;
      const m = re.exec(input);
      if (m) { tok = [type, m[0]]; p = re.lastIndex; break; }
    }
    if (!tok) {
      const c = input[p++];
      const s = SPECIALS[c];
      if (!s) throw new LiquidSyntaxError(`Unexpected character ${c}`);
      tok = [s, c];
    }
    out.push(tok);
  }
  out.push(['end_of_string', '']);
  return out;
}

export class StrictParser {
  private readonly tokens: Tok[];
  private p = 0;
  constructor(input: string) { this.tokens = lex(input); }

  consume(type?: TokType): string {
    const t = this.tokens[this.p];
    if (type && t[0] !== type) throw new LiquidSyntaxError(`Expected ${type} but found ${t[0]}`);
    this.p++;
    return t[1];
  }
  consumeIf(type: TokType): string | false {
    const t = this.tokens[this.p];
    if (!t || t[0] !== type) return false;
    this.p++;
    return t[1];
  }
  id(str: string): string | false {
    const t = this.tokens[this.p];
    if (!t || t[0] !== 'id' || t[1] !== str) return false;
    this.p++;
    return t[1];
  }
  look(type: TokType, ahead = 0): boolean {
    const t = this.tokens[this.p + ahead];
    return !!t && t[0] === type;
  }
  expression(): string {
    const t = this.tokens[this.p];
    switch (t[0]) {
      case 'id': return this.consume() + this.variableLookups();
      case 'open_square': { const s = this.consume() + this.expression() + this.consume('close_square'); return s + this.variableLookups(); }
      case 'string': case 'number': return this.consume();
      case 'open_round': {
        this.consume();
        const first = this.expression();
        this.consume('dotdot');
        const last = this.expression();
        this.consume('close_round');
        return `(${first}..${last})`;
      }
      default: throw new LiquidSyntaxError(`${t[0] === 'end_of_string' ? '[:end_of_string]' : `[:${t[0]}, "${t[1]}"]`} is not a valid expression`);
    }
  }
  argument(): string {
    let s = '';
    if (this.look('id') && this.look('colon', 1)) s += this.consume() + this.consume() + ' ';
    return s + this.expression();
  }
  variableLookups(): string {
    let s = '';
    for (;;) {
      if (this.look('open_square')) s += this.consume() + this.expression() + this.consume('close_square');
      else if (this.look('dot')) s += this.consume() + this.consume('id');
      else return s;
    }
  }
}
