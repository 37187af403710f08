// What the editor needs for completion in front matter: where the cursor is, and what fits there.
import type { SiteIndex } from '../site/siteIndex';
import { t } from '../text/l10n';
import { startOfLine } from '../text/lineIndex';
import { formatJekyllDate } from '../text/time';
import { parseFrontMatter } from './parse';
import { resolveSchema, type DocScope, type UserSchema } from './schema';
import type { FrontMatterParse } from './types';

export type CompletionContext =
  | { where: 'outside' }
  /** Typing a key at the start of a line. */
  /** `insert` is what follows the key: `: ` in YAML, ` = ` in a `+++` TOML header. */
  | { where: 'key'; prefix: string; replaceStart: number; replaceEnd: number; presentKeys: string[]; insert: ': ' | ' = ' }
  /** Typing the value of `key` (or an item of its list). */
  | { where: 'value'; key: string; prefix: string; replaceStart: number; replaceEnd: number; inList: boolean; quote?: '"' | "'"; presentValues: string[] };

/** Where `offset` sits in the document's front matter. Offsets are UTF-16, like document.offsetAt. */
export function completionContext(text: string, offset: number, parsed?: FrontMatterParse): CompletionContext {
  const p = parsed && parsed.text === text ? parsed : parseFrontMatter(text);
  if (!p.open) return { where: 'outside' };
  const end = p.close ? p.close.start : text.length;
  if (offset < p.contentStart || offset > end) return { where: 'outside' };
  const ls = startOfLine(text, offset);
  const before = text.slice(ls, offset);
  let le = text.indexOf('\n', offset);
  if (le < 0) le = text.length;
  const after = text.slice(offset, le).replace(/\r$/, '');
  const wordAfter = /^[^\s,\]"']*/.exec(after)?.[0].length ?? 0;
  const presentKeys = p.entries.map((e) => e.key);
  if (/^([A-Za-z_][\w-]*)?$/.test(before)) {
    return { where: 'key', prefix: before, replaceStart: ls, replaceEnd: offset + (/^[\w-]*/.exec(after)?.[0].length ?? 0), presentKeys, insert: p.format === 'toml' ? ' = ' : ': ' };
  }
  const kv = /^([A-Za-z_][\w-]*)\s*:\s?(.*)$/.exec(before);
  if (kv) {
    const key = kv[1];
    const rest = kv[2];
    const bracket = Math.max(rest.lastIndexOf('['), rest.lastIndexOf(','));
    const inList = rest.includes('[');
    let prefix = inList ? rest.slice(bracket + 1).trimStart() : rest.trimStart();
    let quote: '"' | "'" | undefined;
    if (prefix.startsWith('"') || prefix.startsWith("'")) { quote = prefix[0] as '"' | "'"; prefix = prefix.slice(1); }
    // While typing, the header may not parse: read the list items before the cursor from the line too.
    const onLine = inList ? rest.slice(rest.indexOf('[') + 1, bracket + 1).split(',').map((v) => v.trim().replace(/^["']|["']$/g, '')).filter(Boolean) : [];
    const presentValues = [...new Set([...valuesOf(p, key), ...onLine])];
    return { where: 'value', key, prefix, replaceStart: offset - prefix.length, replaceEnd: offset + wordAfter, inList, quote, presentValues };
  }
  const item = /^(\s*)-\s+(.*)$/.exec(before) ?? /^(\s*)-$/.exec(before);
  if (item) {
    // The list belongs to the nearest key line above.
    let pos = ls;
    let key: string | undefined;
    while (pos > p.contentStart) {
      const prev = startOfLine(text, pos - 1);
      const m = /^([A-Za-z_][\w-]*)\s*:/.exec(text.slice(prev, pos));
      if (m) { key = m[1]; break; }
      pos = prev;
    }
    if (!key) return { where: 'outside' };
    let prefix = item[2] ?? '';
    let quote: '"' | "'" | undefined;
    if (prefix.startsWith('"') || prefix.startsWith("'")) { quote = prefix[0] as '"' | "'"; prefix = prefix.slice(1); }
    return { where: 'value', key, prefix, replaceStart: offset - prefix.length, replaceEnd: offset + wordAfter, inList: true, quote, presentValues: valuesOf(p, key) };
  }
  return { where: 'outside' };
}

function valuesOf(p: FrontMatterParse, key: string): string[] {
  const v = p.data?.[key];
  if (Array.isArray(v)) return v.map((x) => String(x).trim());
  return typeof v === 'string' ? [v] : [];
}

export interface ValueSuggestion { label: string; detail?: string; /** Documents using it, for tags and categories. */ count?: number }

export interface ValueCompletionOptions { site?: SiteIndex; now?: Date; scope?: DocScope; schema?: UserSchema }

/** Values that fit `key`: blog tags/categories (most used first), layouts, booleans, now, or the schema's enum. */
export function valueSuggestions(key: string, opts: ValueCompletionOptions = {}): ValueSuggestion[] {
  const site = opts.site;
  const posts = (n: number) => (n === 1 ? t('{0} post', n) : t('{0} posts', n));
  if ((key === 'tags' || key === 'tag') && site) return site.suggestions('tags').map((s) => ({ label: s.value, count: s.count, detail: posts(s.count) }));
  if ((key === 'categories' || key === 'category') && site) return site.suggestions('categories').map((s) => ({ label: s.value, count: s.count, detail: posts(s.count) }));
  if (key === 'layout' && site) return site.layouts().map((l) => ({ label: l, detail: `${site.config.layoutsDir}/` }));
  if (key === 'date' || key === 'last_modified_at' || key === 'updated') {
    return [{ label: formatJekyllDate(opts.now ?? new Date(), site?.config.timezone), detail: site?.config.timezone ? t('now in {0}', site.config.timezone) : t('now') }];
  }
  const spec = resolveSchema(site?.config.profile ?? 'jekyll', opts.scope ?? 'posts', opts.schema).keys.get(key);
  if (spec?.enum) return spec.enum.map((v) => ({ label: String(v) }));
  if (spec?.type === 'boolean') return [{ label: 'true' }, { label: 'false' }];
  return [];
}
