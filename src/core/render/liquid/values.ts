// Ruby's values as Liquid templates see them: integers and floats are different (`1.0` prints `1.0`,
// `7 | divided_by: 2` is `3`), ranges are values, `nil` prints nothing, an array prints joined.
// A JS number that is not integral is a Float; an integral Float is a RubyFloat (a Number that prints `.0`).

export class RubyFloat extends Number {
  override toString(): string { return floatToS(this.valueOf()); }
  toJSON(): number { return this.valueOf(); }
}

export class RubyRange {
  constructor(readonly first: number, readonly last: number) {}
  toArray(limit = 1e6): number[] {
    const out: number[] = [];
    for (let i = this.first; i <= this.last && out.length < limit; i++) out.push(i);
    return out;
  }
  get size(): number { return Math.max(0, this.last - this.first + 1); }
  toString(): string { return `${this.first}..${this.last}`; }
}

/** A number as Ruby holds it: `float` true for Float. */
export function isFloat(v: unknown): boolean {
  return v instanceof RubyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

export function isNumeric(v: unknown): v is number | RubyFloat {
  return typeof v === 'number' || v instanceof RubyFloat;
}

/** A JS number made a Ruby Float. */
export function float(n: number): number | RubyFloat {
  return Number.isInteger(n) ? new RubyFloat(n) : n;
}

export function num(v: number | RubyFloat): number {
  return typeof v === 'number' ? v : v.valueOf();
}

/** Ruby's Float#to_s. */
export function floatToS(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  const a = Math.abs(n);
  if (a !== 0 && (a >= 1e16 || a < 1e-4)) {
    const [m, e] = n.toExponential().split('e');
    const exp = Number(e);
    return `${m.includes('.') ? m : m + '.0'}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  const s = String(n);
  return s.includes('.') ? s : s + '.0';
}

/** Ruby's `to_s` of a value printed by `{{ }}`. */
export function toS(v: unknown): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatToS(v);
  if (v instanceof RubyFloat) return v.toString();
  if (Array.isArray(v)) return v.map((x) => (Array.isArray(x) ? toS(x) : toS(x))).join('');
  // A Jekyll date prints itself in the site's zone; a bare Date as Ruby prints a Time.
  if (v instanceof Date) return Object.getPrototypeOf(v) === Date.prototype ? rubyTime(v) : String(v);
  if (typeof v === 'object' && isPlainObject(v)) return inspect(v);
  return String(v);
}

function rubyTime(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())} ${sign}${p(Math.floor(Math.abs(off) / 60))}${p(Math.abs(off) % 60)}`;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (!v || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Ruby's `inspect` (Hash and Array `to_s`), as Ruby 3.1 writes it. */
export function inspect(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || v instanceof RubyFloat) return toS(v);
  if (typeof v === 'boolean') return String(v);
  if (Array.isArray(v)) return '[' + v.map(inspect).join(', ') + ']';
  if (v instanceof RubyRange) return v.toString();
  if (isPlainObject(v)) return '{' + Object.entries(v).map(([k, x]) => `${inspect(k)}=>${inspect(x)}`).join(', ') + '}';
  return String(v);
}

/** Liquid truthiness: only nil and false are false. */
export function truthy(v: unknown): boolean {
  return v !== undefined && v !== null && v !== false;
}

/** Ruby's `blank?` (ActiveSupport-like, as Liquid's `blank` literal compares). */
export function isBlank(v: unknown): boolean | undefined {
  if (v === undefined || v === null || v === false) return true;
  if (typeof v === 'string') return /^\s*$/.test(v);
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  if (v === true || isNumeric(v)) return false;
  return undefined;
}

export function isEmpty(v: unknown): boolean | undefined {
  if (typeof v === 'string') return v.length === 0;
  if (Array.isArray(v)) return v.length === 0;
  if (isPlainObject(v)) return Object.keys(v).length === 0;
  return undefined;
}

/** Ruby's `Integer(x.to_s)` (Liquid's Utils.to_integer). */
export function toInteger(v: unknown): number {
  if (typeof v === 'number' && Number.isInteger(v)) return v;
  const s = toS(v).trim();
  if (/^[-+]?\d+(_\d+)*$/.test(s)) return parseInt(s.replace(/_/g, ''), 10);
  if (/^[-+]?0x[0-9a-f]+$/i.test(s)) return parseInt(s, 16);
  throw new LiquidArgumentError('invalid integer');
}

/** Ruby's `String#to_i`. */
export function stringToI(s: string): number {
  const m = /^\s*([-+]?\d+(?:_\d+)*)/.exec(s);
  return m ? parseInt(m[1].replace(/_/g, ''), 10) : 0;
}

/** Liquid's Utils.to_number: integers stay integers, `"1.5"` is a (decimal) Float, other strings `to_i`. */
export function toNumber(v: unknown): number | RubyFloat {
  if (isNumeric(v)) return v;
  if (typeof v === 'string') return /^-?\d+\.\d+$/.test(v.trim()) ? float(parseFloat(v.trim())) : stringToI(v);
  if (v instanceof Date) return Math.floor(v.getTime() / 1000);
  return 0;
}

export class LiquidArgumentError extends Error {
  readonly liquidKind = 'error';
}

export class LiquidSyntaxError extends Error {
  readonly liquidKind = 'syntax';
}

export class UndefinedVariableError extends Error {
  readonly liquidKind = 'error';
}

export class UndefinedFilterError extends Error {
  readonly liquidKind = 'error';
}
