// What the Jekyll plugins in force do to one site's documents, in the order Jekyll runs them:
// generators change the documents (optional front matter, titles from headings, default layouts,
// relative links), post-render hooks change the HTML (jemoji, mentions). The renderer calls these.
import type { SitePlugins } from '../../site/githubPages';
import { isMarkdownPath } from '../../site/markdownFiles';
import type { SiteDocument } from '../siteModel';
import { DEFAULT_LAYOUT_PLUGIN, defaultLayout } from './defaultLayout';
import { GITHUB_METADATA_PLUGIN, githubNamespace, githubRepository, headBranch, withGithubMetadata } from './githubMetadata';
import { mapBody } from './htmlText';
import { emojify, JEMOJI_PLUGIN } from './jemoji';
import { MENTIONS_PLUGIN, mentionBase, mentionify } from './mentions';
import { OPTIONAL_FRONT_MATTER_PLUGIN, optionalFrontMatterApplies, pageWithoutFrontMatter } from './optionalFrontMatter';
import { README_INDEX_PLUGIN, readmeIndexUrl } from './readmeIndex';
import { RELATIVE_LINKS_PLUGIN, relativeLinksApply, replaceRelativeLinks } from './relativeLinks';
import { blankTitle, stripsTitle, TITLES_FROM_HEADINGS_PLUGIN, titleFromHeading, titlesApply } from './titlesFromHeadings';

export interface DocumentHooks {
  /** Site-relative layout name exists (`post` → `_layouts/post.html`). */
  hasLayout(name: string): boolean;
  /** A heading's Markdown as plain text (`markdownify | strip_html | normalize_whitespace`). */
  plain(markdown: string): string;
}

export class RenderPlugins {
  /**
   * `raw`: the site's `_config.yml` as data (set by the renderer once the site model has read it);
   * `hasFile`: a site-relative path exists.
   */
  constructor(readonly plugins: SitePlugins, private readonly hasFile: (p: string) => boolean = () => false, public raw: Record<string, unknown> = {}) {}

  /** `site.github` as far as the git remote tells it (jekyll-github-metadata); see loadGithub. */
  private github: Record<string, unknown> | undefined;

  has(name: string): boolean {
    return this.plugins.enabled.has(name);
  }

  /** Reads the repository's git remote for `site.github`; `read` takes paths relative to the site folder. */
  async loadGithub(read: (rel: string) => Promise<string | undefined>): Promise<void> {
    this.github = undefined;
    if (!this.has(GITHUB_METADATA_PLUGIN)) return;
    // The site folder is the repository, or its `docs/` (GitHub Pages' two source folders).
    for (const dir of ['.git', '../.git']) {
      const config = await read(`${dir}/config`);
      if (config === undefined) continue;
      const repo = githubRepository(config);
      if (!repo) return;
      const cname = (await read('CNAME'))?.trim().split(/\s+/)[0];
      this.github = githubNamespace({ ...repo, branch: headBranch(await read(`${dir}/HEAD`)), cname: cname || undefined });
      return;
    }
  }

  /** `site` with what plugins add to it (`site.github`, the title from the repository). */
  site(site: Record<string, unknown>): void {
    if (this.github) withGithubMetadata(site, this.github);
  }

  /** A Markdown file without front matter is a page (jekyll-optional-front-matter). */
  keepWithoutFrontMatter(path: string): boolean {
    if (this.readmeUrl(path, false) !== undefined) return true;
    return this.has(OPTIONAL_FRONT_MATTER_PLUGIN) && isMarkdownPath(path) && optionalFrontMatterApplies(this.raw) && pageWithoutFrontMatter(path);
  }

  /** The folder URL a README is published at as its folder's index (jekyll-readme-index). */
  private readmeUrl(path: string, hasFrontMatter: boolean): string | undefined {
    return this.has(README_INDEX_PLUGIN) ? readmeIndexUrl(path, hasFrontMatter, this.raw, this.hasFile) : undefined;
  }

  /** Titles from headings and default layouts, on a document just read (returns it, changed or not). */
  adjust(doc: SiteDocument, hooks: DocumentHooks): SiteDocument {
    if (!isMarkdownPath(doc.path)) return doc;
    let out = doc;
    // Generators in Jekyll's order: readme-index (low priority) before titles and default layouts (lowest).
    const readme = doc.kind === 'page' ? this.readmeUrl(doc.path, doc.hasFrontMatter) : undefined;
    if (readme !== undefined) out = { ...out, url: readme };
    // A post's title always counts as inferred to the plugin: with `collections: true` its heading wins even over `title:`.
    const untitled = doc.kind !== 'page' || doc.data.title === undefined || doc.data.title === null;
    if (this.has(TITLES_FROM_HEADINGS_PLUGIN) && titlesApply(this.raw.titles_from_headings, doc.kind) && untitled) {
      const title = titleFromHeading(doc.body, { config: this.raw.titles_from_headings, plain: hooks.plain });
      if (title !== undefined) out = { ...out, title };
      if (stripsTitle(doc.data, this.raw.titles_from_headings)) out = { ...out, body: blankTitle(doc.body) };
    }
    if (this.has(DEFAULT_LAYOUT_PLUGIN)) {
      const layout = defaultLayout(out, hooks.hasLayout);
      if (layout) out = { ...out, data: { ...out.data, layout } };
    }
    return out;
  }

  /** The Markdown source with relative links to site files made URLs (jekyll-relative-links). */
  source(doc: SiteDocument, text: string, urlOf: (sitePath: string) => string | undefined, relativeUrl: (url: string) => string): string {
    if (!this.has(RELATIVE_LINKS_PLUGIN) || !isMarkdownPath(doc.path) || !relativeLinksApply(this.raw.relative_links, doc.kind)) return text;
    return replaceRelativeLinks(text, { path: doc.path, urlOf, relativeUrl });
  }

  /** jemoji or jekyll-mentions rewrite the page's HTML (`page`, `html`): its parts are not the body's alone. */
  get rewritesPages(): boolean {
    return this.has(JEMOJI_PLUGIN) || this.has(MENTIONS_PLUGIN);
  }

  /** The whole page after the layouts: jemoji and jekyll-mentions work on its body, layout text included. */
  page(html: string, doc: SiteDocument): string {
    if (!this.has(JEMOJI_PLUGIN) && !this.has(MENTIONS_PLUGIN)) return html;
    return mapBody(html, (body) => this.html(body, doc));
  }

  /** A page's HTML (or its body) after jemoji and jekyll-mentions. */
  html(html: string, doc: SiteDocument): string {
    // The hooks take documents whose output is HTML: Markdown and HTML files, whatever their permalink.
    const htmlOut = isMarkdownPath(doc.path) || /\.x?html?$/i.test(doc.path) || /\/$/.test(doc.url);
    let out = html;
    if (this.has(JEMOJI_PLUGIN) && htmlOut) out = emojify(out);
    if (this.has(MENTIONS_PLUGIN) && htmlOut && doc.data['jekyll-mentions'] !== false) {
      out = mentionify(out, mentionBase(doc.data['jekyll-mentions'] ?? this.raw['jekyll-mentions']));
    }
    return out;
  }
}
