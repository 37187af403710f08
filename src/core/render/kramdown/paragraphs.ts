// What ends a kramdown paragraph (paragraph.rb, and the GFM parser's PARAGRAPH_END_GFM): a blank line, an IAL,
// `^`, a block HTML tag, a definition, and with the GFM `paragraph_end` quirk a list, ATX header, quote or fence.
// Without the quirk only the first group does. A horizontal rule never does: `text` + `---` is a setext header after a block boundary, else paragraph text.
import type MarkdownIt from 'markdown-it';

import { envOf } from './env';

type RuleBlock = (state: MarkdownIt.StateBlock, startLine: number, endLine: number, silent: boolean) => boolean;
interface RulerInternals { __rules__: Array<{ name: string; alt: string[]; fn: RuleBlock }>; __cache__: unknown }

/** The blocks that end a paragraph only under the GFM `paragraph_end` quirk. */
const QUIRK_ENDS = new Set(['list', 'heading', 'blockquote', 'fence']);

export function kramdownParagraphsPlugin(md: MarkdownIt.MarkdownIt): void {
  // markdown-it's Ruler has no way to change a rule's `alt` list in place; its rules are plain data.
  const ruler = md.block.ruler as unknown as RulerInternals;
  const hr = ruler.__rules__.find((r) => r.name === 'hr');
  if (hr) hr.alt = hr.alt.filter((a) => a !== 'paragraph');
  for (const r of ruler.__rules__) {
    if (!QUIRK_ENDS.has(r.name)) continue;
    const fn = r.fn;
    r.fn = (state, startLine, endLine, silent) =>
      silent && state.parentType === 'paragraph' && !envOf(state).options.gfmParagraphEnd ? false : fn(state, startLine, endLine, silent);
  }
  ruler.__cache__ = null;
}
