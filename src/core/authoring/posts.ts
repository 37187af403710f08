// What the Posts view and the post_url completion know of a post: title, date, tags, categories,
// read from its header and file name; and the grouping by year and month, with a tag filter.
import * as path from '../text/posixPath';
import { parseFrontMatter } from '../frontmatter/parse';
import type { FrontMatterParse } from '../frontmatter/types';
import { tagValues, tagVariantKey, type TagKind } from '../site/siteIndex';
import { parseJekyllDate } from '../text/time';
import { parsePostName } from './naming';
import { unslugify } from './slug';

export interface CalendarDate { year: number; month: number; day: number }

export interface PostEntry {
  /** Path relative to the site folder. */
  rel: string;
  kind: 'post' | 'draft';
  /** `title:`, else a title guessed from the file name. */
  title: string;
  /** The calendar date of `date:` as written, else the one in the file name. */
  date: CalendarDate | undefined;
  /** True when the header has a `date:` key. */
  hasDateKey: boolean;
  tags: string[];
  categories: string[];
  /** The name `{% post_url %}` takes: the path below the posts folder, without the extension. */
  postUrlName: string | undefined;
}

/**
 * Reads one post or draft. `dir` is its posts or drafts folder (relative to the site); with
 * `draftKey` (Hugo, which has no drafts folder) a post marked `draft: true` counts as a draft.
 */
export function readPostEntry(rel: string, folderKind: 'post' | 'draft', text: string, dir: string, draftKey = false, parsed?: FrontMatterParse): PostEntry {
  const parse = parsed ?? parseFrontMatter(text);
  const data = parse.errors.length ? undefined : parse.data;
  const kind = draftKey && data?.draft === true ? 'draft' : folderKind;
  const name = parsePostName(rel);
  const dateEntry = [...parse.entries].reverse().find((e) => e.key === 'date');
  let date: CalendarDate | undefined;
  if (dateEntry && dateEntry.node.kind === 'scalar') {
    const raw = dateEntry.node.value instanceof Date ? text.slice(dateEntry.node.start, dateEntry.node.end) : typeof dateEntry.node.value === 'string' ? dateEntry.node.value : '';
    const parts = parseJekyllDate(raw.replace(/^["']|["']$/g, ''));
    if (typeof parts === 'object') date = { year: parts.year, month: parts.month, day: parts.day };
  }
  date ??= name.date;
  const rawTitle = data?.title;
  const title = typeof rawTitle === 'string' && rawTitle.trim() ? rawTitle.trim() : typeof rawTitle === 'number' ? String(rawTitle) : unslugify(name.slug);
  const below = dir && rel.startsWith(dir + '/') ? rel.slice(dir.length + 1) : undefined;
  return {
    rel, kind, title, date, hasDateKey: dateEntry !== undefined,
    tags: tagValues(data, 'tags').map((t) => t.trim()).filter(Boolean),
    categories: tagValues(data, 'categories').map((t) => t.trim()).filter(Boolean),
    postUrlName: kind === 'post' && below ? below.slice(0, below.length - path.extname(below).length) : undefined,
  };
}

/** The site writes `date:` in its posts when at least a quarter of them have one (and always for Hugo and Hexo). */
export function siteUsesDate(posts: readonly PostEntry[]): boolean {
  const dated = posts.filter((p) => p.kind === 'post');
  return dated.length > 0 && dated.filter((p) => p.hasDateKey).length * 4 >= dated.length;
}

export interface PostFilter { kind: TagKind; value: string }

export function matchesFilter(p: PostEntry, filter: PostFilter | undefined): boolean {
  if (!filter) return true;
  const key = tagVariantKey(filter.value);
  return (filter.kind === 'tags' ? p.tags : p.categories).some((t) => tagVariantKey(t) === key);
}

export interface MonthGroup { month: number; posts: PostEntry[] }
export interface YearGroup { year: number; months: MonthGroup[]; count: number }
export interface PostGroups {
  years: YearGroup[];
  /** Posts without any date (a name Jekyll skips); listed apart so they are not lost. */
  undated: PostEntry[];
  drafts: PostEntry[];
}

const byDateDesc = (a: PostEntry, b: PostEntry) => {
  const da = a.date ? a.date.year * 10000 + a.date.month * 100 + a.date.day : 0;
  const db = b.date ? b.date.year * 10000 + b.date.month * 100 + b.date.day : 0;
  return db - da || (a.rel < b.rel ? 1 : a.rel > b.rel ? -1 : 0);
};

/** Posts by year and month, newest first; drafts apart, by title. */
export function groupPosts(entries: readonly PostEntry[], filter?: PostFilter): PostGroups {
  const shown = entries.filter((e) => matchesFilter(e, filter));
  const years = new Map<number, Map<number, PostEntry[]>>();
  const undated: PostEntry[] = [];
  for (const p of shown) {
    if (p.kind !== 'post') continue;
    if (!p.date) { undated.push(p); continue; }
    let months = years.get(p.date.year);
    if (!months) years.set(p.date.year, (months = new Map()));
    const list = months.get(p.date.month) ?? [];
    list.push(p);
    months.set(p.date.month, list);
  }
  return {
    years: [...years].sort((a, b) => b[0] - a[0]).map(([year, months]) => {
      const ms = [...months].sort((a, b) => b[0] - a[0]).map(([month, posts]) => ({ month, posts: posts.sort(byDateDesc) }));
      return { year, months: ms, count: ms.reduce((n, m) => n + m.posts.length, 0) };
    }),
    undated: undated.sort((a, b) => a.rel.localeCompare(b.rel)),
    drafts: shown.filter((p) => p.kind === 'draft').sort((a, b) => a.title.localeCompare(b.title)),
  };
}

/** Every tag or category with the number of posts using it (spellings merged, most used spelling shown), most used first. */
export function tagCounts(entries: readonly PostEntry[], kind: TagKind): { value: string; count: number }[] {
  const groups = new Map<string, Map<string, number>>();
  for (const p of entries) {
    for (const t of new Set(kind === 'tags' ? p.tags : p.categories)) {
      const key = tagVariantKey(t);
      const m = groups.get(key) ?? new Map<string, number>();
      m.set(t, (m.get(t) ?? 0) + 1);
      groups.set(key, m);
    }
  }
  return [...groups.values()].map((m) => {
    const spellings = [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    return { value: spellings[0][0], count: spellings.reduce((n, s) => n + s[1], 0) };
  }).sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}
