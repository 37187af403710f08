// jekyll-optional-front-matter (0.3): Markdown files without front matter are pages too (not static
// files), except README, LICENSE and the like.

export const OPTIONAL_FRONT_MATTER_PLUGIN = 'jekyll-optional-front-matter';
const BLACKLIST = new Set(['README', 'LICENSE', 'LICENCE', 'COPYING', 'CODE_OF_CONDUCT', 'CONTRIBUTING', 'ISSUE_TEMPLATE', 'PULL_REQUEST_TEMPLATE']);

/** Whether the plugin runs: not with `optional_front_matter.enabled: false` or `require_front_matter: true`. */
export function optionalFrontMatterApplies(raw: Record<string, unknown>): boolean {
  const c = raw.optional_front_matter && typeof raw.optional_front_matter === 'object' ? (raw.optional_front_matter as Record<string, unknown>) : {};
  return c.enabled !== false && !raw.require_front_matter;
}

/** Whether a Markdown file without front matter becomes a page (README.md and the like do not). */
export function pageWithoutFrontMatter(path: string): boolean {
  const base = (path.split('/').pop() ?? path).replace(/\.[^.]*$/, '');
  return !BLACKLIST.has(base.toUpperCase());
}
