// Dates: the file name Jekyll requires for posts, `date:` it can read, the two agreeing, the future.
import * as path from '../../text/posixPath';
import { POST_NAME } from '../../site/permalink';
import { t } from '../../text/l10n';
import { daysInMonth, instantOf, parseJekyllDate, type DateParts } from '../../text/time';
import { generatorName, lastEntry, usesPostFileNames, type FixSpec, type RuleContext } from '../context';
import type { FmNode } from '../types';

export interface FileDate { year: number; month: number; day: number; slug: string; ext: string }

let lastName: { relPath: string; result: FileDate | 'invalid' | undefined } | undefined;

export function fileNameDate(relPath: string): FileDate | 'invalid' | undefined {
  // Several rules ask about the same file in one check.
  if (lastName?.relPath === relPath) return lastName.result;
  const result = readFileNameDate(relPath);
  lastName = { relPath, result };
  return result;
}

function readFileNameDate(relPath: string): FileDate | 'invalid' | undefined {
  const m = POST_NAME.exec(path.basename(relPath));
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'invalid';
  return { year, month, day, slug: m[4], ext: m[5] };
}

const pad = (n: number) => String(n).padStart(2, '0');
const ymd = (d: { year: number; month: number; day: number }) => `${d.year}-${pad(d.month)}-${pad(d.day)}`;

/** The raw date text of a `date:` node and where it starts in the document. */
function dateSource(ctx: RuleContext, n: FmNode): { raw: string; at: number } | undefined {
  if (n.kind !== 'scalar') return undefined;
  if (n.value instanceof Date) return { raw: ctx.text.slice(n.start, n.end), at: n.start };
  if (typeof n.value === 'string') {
    const quoted = n.style === 'double' || n.style === 'single';
    const inner = quoted ? ctx.text.slice(n.start + 1, n.end - 1) : ctx.text.slice(n.start, n.end);
    return inner === n.value ? { raw: n.value, at: quoted ? n.start + 1 : n.start } : { raw: n.value, at: -1 };
  }
  return undefined;
}

export function checkPostFileName(ctx: RuleContext): void {
  if (!ctx.site || ctx.kind !== 'post' || ctx.config?.profile !== 'jekyll') return;
  const fd = fileNameDate(ctx.relPath);
  if (fd && fd !== 'invalid') return;
  const base = path.basename(ctx.relPath);
  const at = ctx.parse.open ?? { start: 0, end: 0 };
  const fixes: FixSpec[] = [];
  const d = lastEntry(ctx, 'date');
  const parts = d && dateSource(ctx, d.node) ? parseJekyllDate(dateSource(ctx, d.node)!.raw) : undefined;
  if (parts && typeof parts === 'object') {
    const ext = path.extname(base) || '.md';
    const stem = base.slice(0, base.length - ext.length).replace(/^\d{2,4}-\d{1,2}-\d{1,2}-?/, '') || 'post';
    const slug = stem.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '') || 'post';
    const to = `${ymd(parts)}-${slug}${ext}`;
    fixes.push({ title: t('Rename the file to {0}', to), edits: [], safe: false, renameTo: to, preferred: true });
  }
  const message = fd === 'invalid'
    ? t('Jekyll skips "{0}" without a word: its date is not a real calendar date.', base)
    : t('Jekyll skips "{0}" without a word: it is not named YYYY-MM-DD-title{1}.', base, path.extname(base) || '.md');
  ctx.report('post-filename', at.start, at.end, message, fixes);
}

export function checkDates(ctx: RuleContext): void {
  const e = lastEntry(ctx, 'date');
  const fd = (ctx.kind === 'post' || ctx.kind === 'draft') && usesPostFileNames(ctx) ? fileNameDate(ctx.relPath) : undefined;
  const gen = generatorName(ctx);
  const fileDate = fd && fd !== 'invalid' ? fd : undefined;
  const tz = ctx.config?.timezone;
  let parts: DateParts | undefined;
  let partsAt = -1;
  if (e && e.node.kind !== 'null' && !(e.node.kind === 'scalar' && e.node.value === null)) {
    const src = dateSource(ctx, e.node);
    const r = src ? parseJekyllDate(src.raw) : 'invalid';
    if (r === 'invalid') {
      const fixes: FixSpec[] = fileDate && ctx.site && ctx.kind === 'post'
        ? [{ title: t('Set `date` to {0} (from the file name)', ymd(fileDate)), edits: [{ start: e.node.start, end: e.node.end, newText: ymd(fileDate) }], safe: false }]
        : [];
      const message = src
        ? t('`date` is {0}, which {1} cannot read as a date; write it as YYYY-MM-DD HH:MM:SS +0000.', JSON.stringify(src.raw.length > 40 ? src.raw.slice(0, 39) + '…' : src.raw), gen)
        : t('`date` is not text, which {0} cannot read as a date; write it as YYYY-MM-DD HH:MM:SS +0000.', gen);
      ctx.report('invalid-date', e.node.start, Math.max(e.node.end, e.node.start), message, fixes);
      return;
    }
    if (r === 'unknown' || !src) return;
    parts = r;
    partsAt = src.at;
    if (fileDate && ctx.site && ctx.kind === 'post' && (r.year !== fileDate.year || r.month !== fileDate.month || r.day !== fileDate.day)) {
      const start = partsAt >= 0 ? partsAt + r.dateStart : e.node.start;
      const end = partsAt >= 0 ? partsAt + r.dateEnd : e.node.end;
      const fixes: FixSpec[] = [];
      if (partsAt >= 0) fixes.push({ title: t('Set `date` to {0}, as in the file name', ymd(fileDate)), edits: [{ start, end, newText: ymd(fileDate) }], safe: false, preferred: true });
      const to = `${ymd(r)}-${fileDate.slug}${fileDate.ext}`;
      fixes.push({ title: t('Rename the file to {0}', to), edits: [], safe: false, renameTo: to });
      ctx.report('date-mismatch', start, end, t('`date` says {0} but the file name says {1}; {2} uses {0} for the URL and the post order.', ymd(r), ymd(fileDate), gen), fixes);
    }
  }
  if (ctx.site && ctx.kind === 'post' && ctx.config && !ctx.config.future) {
    const when = parts ?? (fileDate ? { ...fileDate, hour: 0, minute: 0, second: 0, dateStart: 0, dateEnd: 0 } : undefined);
    if (!when) return;
    // Zones are at most 14 hours from UTC: a date two days before now cannot be in the future.
    if (Date.UTC(when.year, when.month - 1, when.day + 2) < ctx.now.getTime()) return;
    const instant = instantOf(when, tz);
    if (instant > ctx.now.getTime()) {
      const at = parts && e ? { start: e.node.start, end: e.node.end } : ctx.parse.open ?? { start: 0, end: 0 };
      const message = ctx.config.profile === 'hugo'
        ? t('This post is dated {0}, in the future; with `buildFuture = false` {1} leaves it out of the site until then.', ymd(when), gen)
        : t('This post is dated {0}, in the future; with `future: false` {1} leaves it out of the site until then.', ymd(when), gen);
      ctx.report('future-date', at.start, at.end, message);
    }
  }
}
