// kramdown's abbreviation definitions (abbreviation.rb): `*[HTML]: text` up to 3 spaces in, the text may be empty
// and a later definition replaces an earlier one. It does not end a paragraph. The definition is a block of its
// own that writes nothing — an IAL above or below it belongs to it, not to the paragraph next to it — and
// markdown-it-abbr marks the abbreviations up in the text from the definitions kept in `env.abbreviations`.
import type MarkdownIt from 'markdown-it';
import { lineText } from './boundary';

const DEFINITION = /^\*\[(.+?)\]:(.*)$/;

function abbreviationDefinition(state: MarkdownIt.StateBlock, startLine: number, _endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4) return false;
  const m = DEFINITION.exec(lineText(state, startLine));
  if (!m) return false;
  if (silent) return true;
  const env = state.env as { abbreviations?: Record<string, string> };
  // markdown-it-abbr's keys: ':' + the abbreviation (no clash with Object.prototype).
  (env.abbreviations ??= {})[`:${m[1]}`] = m[2].trim();
  const token = state.push('kramdown_abbr_def', '', 0);
  token.map = [startLine, startLine + 1];
  token.hidden = true;
  state.line = startLine + 1;
  return true;
}

export function kramdownAbbreviationsPlugin(md: MarkdownIt.MarkdownIt): void {
  md.block.ruler.at('abbr_def', abbreviationDefinition, { alt: ['reference'] });
  md.renderer.rules.kramdown_abbr_def = () => '';
}
