// "Now" as each generator writes it in front matter, in the site's time zone, and the calendar date
// the post's file name carries (the same day as `date:`, so the validator's date-mismatch stays quiet).
import { zoneOffsetMinutes } from '../text/time';
import type { Generator } from '../site/profile';

export interface ZonedTime {
  year: number; month: number; day: number;
  hour: number; minute: number; second: number;
  /** Minutes east of UTC. */
  offsetMinutes: number;
}

/** The wall-clock time of `now` in `timeZone` (an IANA name); UTC for an unknown or missing zone. */
export function zonedTime(now: Date, timeZone: string | undefined): ZonedTime {
  const off = (timeZone ? zoneOffsetMinutes(timeZone, now.getTime()) : 0) ?? 0;
  const t = new Date(now.getTime() + off * 60000);
  return {
    year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate(),
    hour: t.getUTCHours(), minute: t.getUTCMinutes(), second: t.getUTCSeconds(), offsetMinutes: off,
  };
}

const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export function ymd(t: { year: number; month: number; day: number }): string {
  return `${pad(t.year, 4)}-${pad(t.month)}-${pad(t.day)}`;
}

function offset(minutes: number, colon: boolean): string {
  const a = Math.abs(minutes);
  return `${minutes < 0 ? '-' : '+'}${pad(Math.floor(a / 60))}${colon ? ':' : ''}${pad(a % 60)}`;
}

/**
 * `date:` as the generator's own "new post" command writes it:
 * Jekyll `2024-11-24 18:39:00 +0800`, Hexo `2024-11-24 18:39:00` (read in the site's zone),
 * Hugo `2024-11-24T18:39:00+08:00` (RFC 3339, a TOML date-time).
 */
export function formatPostDate(t: ZonedTime, generator: Generator): string {
  const clock = `${pad(t.hour)}:${pad(t.minute)}:${pad(t.second)}`;
  if (generator === 'hugo') return `${ymd(t)}T${clock}${offset(t.offsetMinutes, true)}`;
  if (generator === 'hexo') return `${ymd(t)} ${clock}`;
  return `${ymd(t)} ${clock} ${offset(t.offsetMinutes, false)}`;
}
