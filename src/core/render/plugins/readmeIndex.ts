// jekyll-readme-index (0.3): a README (Markdown, without front matter) in a folder that has no index
// page is published as that folder's index (`docs/README.md` → `/docs/`). With
// `readme_index.with_frontmatter: true`, READMEs with front matter too; `enabled: false` turns it off.
import * as posix from '../../text/posixPath';
import { MARKDOWN_EXTENSIONS, markdownPattern } from '../../site/markdownFiles';

export const README_INDEX_PLUGIN = 'jekyll-readme-index';
const README = markdownPattern([], '(^|\\/)readme\\.');
// Any page published as the folder's index: HTML, XML or Markdown of any of the Markdown extensions.
const INDEXES = ['index.html', 'index.htm', 'index.xhtml', 'index.xml', ...MARKDOWN_EXTENSIONS.map((e) => `index.${e}`)];

const options = (raw: Record<string, unknown>) => (raw.readme_index && typeof raw.readme_index === 'object' ? (raw.readme_index as Record<string, unknown>) : {});

/**
 * The URL a README gets as its folder's index, or undefined (not a README, the folder has an index, the
 * plugin is off). `hasFile`: site-relative path exists. A Markdown `index.md` counts as the folder's index
 * (it is one when it has front matter, or when jekyll-optional-front-matter makes it a page).
 */
export function readmeIndexUrl(path: string, hasFrontMatter: boolean, raw: Record<string, unknown>, hasFile: (p: string) => boolean): string | undefined {
  if (!README.test(path)) return undefined;
  const o = options(raw);
  if (o.enabled === false || (hasFrontMatter && o.with_frontmatter !== true)) return undefined;
  const dir = posix.dirname(path) === '.' ? '' : posix.dirname(path);
  if (INDEXES.some((n) => hasFile(dir ? `${dir}/${n}` : n))) return undefined;
  return dir ? `/${dir}/` : '/';
}
