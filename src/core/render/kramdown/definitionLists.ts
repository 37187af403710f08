// kramdown's definition lists (list.rb, parse_definition_list): a `: definition` line right under a paragraph
// (or one blank line below it) turns each line of that paragraph into a term (`{:.x}` before a term is its IAL)
// and the paragraph's IAL into the list's. Definitions collect their lines as list items do and are parsed as
// blocks; the first paragraph of a definition is bare text unless a blank line came before its `:`. A definition
// list right after another (a blank line between) continues it. In place of markdown-it-deflist.
import type MarkdownIt from 'markdown-it';
import { basicKramdownId } from './headerIds';
import { collectItems, itemAttributes, parseItemBlocks, startsItem } from './lists';
import { endWithLineBreak } from './structure';

type StateBlock = MarkdownIt.StateBlock;
type Token = MarkdownIt.Token;

const TERM_IAL = /^\s*\{:(?!(?:\w[\w-]*)?:|\/)((?:\\\}|[^}])+)\}\s*/;

function definitionList(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (!startsItem(state, startLine, 'dl')) return false;
  // Inside a paragraph: the `:` line ends it (kramdown's PARAGRAPH_END), the term paragraph is then complete.
  if (silent) return state.parentType === 'paragraph';
  const tokens = state.tokens;
  const close = tokens[tokens.length - 1];
  if (close?.type !== 'paragraph_close' || close.level !== state.level) return false;
  const para = tokens[tokens.length - 3];
  const inline = tokens[tokens.length - 2];
  const paraEnd = para.map?.[1] ?? -1;
  const blankBetween = paraEnd === startLine - 1 && state.isEmpty(startLine - 1);
  if (paraEnd !== startLine && !blankBetween) return false;

  const { items, line } = collectItems(state, startLine, endLine, 'dl');
  tokens.splice(tokens.length - 3, 3);
  // A list right before (blank lines at most between: no `^`, IAL or definition) takes these terms and definitions too.
  const prev = tokens[tokens.length - 1];
  let above = (para.map?.[0] ?? startLine) - 1;
  while (above >= 0 && state.isEmpty(above)) above--;
  const prevDl = prev?.type === 'dl_close' && prev.level === state.level ? openerOf(tokens, tokens.length - 1) : undefined;
  let dlOpen = prevDl?.map && above < prevDl.map[1] ? prevDl : undefined;
  if (dlOpen) {
    tokens.pop();
    state.level++;
    if (dlOpen.map) dlOpen.map = [dlOpen.map[0], line];
  } else {
    dlOpen = state.push('dl_open', 'dl', 1);
    dlOpen.map = [para.map?.[0] ?? startLine, line];
    for (const [k, v] of para.attrs ?? []) dlOpen.attrSet(k, v);
    if (para.meta) dlOpen.meta = para.meta;
  }
  inline.content.split('\n').forEach((term, i) => {
    const dt = state.push('dt_open', 'dt', 1);
    dt.map = [(para.map?.[0] ?? startLine) + i, (para.map?.[0] ?? startLine) + i + 1];
    const ial = TERM_IAL.exec(term);
    if (ial) itemAttributes(dt, ial[1]);
    const text = state.push('inline', '', 0);
    text.content = (ial ? term.slice(ial[0].length) : term).trim();
    text.map = dt.map;
    text.children = [];
    state.push('dt_close', 'dt', -1);
  });
  items.forEach((item, i) => {
    const dd = state.push('dd_open', 'dd', 1);
    dd.map = [item.line, item.line + 1];
    itemAttributes(dd, item.ial);
    const from = tokens.length;
    parseItemBlocks(state, item);
    const firstAsPara = i === 0 ? blankBetween : item.blankBefore;
    if (!firstAsPara && tokens[from]?.type === 'paragraph_open' && tokens[from + 2]?.type === 'paragraph_close') {
      tokens[from].hidden = true;
      tokens[from + 2].hidden = true;
      // kramdown ends the bare text with a line break when a block follows it (added once the text is parsed).
      if (from + 3 < tokens.length) tokens[from].meta = { ...(tokens[from].meta ?? {}), breakAfter: true };
    }
    state.push('dd_close', 'dd', -1);
  });
  state.push('dl_close', 'dl', -1);
  state.line = line;
  return true;
}

function openerOf(tokens: Token[], closeIdx: number): Token | undefined {
  for (let i = closeIdx, depth = 0; i >= 0; i--) {
    depth += tokens[i].nesting;
    if (depth === 0) return tokens[i];
  }
  return undefined;
}

/** kramdown's converter: `{:auto_ids}` (or `{:auto_ids-prefix-}`) on a definition list gives its terms ids. */
function termIds(state: MarkdownIt.StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const refs = tokens[i].type === 'dl_open' ? (tokens[i].meta?.refs as string[] | undefined) : undefined;
    const m = refs?.map((r) => /^auto_ids(?:-([\w-]+))?$/.exec(r)).find(Boolean);
    if (!m) continue;
    for (let j = i + 1, depth = 1; j < tokens.length && depth > 0; j++) {
      const t = tokens[j];
      if (depth === 1 && t.type === 'dt_open' && t.attrGet('id') === null) t.attrSet('id', `${m[1] ?? ''}${basicKramdownId(tokens[j + 1].content)}`.trimStart());
      depth += t.nesting;
    }
  }
}

/** The line break that ends a definition's bare text when a block follows it (marked by definitionList). */
function bareTextBreaks(state: MarkdownIt.StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i < tokens.length; i++) {
    const inline = tokens[i].meta?.breakAfter ? tokens[i + 1] : undefined;
    if (inline?.children) endWithLineBreak(state, inline);
  }
}

export function kramdownDefinitionListsPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.before('paragraph', 'kramdown_definition_list', definitionList, { alt: ['paragraph'] });
  md.core.ruler.push('kramdown_term_ids', termIds);
  md.core.ruler.push('kramdown_dd_breaks', bareTextBreaks);
}
