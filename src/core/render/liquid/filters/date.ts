// Liquid's `date` as Ruby runs it: the input becomes a Ruby Time (a Time stays, `now`/`today`, epoch
// seconds, or `Time.parse` of a string, keeping the string's own UTC offset) and is formatted by Ruby's
// strftime (flags `-_0^#`, widths, `%-d`, `%e`, `%V`/`%G`, `%:z`, `%c`/`%x`/`%X`…). An empty format or an
// unreadable input gives back the input. Times without an offset are in the site's `timezone` (else UTC).
import { zoneOffsetMinutes } from '../../../text/time';
import { toS } from '../values';

/** A Ruby Time: an instant and the UTC offset it is shown in. */
export interface RubyTime { ms: number; offset: number; zoneName?: string }

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const MONTH_INDEX = new Map(MONTHS.flatMap((m, i) => [[m.toLowerCase(), i], [m.slice(0, 3).toLowerCase(), i]]));

function offsetIn(zone: string | undefined, ms: number): number {
  return (zone ? zoneOffsetMinutes(zone, ms) : 0) ?? 0;
}

/** Wall-clock parts read in `zone` → the instant. */
function wallToMs(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: number, zone?: string): number {
  const wall = Date.UTC(y, mo, d, h, mi, s) + frac;
  let off = offsetIn(zone, wall);
  off = offsetIn(zone, wall - off * 60000);
  return wall - off * 60000;
}

const ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T\s]+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$/i;
const WORDY = /^\s*(?:[A-Za-z]{3,9},?\s+)?(?:(\d{1,2})\s+([A-Za-z]{3,9})|([A-Za-z]{3,9})\s+(\d{1,2}),?)\s+(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?\s*$/;

/** Ruby's Time#to_s of old, `Fri Jul 16 01:00:00 2004`. */
const CTIME = /^\s*[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})\s*$/;

function zoneOf(z: string | undefined): number | undefined {
  if (!z) return undefined;
  if (/^(Z|UTC|GMT)$/i.test(z)) return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(z);
  return m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3])) : undefined;
}

function fromParts(y: number, mo: number, d: number, h: number, mi: number, s: number, frac: number, z: string | undefined, zone?: string): RubyTime {
  const fixed = zoneOf(z);
  if (fixed !== undefined) return { ms: Date.UTC(y, mo, d, h, mi, s) + frac - fixed * 60000, offset: fixed, zoneName: /^(Z|UTC|GMT)$/i.test(z ?? '') ? 'UTC' : undefined };
  const ms = wallToMs(y, mo, d, h, mi, s, frac, zone);
  return { ms, offset: offsetIn(zone, ms) };
}

/** Liquid's Utils.to_date; undefined when Ruby would give nil. */
export function toRubyTime(input: unknown, zone: string | undefined, now: () => number = Date.now): RubyTime | undefined {
  if (input instanceof Date) {
    const ms = input.getTime();
    if (Number.isNaN(ms)) return undefined;
    const z = (input as { timeZone?: string }).timeZone ?? zone;
    return { ms, offset: offsetIn(z, ms) };
  }
  if (typeof input === 'number' && Number.isFinite(input)) {
    const ms = Math.trunc(input) * 1000;
    return { ms, offset: offsetIn(zone, ms) };
  }
  if (typeof input !== 'string' || input === '') return undefined;
  const s = input.toLowerCase();
  if (s === 'now' || s === 'today') { const ms = now(); return { ms, offset: offsetIn(zone, ms) }; }
  if (/^\d+$/.test(s)) { const ms = Number(s) * 1000; return { ms, offset: offsetIn(zone, ms) }; }
  const iso = ISO.exec(input);
  if (iso) {
    const frac = iso[7] ? Math.floor(Number(`0.${iso[7]}`) * 1000) : 0;
    return fromParts(+iso[1], +iso[2] - 1, +iso[3], +(iso[4] ?? 0), +(iso[5] ?? 0), +(iso[6] ?? 0), frac, iso[8], zone);
  }
  const c = CTIME.exec(input);
  if (c) {
    const month = MONTH_INDEX.get(c[1].toLowerCase());
    if (month !== undefined) return fromParts(+c[6], month, +c[2], +c[3], +c[4], +c[5], 0, undefined, zone);
  }
  const w = WORDY.exec(input);
  if (w) {
    const month = MONTH_INDEX.get((w[2] ?? w[3]).toLowerCase());
    if (month === undefined) return undefined;
    return fromParts(+w[5], month, +(w[1] ?? w[4]), +(w[6] ?? 0), +(w[7] ?? 0), +(w[8] ?? 0), 0, w[9], zone);
  }
  return undefined;
}

/** ISO 8601 week-based year and week of a UTC-wall date. */
function isoWeek(d: Date): { year: number; week: number } {
  const t = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  const day = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - day);
  const yearStart = Date.UTC(t.getUTCFullYear(), 0, 1);
  return { year: t.getUTCFullYear(), week: Math.ceil(((t.getTime() - yearStart) / 86400000 + 1) / 7) };
}

function weekOfYear(d: Date, firstDay: 0 | 1): number {
  const yday = Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000);
  const wday = (d.getUTCDay() + 7 - firstDay) % 7;
  return Math.floor((yday + 7 - wday) / 7);
}

/** Ruby's Time#strftime. */
export function strftime(t: RubyTime, format: string): string {
  const d = new Date(t.ms + t.offset * 60000);
  const off = t.offset;
  const offStr = (colon: boolean) => `${off < 0 ? '-' : '+'}${String(Math.floor(Math.abs(off) / 60)).padStart(2, '0')}${colon ? ':' : ''}${String(Math.abs(off) % 60).padStart(2, '0')}`;
  return format.replace(/%([-_0^#]*)(\d*)(:{0,2})([a-zA-Z%+])/g, (all, flags: string, width: string, colons: string, conv: string) => {
    const num = (n: number, w: number, padChar = '0') => {
      if (flags.includes('-')) return String(n);
      const p = flags.includes('_') ? ' ' : flags.includes('0') ? '0' : padChar;
      const wd = width ? Number(width) : w;
      const s = String(Math.abs(n)).padStart(n < 0 ? wd - 1 : wd, p);
      return n < 0 ? '-' + s : s;
    };
    const text = (s: string) => {
      let v = s;
      if (flags.includes('^')) v = v.toUpperCase();
      if (flags.includes('#')) v = v === v.toUpperCase() ? v.toLowerCase() : v.toUpperCase();
      return width ? v.padStart(Number(width), flags.includes('0') ? '0' : ' ') : v;
    };
    const h12 = d.getUTCHours() % 12 || 12;
    switch (conv) {
      case 'Y': return width || flags ? num(d.getUTCFullYear(), 1) : String(d.getUTCFullYear());
      case 'C': return num(Math.floor(d.getUTCFullYear() / 100), 2);
      case 'y': return num(d.getUTCFullYear() % 100, 2);
      case 'm': return num(d.getUTCMonth() + 1, 2);
      case 'B': return text(MONTHS[d.getUTCMonth()]);
      case 'b': case 'h': return text(MONTHS[d.getUTCMonth()].slice(0, 3));
      case 'd': return num(d.getUTCDate(), 2);
      case 'e': return num(d.getUTCDate(), 2, ' ');
      case 'j': return num(Math.floor((Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()) - Date.UTC(d.getUTCFullYear(), 0, 1)) / 86400000) + 1, 3);
      case 'H': return num(d.getUTCHours(), 2);
      case 'k': return num(d.getUTCHours(), 2, ' ');
      case 'I': return num(h12, 2);
      case 'l': return num(h12, 2, ' ');
      case 'P': return text(d.getUTCHours() < 12 ? 'am' : 'pm');
      case 'p': return flags.includes('#') ? (d.getUTCHours() < 12 ? 'am' : 'pm') : text(d.getUTCHours() < 12 ? 'AM' : 'PM');
      case 'M': return num(d.getUTCMinutes(), 2);
      case 'S': return num(d.getUTCSeconds(), 2);
      case 'L': return num(d.getUTCMilliseconds(), 3);
      case 'N': return String(d.getUTCMilliseconds()).padStart(3, '0') + '0'.repeat(Math.max(0, (width ? Number(width) : 9) - 3)).slice(0, width ? Math.max(0, Number(width) - 3) : 6);
      case 'z': return colons === ':' ? offStr(true) : colons === '::' ? offStr(true) + ':00' : offStr(false);
      case 'Z': return text(t.zoneName ?? (off === 0 ? 'UTC' : ''));
      case 'A': return text(DAYS[d.getUTCDay()]);
      case 'a': return text(DAYS[d.getUTCDay()].slice(0, 3));
      case 'u': return num(d.getUTCDay() || 7, 1);
      case 'w': return num(d.getUTCDay(), 1);
      case 'U': return num(weekOfYear(d, 0), 2);
      case 'W': return num(weekOfYear(d, 1), 2);
      case 'G': return num(isoWeek(d).year, 4);
      case 'g': return num(isoWeek(d).year % 100, 2);
      case 'V': return num(isoWeek(d).week, 2);
      case 's': return String(Math.floor(t.ms / 1000));
      case 'n': return '\n';
      case 't': return '\t';
      case '%': return '%';
      case 'c': return text(strftime(t, '%a %b %e %H:%M:%S %Y'));
      case 'D': case 'x': return text(strftime(t, '%m/%d/%y'));
      case 'F': return text(strftime(t, '%Y-%m-%d'));
      case 'T': case 'X': return text(strftime(t, '%H:%M:%S'));
      case 'R': return text(strftime(t, '%H:%M'));
      case 'r': return text(strftime(t, '%I:%M:%S %p'));
      case '+': return text(strftime(t, '%a %b %e %H:%M:%S %Z %Y'));
      default: return all;
    }
  });
}

/** The `date` filter: `input | date: format`. */
export function rubyDate(input: unknown, format: unknown, zone: string | undefined): unknown {
  const f = format === null || format === undefined ? '' : toS(format);
  if (f === '') return input;
  const t = toRubyTime(input, zone);
  return t ? strftime(t, f) : input;
}
