// Rules about the header as a whole and its keys: delimiters, syntax, duplicates, required, empty,
// types, typos.
import { editDistance } from '../../text/editDistance';
import { endOfLineIncludingBreak } from '../../text/lineIndex';
import { t } from '../../text/l10n';
import { firstParagraphText, truncatePlain } from '../../text/markdownText';
import { generatorName, show, usesPostFileNames, type FixSpec, type RuleContext } from '../context';
import type { KeySpec } from '../schema';
import type { FmEntry, FmNode } from '../types';
import { sitePlugins } from '../../site/githubPages';

/** jekyll-default-layout runs (listed in `plugins:`, or GitHub Pages' defaults) and has a layout to give. */
function defaultLayoutApplies(ctx: RuleContext): boolean {
  if (!ctx.config) return false;
  const plugins = sitePlugins(ctx.config, ctx.site?.gemfile ?? (ctx.site?.hasFile('Gemfile') ? '' : undefined));
  const layouts = ctx.site?.layouts() ?? [];
  return plugins.enabled.has('jekyll-default-layout') && (layouts.includes(ctx.kind === 'page' ? 'page' : 'post') || layouts.includes('default'));
}

export function checkDelimiters(ctx: RuleContext): void {
  const { parse, text } = ctx;
  if (parse.format === 'none') {
    // Hugo and Hexo publish a post without front matter too (title from the file name).
    if (ctx.site && ctx.kind === 'post' && usesPostFileNames(ctx)) {
      const firstEnd = text.indexOf('\n', parse.contentStart);
      const end = (firstEnd < 0 ? text.length : firstEnd) - (text[firstEnd - 1] === '\r' ? 1 : 0);
      const title = titleFromFileName(ctx.relPath);
      const layout = placeholderLayout(ctx);
      const eol = parse.eol;
      const header = `---${eol}layout: ${layout}${eol}title: ${JSON.stringify(title)}${eol}---${eol}`;
      ctx.report('front-matter-missing', parse.contentStart, Math.max(parse.contentStart, end),
        t('This file in _posts/ has no front matter (a `---` block at the top), so Jekyll copies it as-is instead of publishing it as a post.'),
        [{ title: t('Add front matter with layout and title'), edits: [{ start: parse.contentStart, end: parse.contentStart, newText: header }], safe: false }]);
    }
    return;
  }
  if (!parse.close && parse.open) {
    // Offer to close after the run of lines that look like front matter.
    let pos = parse.contentStart;
    let lastGood = -1;
    while (pos < text.length) {
      const nl = endOfLineIncludingBreak(text, pos);
      const line = text.slice(pos, nl).replace(/\r?\n$/, '');
      if (!/^([A-Za-z_][\w-]*\s*:|\s+-|\s*#|\s+\S)/.test(line)) break;
      lastGood = nl;
      pos = nl;
      if (nl >= text.length) break;
    }
    const fixes: FixSpec[] = [];
    if (lastGood > 0) {
      const needsBreak = !text.slice(0, lastGood).endsWith('\n');
      fixes.push({ title: t('Close the front matter with a `---` line'), edits: [{ start: lastGood, end: lastGood, newText: (needsBreak ? parse.eol : '') + '---' + parse.eol }], safe: false });
    }
    const mark = text.slice(parse.open.start, parse.open.end);
    ctx.report('front-matter-unclosed', parse.open.start, parse.open.end, t('The front matter opened by `{0}` on line 1 is never closed: add a `{0}` line after the last key, or {1} treats the whole file as text.', mark.trim(), generatorName(ctx)), fixes);
  }
}

export function checkSyntax(ctx: RuleContext): void {
  const { parse, text } = ctx;
  for (const e of parse.errors.slice(0, 10)) {
    let end = e.end;
    if (end <= e.start) {
      const nl = text.indexOf('\n', e.start);
      end = Math.min(nl < 0 ? text.length : nl, e.start + 200);
      if (end > e.start && text[end - 1] === '\r') end--;
    }
    ctx.report('yaml-syntax', e.start, end, e.message);
  }
  if (!parse.errors.length && (parse.root === 'seq' || parse.root === 'scalar')) {
    const r = parse.rootRange ?? { start: parse.contentStart, end: parse.contentEnd };
    const message = parse.root === 'seq'
      ? t('The front matter is a list; {0} expects `key: value` lines (title: …, layout: …).', generatorName(ctx))
      : t('The front matter is a single value; {0} expects `key: value` lines (title: …, layout: …).', generatorName(ctx));
    ctx.report('type-mismatch', r.start, Math.max(r.start, r.end), message);
  }
}

/** Deleting an entry is safe to express as whole lines only when no other key shares them. */
function entryDeletion(ctx: RuleContext, entry: FmEntry): { start: number; end: number } | undefined {
  const others = ctx.parse.entries.some((o) => o !== entry && o.keyStart >= entry.lineStart && o.keyStart < entry.lineEnd);
  if (others || entry.lineEnd <= entry.lineStart || entry.keyStart - entry.lineStart > 0 && ctx.text.slice(entry.lineStart, entry.keyStart).trim() !== '') return undefined;
  return { start: entry.lineStart, end: entry.lineEnd };
}

export function checkDuplicateKeys(ctx: RuleContext): void {
  const entries = ctx.parse.entries;
  // A front matter has a handful of keys, nearly always distinct: compare them before building a map
  // (a long one goes straight to the map).
  let twice = entries.length > 16;
  for (let i = 1; i < entries.length && !twice; i++) for (let j = 0; j < i; j++) if (entries[j].key === entries[i].key) { twice = true; break; }
  if (!twice) return;
  const byKey = new Map<string, FmEntry[]>();
  for (const e of entries) {
    const list = byKey.get(e.key);
    if (list) list.push(e); else byKey.set(e.key, [e]);
  }
  const gen = generatorName(ctx);
  for (const [key, list] of byKey) {
    if (list.length < 2) continue;
    const kept = list[list.length - 1];
    const keptLine = ctx.parse.lines.positionAt(kept.keyStart).line + 1;
    for (const e of list.slice(0, -1)) {
      const del = entryDeletion(ctx, e);
      const same = sameValue(e.node.value, kept.node.value);
      const fixes: FixSpec[] = del ? [{ title: t('Remove this `{0}` ({2} uses the one on line {1})', key, keptLine, gen), edits: [{ ...del, newText: '' }], safe: true, preferred: true }] : [];
      ctx.report('duplicate-key', e.keyStart, e.keyEnd,
        same
          ? t('`{0}` is given twice; the same value is repeated on line {1}.', key, keptLine)
          : t('`{0}` is given again on line {1}; {4} ignores this value ({2}) and keeps {3}.', key, keptLine, show(e.node.value), show(kept.node.value), gen),
        fixes);
    }
  }
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Date && b instanceof Date) return a.getTime() === b.getTime();
  try { return JSON.stringify(a) === JSON.stringify(b); } catch { return false; }
}

export function titleFromFileName(relPath: string): string {
  const base = relPath.split('/').pop() ?? relPath;
  const slug = base.replace(/\.[^.]+$/, '').replace(/^\d{2,4}-\d{1,2}-\d{1,2}-/, '');
  const words = slug.split(/[-_\s]+/).filter(Boolean);
  return words.map((w) => w[0].toUpperCase() + w.slice(1)).join(' ') || 'Title';
}

function placeholderLayout(ctx: RuleContext): string {
  const layouts = ctx.site?.layouts() ?? [];
  const want = ctx.kind === 'post' || ctx.kind === 'draft' ? 'post' : 'page';
  if (!layouts.length || layouts.includes(want)) return want;
  return layouts.includes('default') ? 'default' : layouts[0];
}

export function checkRequired(ctx: RuleContext): void {
  const { parse } = ctx;
  if (!parse.close || !parse.open || !parse.data) return;
  const profile = ctx.config?.profile ?? 'jekyll';
  const has = (key: string) => (Object.hasOwn(parse.data ?? {}, key) && parse.data?.[key] !== undefined) || Object.hasOwn(ctx.defaults, key) || parse.entries.some((e) => e.key === key);
  if (profile === 'jekyll' && (ctx.kind === 'post' || ctx.kind === 'draft') && !has('title') && !ctx.schema.required.includes('title')) {
    const title = titleFromFileName(ctx.relPath);
    ctx.report('title-from-filename', parse.open.start, parse.open.end,
      t('No `title:`: Jekyll titles this post "{0}" from its file name.', title),
      [{ title: t('Add `{0}: {1}`', 'title', JSON.stringify(title)), edits: [{ start: parse.close.start, end: parse.close.start, newText: `title: ${JSON.stringify(title)}${parse.eol}` }], safe: false }]);
  }
  for (const key of ctx.schema.required) {
    if (Object.hasOwn(parse.data, key) && parse.data[key] !== undefined || Object.hasOwn(ctx.defaults, key)) continue;
    // An empty `title:` is present: empty-value says so.
    if (parse.entries.some((e) => e.key === key)) continue;
    // A Hugo headless bundle is never published itself: it needs no title.
    if (profile === 'hugo' && key === 'title' && parse.data.headless === true) continue;
    // jekyll-default-layout (GitHub Pages runs it) gives a post without one `post` or `default`.
    if (profile === 'jekyll' && key === 'layout' && ctx.config && defaultLayoutApplies(ctx)) continue;
    const value = key === 'title' ? JSON.stringify(titleFromFileName(ctx.relPath)) : key === 'layout' ? placeholderLayout(ctx) : '""';
    const message = ctx.kind === 'post' ? t('`{0}` is required in posts but missing from the front matter.', key)
      : ctx.kind === 'draft' ? t('`{0}` is required in drafts but missing from the front matter.', key)
        : t('`{0}` is required in this kind of page but missing from the front matter.', key);
    ctx.report('required-key', parse.open.start, parse.open.end, message,
      [{ title: t('Add `{0}: {1}`', key, value), edits: [{ start: parse.close.start, end: parse.close.start, newText: `${key}: ${value}${parse.eol}` }], safe: false }]);
  }
}

const EMPTY_CHECKED = new Set(['string', 'date', 'boolean', 'number', 'string-or-map']);

export function checkEmpty(ctx: RuleContext): void {
  const { text } = ctx;
  for (const e of ctx.parse.entries) {
    const spec = ctx.schema.keys.get(e.key);
    if (!spec || !EMPTY_CHECKED.has(spec.type)) continue;
    const n = e.node;
    const empty = n.kind === 'null' || (n.kind === 'scalar' && typeof n.value === 'string' && n.value.trim() === '');
    if (!empty) continue;
    const fixes: FixSpec[] = [];
    if (e.key === 'description') {
      const para = firstParagraphText(text.slice(ctx.parse.bodyStart), 4 * 160);
      if (para) {
        const desc = truncatePlain(para, 160);
        fixes.push({ title: t('Fill `description` from the first paragraph'), edits: [fillEdit(text, e, desc)], safe: false, preferred: true });
      }
    }
    if (!ctx.schema.required.includes(e.key)) {
      const del = { start: e.lineStart, end: e.lineEnd };
      if (del.end > del.start) fixes.push({ title: t('Remove the empty `{0}`', e.key), edits: [{ start: del.start, end: del.end, newText: '' }], safe: false });
    }
    const at = n.kind === 'null' ? { start: e.keyStart, end: e.keyEnd } : { start: n.start, end: n.end };
    ctx.report('empty-value', at.start, at.end, t('`{0}` is empty.', e.key), fixes);
  }
}

/** Puts `value` into an empty scalar, keeping its quotes (or adding double quotes to a bare `key:`). */
function fillEdit(text: string, e: FmEntry, value: string) {
  const n = e.node;
  if (n.kind === 'scalar' && (n.style === 'double' || n.style === 'single')) {
    const inner = n.style === 'single' ? value.replace(/'/g, "''") : JSON.stringify(value).slice(1, -1);
    return { start: n.start + 1, end: n.end - 1, newText: inner };
  }
  if (n.kind === 'scalar') return { start: n.start, end: n.end, newText: JSON.stringify(value) };
  // `key:` with nothing (maybe trailing spaces or a comment) after the colon.
  let lineEnd = text.indexOf('\n', n.start);
  if (lineEnd < 0) lineEnd = text.length;
  if (text[lineEnd - 1] === '\r') lineEnd--;
  const rest = text.slice(n.start, lineEnd);
  if (rest.trim() === '') return { start: n.start, end: lineEnd, newText: ' ' + JSON.stringify(value) };
  return { start: n.start, end: n.start, newText: ' ' + JSON.stringify(value) };
}

// A Map, not an object literal: a value such as "constructor" must not find Object.prototype members.
const BOOL_WORDS = new Map<string, boolean>([['true', true], ['false', false], ['yes', true], ['no', false], ['on', true], ['off', false], ['y', true], ['n', false]]);

// The kinds of value are terms of their own (translated as a glossary of value types), named in a
// whole-sentence message; they are called when a problem is reported, after the host set the language.
function typeName(n: FmNode): string {
  if (n.kind === 'seq') return t('a list');
  if (n.kind === 'map') return t('a mapping');
  if (n.value instanceof Date) return t('a date');
  if (typeof n.value === 'string') return t('text');
  if (typeof n.value === 'number') return t('a number');
  if (typeof n.value === 'boolean') return t('a boolean');
  return t('a value');
}

const WANT: Record<KeySpec['type'], () => string> = {
  string: () => t('text'), boolean: () => t('`true` or `false`'), date: () => t('a date'), number: () => t('a number'), list: () => t('a list'),
  'string-or-list': () => t('text or a list'), map: () => t('a mapping'), 'string-or-map': () => t('text or a mapping'), any: () => t('anything'),
};

export function checkTypes(ctx: RuleContext): void {
  for (const e of ctx.parse.entries) {
    const spec = ctx.schema.keys.get(e.key);
    if (!spec) continue;
    const n = e.node;
    if (n.kind === 'null' || (n.kind === 'scalar' && n.value === null)) continue;
    let ok = true;
    const fixes: FixSpec[] = [];
    let falseAsText: string | undefined;
    switch (spec.type) {
      case 'string': ok = n.kind === 'scalar'; break;
      case 'date': ok = true; break; // invalid-date speaks about dates
      case 'number': ok = n.kind === 'scalar' && typeof n.value === 'number'; break;
      case 'list': ok = n.kind === 'seq'; break;
      case 'string-or-list': ok = n.kind === 'scalar' || n.kind === 'seq'; break;
      case 'map': ok = n.kind === 'map'; break;
      case 'string-or-map': ok = n.kind === 'scalar' || n.kind === 'map'; break;
      case 'boolean': {
        ok = n.kind === 'scalar' && typeof n.value === 'boolean';
        if (!ok && n.kind === 'scalar' && typeof n.value === 'string') {
          const b = BOOL_WORDS.get(n.value.trim().toLowerCase());
          if (b !== undefined) {
            fixes.push({ title: t('Make `{0}` the boolean `{1}`', e.key, String(b)), edits: [{ start: n.start, end: n.end, newText: String(b) }], safe: true, preferred: true });
            if (!b) falseAsText = JSON.stringify(n.value);
          }
        }
        break;
      }
      case 'any': break;
    }
    if (!ok) {
      const message = falseAsText !== undefined
        ? t('`{0}` should be `true` or `false`, but it is text — as text, {1} counts as true.', e.key, falseAsText)
        : t('`{0}` should be {1}, but it is {2}.', e.key, Object.hasOwn(WANT, spec.type) ? WANT[spec.type]() : spec.type, typeName(n));
      ctx.report('type-mismatch', n.start, n.end, message, fixes);
      continue;
    }
    // Only a schema's enum or pattern says anything about the values themselves.
    if (!spec.enum && !spec.pattern) continue;
    const values = n.kind === 'seq' ? (n.items ?? []) : n.kind === 'scalar' ? [n] : [];
    for (const v of values) {
      if (v.kind !== 'scalar' || v.value === null) continue;
      if (spec.enum && !spec.enum.some((x) => x === v.value || String(x) === String(v.value))) {
        ctx.report('type-mismatch', v.start, v.end, t('`{0}` is {1}, which the schema does not allow; use one of {2}.', e.key, show(v.value), spec.enum.map((x) => '`' + String(x) + '`').join(', ')));
      } else if (spec.pattern && typeof v.value === 'string') {
        let re: RegExp | undefined;
        try { re = new RegExp(spec.pattern, 'u'); } catch { re = undefined; }
        if (re && !re.test(v.value)) ctx.report('type-mismatch', v.start, v.end, t('`{0}` is {1}, which does not match the schema\'s pattern {2}.', e.key, show(v.value), spec.pattern));
      }
    }
  }
}

/** Keys that are not typos although they sit near known keys. */
const NOT_TYPOS = new Set(['images', 'dates', 'datum', 'data', 'titles', 'layouts', 'updated', 'update', 'slugs', 'lange', 'langs']);

export function typoCandidates(key: string, known: Iterable<string>): string[] {
  if (NOT_TYPOS.has(key) || key.startsWith('_') || key.startsWith('<<')) return [];
  const lower = key.toLowerCase();
  const out: { k: string; d: number }[] = [];
  for (const k of known) {
    if (k === key) return [];
    if (k.toLowerCase() === lower) { out.push({ k, d: 0 }); continue; }
    if (key.length < 4) continue;
    if (lower === k + 's' || lower + 's' === k || lower === k + 'es' || lower + 'es' === k) continue;
    const max = k.length >= 8 ? 2 : 1;
    const d = editDistance(lower, k, max);
    if (d <= max) out.push({ k, d });
  }
  out.sort((a, b) => a.d - b.d || a.k.localeCompare(b.k));
  return out.filter((c) => c.d === out[0].d).map((c) => c.k);
}

export function checkUnknownKeys(ctx: RuleContext): void {
  // The keys present, gathered only when a key looks misspelled (most posts have none).
  let keys: Set<string> | undefined;
  for (const e of ctx.parse.entries) {
    if (ctx.schema.keys.has(e.key)) continue;
    const cands = typoCandidates(e.key, ctx.schema.keys.keys());
    if (!cands.length) continue;
    const present = (keys ??= new Set(ctx.parse.entries.map((x) => x.key)));
    const fixes: FixSpec[] = cands.filter((c) => !present.has(c)).map((c, i) => ({
      title: t('Rename `{0}` to `{1}`', e.key, c),
      edits: [{ start: e.keyStart, end: e.keyEnd, newText: c }],
      safe: cands.length === 1 && e.key.length >= 6,
      preferred: i === 0,
    }));
    const others = cands.slice(1).map((c) => '`' + c + '`').join(', ');
    const leftOver = present.has(cands[0]);
    const message = cands.length > 1
      ? leftOver
        ? t('`{0}` is not a key {3} reads; did you mean `{1}` (or {2})? {3} ignores misspelled keys silently (`{1}` is set too, so this one may be left over).', e.key, cands[0], others, generatorName(ctx))
        : t('`{0}` is not a key {3} reads; did you mean `{1}` (or {2})? {3} ignores misspelled keys silently.', e.key, cands[0], others, generatorName(ctx))
      : leftOver
        ? t('`{0}` is not a key {2} reads; did you mean `{1}`? {2} ignores misspelled keys silently (`{1}` is set too, so this one may be left over).', e.key, cands[0], generatorName(ctx))
        : t('`{0}` is not a key {2} reads; did you mean `{1}`? {2} ignores misspelled keys silently.', e.key, cands[0], generatorName(ctx));
    ctx.report('unknown-key', e.keyStart, e.keyEnd, message, fixes);
  }
}
