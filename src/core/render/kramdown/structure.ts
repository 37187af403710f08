// Post-parse passes that give the token stream kramdown's shape: header ids (`{#id}` and automatic),
// the `{:toc}` table of contents, GFM task lists, table alignment styles, and `data-line` for scroll sync.
import type MarkdownIt from 'markdown-it';
import { HeaderIdGenerator } from './headerIds';
import { escapeHtml } from '../escape';
import { envOf, type RenderEnv } from './env';
import { attributesHtml } from '../sanitize';

type Token = MarkdownIt.Token;
type StateCore = MarkdownIt.StateCore;

const HEADER_ID = /[\t ]\{#([A-Za-z][\w:-]*)\}\s*$/;

/** `## Title {#custom-id}`: kramdown's explicit header id, taken off the text before inline parsing. */
function explicitHeaderIds(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    if (tokens[i].type !== 'heading_open') continue;
    const inline = tokens[i + 1];
    const m = HEADER_ID.exec(inline.content);
    if (!m) continue;
    inline.content = inline.content.slice(0, m.index).trimEnd();
    tokens[i].attrSet('id', m[1]);
  }
}

/** The header text kramdown-parser-gfm builds ids from: text, code and math, without markup. */
function gfmRawText(children: Token[]): string {
  let s = '';
  for (const c of children) {
    if (c.type === 'text' || c.type === 'code_inline' || c.type === 'math_inline' || c.type === 'text_special') s += c.content;
    else if (c.type === 'softbreak' || c.type === 'hardbreak') s += '\n';
  }
  return s;
}

function headerIds(state: StateCore): void {
  const env = envOf(state);
  if (!env.options.autoIds) return;
  const gen = new HeaderIdGenerator(env.options.input === 'GFM' ? 'gfm' : 'kramdown', env.options.autoIdPrefix, env.options.transliteratedHeaderIds);
  const tokens = state.tokens;
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'heading_open' || t.attrGet('id') !== null) continue;
    const inline = tokens[i + 1];
    const text = env.options.input === 'GFM' ? gfmRawText(inline.children ?? []) : inline.content;
    t.attrSet('id', gen.next(text));
  }
}

/** A list carrying `{:toc}` becomes kramdown's `ul#markdown-toc` of the post's headers. */
function tableOfContents(state: StateCore): void {
  const tokens = state.tokens;
  const env = envOf(state);
  const at = tokens.findIndex((t) => (t.type === 'bullet_list_open' || t.type === 'ordered_list_open') && t.meta?.toc);
  if (at < 0) return;
  const entries: Array<{ level: number; id: string; html: string }> = [];
  for (let i = 0; i + 1 < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'heading_open') continue;
    const level = Number(t.tag.slice(1));
    const id = t.attrGet('id') === null ? '' : String(t.attrGet('id'));
    if (!id || !env.options.tocLevels.includes(level) || /\bno_toc\b/.test(String(t.attrGet('class') ?? ''))) continue;
    // kramdown drops footnote markers and link wrappers from the entries.
    const kids = (tokens[i + 1].children ?? []).filter((k) => k.type !== 'footnote_ref' && k.type !== 'link_open' && k.type !== 'link_close');
    entries.push({ level, id, html: state.md.renderer.renderInline(kids, state.md.options, state.env) });
  }
  for (let i = at; i < tokens.length; i++) {
    const open = tokens[i];
    if (!((open.type === 'bullet_list_open' || open.type === 'ordered_list_open') && open.meta?.toc)) continue;
    let depth = 0;
    let j = i;
    for (; j < tokens.length; j++) {
      depth += tokens[j].nesting;
      if (depth === 0) break;
    }
    const tag = open.type === 'ordered_list_open' ? 'ol' : 'ul';
    if (open.attrGet('id') === null) open.attrSet('id', 'markdown-toc');
    const toc = new state.Token('kramdown_toc', tag, 0);
    toc.content = tocHtml(entries, tag, open, env);
    toc.map = open.map;
    toc.block = true;
    toc.level = open.level;
    tokens.splice(i, j - i + 1, toc);
  }
}

function tocHtml(entries: Array<{ level: number; id: string; html: string }>, tag: string, open: Token, env: RenderEnv): string {
  const attrs = attributesHtml(tag, (open.attrs ?? []).map(([k, v]) => [k, String(v)] as const), { resource: env.image });
  // kramdown nests an entry under the closest earlier entry of a lower level.
  let i = 0;
  const level = (min: number): string => {
    let out = '';
    while (i < entries.length && entries[i].level > min) {
      const e = entries[i++];
      const sub = i < entries.length && entries[i].level > e.level ? level(e.level) : '';
      out += `<li><a href="#${escapeHtml(e.id)}" id="markdown-toc-${escapeHtml(e.id)}">${e.html}</a>${sub ? `\n<${tag}>\n${sub}</${tag}>\n` : ''}</li>\n`;
    }
    return out;
  };
  return `<${tag}${attrs}>\n${level(0)}</${tag}>\n`;
}

const UNCHECKED = /^\s*\[ \]\s+/;
const CHECKED = /^\s*\[x\]\s+/i;

/** kramdown-parser-gfm's task lists: once an item has a box, later items get the class too. */
function taskLists(state: StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const list = tokens[i];
    if (list.type !== 'bullet_list_open' && list.type !== 'ordered_list_open') continue;
    let isTaskList = false;
    for (let j = i + 1, depth = 1; j < tokens.length && depth > 0; j++) {
      const t = tokens[j];
      if (t.type === 'list_item_open' && depth === 1) {
        const p = tokens[j + 1];
        const inline = tokens[j + 2];
        if (p?.type === 'paragraph_open' && inline?.type === 'inline' && inline.children?.[0]?.type === 'text') {
          const first = inline.children[0];
          const m = UNCHECKED.exec(first.content) ?? CHECKED.exec(first.content);
          if (m) {
            const box = new state.Token('kramdown_checkbox', 'input', 0);
            box.meta = { checked: !UNCHECKED.test(first.content) };
            first.content = first.content.slice(m[0].length);
            inline.children.unshift(box);
            isTaskList = true;
          }
        }
        if (isTaskList) t.attrJoin('class', 'task-list-item');
      }
      depth += t.nesting;
    }
    if (isTaskList) list.attrJoin('class', 'task-list');
  }
}

/**
 * kramdown's lists (parsed by lists.ts): tightness is decided per item (list.rb): an item's first paragraph loses its `<p>` unless a blank line follows it, the
 * last item only when an earlier item is tight too.
 */
function kramdownLists(state: StateCore): void {
  const tokens = state.tokens;
  const src = state.src;
  let lineStarts: number[] | undefined;
  const isBlank = (line: number) => (lineStarts ??= lineIndex(src)) && line < lineStarts.length && /^[ \t]*$/.test(src.slice(lineStarts[line], (lineStarts[line + 1] ?? src.length + 1) - 1));
  for (let i = 0; i < tokens.length; i++) {
    const list = tokens[i];
    if (list.type !== 'bullet_list_open' && list.type !== 'ordered_list_open') continue;
    // The direct items, and for each its direct child blocks.
    const items: Array<{ children: number[] }> = [];
    for (let j = i + 1, depth = 0; j < tokens.length; j++) {
      const t = tokens[j];
      if (depth === 0 && (t.type === 'bullet_list_close' || t.type === 'ordered_list_close')) break;
      if (depth === 0 && t.type === 'list_item_open') items.push({ children: [] });
      else if (depth === 1 && t.nesting !== -1) items[items.length - 1]?.children.push(j);
      depth += t.nesting;
    }
    let anyTransparent = false;
    items.forEach((item, n) => {
      const first = item.children[0];
      const firstIsP = first !== undefined && tokens[first].type === 'paragraph_open';
      const isLast = n === items.length - 1;
      let transparent = false;
      if (firstIsP) {
        const end = tokens[first].map?.[1] ?? 0;
        const blankAfter = (tokens[first].meta?.blankAfter as boolean | undefined) ?? isBlank(end);
        const onlyPAndBlank = blankAfter && item.children.length === 1 && tokens[first].meta?.textAfter !== true;
        // A list ended by `^` keeps the last item's paragraph.
        transparent = (!blankAfter || (isLast && onlyPAndBlank && !list.meta?.eob)) && (!isLast || items.length === 1 || anyTransparent || items.slice(0, -1).some((it) => tokens[it.children[0]]?.type !== 'paragraph_open'));
      }
      if (transparent) {
        anyTransparent = true;
        // kramdown ends a transparent paragraph's text with a line break when a block follows it directly.
        const inline = tokens[first + 1];
        if (item.children.length > 1 && tokens[first].meta?.blankAfter !== true && inline?.type === 'inline' && inline.children) {
          endWithLineBreak(state, inline);
        }
      }
      for (const c of item.children) {
        if (tokens[c].type !== 'paragraph_open') continue;
        const hide = c === first && transparent;
        tokens[c].hidden = hide;
        // paragraph_close sits two tokens on (open, inline, close).
        if (tokens[c + 2]?.type === 'paragraph_close') tokens[c + 2].hidden = hide;
      }
    });
  }
}

/**
 * Ends a bare (transparent) paragraph's text with the line break kramdown appends to it before its spans are read:
 * an even run of backslashes at the end of the source ends in kramdown's line break (`<br />`), an odd one in a `\`
 * before a line break, which the GFM parser takes away (the `<br />` it omits at the end of a block).
 */
export function endWithLineBreak(state: StateCore, inline: MarkdownIt.Token): void {
  const children = inline.children ?? [];
  const last = children[children.length - 1];
  if (last?.type === 'text' && last.content.endsWith('\\') && !envOf(state).options.hardWrap) {
    last.content = last.content.slice(0, -1);
    if (/(?:^|[^\\])(?:\\\\)+$/.test(inline.content)) children.push(new state.Token('hardbreak', 'br', 0));
  }
  const br = new state.Token('text', '', 0);
  br.content = '\n';
  children.push(br);
}

function lineIndex(src: string): number[] {
  const starts = [0];
  for (let i = src.indexOf('\n'); i >= 0; i = src.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

/** markdown-it writes `text-align:left`; kramdown `text-align: left`. */
function tableAlign(state: StateCore): void {
  for (const t of state.tokens) {
    if (t.type !== 'th_open' && t.type !== 'td_open') continue;
    const style = t.attrGet('style');
    if (style) t.attrSet('style', String(style).replace(/text-align:(\S)/, 'text-align: $1'));
  }
}

/** `data-line` (0-based line of the source file) on every block that has a source position. */
function dataLines(state: StateCore): void {
  const env = envOf(state);
  if (!env.dataLines) return;
  for (const t of state.tokens) {
    if (!t.map || !t.block || t.nesting === -1 || t.hidden || t.type === 'inline' || t.type === 'html_block') continue;
    t.attrSet('data-line', String(env.sourceLine(t.map[0])));
  }
}

export function kramdownStructurePlugin(md: MarkdownIt.MarkdownIt): void {
  md.core.ruler.after('block', 'kramdown_header_explicit_ids', explicitHeaderIds);
  md.core.ruler.push('kramdown_header_ids', headerIds);
  md.core.ruler.push('kramdown_lists', kramdownLists);
  md.core.ruler.push('kramdown_task_lists', taskLists);
  md.core.ruler.push('kramdown_toc', tableOfContents);
  md.core.ruler.push('kramdown_table_align', tableAlign);
  md.core.ruler.push('kramdown_data_lines', dataLines);
  md.renderer.rules.kramdown_toc = (tokens, idx) => tokens[idx].content;
  md.renderer.rules.kramdown_checkbox = (tokens, idx) =>
    `<input type="checkbox" class="task-list-item-checkbox" disabled="disabled"${tokens[idx].meta?.checked ? ' checked="checked"' : ''} />`;
}
