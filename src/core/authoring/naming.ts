// File names of new posts and drafts, and the next free name when one is taken: TechBlog never
// overwrites a file, it writes `…-2.md` instead.
import * as path from '../text/posixPath';
import { POST_NAME } from '../site/permalink';

export interface NameVars {
  /** The slug (Jekyll's and Hexo's `:title`). */
  slug: string;
  date: { year: number; month: number; day: number };
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A name pattern filled in: `:year-:month-:day-:title.md` → `2024-11-24-hello.md`. Hexo's
 * `new_post_name` variables (`:title`, `:year`, `:month`, `:i_month`, `:day`, `:i_day`) are the same;
 * a pattern without an extension gets `.md`.
 */
export function fillNamePattern(pattern: string, vars: NameVars): string {
  const values: Record<string, string> = {
    title: vars.slug, slug: vars.slug, year: String(vars.date.year), month: pad(vars.date.month), day: pad(vars.date.day),
    i_month: String(vars.date.month), i_day: String(vars.date.day),
  };
  let name = pattern.replace(/:(i_month|i_day|title|slug|year|month|day)\b/g, (_all, v: string) => values[v]);
  name = name.replace(/^\/+/, '').replace(/\/{2,}/g, '/');
  if (!path.extname(path.basename(name))) name += '.md';
  return name;
}

/** `dir/a.md` → `dir/a-2.md` (n = 2); n = 1 is the name itself. */
export function withNumber(relPath: string, n: number): string {
  if (n <= 1) return relPath;
  const ext = path.extname(relPath);
  return `${relPath.slice(0, relPath.length - ext.length)}-${n}${ext}`;
}

/** The first of `relPath`, `…-2`, `…-3`, … for which `exists` says no. */
export async function firstFreeName(relPath: string, exists: (relPath: string) => boolean | Promise<boolean>, limit = 1000): Promise<string> {
  for (let n = 1; n <= limit; n++) {
    const candidate = withNumber(relPath, n);
    if (!(await exists(candidate))) return candidate;
  }
  throw new Error(`${relPath} and ${limit - 1} numbered variants all exist.`);
}

export interface PostName {
  /** The date in a Jekyll post name, when there is one. */
  date?: { year: number; month: number; day: number };
  slug: string;
  ext: string;
}

/** `2021-08-20-ebpf-notes.md` → date, slug `ebpf-notes`, ext `.md`; names without a date keep their stem as the slug. */
export function parsePostName(fileName: string): PostName {
  const base = path.basename(fileName);
  const m = POST_NAME.exec(base);
  if (m) return { date: { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) }, slug: m[4], ext: m[5] };
  const ext = path.extname(base);
  return { slug: ext ? base.slice(0, -ext.length) : base, ext };
}
