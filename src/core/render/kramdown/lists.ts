// kramdown's lists (list.rb): markers `*`, `+`, `-` and `\d+.` only (`0)` is text), followed by a space or tab;
// any bullet continues a bullet list, any number an ordered one. An item's content indentation comes from its
// first line; later lines indented that far belong to it, and so does any other non-blank line that does not
// follow a blank line (a lazy line: after `- #### Heading` too) unless it is an IAL or a block HTML tag.
// `^` ends the list. Each item's collected lines are then parsed as blocks of their own, as kramdown does.
import type MarkdownIt from 'markdown-it';
import { parseAttributeList } from './attributeList';
import { applyIal } from './blocks';
import { EOB_LINE, IAL_START, lineText } from './boundary';
import { BLOCK_TAG_LINE } from './codeBlocks';
import { envOf } from './env';

type StateBlock = MarkdownIt.StateBlock;

/** kramdown's PATTERN_TAIL `[\t| ]`: a tab, space (or pipe) must follow the marker. */
const TAIL = '([\\t| ].*)$';
const LIST_START = new RegExp(`^( {0,3}(?:[+*-]|\\d+\\.))${TAIL}`);
const HR_START = /^ {0,3}([*_-])[ \t]*\1[ \t]*\1(?:\1|[ \t])*$/;
const LIST_ITEM_IAL = /^\s*\{:(?!(?:\w[\w-]*)?:|\/)((?:\\\}|[^}])+)\}\s*/;
const LIST_ITEM_IAL_CHECK = new RegExp(`${LIST_ITEM_IAL.source.replace(/^\^/, '^(?:')})?\\s*$`);
/** Lines one list may hold: enough for any real post, and a bound for a stranger's file. */
const MAX_LIST_LINES = 100_000;

/** kramdown's fetch_pattern: later items may sit at most (content indentation − 1) spaces in, up to 3. */
function itemPattern(marker: string, indentation: number): RegExp {
  const n = Math.max(0, Math.min(indentation - 1, 3));
  const key = `${n}${marker}`;
  let re = ITEM_PATTERNS.get(key);
  // Asked for at every line of every list: made once (12 patterns at most; none is global or sticky).
  if (!re) ITEM_PATTERNS.set(key, (re = new RegExp(`^( {0,${n}}${marker})${TAIL}`)));
  return re;
}
const ITEM_PATTERNS = new Map<string, RegExp>();

/** An item's later lines: indented at least as far as its content (tabs as 4 columns); made once for each of the usual indentations. */
function contentPattern(indentation: number): RegExp {
  let re = CONTENT_PATTERNS.get(indentation);
  if (!re) {
    re = new RegExp(`^(?:(?:\\t| {4}){${Math.floor(indentation / 4)}} {${indentation % 4}}|(?:\\t| {4}){${Math.floor(indentation / 4) + 1}}).*\\S`);
    if (indentation < 64) CONTENT_PATTERNS.set(indentation, re);
  }
  return re;
}
const CONTENT_PATTERNS = new Map<number, RegExp>();

export interface Item { line: number; ial?: string; blankBefore: boolean; chunks: Array<{ line: number; lines: string[] }> }

/** The line as kramdown sees it inside the current container: its own indentation (tabs as 4 columns) and text. */
export function relativeLine(state: StateBlock, line: number): string {
  if (state.isEmpty(line)) return '';
  return ' '.repeat(Math.max(0, state.sCount[line] - state.blkIndent)) + lineText(state, line);
}

export const LIST_MARKERS = { ul: '[+*-]', ol: '\\d+\\.', dl: ':' } as const;

/** A line starts an item of this kind (`- x`, `1. x`, `: x`), up to 3 spaces in. */
export function startsItem(state: StateBlock, line: number, kind: keyof typeof LIST_MARKERS): boolean {
  return state.sCount[line] >= state.blkIndent && itemPattern(LIST_MARKERS[kind], 4).test(relativeLine(state, line));
}

/**
 * The lines of a list's items, as kramdown's parse_list / parse_definition_list collect them (`nested`: the list
 * rules for nested lists and a rule after a blank line; definition lists have neither and leave `^` in place).
 */
export function collectItems(state: StateBlock, startLine: number, endLine: number, kind: keyof typeof LIST_MARKERS):
  { items: Item[]; line: number; eobFound: boolean } {
  const nested = kind !== 'dl';
  let startRe = itemPattern(LIST_MARKERS[kind], 4);
  const items: Item[] = [];
  let item: Item | undefined;
  let indentation = 0;
  let contentRe = /$^/;
  let lazyStop = 0;
  let nestedListFound = false;
  let lastIsBlank = false;
  let eobFound = false;
  let line = startLine;
  for (; line < endLine && line - startLine < MAX_LIST_LINES; line++) {
    if (!state.isEmpty(line) && state.sCount[line] < state.blkIndent) break;
    const raw = relativeLine(state, line);
    if (nested && lastIsBlank && HR_START.test(raw)) break;
    if (EOB_LINE.test(raw)) {
      if (nested) { eobFound = true; line++; }
      break;
    }
    const m = startRe.exec(raw);
    if (m) {
      let content = m[2].replace(/^( *)(\t+)/, (_a, sp: string, tabs: string) => sp + ' '.repeat(4 - ((sp.length + m[1].length) % 4) + (tabs.length - 1) * 4));
      indentation = LIST_ITEM_IAL_CHECK.test(content) ? 4 : m[1].length + /^ */.exec(content)![0].length;
      content = content.replace(/^\s*/, '');
      item = { line, blankBefore: lastIsBlank, chunks: [{ line, lines: [] }] };
      const ial = LIST_ITEM_IAL.exec(content);
      if (ial) { item.ial = ial[1]; content = content.slice(ial[0].length); }
      item.chunks[0].lines.push(content);
      items.push(item);
      startRe = itemPattern(LIST_MARKERS[kind], indentation);
      contentRe = contentPattern(indentation);
      lazyStop = Math.min(indentation, 3);
      nestedListFound = !nested || LIST_START.test(content);
      lastIsBlank = false;
      continue;
    }
    if (!item) break;
    const chunk = item.chunks[item.chunks.length - 1];
    const trimmed = raw.replace(/^ */, '');
    const lazy = !lastIsBlank && /\S/.test(raw) && !(raw.length - trimmed.length <= lazyStop && (IAL_START.test(trimmed) || BLOCK_TAG_LINE.test(trimmed)));
    if (contentRe.test(raw) || lazy) {
      let result = raw;
      const indented = result.startsWith(' '.repeat(indentation));
      if (indented) result = result.slice(indentation);
      if (nested && !nestedListFound && indented && LIST_START.test(result)) {
        item.chunks.push({ line, lines: [result] });
        nestedListFound = true;
        lastIsBlank = false;
        continue;
      }
      if (nested && nestedListFound && !indented && LIST_START.test(result)) result = ' '.repeat(indentation + 4) + result;
      chunk.lines.push(result);
      lastIsBlank = false;
    } else if (!/\S/.test(raw)) {
      nestedListFound = true;
      lastIsBlank = true;
      chunk.lines.push('');
    } else break;
  }
  return { items, line, eobFound };
}

/** An item's lines parsed as blocks of their own (kramdown's parse_blocks on the item), positions mapped back to the file. */
export function parseItemBlocks(state: StateBlock, item: Item): void {
  const env = envOf(state);
  const saved = env.lastBlockBreak;
  for (const chunk of item.chunks) {
    const from = state.tokens.length;
    const sub = new state.md.block.State(chunk.lines.join('\n') + '\n', state.md, state.env, state.tokens);
    sub.level = state.level;
    env.lastBlockBreak = undefined;
    state.md.block.tokenize(sub, 0, sub.lineMax);
    let lastText = sub.lineMax - 1;
    while (lastText >= 0 && sub.isEmpty(lastText)) lastText--;
    for (let i = from; i < state.tokens.length; i++) {
      const t = state.tokens[i];
      if (!t.map) continue;
      // Whether a blank line follows a paragraph inside the item decides kramdown's tight items (structure.ts), and
      // whether anything follows at all: a definition (footnote, link, abbreviation, ALD) writes nothing but is a
      // child of the item in kramdown. Set by the innermost container (the one whose lines are the paragraph's own).
      if (t.type === 'paragraph_open' && t.meta?.blankAfter === undefined) {
        t.meta = { ...(t.meta ?? {}), blankAfter: t.map[1] < sub.lineMax && sub.isEmpty(t.map[1]), textAfter: lastText >= t.map[1] };
      }
      t.map = [t.map[0] + chunk.line, t.map[1] + chunk.line];
    }
  }
  env.lastBlockBreak = saved;
}

export function itemAttributes(token: MarkdownIt.Token, ial: string | undefined): void {
  if (ial) applyIal(token, parseAttributeList(ial));
}

function list(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  const ordered = !startsItem(state, startLine, 'ul');
  if (ordered && !startsItem(state, startLine, 'ol')) return false;
  if (silent) return true;
  const { items, line, eobFound } = collectItems(state, startLine, endLine, ordered ? 'ol' : 'ul');
  const listOpen = state.push(ordered ? 'ordered_list_open' : 'bullet_list_open', ordered ? 'ol' : 'ul', 1);
  listOpen.markup = ordered ? '.' : '*';
  listOpen.map = [startLine, line];
  for (const it of items) {
    const li = state.push('list_item_open', 'li', 1);
    itemAttributes(li, it.ial);
    parseItemBlocks(state, it);
    const last = it.chunks[it.chunks.length - 1];
    li.map = [it.line, last.line + last.lines.length];
    state.push('list_item_close', 'li', -1);
  }
  state.push(ordered ? 'ordered_list_close' : 'bullet_list_close', ordered ? 'ol' : 'ul', -1);
  if (eobFound) {
    envOf(state).lastBlockBreak = line;
    listOpen.meta = { ...(listOpen.meta ?? {}), eob: true };
  }
  state.line = line;
  return true;
}

export function kramdownListsPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.at('list', list, { alt: ['paragraph', 'reference', 'blockquote'] });
}
