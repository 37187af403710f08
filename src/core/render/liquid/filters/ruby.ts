// Liquid's standard filters whose results depend on Ruby's numbers and objects: integer division,
// `round`, numeric strings, `nil` arithmetic, `1.0` floats, `size` of a hash, `default: x, allow_false: true`.
import type { Liquid } from 'liquidjs';
import { RubyRange, float, inspect, isFloat, isNumeric, isPlainObject, LiquidArgumentError, num, type RubyFloat, toInteger, toNumber, toS, truthy } from '../values';

type N = number | RubyFloat;

class ZeroDivisionError extends Error {}

/** `a op b` with Ruby's Integer/Float rules. */
function operate(a: N, b: N, op: '+' | '-' | '*' | '/' | '%'): N {
  const fl = isFloat(a) || isFloat(b);
  const x = num(a);
  const y = num(b);
  if (!fl) {
    switch (op) {
      case '+': return x + y;
      case '-': return x - y;
      case '*': return x * y;
      case '/': if (y === 0) throw new ZeroDivisionError('divided by 0'); return Math.floor(x / y);
      case '%': if (y === 0) throw new ZeroDivisionError('divided by 0'); return x - y * Math.floor(x / y);
    }
  }
  let r: number;
  switch (op) {
    case '+': r = decimal(x + y, x, y); break;
    case '-': r = decimal(x - y, x, y); break;
    case '*': r = decimal(x * y, x, y); break;
    case '/': r = x / y; break;
    case '%': if (y === 0) throw new ZeroDivisionError('divided by 0'); r = x - y * Math.floor(x / y); r = decimal(r, x, y); break;
  }
  return float(r);
}

/** Liquid computes with BigDecimal: `0.1 + 0.2` is `0.3`. Rounds to the operands' decimals. */
function decimal(r: number, x: number, y: number): number {
  const places = (n: number) => { const s = String(n); const i = s.indexOf('.'); return i < 0 || s.includes('e') ? 0 : s.length - i - 1; };
  const p = Math.min(15, places(x) + places(y));
  return Number.isFinite(r) ? Number(r.toFixed(p)) : r;
}

function rubyRound(x: number, digits: number): number {
  const f = Math.pow(10, digits);
  const v = Math.abs(x) * f;
  const r = Math.floor(v + 0.5 + 1e-9 * (v < 1e6 ? 1 : 0));
  return Math.sign(x) * r / f;
}

/** Jekyll's xml_escape of what `inspect` returns (`"` as `&quot;`, `'` kept). */
function escapeInspect(s: string): string {
  return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);
}

function base64(s: string): string {
  let bin = '';
  for (const b of new TextEncoder().encode(s)) bin += String.fromCharCode(b);
  return btoa(bin);
}

export function registerRubyFilters(engine: Liquid): void {
  const op = (o: '+' | '-' | '*' | '/' | '%') => (a: unknown, b: unknown) => operate(toNumber(a), toNumber(b), o);
  engine.registerFilter('plus', op('+'));
  engine.registerFilter('minus', op('-'));
  engine.registerFilter('times', op('*'));
  engine.registerFilter('divided_by', op('/'));
  engine.registerFilter('modulo', op('%'));
  engine.registerFilter('abs', (a: unknown) => { const n = toNumber(a); return isFloat(n) ? float(Math.abs(num(n))) : Math.abs(num(n)); });
  engine.registerFilter('ceil', (a: unknown) => { const n = num(toNumber(a)); if (!Number.isFinite(n)) throw new LiquidArgumentError(String(n)); return Math.ceil(n); });
  engine.registerFilter('floor', (a: unknown) => { const n = num(toNumber(a)); if (!Number.isFinite(n)) throw new LiquidArgumentError(String(n)); return Math.floor(n); });
  engine.registerFilter('round', (a: unknown, digits: unknown = 0) => {
    const n = toNumber(a);
    const d = num(toNumber(digits));
    if (!Number.isFinite(num(n))) { if (d === 0) throw new LiquidArgumentError(String(num(n))); return n; }
    if (!isFloat(n)) return d >= 0 ? num(n) : rubyRound(num(n), Math.trunc(d));
    const r = rubyRound(num(n), Math.trunc(d));
    return d === 0 || digits === 0 ? Math.trunc(r) : d < 0 ? Math.trunc(r) : float(r);
  });
  const clamp = (min: boolean) => (a: unknown, b: unknown) => {
    const x = toNumber(a);
    const y = toNumber(b);
    return (min ? num(y) > num(x) : num(y) < num(x)) ? y : x;
  };
  engine.registerFilter('at_least', clamp(true));
  engine.registerFilter('at_most', clamp(false));
  engine.registerFilter('size', (v: unknown) => {
    if (typeof v === 'string') return [...v].length;
    if (Array.isArray(v)) return v.length;
    if (v instanceof RubyRange) return v.size;
    if (isPlainObject(v)) return Object.prototype.hasOwnProperty.call(v, 'size') ? v.size : Object.keys(v).length;
    if (typeof v === 'number' && Number.isInteger(v)) return 8;
    if (v && typeof v === 'object' && 'size' in v) return (v as { size: unknown }).size;
    return 0;
  });
  engine.registerFilter('first', (v: unknown) => (Array.isArray(v) ? v[0] : isPlainObject(v) ? (Object.entries(v)[0] ?? null) : null));
  engine.registerFilter('last', (v: unknown) => (Array.isArray(v) ? v[v.length - 1] : null));
  engine.registerFilter('join', (v: unknown, glue: unknown = ' ') => {
    const items = Array.isArray(v) ? v.flat(Infinity) : v === null || v === undefined ? [] : [v];
    return items.map((x) => toS(x)).join(toS(glue));
  });
  engine.registerFilter('default', (v: unknown, fallback: unknown = '', ...opts: unknown[]) => {
    const allowFalse = opts.some((o) => Array.isArray(o) && o[0] === 'allow_false' && truthy(o[1]));
    const missing = allowFalse ? v === null || v === undefined : !truthy(v);
    const empty = (typeof v === 'string' || Array.isArray(v)) ? v.length === 0 : isPlainObject(v) ? Object.keys(v).length === 0 : false;
    return missing || empty ? fallback : v;
  });
  engine.registerFilter('truncate', (v: unknown, length: unknown = 50, ellipsis: unknown = '...') => {
    if (v === null || v === undefined) return null;
    const chars = [...toS(v)];
    const n = toInteger(length);
    const tail = toS(ellipsis);
    const keep = Math.max(0, n - [...tail].length);
    return chars.length > n ? chars.slice(0, keep).join('') + tail : chars.join('');
  });
  engine.registerFilter('truncatewords', (v: unknown, count: unknown = 15, ellipsis: unknown = '...') => {
    if (v === null || v === undefined) return null;
    const input = toS(v);
    let n = toInteger(count);
    if (n <= 0) n = 1;
    // Ruby's split(" ") splits at ASCII whitespace only.
    const words = input.replace(/^[ \t\n\v\f\r]+/, '').split(/[ \t\n\v\f\r]+/).filter((w, i, a) => w !== '' || i < a.length - 1);
    if (words.length <= n) return input;
    return words.slice(0, n).join(' ') + toS(ellipsis);
  });
  // Filters liquidjs has that neither Liquid 5.4 nor Jekyll does: there, an unknown filter returns its input.
  for (const name of ['sum', 'reject', 'reject_exp', 'has', 'has_exp', 'find_index', 'find_index_exp', 'squish', 'sha256', 'hmac_sha256', 'json']) {
    delete (engine.filters as Record<string, unknown>)[name];
  }
  // CGI.escapeHTML: `"` is `&quot;` (liquidjs writes `&#34;`).
  const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
  const escape = (v: unknown) => (v === null || v === undefined ? v : toS(v).replace(/[&<>"']/g, (c) => ESC[c]));
  engine.registerFilter('escape', escape);
  engine.registerFilter('h', escape);
  engine.registerFilter('escape_once', (v: unknown) => toS(v).replace(/["><']|&(?!([a-zA-Z]+|(#\d+));)/g, (c) => ESC[c]));
  const gsub = (s: string, search: string, by: string) => (search === '' ? by + [...s].join(by) + (s ? by : '') : s.split(search).join(by));
  engine.registerFilter('replace', (v: unknown, a: unknown = '', b: unknown = '') => gsub(toS(v), toS(a), toS(b)));
  engine.registerFilter('replace_first', (v: unknown, a: unknown = '', b: unknown = '') => {
    const s = toS(v);
    const i = s.indexOf(toS(a));
    return i < 0 ? s : s.slice(0, i) + toS(b) + s.slice(i + toS(a).length);
  });
  engine.registerFilter('slice', (v: unknown, offset: unknown, length?: unknown) => {
    const o = toInteger(offset);
    const n = length === undefined || length === null ? 1 : toInteger(length);
    const items: unknown[] = Array.isArray(v) ? v : [...toS(v)];
    const start = o < 0 ? items.length + o : o;
    const out = start < 0 || start > items.length || n < 0 ? [] : items.slice(start, start + n);
    return Array.isArray(v) ? out : out.join('');
  });
  /** Liquid's InputIterator: arrays flattened, a hash as one item, nil as none, anything else as itself. */
  const iterate = (v: unknown): unknown[] => (Array.isArray(v) ? v.flat(Infinity) : v === null || v === undefined ? [] : v instanceof RubyRange ? v.toArray() : [v]);
  const property = (e: unknown, p: string): unknown => {
    if (isPlainObject(e)) return e[p];
    if (Array.isArray(e)) return null;
    if (typeof e === 'string') return e.includes(p) ? p : null;
    if (e && typeof e === 'object' && p in e) return (e as Record<string, unknown>)[p];
    if (e === null || e === undefined || typeof e === 'boolean') return null;
    throw new LiquidArgumentError(`cannot select the property '${p}'`);
  };
  engine.registerFilter('map', (v: unknown, p: unknown) => iterate(v).map((e) => (toS(p) === 'to_liquid' ? e : property(e, toS(p)))));
  engine.registerFilter('compact', (v: unknown, p?: unknown) => {
    const items = iterate(v);
    return p === undefined || p === null ? items.filter((e) => e !== null && e !== undefined) : items.filter((e) => { const x = property(e, toS(p)); return x !== null && x !== undefined; });
  });
  engine.registerFilter('base64_url_safe_encode', (v: unknown) => base64(toS(v)).replace(/\+/g, '-').replace(/\//g, '_'));
  engine.registerFilter('base64_url_safe_decode', (v: unknown) => {
    const s = toS(v);
    if (!/^[A-Za-z0-9_=-]*$/.test(s) || s.replace(/=+$/, '').length % 4 === 1) throw new LiquidArgumentError('invalid base64 provided to base64_url_safe_decode');
    const bin = atob(s.replace(/-/g, '+').replace(/_/g, '/').replace(/=+$/, '') + '='.repeat((4 - (s.replace(/=+$/, '').length % 4)) % 4));
    return new TextDecoder().decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
  });
  engine.registerFilter('strip_html', (v: unknown) => toS(v).replace(/<script[\s\S]*?<\/script>/g, '').replace(/<!--[\s\S]*?-->/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[\s\S]*?>/g, ''));
  // Jekyll's `sort` on a hash (`site.tags | sort`) is Ruby's Hash#sort: [key, value] pairs by key.
  const sort = engine.filters.sort;
  const sortImpl = sort && ((typeof sort === 'function' ? sort : sort.handler) as (this: unknown, ...a: unknown[]) => unknown);
  if (sortImpl) {
    engine.registerFilter('sort', function (this: unknown, v: unknown, ...rest: unknown[]) {
      if (isPlainObject(v) && rest[0] === undefined) return Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, x]);
      return sortImpl.call(this, v, ...rest);
    });
  }
  // Jekyll's `inspect`: Ruby's inspect (`["a", "b"]`, `nil`).
  engine.registerFilter('inspect', (v: unknown) => escapeInspect(inspect(v)));
  engine.registerFilter('to_integer', (v: unknown) => (isNumeric(v) ? Math.trunc(num(v)) : num(toNumber(v))));
}
