// The per-render state every kramdown rule reads (markdown-it passes it along as `env`).
import type { AttributeList } from './attributeList';
import type { CodeHighlighter } from '../highlight/highlighter';
import type { KramdownOptions } from './options';
import type { MathRenderer } from '../math/katex';
import type { BlockedImage } from '../sanitize';

/** An image's URL to use, or why it shows a placeholder: missing in the site, or a remote one not loaded (`blocked`). */
export type ImageTarget = { src: string } | { missing: string; blocked?: BlockedImage };

export interface RenderEnv {
  /** A copy per render: `{::options /}` may change it part-way through a post. */
  options: KramdownOptions;
  /** Attribute list definitions (`{:name: .x}`) seen so far. */
  alds: Map<string, AttributeList>;
  /** The line after the last block that ends kramdown's "previous block" (an ALD or extension). */
  lastBlockBreak?: number;
  /** The block the last IAL went to and the line after that IAL: an IAL on that line goes to the same block. */
  lastIal?: { line: number; token: unknown };
  notices: Set<string>;
  /** Maps a line of the Markdown that was parsed to the 0-based line of the source file. */
  sourceLine(line: number): number;
  /** Put `data-line` on block elements (for scroll sync). */
  dataLines: boolean;
  /** Where an image's `src` points: a URL to use, or the site path that is missing. */
  image(src: string): ImageTarget;
  /** Sanitizes raw HTML from the post: a block (with its source line) or one inline tag. */
  html(html: string, line: number | undefined, inline?: boolean): string;
  highlighter: CodeHighlighter;
  math: MathRenderer;
  /** Set when a formula was typeset, so the page includes KaTeX's CSS. */
  hasMath: boolean;
  // Owned by footnotes.ts and markdown-it-abbr.
  footnotes?: unknown;
  abbreviations?: unknown;
}

/** The render env of a markdown-it state (markdown-it types it loosely). */
export function envOf(state: { env: unknown }): RenderEnv {
  return state.env as RenderEnv;
}
