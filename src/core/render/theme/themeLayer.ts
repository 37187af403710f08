// A gem or remote theme as a file layer under the site, the way Jekyll 4.3 merges it:
// - layouts: by name, the site's `_layouts/<name>.*` first, then the theme's (layout_reader.rb);
// - includes: the site's includes dir first, then the theme's `_includes` (site.rb includes_load_paths);
// - Sass: the site's `sass_dir`, then the theme's `_sass` (jekyll-sass-converter's sass_load_paths);
// - assets: the theme's `assets/**` published at the same path unless the site has a file there
//   (theme_assets_reader.rb);
// - `_config.yml`: read under the site's (the site's keys win) unless `ignore_theme_config: true`,
//   without the keys of Jekyll's own defaults (site.rb load_theme_configuration).
import * as posix from '../../text/posixPath';
import { stringify } from 'yaml';
import { readSiteYaml } from '../../site/yamlFile';
import type { RenderFileSystem } from '../types';

export interface ThemeLayer {
  /** The theme's folder as `fs` sees it (posix). */
  root: string;
  name: string;
  version?: string;
  fs: RenderFileSystem;
  /** The theme's files, relative to `root` (posix). */
  files: Iterable<string>;
  /**
   * Whether the theme's `_config.yml` goes under the site's: Jekyll reads it for a gem theme (default), but
   * jekyll-remote-theme sets the theme after the config is read, so a `remote_theme`'s is not.
   */
  readConfig?: boolean;
}

/** Names a file of the theme layer itself (not the site path it stands for), for Sass's relative imports. */
export const THEME_NS = '@theme/';

/** Where the site keeps the folders the theme's folders stand under. */
export interface ThemeDirs { layoutsDir: string; includesDir: string; sassDir: string }

export class ThemeOverlay {
  private readonly files: Set<string>;

  constructor(readonly layer: ThemeLayer, private readonly dirs: ThemeDirs) {
    this.files = new Set([...layer.files].map((f) => f.replace(/^\.\//, '')));
  }

  /** The theme file (relative to the theme root) that stands for site path `sitePath`, if the theme has one. */
  themePath(sitePath: string): string | undefined {
    const map = (siteDir: string, themeDir: string): string | undefined =>
      siteDir && sitePath.startsWith(siteDir + '/') ? themeDir + sitePath.slice(siteDir.length) : undefined;
    const p = sitePath.startsWith('assets/') ? sitePath
      : map(this.dirs.includesDir, '_includes') ?? map(this.dirs.sassDir, '_sass') ?? map(this.dirs.layoutsDir, '_layouts');
    return p !== undefined && this.files.has(p) ? p : undefined;
  }

  /** The theme file as the theme's `fs` sees it. */
  abs(themePath: string): string {
    return posix.join(this.layer.root, themePath);
  }

  read(themePath: string): Promise<string | undefined> {
    return this.layer.fs.readFile(this.abs(themePath));
  }

  has(themePath: string): boolean {
    return this.files.has(themePath);
  }
}

/** Keys of Jekyll's own defaults: a theme's `_config.yml` cannot set them (Configuration::DEFAULTS). */
const JEKYLL_DEFAULT_KEYS = new Set(('source destination collections_dir cache_dir plugins_dir layouts_dir data_dir includes_dir collections safe include ' +
  'exclude keep_files encoding markdown_ext strict_front_matter show_drafts limit_posts future unpublished whitelist plugins markdown highlighter lsi ' +
  'excerpt_separator incremental detach port host baseurl show_dir_listing permalink paginate_path timezone quiet verbose defaults liquid kramdown').split(' '));

function readMap(text: string | undefined): Record<string, unknown> | undefined {
  if (!text) return undefined;
  const r = readSiteYaml(text, '_config.yml');
  return !r.problem && r.value && typeof r.value === 'object' && !Array.isArray(r.value) ? r.value as Record<string, unknown> : undefined;
}

function deepMerge(base: Record<string, unknown>, over: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(over)) {
    const b = out[k];
    out[k] = b && v && typeof b === 'object' && typeof v === 'object' && !Array.isArray(b) && !Array.isArray(v)
      ? deepMerge(b as Record<string, unknown>, v as Record<string, unknown>) : v;
  }
  return out;
}

/**
 * The site's `_config.yml` text with the theme's config under it (Jekyll 4.3 reads a theme's
 * `_config.yml`); the site's own text when the theme has none, or the site opts out.
 */
export function mergeThemeConfig(siteText: string | undefined, themeText: string | undefined): string | undefined {
  const theme = readMap(themeText);
  if (!theme) return siteText;
  const site = readMap(siteText) ?? (siteText?.trim() ? undefined : {});
  if (!site || site.ignore_theme_config === true) return siteText;
  for (const k of Object.keys(theme)) if (JEKYLL_DEFAULT_KEYS.has(k)) delete theme[k];
  if (!Object.keys(theme).length) return siteText;
  return stringify(deepMerge(theme, site));
}
