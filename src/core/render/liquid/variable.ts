// `{{ name | filter: arg, key: value }}` as Ruby Liquid parses it: strictly first, and when that fails
// (in `lax` and `warn` mode) with Ruby's lax regular expressions, which take what they can and drop the rest.
import type { Context, Liquid } from 'liquidjs';
import { evaluate, type Expr, parseExpression, QUOTED_FRAGMENT, StrictParser, TAG_ATTRIBUTES } from './expression';
import { inspect, isPlainObject, LiquidSyntaxError, RubyRange, toS, UndefinedFilterError } from './values';

export type ErrorMode = 'lax' | 'warn' | 'strict';

/** What parsing and rendering follow: the site's `liquid:` settings. */
export interface LiquidRuntime {
  engine: Liquid;
  errorMode: ErrorMode;
  strictFilters: boolean;
  strictVariables: boolean;
  /** Parse warnings of `warn` mode (markup Ruby Liquid also only warns about). */
  warn(message: string): void;
}

interface FilterCall { name: string; args: Expr[]; kwargs?: Array<[string, Expr]> }

const MARKUP_WITH_QUOTED_FRAGMENT = new RegExp(`(${QUOTED_FRAGMENT})([\\s\\S]*)`);
const FILTER_MARKUP = /\|\s*([\s\S]*)/;
const FILTER_PARSER = new RegExp(`(?:\\s+|${QUOTED_FRAGMENT}|,)+`, 'g');
const FILTER_ARGS = new RegExp(`(?::|,)\\s*((?:\\w+\\s*:\\s*)?${QUOTED_FRAGMENT})`, 'g');
const JUST_TAG_ATTRIBUTES = new RegExp(`^${TAG_ATTRIBUTES}$`);

/** Strict first; on a syntax error `strict` mode throws, the others parse laxly (Ruby 5.4's Variable). */
export function parseWithFallback<T>(markup: string, rt: LiquidRuntime, strict: (m: string) => T, lax: (m: string) => T, context: string): T {
  try {
    return strict(markup);
  } catch (e) {
    if (!(e instanceof LiquidSyntaxError) || rt.errorMode === 'strict') throw e;
    if (rt.errorMode === 'warn') rt.warn(`${e.message} ${context}`);
    return lax(markup);
  }
}

/** Ruby's parse_with_selected_parser (tags): lax only in `lax`, strict then lax in `warn`. */
export function parseSelected<T>(markup: string, rt: LiquidRuntime, strict: (m: string) => T, lax: (m: string) => T, context: string): T {
  if (rt.errorMode === 'lax') return lax(markup);
  return parseWithFallback(markup, rt, strict, lax, context);
}

export class Variable {
  name: Expr = null;
  filters: FilterCall[] = [];

  constructor(readonly markup: string, private readonly rt: LiquidRuntime) {
    parseWithFallback(markup, rt, (m) => this.strictParse(m), (m) => this.laxParse(m), `in "{{${markup}}}"`);
  }

  private laxParse(markup: string): void {
    this.filters = [];
    this.name = null;
    const m = MARKUP_WITH_QUOTED_FRAGMENT.exec(markup);
    if (!m) return;
    this.name = parseExpression(m[1]);
    const f = FILTER_MARKUP.exec(m[2]);
    if (!f) return;
    for (const part of f[1].match(FILTER_PARSER) ?? []) {
      const n = /\w+/.exec(part);
      if (!n) continue;
      const args = [...part.matchAll(FILTER_ARGS)].map((a) => a[1]);
      this.filters.push(filterCall(n[0], args));
    }
  }

  private strictParse(markup: string): void {
    this.filters = [];
    this.name = null;
    const p = new StrictParser(markup);
    if (p.look('end_of_string')) return;
    const name = parseExpression(p.expression());
    const filters: FilterCall[] = [];
    while (p.consumeIf('pipe')) {
      const fname = p.consume('id');
      const args: string[] = [];
      if (p.consumeIf('colon')) {
        args.push(p.argument());
        while (p.consumeIf('comma')) args.push(p.argument());
      }
      filters.push(filterCall(fname, args));
    }
    p.consume('end_of_string');
    this.name = name;
    this.filters = filters;
  }

  /** The value (generators from liquidjs filters are yielded to its runner). */
  *value(ctx: Context): Generator<unknown, unknown, unknown> {
    const opts = { strictVariables: this.rt.strictVariables };
    let v: unknown = evaluate(this.name, ctx, opts);
    for (const f of this.filters) {
      const args: unknown[] = f.args.map((a) => evaluate(a, ctx, opts));
      if (f.kwargs) for (const [k, e] of f.kwargs) args.push([k, evaluate(e, ctx, opts)]);
      v = yield* invokeFilter(this.rt, ctx, f.name, v, args);
    }
    return v;
  }
}

function filterCall(name: string, unparsed: string[]): FilterCall {
  const args: Expr[] = [];
  let kwargs: Array<[string, Expr]> | undefined;
  for (const a of unparsed) {
    const m = JUST_TAG_ATTRIBUTES.exec(a);
    if (m) (kwargs ??= []).push([m[1], parseExpression(m[2])]);
    else args.push(parseExpression(a));
  }
  return { name, args, kwargs };
}

/** Calls a filter (ours or liquidjs's); an unknown filter returns its input unless `strict_filters`. */
export function* invokeFilter(rt: LiquidRuntime, ctx: Context, name: string, input: unknown, args: unknown[]): Generator<unknown, unknown, unknown> {
  const impl = rt.engine.filters[name];
  if (!impl) {
    if (rt.strictFilters) throw new UndefinedFilterError(`undefined filter ${name}`);
    return input;
  }
  const handler = (typeof impl === 'function' ? impl : impl.handler) as (...a: unknown[]) => unknown;
  const toJs = (v: unknown) => (v instanceof RubyRange ? v.toArray() : v);
  // Ruby's string filters take `input.to_s` (an array as `["a", "b"]`, a hash as `{"k"=>"v"}`).
  const str = STRING_FILTERS.has(name);
  const first = str ? (input === null || input === undefined ? input : rubyToS(input)) : toJs(input);
  const rest = str && STRING_ARGS.has(name) ? args.map((a) => (a === null || a === undefined || Array.isArray(a) && a.length === 2 && typeof a[0] === 'string' ? a : rubyToS(a))) : args.map(toJs);
  let out = handler.apply({ context: ctx, liquid: rt.engine, token: { name, args: [] } }, [first, ...rest]);
  if (out && typeof out === 'object' && (typeof (out as Iterator<unknown>).next === 'function' || typeof (out as Promise<unknown>).then === 'function')) out = yield out;
  return out;
}

const STRING_FILTERS = new Set(['downcase', 'upcase', 'capitalize', 'escape', 'h', 'escape_once', 'url_encode', 'url_decode', 'base64_encode',
  'base64_decode', 'base64_url_safe_encode', 'base64_url_safe_decode', 'strip', 'lstrip', 'rstrip', 'strip_html', 'strip_newlines', 'newline_to_br',
  'replace', 'replace_first', 'replace_last', 'remove', 'remove_first', 'remove_last', 'append', 'prepend', 'truncate', 'truncatewords']);
/** String filters whose arguments are strings too (`append: 1` appends "1"). */
const STRING_ARGS = new Set(['replace', 'replace_first', 'replace_last', 'remove', 'remove_first', 'remove_last', 'append', 'prepend']);

/** Ruby's `to_s`: like printing, except that arrays and hashes show as Ruby writes them. */
export function rubyToS(v: unknown): string {
  if (Array.isArray(v) || isPlainObject(v)) return inspect(v);
  return toS(v);
}
