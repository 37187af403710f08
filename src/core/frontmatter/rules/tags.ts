// Tags and categories: stray spaces, duplicates within a post, spellings that differ across the blog.
import { t } from '../../text/l10n';
import { endOfLineIncludingBreak, startOfLine } from '../../text/lineIndex';
import type { OffsetEdit } from '../../text/textEdit';
import type { TagKind } from '../../site/siteIndex';
import { generatorName, innerRaw, yamlScalar, type FixSpec, type RuleContext } from '../context';
import type { FmEntry, FmNode } from '../types';

const KEYS = new Map<string, TagKind>([['tags', 'tags'], ['tag', 'tags'], ['categories', 'categories'], ['category', 'categories']]);

interface TagItem {
  value: string;
  start: number;
  end: number;
  /** The item's own node, when the tag is one list item. */
  node?: FmNode;
  /** How to delete this item (with its separator), when that can be said as a plain edit; list items: see removalOf. */
  remove?: OffsetEdit;
  /** The list the item is `index` of. */
  list?: FmNode;
  index?: number;
  /** Where the tag's text is, for replacing it in place; for list items see innerOf. */
  inner?: { start: number; end: number };
}

function listItems(ctx: RuleContext, n: FmNode): TagItem[] {
  const { text } = ctx;
  const items = n.items;
  if (!items) return [];
  const out: TagItem[] = [];
  for (let i = 0; i < items.length; i++) {
    const it = items[i];
    if (it.kind !== 'scalar' || it.value === null || typeof it.value === 'object' && !(it.value instanceof Date)) continue;
    const value = it.value instanceof Date ? text.slice(it.start, it.end) : String(it.value);
    // How to delete it, and where its text is, are worked out only for a problem that needs them (removalOf, innerOf).
    out.push({ value, start: it.start, end: it.end, node: it, list: n, index: i });
  }
  return out;
}

/** Where the tag's text is: a list item's own (asked only when a problem offers an edit), else `inner`. */
function innerOf(text: string, item: TagItem): { start: number; end: number } | undefined {
  return item.list && item.node ? innerRaw(text, item.node) : item.inner;
}

/** How to delete a tag item with its separator, when that can be said as a plain edit. */
function removalOf(text: string, item: TagItem): OffsetEdit | undefined {
  const n = item.list;
  const items = n?.items;
  const i = item.index;
  if (!n || !items || i === undefined) return item.remove;
  const it = items[i];
  const ls = startOfLine(text, it.start);
  const le = endOfLineIncludingBreak(text, it.end);
  if (n.flow && /^\s*$/.test(text.slice(ls, it.start)) && /^\s*,?\s*(#.*)?\r?\n?$/.test(text.slice(it.end, le)) && n.start < ls && le <= n.end) {
    // An item alone on its line of a multi-line list: the line goes, whatever comments sit around it.
    return { start: ls, end: le, newText: '' };
  } else if (n.flow) {
    const prev = items[i - 1];
    const next = items[i + 1];
    if (prev && /^\s*,\s*$/.test(text.slice(prev.end, it.start))) return { start: prev.end, end: it.end, newText: '' };
    else if (!prev && next && /^\s*,\s*$/.test(text.slice(it.end, next.start))) return { start: it.start, end: next.start, newText: '' };
    else if (!prev && !next) return { start: it.start, end: it.end, newText: '' };
  } else {
    const after = text.slice(it.end, le).replace(/\r?\n$/, '');
    if (/^\s*-\s+$/.test(text.slice(ls, it.start)) && /^(\s*|\s+#.*)$/.test(after)) return { start: ls, end: le, newText: '' };
  }
  return undefined;
}

/** Words of a space-separated string (`tags: ebpf tracing`), with offsets when the source spells them. */
function wordItems(ctx: RuleContext, n: FmNode, split: boolean): TagItem[] {
  if (n.kind !== 'scalar' || n.value === null || typeof n.value === 'object' && !(n.value instanceof Date)) return [];
  const raw = innerRaw(ctx.text, n);
  const value = n.value instanceof Date ? ctx.text.slice(n.start, n.end) : String(n.value);
  if (!split) return [{ value, start: n.start, end: n.end, node: n, inner: raw }];
  if (!raw) return value.split(/\s+/).filter(Boolean).map((w) => ({ value: w, start: n.start, end: n.end }));
  const out: TagItem[] = [];
  const re = /\S+/g;
  const src = ctx.text.slice(raw.start, raw.end);
  for (let m; (m = re.exec(src));) {
    const s = raw.start + m.index;
    const e = s + m[0].length;
    // Remove the word and the space before it (or after it, for the first word).
    const remove = m.index > 0 ? { start: s - 1, end: e, newText: '' } : { start: s, end: Math.min(e + 1, raw.end), newText: '' };
    out.push({ value: m[0], start: s, end: e, remove, inner: { start: s, end: e } });
  }
  return out;
}

function tagItems(ctx: RuleContext, e: FmEntry): TagItem[] {
  const n = e.node;
  if (n.kind === 'seq') {
    if (n.items) return listItems(ctx, n);
    // TOML / JSON lists: values without positions.
    return (Array.isArray(n.value) ? n.value : []).filter((v) => typeof v === 'string').map((v: string) => ({ value: v, start: n.start, end: n.end }));
  }
  // Jekyll splits a string under `tags`/`categories` on spaces, but not one under `tag`/`category`.
  return wordItems(ctx, n, e.key === 'tags' || e.key === 'categories');
}

function replaceTag(item: TagItem, newValue: string): OffsetEdit | undefined {
  if (item.inner) return { ...item.inner, newText: item.node?.style === 'single' ? newValue.replace(/'/g, "''") : item.node?.style === 'double' ? JSON.stringify(newValue).slice(1, -1) : newValue };
  if (item.node && item.node.start < item.node.end) return { start: item.node.start, end: item.node.end, newText: yamlScalar(newValue, item.node.style) };
  return undefined;
}

function removeFix(text: string, item: TagItem, title: string): FixSpec[] {
  const remove = removalOf(text, item);
  return remove ? [{ title, edits: [remove], safe: true, preferred: true }] : [];
}

const normal = (t: string) => (/\s/.test(t) ? t.trim().replace(/\s+/g, ' ') : t).toLowerCase();

export function checkTags(ctx: RuleContext): void {
  for (const e of ctx.parse.entries) {
    const kind = KEYS.get(e.key);
    if (!kind) continue;
    const items = tagItems(ctx, e);
    // Tags and categories have whole messages of their own (no noun pasted into a sentence).
    const tag = kind === 'tags';
    const seen = new Map<string, TagItem>();
    for (const item of items) {
      const trimmed = item.value.trim();
      if (trimmed === '') {
        if (e.node.kind === 'seq') {
          ctx.report('tag-whitespace', item.start, item.end, tag ? t('An empty tag in `{0}`.', e.key) : t('An empty category in `{0}`.', e.key),
            removeFix(ctx.text, item, tag ? t('Remove the empty tag') : t('Remove the empty category')));
        }
        continue;
      }
      if (trimmed !== item.value) {
        const fixes: FixSpec[] = [];
        const trimTitle = tag ? t('Trim the tag to "{0}"', trimmed) : t('Trim the category to "{0}"', trimmed);
        const inner = innerOf(ctx.text, item);
        if (inner) {
          const lead = item.value.length - item.value.trimStart().length;
          const trail = item.value.length - item.value.trimEnd().length;
          const edits: OffsetEdit[] = [];
          if (lead) edits.push({ start: inner.start, end: inner.start + lead, newText: '' });
          if (trail) edits.push({ start: inner.end - trail, end: inner.end, newText: '' });
          fixes.push({ title: trimTitle, edits, safe: true, preferred: true });
        } else {
          const r = replaceTag(item, trimmed); // no inner: replaceTag takes the node's range
          if (r) fixes.push({ title: trimTitle, edits: [r], safe: true, preferred: true });
        }
        const shown = JSON.stringify(item.value);
        const gen = generatorName(ctx);
        const where = item.value.startsWith(' ') || /^\s/.test(item.value) ? (/\s$/.test(item.value) ? 'both' : 'leading') : 'trailing';
        const message = tag
          ? where === 'both' ? t('The tag {0} has leading and trailing space; {2} makes it a separate tag from "{1}".', shown, trimmed, gen)
            : where === 'leading' ? t('The tag {0} has a leading space; {2} makes it a separate tag from "{1}".', shown, trimmed, gen)
              : t('The tag {0} has a trailing space; {2} makes it a separate tag from "{1}".', shown, trimmed, gen)
          : where === 'both' ? t('The category {0} has leading and trailing space; {2} makes it a separate category from "{1}".', shown, trimmed, gen)
            : where === 'leading' ? t('The category {0} has a leading space; {2} makes it a separate category from "{1}".', shown, trimmed, gen)
              : t('The category {0} has a trailing space; {2} makes it a separate category from "{1}".', shown, trimmed, gen);
        ctx.report('tag-whitespace', item.start, item.end, message, fixes);
      }
      const key = normal(item.value);
      const first = seen.get(key);
      if (first) {
        const line = ctx.parse.lines.positionAt(first.start).line + 1;
        const was = first.value.trim();
        const message = was !== trimmed
          ? tag ? t('The tag "{0}" is already listed (line {1}, as "{2}").', trimmed, line, was) : t('The category "{0}" is already listed (line {1}, as "{2}").', trimmed, line, was)
          : tag ? t('The tag "{0}" is already listed (line {1}).', trimmed, line) : t('The category "{0}" is already listed (line {1}).', trimmed, line);
        ctx.report('duplicate-tag', item.start, item.end, message,
          removeFix(ctx.text, item, tag ? t('Remove the duplicate tag "{0}"', trimmed) : t('Remove the duplicate category "{0}"', trimmed)));
        continue;
      }
      seen.set(key, item);
      if (ctx.site) {
        const spellings = ctx.site.spellingsOf(kind, trimmed);
        const mine = spellings.find((s) => s.value === trimmed)?.count ?? 0;
        const top = spellings[0];
        if (top && top.value !== trimmed && top.count > mine) {
          const inner = innerOf(ctx.text, item);
          const r = replaceTag({ ...item, inner: inner && item.value === trimmed ? inner : undefined }, top.value);
          const message = top.count === 1
            ? tag ? t('The tag "{0}" is spelled "{1}" in another post; each spelling gets its own tag page.', trimmed, top.value)
              : t('The category "{0}" is spelled "{1}" in another post; each spelling gets its own category page.', trimmed, top.value)
            : tag ? t('The tag "{0}" is spelled "{1}" in {2} other posts; each spelling gets its own tag page.', trimmed, top.value, top.count)
              : t('The category "{0}" is spelled "{1}" in {2} other posts; each spelling gets its own category page.', trimmed, top.value, top.count);
          ctx.report('tag-case-variant', item.start, item.end, message,
            r ? [{ title: t('Use the blog\'s spelling "{0}"', top.value), edits: [r], safe: false, preferred: true }] : []);
        }
      }
    }
  }
}
