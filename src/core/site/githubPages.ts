// Which Jekyll plugins change how a site renders: the ones its `_config.yml` lists, plus the ones GitHub
// Pages always runs when the site looks like a GitHub Pages site. Pure: the caller reads the Gemfile.
//
// The rule (README, "GitHub Pages defaults"): a Jekyll site is built as GitHub Pages builds it when
//   1. its Gemfile names the `github-pages` gem, or
//   2. its `_config.yml` sets `remote_theme:`, or
//   3. it has a `_config.yml` but no Gemfile, and the config sets no `markdown:` and no theme other than
//      one GitHub Pages ships (`jekyll-theme-cayman`, `minima`, …): a repository that configures nothing
//      of the build is built by GitHub Pages.
// A folder without `_config.yml` (only `_posts/` and `_layouts/`) gets Jekyll's plain defaults.
import type { SiteConfig } from './config';

/** The plugins GitHub Pages enables on every site (and that cannot be turned off there). */
export const GITHUB_PAGES_DEFAULT_PLUGINS = [
  'jekyll-coffeescript', 'jekyll-default-layout', 'jekyll-gist', 'jekyll-github-metadata', 'jekyll-optional-front-matter',
  'jekyll-paginate', 'jekyll-readme-index', 'jekyll-titles-from-headings', 'jekyll-relative-links',
] as const;

/** Why the site is built the GitHub Pages way, or undefined. `gemfile`: the Gemfile's text, undefined when there is none. */
export function githubPagesReason(config: SiteConfig, gemfile: string | undefined): string | undefined {
  if (config.profile !== 'jekyll') return undefined;
  if (gemfile !== undefined && /^[ \t]*gem[ \t(]+["']github-pages["']/m.test(gemfile)) return 'the github-pages gem in the Gemfile';
  if (config.githubPagesHint === 'remote_theme') return 'remote_theme in _config.yml';
  if (config.githubPagesHint === 'unconfigured' && gemfile === undefined) return 'no Gemfile, and no markdown: or theme: of its own in _config.yml';
  return undefined;
}

export interface SitePlugins {
  /** Plugin gem names in force. */
  enabled: ReadonlySet<string>;
  /** Set when the GitHub Pages defaults apply: why. */
  githubPages: string | undefined;
}

/** The plugins a site renders with: those `_config.yml` lists, and GitHub Pages' defaults where that rule applies. */
export function sitePlugins(config: SiteConfig, gemfile: string | undefined): SitePlugins {
  const githubPages = githubPagesReason(config, gemfile);
  const enabled = new Set(config.plugins);
  if (githubPages) for (const p of GITHUB_PAGES_DEFAULT_PLUGINS) enabled.add(p);
  return { enabled, githubPages };
}
