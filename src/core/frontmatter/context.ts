// What every rule sees, and how it reports: offsets in, line/character problems out.
import type { SiteConfig } from '../site/config';
import { GENERATOR_NAMES } from '../site/profile';
import type { DocKind, SiteIndex } from '../site/siteIndex';
import type { ImageAlt, ImageLink } from '../text/markdownText';
import type { OffsetEdit } from '../text/textEdit';
import type { DocScope, ResolvedSchema } from './schema';
import type { FixQuestion, FmEntry, FmNode, FrontMatterParse, RuleId } from './types';

export interface FixSpec { title: string; edits: OffsetEdit[]; safe: boolean; preferred?: boolean; renameTo?: string; ask?: FixQuestion }

export interface RawProblem { rule: RuleId; start: number; end: number; message: string; fixes: FixSpec[] }

export interface RuleContext {
  text: string;
  parse: FrontMatterParse;
  /** Path relative to the site root (or as given, outside a site). */
  relPath: string;
  site?: SiteIndex;
  config?: SiteConfig;
  kind: DocKind;
  scope: DocScope;
  schema: ResolvedSchema;
  /** Values Jekyll's `defaults:` supply for this document. */
  defaults: Record<string, unknown>;
  now: Date;
  report(rule: RuleId, start: number, end: number, message: string, fixes?: FixSpec[]): void;
  /** The body's images and their alt texts, scanned once for all the rules that read them. */
  bodyImages(): { links: ImageLink[]; alts: ImageAlt[] };
  /** Whether a rule is on (a rule can skip its work when it is off). */
  isOn(rule: RuleId): boolean;
}

/** The generator the messages speak of: the site's, Jekyll outside a site. */
export function generatorName(ctx: RuleContext): string {
  return GENERATOR_NAMES[ctx.config?.profile ?? 'jekyll'];
}

/** Jekyll's rules that come from `_posts/` file names; Hugo and Hexo take the date from front matter only. */
export function usesPostFileNames(ctx: RuleContext): boolean {
  return (ctx.config?.profile ?? 'jekyll') === 'jekyll';
}

/** The last entry for `key` (the one Jekyll uses). */
export function lastEntry(ctx: RuleContext, key: string): FmEntry | undefined {
  const es = ctx.parse.entries;
  for (let i = es.length - 1; i >= 0; i--) if (es[i].key === key) return es[i];
  return undefined;
}

/** A short, quoted rendering of a value for messages. */
export function show(value: unknown, max = 40): string {
  let s: string;
  if (value instanceof Date) s = value.toISOString();
  else if (typeof value === 'string') s = JSON.stringify(value);
  else if (value === null || value === undefined) s = 'nothing';
  else { try { s = JSON.stringify(value) ?? String(value); } catch { s = String(value); } }
  return s.length > max ? s.slice(0, max - 1) + '…' : s;
}

/** `value` written as a YAML scalar in the given quoting style (double quotes when plain would be unsafe). */
export function yamlScalar(value: string, style: FmNode['style'] | undefined): string {
  if (style === 'single') return `'${value.replace(/'/g, "''")}'`;
  if (style === 'plain' && /^[\p{L}\p{N}_][\p{L}\p{N}_ ./()+-]*$/u.test(value) && !/ $/.test(value) && !/^(y|n|yes|no|true|false|on|off|null)$/i.test(value) && !/^[\d.+-]/.test(value)) return value;
  return JSON.stringify(value);
}

/** The source text inside a scalar's quotes when it spells the value exactly (no escapes); else undefined. */
export function innerRaw(text: string, node: FmNode): { start: number; end: number } | undefined {
  if (node.kind !== 'scalar' || typeof node.value !== 'string') return undefined;
  if (node.style === 'double' || node.style === 'single') {
    const s = node.start + 1;
    const e = node.end - 1;
    if (e < s || text.slice(s, e) !== (node.style === 'single' ? node.value.replace(/'/g, "''") : node.value)) return undefined;
    if (node.style === 'single' && node.value.includes("'")) return undefined;
    return { start: s, end: e };
  }
  if (node.style === 'plain' && text.slice(node.start, node.end) === node.value) return { start: node.start, end: node.end };
  return undefined;
}
