// kramdown tries its block parsers in one order (kramdown.rb's @block_parsers: … block_html, setext_header,
// block_math, table, footnote_definition, link_definition, abbrev_definition, block_extensions, eob_marker,
// paragraph); markdown-it's rules run in the order plugins put them. Where the two differ and a line can start
// either block, kramdown's order is restored: `[a]: x` over `---` is a setext header, not a link definition
// and a rule (also `[^a]: x` and `*[a]: x`).
import type MarkdownIt from 'markdown-it';

interface RulerInternals { __rules__: Array<{ name: string }>; __cache__: unknown }

/** The definitions, in kramdown's order, and the rule they follow. */
const DEFINITIONS = ['kramdown_footnote_def', 'reference', 'abbr_def'];
const AFTER = 'kramdown_table';

export function kramdownBlockOrderPlugin(md: MarkdownIt.MarkdownIt): void {
  // markdown-it's Ruler cannot move a rule; its rules are plain data.
  const ruler = md.block.ruler as unknown as RulerInternals;
  const moved = DEFINITIONS.map((name) => ruler.__rules__.find((r) => r.name === name)).filter((r) => r !== undefined);
  ruler.__rules__ = ruler.__rules__.filter((r) => !moved.includes(r));
  const at = ruler.__rules__.findIndex((r) => r.name === AFTER);
  ruler.__rules__.splice(at < 0 ? ruler.__rules__.length - 1 : at + 1, 0, ...moved);
  ruler.__cache__ = null;
}
