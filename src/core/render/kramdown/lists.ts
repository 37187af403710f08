// kramdown's lists (list.rb): markers `*`, `+`, `-` and `\d+.` only (`0)` is text), followed by a space or tab;
// any bullet continues a bullet list, any number an ordered one. An item's content indentation comes from its
// first line; later lines indented that far belong to it, and so does any other non-blank line that does not
// follow a blank line (a lazy line: after `- #### Heading` too) unless it is an IAL or a block HTML tag.
// `^` ends the list. Each item's collected lines are then parsed as blocks of their own, as kramdown does.
import type MarkdownIt from 'markdown-it';
import { applyAttributes, parseAttributeList, resolveAttributeList } from './attributeList';
import { EOB_LINE, IAL_START, lineText } from './boundary';
import { BLOCK_TAG_LINE } from './codeBlocks';
import { envOf } from './env';

type StateBlock = MarkdownIt.StateBlock;

/** kramdown's PATTERN_TAIL `[\t| ]`: a tab, space (or pipe) must follow the marker. */
const TAIL = '([\\t| ].*)$';
const LIST_START_UL = new RegExp(`^( {0,3}[+*-])${TAIL}`);
const LIST_START_OL = new RegExp(`^( {0,3}\\d+\\.)${TAIL}`);
const LIST_START = new RegExp(`${LIST_START_UL.source}|${LIST_START_OL.source}`);
const HR_START = /^ {0,3}([*_-])[ \t]*\1[ \t]*\1(?:\1|[ \t])*$/;
const LIST_ITEM_IAL = /^\s*\{:(?!(?:\w[\w-]*)?:|\/)((?:\\\}|[^}])+)\}\s*/;
const LIST_ITEM_IAL_CHECK = new RegExp(`${LIST_ITEM_IAL.source.replace(/^\^/, '^(?:')})?\\s*$`);
/** Lines one list may hold: enough for any real post, and a bound for a stranger's file. */
const MAX_LIST_LINES = 100_000;

/** kramdown's fetch_pattern: later items may sit at most (content indentation − 1) spaces in, up to 3. */
function itemPattern(ordered: boolean, indentation: number): RegExp {
  const n = Math.max(0, Math.min(indentation - 1, 3));
  return new RegExp(`^( {0,${n}}${ordered ? '\\d+\\.' : '[+*-]'})${TAIL}`);
}

interface Item { line: number; ial?: string; chunks: Array<{ line: number; lines: string[] }> }

/** The line as kramdown sees it inside the current container: its own indentation (tabs as 4 columns) and text. */
function relativeLine(state: StateBlock, line: number): string {
  if (state.isEmpty(line)) return '';
  return ' '.repeat(Math.max(0, state.sCount[line] - state.blkIndent)) + lineText(state, line);
}

function list(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] < state.blkIndent) return false;
  const first = relativeLine(state, startLine);
  const ordered = !LIST_START_UL.test(first);
  let startRe = ordered ? LIST_START_OL : LIST_START_UL;
  const m0 = startRe.exec(first);
  if (!m0) return false;
  if (silent) return true;

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
    if (lastIsBlank && HR_START.test(raw)) break;
    if (EOB_LINE.test(raw)) { eobFound = true; line++; break; }
    const m = startRe.exec(raw);
    if (m) {
      let content = m[2].replace(/^( *)(\t+)/, (_a, sp: string, tabs: string) => sp + ' '.repeat(4 - ((sp.length + m[1].length) % 4) + (tabs.length - 1) * 4));
      indentation = LIST_ITEM_IAL_CHECK.test(content) ? 4 : m[1].length + /^ */.exec(content)![0].length;
      content = content.replace(/^\s*/, '');
      item = { line, chunks: [{ line, lines: [] }] };
      const ial = LIST_ITEM_IAL.exec(content);
      if (ial) { item.ial = ial[1]; content = content.slice(ial[0].length); }
      item.chunks[0].lines.push(content);
      items.push(item);
      startRe = itemPattern(ordered, indentation);
      contentRe = new RegExp(`^(?:(?:\\t| {4}){${Math.floor(indentation / 4)}} {${indentation % 4}}|(?:\\t| {4}){${Math.floor(indentation / 4) + 1}}).*\\S`);
      lazyStop = Math.min(indentation, 3);
      nestedListFound = LIST_START.test(content);
      lastIsBlank = false;
      continue;
    }
    const chunk = item!.chunks[item!.chunks.length - 1];
    const trimmed = raw.replace(/^ */, '');
    const lazy = !lastIsBlank && /\S/.test(raw) && !(raw.length - trimmed.length <= lazyStop && (IAL_START.test(trimmed) || BLOCK_TAG_LINE.test(trimmed)));
    if (contentRe.test(raw) || lazy) {
      let result = raw;
      const indented = result.startsWith(' '.repeat(indentation));
      if (indented) result = result.slice(indentation);
      if (!nestedListFound && indented && LIST_START.test(result)) {
        item!.chunks.push({ line, lines: [result] });
        nestedListFound = true;
        lastIsBlank = false;
        continue;
      }
      if (nestedListFound && !indented && LIST_START.test(result)) result = ' '.repeat(indentation + 4) + result;
      chunk.lines.push(result);
      lastIsBlank = false;
    } else if (!/\S/.test(raw)) {
      nestedListFound = true;
      lastIsBlank = true;
      chunk.lines.push('');
    } else break;
  }

  const env = envOf(state);
  const listOpen = state.push(ordered ? 'ordered_list_open' : 'bullet_list_open', ordered ? 'ol' : 'ul', 1);
  listOpen.markup = m0[1].trim();
  listOpen.map = [startLine, line];
  const savedBreak = env.lastBlockBreak;
  for (const it of items) {
    const li = state.push('list_item_open', 'li', 1);
    li.map = [it.line, it.line + 1];
    if (it.ial) applyAttributes(li, resolveAttributeList(parseAttributeList(it.ial), env.alds));
    for (const chunk of it.chunks) {
      // The item's lines are blocks of their own; their positions map back to the file's lines.
      const from = state.tokens.length;
      const sub = new state.md.block.State(chunk.lines.join('\n') + '\n', state.md, state.env, state.tokens);
      sub.level = state.level;
      env.lastBlockBreak = undefined;
      state.md.block.tokenize(sub, 0, sub.lineMax);
      for (let i = from; i < state.tokens.length; i++) {
        const t = state.tokens[i];
        if (t.map) t.map = [t.map[0] + chunk.line, t.map[1] + chunk.line];
      }
    }
    li.map = [it.line, (it.chunks[it.chunks.length - 1].line + it.chunks[it.chunks.length - 1].lines.length)];
    state.push('list_item_close', 'li', -1);
  }
  env.lastBlockBreak = eobFound ? line : savedBreak;
  state.push(ordered ? 'ordered_list_close' : 'bullet_list_close', ordered ? 'ol' : 'ul', -1);
  state.line = line;
  return true;
}

export function kramdownListsPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.at('list', list, { alt: ['paragraph', 'reference', 'blockquote'] });
}
