// kramdown's block-level syntax that markdown-it lacks: block IALs (`{: .note}` under or above a
// block), ALDs (`{:ref: .x}`), the `{::comment}`, `{::nomarkdown}` and `{::options /}` extensions,
// registered so they also end a paragraph, as kramdown's LAZY_END does.
import type MarkdownIt from 'markdown-it';
import { applyAttributes, parseAttributeList, resolveAttributeList, type AttributeList } from './attributeList';
import { EOB_LINE, IAL_START, lineText } from './boundary';
import { envOf } from './env';
import { applyInlineOptions } from './options';
import { applyHtmlElementAttributes } from './html';

type StateBlock = MarkdownIt.StateBlock;
type Token = MarkdownIt.Token;

const ALD_LINE = /^\{:(\w[\w-]*):((?:\\\}|[^}])+)\}\s*$/;
const IAL_LINE = /^\{:(?!:|\/)((?:\\\}|[^}])+)\}\s*$/;
const EXT_START = /^\{::(\w+)(?:\s((?:\\\}|[^}])*?)|)(\/)?\}\s*$/;


/** The block a closing token belongs to: its opening token (or the token itself for leaf blocks). */
function openerOf(tokens: Token[], closeIdx: number): Token | undefined {
  const t = tokens[closeIdx];
  if (t.nesting === 0) return t;
  if (t.nesting !== -1) return undefined;
  let depth = 0;
  for (let i = closeIdx; i >= 0; i--) {
    depth += tokens[i].nesting;
    if (depth === 0) return tokens[i];
  }
  return undefined;
}

function blockExtensions(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const start = state.bMarks[startLine] + state.tShift[startLine];
  if (state.src.charCodeAt(start) !== 0x7b /* { */ || state.src.charCodeAt(start + 1) !== 0x3a /* : */) return false;
  const text = lineText(state, startLine);
  const env = envOf(state);

  const ald = ALD_LINE.exec(text);
  if (ald) {
    if (silent) return true;
    let list = env.alds.get(ald[1]);
    if (!list) env.alds.set(ald[1], (list = { attrs: new Map(), refs: [] }));
    parseAttributeList(ald[2], list);
    state.line = startLine + 1;
    // An IAL right after an ALD belongs to the next block, as after kramdown's end-of-block marker.
    env.lastBlockBreak = startLine + 1;
    return true;
  }

  const ext = EXT_START.exec(text);
  if (ext) return extension(state, startLine, endLine, silent, ext);

  const ial = IAL_LINE.exec(text);
  if (!ial) return false;
  if (silent) return true;
  const list = parseAttributeList(ial[1]);
  state.line = startLine + 1;
  // Directly under a block (no blank line, nothing in between): it belongs to that block.
  const tokens = state.tokens;
  const last = tokens.length - 1;
  const prev = last >= 0 && tokens[last].level === state.level ? openerOf(tokens, last) : undefined;
  // A blank line above it (which markdown-it's lists and quotes take into their block) parts it from the block.
  const blankAbove = startLine > 0 && state.isEmpty(startLine - 1);
  if (prev && prev.map && prev.map[1] === startLine && !blankAbove && env.lastBlockBreak !== startLine && prev.type !== 'kramdown_ial') {
    applyIal(prev, list);
    env.lastIal = { line: startLine + 1, token: prev };
    return true;
  }
  // Under an IAL that went to the block above: to the same block.
  if (env.lastIal?.line === startLine && env.lastBlockBreak !== startLine) {
    applyIal(env.lastIal.token as Token, list);
    env.lastIal.line = startLine + 1;
    return true;
  }
  // Under a definition that writes nothing (a footnote, link or abbreviation definition: text above, no block ending
  // here): kramdown gives it to the definition's end-of-block element, so no element gets it.
  const above = startLine > 0 && !blankAbove && env.lastBlockBreak !== startLine ? lineText(state, startLine - 1) : undefined;
  if (above !== undefined && !IAL_START.test(above) && !EOB_LINE.test(above)) {
    env.lastIal = { line: startLine + 1, token: new state.Token('kramdown_ial', '', 0) };
    return true;
  }
  // Otherwise it waits for the next block at this level (applied in the core rule below).
  const token = state.push('kramdown_ial', '', 0);
  token.meta = { ial: list };
  token.map = [startLine, startLine + 1];
  token.hidden = true;
  return true;
}

/**
 * An IAL for a block. Its references to ALDs are resolved once the whole post is read (an ALD may follow the
 * block, as in kramdown), by resolveIals below; references a converter acts on (`{:toc}`, `{:auto_ids}`) are kept.
 */
export function applyIal(block: Token, list: AttributeList): void {
  // An HTML element parsed as Markdown ends with its closing tag's token: the IAL goes to its opening tag.
  const token = (block.meta?.htmlElementOpen as Token | undefined) ?? block;
  const meta = token.meta ?? {};
  token.meta = { ...meta, ials: [...((meta.ials as AttributeList[] | undefined) ?? []), list] };
  if (list.refs.includes('toc')) token.meta.toc = true;
  if (list.refs.length) token.meta.refs = [...((meta.refs as string[] | undefined) ?? []), ...list.refs];
}

function resolveIals(state: MarkdownIt.StateCore): void {
  const env = envOf(state);
  for (const t of state.tokens) {
    const ials = t.meta?.ials as AttributeList[] | undefined;
    if (ials) for (const list of ials) applyAttributes(t, resolveAttributeList(list, env.alds));
    if (ials && t.type === 'html_block') applyHtmlElementAttributes(t);
  }
}

function extension(state: StateBlock, startLine: number, endLine: number, silent: boolean, m: RegExpExecArray): boolean {
  const [, name, opts, selfClosing] = m;
  if (name !== 'comment' && name !== 'nomarkdown' && name !== 'options') return false;
  let bodyEnd = -1;
  if (!selfClosing) {
    const stop = new RegExp(String.raw`^\{:/(${name})?\}\s*$`);
    for (let line = startLine + 1; line < endLine; line++) {
      if (stop.test(lineText(state, line))) { bodyEnd = line; break; }
    }
    if (bodyEnd < 0) return false; // kramdown ignores an extension without its stop tag
  }
  if (silent) return true;
  const env = envOf(state);
  const next = selfClosing ? startLine + 1 : bodyEnd + 1;
  if (name === 'options') {
    applyInlineOptions(env.options, parseAttributeList(opts ?? '').attrs);
  } else if (!selfClosing) {
    const body = state.getLines(startLine + 1, bodyEnd, state.tShift[startLine], false).replace(/\n$/, '');
    const token = state.push('html_block', '', 0);
    token.map = [startLine, next];
    // A comment stays in the page as an HTML comment, like kramdown's output; nomarkdown is raw HTML.
    token.content = name === 'comment' ? `<!-- ${body.replace(/--/g, '- -')} -->\n` : body + '\n';
    token.meta = { kramdownExtension: name };
  }
  state.line = next;
  env.lastBlockBreak = next;
  return true;
}

/** Applies IALs that stand above a block (or alone) to the next block at the same level. */
function applyPendingIals(state: MarkdownIt.StateCore): void {
  const tokens = state.tokens;
  let out: Token[] | undefined;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t.type !== 'kramdown_ial') {
      out?.push(t);
      continue;
    }
    if (!out) out = tokens.slice(0, i);
    // The next block at this level, skipping further IALs (they accumulate).
    for (let j = i + 1; j < tokens.length; j++) {
      const n = tokens[j];
      if (n.level < t.level) break;
      if (n.level !== t.level || n.type === 'kramdown_ial') continue;
      if (n.nesting === 1 || (n.nesting === 0 && n.block)) applyIal(n, t.meta?.ial as AttributeList);
      break;
    }
  }
  if (out) state.tokens = out;
}

export function kramdownBlocksPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.before('fence', 'kramdown_extensions', blockExtensions, { alt: ['paragraph', 'reference', 'blockquote', 'list'] });
  md.core.ruler.after('block', 'kramdown_pending_ial', applyPendingIals);
  md.core.ruler.after('kramdown_pending_ial', 'kramdown_resolve_ials', resolveIals);
}
