// Link definitions as kramdown parses them (parser/kramdown/link.rb LINK_DEFINITION_START), in place of
// CommonMark's reference definitions:
// - `[id]: url` with up to three spaces before it; the url is `<…>` or the rest of the line, spaces
//   included (`[a]: some spaces.html`), unless it holds a space and a quote (then the line is no
//   definition);
// - an optional title in `"…"` or `'…'` after spaces, or on the next line;
// - a later definition of an id replaces an earlier one; a definition never interrupts a paragraph;
// - IALs right after or before a definition belong to it (blocks.ts attaches them to its hidden token)
//   and go to every link and image that uses it (links.ts).
import type MarkdownIt from 'markdown-it';

type StateBlock = MarkdownIt.StateBlock;

/** A link definition, as links.ts reads it from `env.references`. */
export interface LinkDefinition {
  href: string;
  title: string;
  /** The definition's hidden block token: its attributes (from IALs) go to the links. */
  token?: MarkdownIt.Token;
}

const DEFINITION = /^ {0,3}\[([^\n\]]+)\]:[ \t]*(?:<(.*?)>|([^\n]*?\S[^\n]*?))(?:(?:[ \t]*?\n|[ \t]+?)[ \t]*?(["'])(.+?)\4)?[ \t]*?\n/;

function linkDefinition(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  if (state.src[state.bMarks[startLine] + state.tShift[startLine]] !== '[') return false;
  const last = Math.min(startLine + 2, endLine);
  const text = state.getLines(startLine, last, state.blkIndent, true);
  const m = DEFINITION.exec(text.endsWith('\n') ? text : text + '\n');
  if (!m || /[ \t]+["']/.test(m[3] ?? '')) return false;
  if (silent) return true;
  const lines = m[0].split('\n').length - 1;
  const env = state.env as { references?: Record<string, LinkDefinition> };
  env.references ??= {};
  const token = state.push('kramdown_link_def', '', 0);
  token.map = [startLine, startLine + lines];
  token.hidden = true;
  const label = state.md.utils.normalizeReference(m[1]);
  if (label) env.references[label] = { href: m[2] ?? m[3], title: m[5] ?? '', token };
  state.line = startLine + lines;
  return true;
}

export function kramdownLinkDefinitionsPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.at('reference', linkDefinition);
  md.renderer.rules.kramdown_link_def = () => '';
}
