// Dates as Jekyll reads them, and time-zone arithmetic through Intl (no tz database of our own).

export interface DateParts {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number;
  /** Minutes east of UTC when the value names an offset; undefined means "local to the site". */
  offsetMinutes?: number;
  /** Offsets of the YYYY-MM-DD part inside the string that was parsed. */
  dateStart: number; dateEnd: number;
}

const ISO = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:(?:[Tt]|[ \t]+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?[ \t]*(Z|z|UTC|GMT|[-+]\d{1,2}(?::?\d{2})?)?$/;

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

const UTC_ZONE = /^(z|utc|gmt)$/i;
const ZONE_OFFSET = /^([-+])(\d{1,2}):?(\d{2})?$/;

/** The number a short run of ASCII digits (a `\d{1,4}` group) writes: Number(s) without its general parser. */
function digits(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) n = n * 10 + s.charCodeAt(i) - 48;
  return n;
}

/** Parses the date forms Jekyll posts use (`2021-08-19`, `2021-08-19 10:00:00 +0800`, ISO 8601). */
export function parseJekyllDate(raw: string): DateParts | 'invalid' | 'unknown' {
  const s = raw.trim();
  const lead = raw.length - raw.trimStart().length;
  const m = ISO.exec(s);
  if (!m) {
    // Ruby's Time.parse also reads forms such as "Aug 19 2021" or "19/08/2021"; accept them unchecked
    // rather than raise a false alarm, as long as they carry a year.
    if (/\b\d{4}\b/.test(s) && (/[a-z]{3}/i.test(s) || /\d{1,2}[/.]\d{1,2}[/.]\d{4}|\d{4}[/.]\d{1,2}[/.]\d{1,2}/.test(s))) return 'unknown';
    return 'invalid';
  }
  const [year, month, day] = [digits(m[1]), digits(m[2]), digits(m[3])];
  const hour = m[4] ? digits(m[4]) : 0;
  const minute = m[5] ? digits(m[5]) : 0;
  const second = m[6] ? digits(m[6]) : 0;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) || hour > 23 || minute > 59 || second > 60) return 'invalid';
  let offsetMinutes: number | undefined;
  const z = m[7];
  if (z) {
    if (UTC_ZONE.test(z)) offsetMinutes = 0;
    else {
      const zm = ZONE_OFFSET.exec(z);
      if (!zm) return 'invalid';
      const h = digits(zm[2]);
      const mm = zm[3] ? digits(zm[3]) : 0;
      if (h > 14 || mm > 59) return 'invalid';
      offsetMinutes = (zm[1] === '-' ? -1 : 1) * (h * 60 + mm);
    }
  }
  const dateLen = m[1].length + m[2].length + m[3].length + 2;
  return { year, month, day, hour, minute, second, offsetMinutes, dateStart: lead, dateEnd: lead + dateLen };
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes; undefined for an unknown zone name. */
const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(timeZone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(timeZone);
  if (f === undefined) {
    // Building a DateTimeFormat costs far more than using one; a site has one zone.
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit' });
    } catch {
      f = null;
    }
    formatters.set(timeZone, f);
  }
  return f;
}

export function zoneOffsetMinutes(timeZone: string, ms: number): number | undefined {
  const f = formatterFor(timeZone);
  if (!f) return undefined;
  try {
    const parts: Record<string, number> = {};
    for (const p of f.formatToParts(new Date(ms))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
    const asUtc = Date.UTC(parts.year, parts.month - 1, parts.day, parts.hour % 24, parts.minute, parts.second);
    return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60000);
  } catch {
    return undefined;
  }
}

/** The instant a parsed date stands for; values without an offset are read in `timeZone` (or UTC). */
export function instantOf(d: DateParts, timeZone?: string): number {
  const wall = Date.UTC(d.year, d.month - 1, d.day, d.hour, d.minute, d.second);
  if (d.offsetMinutes !== undefined) return wall - d.offsetMinutes * 60000;
  if (!timeZone) return wall;
  // Two passes settle the offset around a DST change.
  let off = zoneOffsetMinutes(timeZone, wall) ?? 0;
  off = zoneOffsetMinutes(timeZone, wall - off * 60000) ?? off;
  return wall - off * 60000;
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** `now` as Jekyll writes it, in the site's zone: `2026-11-24 18:39:00 +0800`. */
export function formatJekyllDate(now: Date, timeZone?: string): string {
  const off = (timeZone ? zoneOffsetMinutes(timeZone, now.getTime()) : 0) ?? 0;
  const t = new Date(now.getTime() + off * 60000);
  const sign = off < 0 ? '-' : '+';
  const a = Math.abs(off);
  return `${t.getUTCFullYear()}-${pad(t.getUTCMonth() + 1)}-${pad(t.getUTCDate())} ${pad(t.getUTCHours())}:${pad(t.getUTCMinutes())}:${pad(t.getUTCSeconds())} ${sign}${pad(Math.floor(a / 60))}${pad(a % 60)}`;
}
