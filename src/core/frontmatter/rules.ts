// The rule table: stable ids (users set severities by them; the README has an anchor per id).
import type { RuleId, Severity } from './types';

export interface RuleInfo { id: RuleId; severity: Severity; summary: string; fixable: boolean }

export const RULES: readonly RuleInfo[] = [
  { id: 'yaml-syntax', severity: 'error', summary: 'The front matter does not parse.', fixable: false },
  { id: 'duplicate-key', severity: 'warning', summary: 'A key is given twice; Jekyll keeps the last value.', fixable: true },
  { id: 'front-matter-unclosed', severity: 'error', summary: 'An opening `---` has no closing line.', fixable: true },
  { id: 'front-matter-missing', severity: 'error', summary: 'A file in `_posts/` has no front matter, so Jekyll does not treat it as a post.', fixable: true },
  { id: 'post-filename', severity: 'error', summary: 'A file in `_posts/` is not named `YYYY-MM-DD-slug.ext`; Jekyll skips it silently.', fixable: true },
  { id: 'required-key', severity: 'error', summary: 'A required key is missing (Jekyll posts: `layout`, unless `defaults:` or jekyll-default-layout gives one; Hugo and Hexo posts: `title`).', fixable: true },
  { id: 'empty-value', severity: 'warning', summary: 'A key has an empty value (`description: ""`, `title:`).', fixable: true },
  { id: 'type-mismatch', severity: 'error', summary: 'A value has the wrong type, or a value the schema does not allow.', fixable: true },
  { id: 'tag-whitespace', severity: 'warning', summary: 'A tag or category has leading or trailing spaces and becomes a separate tag page.', fixable: true },
  { id: 'duplicate-tag', severity: 'warning', summary: 'The same tag appears twice in one post.', fixable: true },
  { id: 'tag-case-variant', severity: 'info', summary: 'A tag is spelled differently from the same tag in other posts.', fixable: true },
  { id: 'unknown-layout', severity: 'error', summary: '`layout` names a layout that is not in `_layouts/`.', fixable: true },
  { id: 'invalid-date', severity: 'error', summary: '`date:` is not a date Jekyll can read.', fixable: true },
  { id: 'date-mismatch', severity: 'warning', summary: 'The date in the file name differs from `date:`.', fixable: true },
  { id: 'future-date', severity: 'info', summary: 'The post is dated in the future and the site does not publish future posts.', fixable: false },
  { id: 'unknown-key', severity: 'warning', summary: 'A key looks like a typo of a known key.', fixable: true },
  { id: 'missing-image', severity: 'warning', summary: 'An image link points to a file that does not exist.', fixable: false },
  { id: 'seo-length', severity: 'info', summary: 'The title is over 70 or the description over 160 characters.', fixable: false },
  { id: 'broken-link', severity: 'warning', summary: 'A link (Markdown, `{% post_url %}`, `{% link %}`) goes to no post, page or file of the site.', fixable: true },
  { id: 'unpublished-link', severity: 'warning', summary: 'A link goes to a draft, a `published: false` page or a future post the site does not publish.', fixable: false },
  { id: 'broken-fragment', severity: 'warning', summary: 'A `#fragment` names no header id (kramdown\'s) of the target page.', fixable: true },
  { id: 'external-link', severity: 'warning', summary: 'An external link answers with an error (only with `techblog check --external`).', fixable: false },
  { id: 'image-alt-default', severity: 'info', summary: 'An image\'s alt text is still its generated file name (`image-20210819150523189`, or the dropped file\'s name).', fixable: true },
  { id: 'title-from-filename', severity: 'info', summary: 'A Jekyll post has no `title:`; Jekyll titles it from the file name.', fixable: true },
];

export const RULE_IDS: readonly RuleId[] = RULES.map((r) => r.id);

export function ruleInfo(id: RuleId): RuleInfo {
  return RULES.find((r) => r.id === id)!;
}

/** The README anchor of a rule, for diagnostics' code links: `README.md#rule-empty-value`. */
export function ruleAnchor(id: RuleId): string {
  return `rule-${id}`;
}
