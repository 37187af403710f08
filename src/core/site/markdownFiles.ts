// The one list of file extensions TechBlog reads as Markdown (posts, drafts, pages, README indexes,
// the CLI's file arguments, the Posts view's and the unused-image scan's globs). Jekyll's default
// `markdown_ext` (markdown, mkdown, mkdn, mkd, md) plus Hugo's `mdown`.

export const MARKDOWN_EXTENSIONS = ['md', 'markdown', 'mkdown', 'mkdn', 'mkd', 'mdown'] as const;

const MARKDOWN_RE = new RegExp(`\\.(${MARKDOWN_EXTENSIONS.join('|')})$`, 'i');

/** True for a path whose extension is one of MARKDOWN_EXTENSIONS (any case). */
export function isMarkdownPath(p: string): boolean {
  return MARKDOWN_RE.test(p);
}

/** A regular expression for Markdown files with `more` extensions besides (`['html?']`, `['textile']`). */
export function markdownPattern(more: readonly string[] = [], prefix = '\\.'): RegExp {
  return new RegExp(`${prefix}(${[...MARKDOWN_EXTENSIONS, ...more].join('|')})$`, 'i');
}

/** The `{md,markdown,…}` alternatives of a glob, with `more` extensions besides. */
export function markdownGlobAlternatives(more: readonly string[] = []): string {
  return `{${[...MARKDOWN_EXTENSIONS, ...more].join(',')}}`;
}
