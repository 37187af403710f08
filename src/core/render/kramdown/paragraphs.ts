// What ends a kramdown paragraph (paragraph.rb, and the GFM parser's PARAGRAPH_END_GFM): a blank line, an IAL,
// `^`, a block HTML tag, a definition, and with the GFM `paragraph_end` quirk a list, ATX header, quote or fence.
// A horizontal rule does not: `text` + `---` is a setext header after a block boundary, else paragraph text.
import type MarkdownIt from 'markdown-it';

interface RulerInternals { __rules__: Array<{ name: string; alt: string[] }>; __cache__: unknown }

export function kramdownParagraphsPlugin(md: MarkdownIt.MarkdownIt): void {
  // markdown-it's Ruler has no way to change a rule's `alt` list in place; its rules are plain data.
  const ruler = md.block.ruler as unknown as RulerInternals;
  const hr = ruler.__rules__.find((r) => r.name === 'hr');
  if (hr) hr.alt = hr.alt.filter((a) => a !== 'paragraph');
  ruler.__cache__ = null;
}
