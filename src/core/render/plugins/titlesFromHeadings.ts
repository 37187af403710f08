// jekyll-titles-from-headings (0.5): a Markdown page without a `title` takes the text of the heading it
// starts with (`# About`, or a Setext heading); posts only with `titles_from_headings.collections: true`.
// `strip_title: true` also removes that heading from the page.

export const TITLES_FROM_HEADINGS_PLUGIN = 'jekyll-titles-from-headings';

// The plugin's TITLE_REGEX (Ruby: `\A` start of text, `$` end of a line, `.` no line break).
const TITLE = /^\s*(?:#{1,3}\s+(.*)(?:\s+#{1,3})?|(.*)\r?\n[-=]+[^\S\n]*)(?=\n|$)/;

export interface TitleOptions {
  /** `titles_from_headings:` from `_config.yml`. */
  config: unknown;
  /** Plain text of a heading's Markdown, as `markdownify | strip_html | normalize_whitespace` makes it. */
  plain(markdown: string): string;
}

const options = (config: unknown) => (config && typeof config === 'object' ? (config as Record<string, unknown>) : {});

/** Whether the plugin titles documents of this kind. */
export function titlesApply(config: unknown, kind: 'post' | 'draft' | 'page'): boolean {
  const c = options(config);
  if (c.enabled === false) return false;
  return kind === 'page' || c.collections === true;
}

/** The title a page's first heading gives it, or undefined when the text does not start with one. */
export function titleFromHeading(body: string, o: TitleOptions): string | undefined {
  const m = TITLE.exec(body);
  if (!m) return undefined;
  return o.plain(m[1] ?? m[2] ?? '').replace(/\[\^[^\]]*\]/g, '');
}

/** Whether `strip_title` is on for a document (its front matter wins over the config). */
export function stripsTitle(data: Record<string, unknown>, config: unknown): boolean {
  return Object.hasOwn(data, 'strip_title') ? data.strip_title === true : options(config).strip_title === true;
}

/** The body without its title heading when `strip_title` is on, as the plugin leaves it. */
export function stripTitle(body: string, data: Record<string, unknown>, config: unknown): string {
  return stripsTitle(data, config) ? body.replace(TITLE, '').trim() : body;
}

/**
 * The same for the preview: the heading's lines become empty lines, so the lines below keep their
 * numbers (scroll sync); Markdown reads the result as the plugin's.
 */
export function blankTitle(body: string): string {
  return body.replace(TITLE, (heading) => heading.replace(/[^\n]/g, ''));
}
