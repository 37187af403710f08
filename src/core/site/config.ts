// What of the site's config (`_config.yml`, Hugo's `hugo.toml`) the checks need. Unknown or odd values
// fall back to the generator's defaults.
import { parse as parseToml } from 'smol-toml';
import type { FrontMatterFormat } from '../frontmatter/types';
import { readSiteYaml, type SiteFileProblem } from './yamlFile';

/** The generator a site's checks follow (see profile.ts for how it is detected). */
export type SiteProfile = 'jekyll' | 'hexo' | 'hugo';

export interface DefaultsEntry { scope: { path: string; type?: string }; values: Record<string, unknown> }

/** `sass:` of `_config.yml`, as jekyll-sass-converter reads it (`style`, `sourcemap` do not change the preview). */
export interface SassConfig {
  /** `sass.sass_dir` (site-relative), default `_sass`. */
  sassDir: string;
  /** `sass.load_paths` (site-relative, may hold globs), searched before `sassDir`. */
  loadPaths: string[];
}

export interface SiteConfig {
  profile: SiteProfile;
  defaults: DefaultsEntry[];
  /** Publish posts dated in the future (Jekyll's default is false). */
  future: boolean;
  /** Site-wide permalink template or style name (`date`, `pretty`, `none`, `ordinal`). */
  permalink: string;
  /** IANA zone the site is built in; undefined means the build machine's (we assume UTC). */
  timezone?: string;
  markdown: string;
  baseurl: string;
  /** A theme gem or remote theme supplies layouts we cannot see. */
  theme?: string;
  /** `theme:`, the gem theme (Jekyll sites only). */
  gemTheme?: string;
  /** `remote_theme:` (`owner/repo[@ref]`, jekyll-remote-theme / GitHub Pages; Jekyll sites only). */
  remoteTheme?: string;
  layoutsDir: string;
  sass: SassConfig;
  /** Folder (relative to the site root) whose files become the site: '' for Jekyll, 'source' for Hexo, 'static' for Hugo. */
  sourceDir: string;
  /** Hugo: the folder holding posts and pages (`content`). */
  contentDir?: string;
  exclude: string[];
  /** `include:` (Jekyll): entries read even when `exclude:` or the default excludes name them. */
  include: string[];
  /** Front-matter delimiters this profile reads. */
  formats: FrontMatterFormat[];
  /** Problems reading _config.yml itself. */
  errors: string[];
  /** The reason `_config.yml` was not (fully) read: capped, an alias bomb, a syntax error (see yamlFile.ts). */
  fileProblem?: SiteFileProblem;
  /** Jekyll plugins the config lists (`plugins:`, and the older `gems:`). */
  plugins: string[];
  /**
   * What the config alone says about GitHub Pages (see src/core/site/githubPages.ts): `remote_theme`
   * (it sets one), `unconfigured` (it sets no `markdown:` and no theme of its own), else undefined.
   */
  githubPagesHint?: 'remote_theme' | 'unconfigured';
  /** Jekyll's `liquid:` settings (Jekyll's defaults: `error_mode: warn`, nothing strict). */
  liquid?: LiquidSettings;
  /** The `kramdown:` map as written (header ids for link fragments read it through kramdownOptionsFrom). */
  kramdown?: unknown;
}

export interface LiquidSettings { errorMode: 'lax' | 'warn' | 'strict'; strictFilters: boolean; strictVariables: boolean }

/** Jekyll's `liquid:` block of `_config.yml`; unknown values keep Jekyll's defaults. */
export function liquidSettings(raw: unknown): LiquidSettings {
  const l = (raw && typeof raw === 'object' && !Array.isArray(raw) ? raw : {}) as Record<string, unknown>;
  const mode = str(l.error_mode);
  return {
    errorMode: mode === 'lax' || mode === 'strict' ? mode : 'warn',
    strictFilters: l.strict_filters === true,
    strictVariables: l.strict_variables === true,
  };
}

export const DEFAULT_CONFIG: SiteConfig = {
  profile: 'jekyll', defaults: [], future: false, permalink: 'date', markdown: 'kramdown', baseurl: '',
  layoutsDir: '_layouts', sass: { sassDir: '_sass', loadPaths: [] }, sourceDir: '', exclude: [], include: [], formats: ['yaml'], errors: [], plugins: [],
};

/** The themes GitHub Pages builds without a Gemfile (`theme: jekyll-theme-cayman`). */
export const GITHUB_PAGES_THEMES = new Set([
  'jekyll-theme-architect', 'jekyll-theme-cayman', 'jekyll-theme-dinky', 'jekyll-theme-hacker', 'jekyll-theme-leap-day',
  'jekyll-theme-merlot', 'jekyll-theme-midnight', 'jekyll-theme-minimal', 'jekyll-theme-modernist', 'jekyll-theme-primer',
  'jekyll-theme-slate', 'jekyll-theme-tactile', 'jekyll-theme-time-machine', 'minima',
]);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/**
 * `_config.yml` read for Jekyll or Hexo. Without `profile`, Hexo is recognised by its keys (what the
 * CLI does); the editor passes the profile its detection or the `techblog.site.profile` setting chose.
 */
export function parseSiteConfig(text: string | undefined, profile?: 'jekyll' | 'hexo'): SiteConfig {
  if (text === undefined) return profile === 'hexo' ? parseSiteConfig('', 'hexo') : { ...DEFAULT_CONFIG };
  const read = readSiteYaml(text, '_config.yml');
  const raw: Record<string, unknown> = read.value && typeof read.value === 'object' && !Array.isArray(read.value) ? read.value as Record<string, unknown> : {};
  const errors = read.problem ? [read.problem.message] : [];
  const hexo = profile ? profile === 'hexo' : 'new_post_name' in raw || 'source_dir' in raw || 'public_dir' in raw;
  const defaults: DefaultsEntry[] = [];
  if (Array.isArray(raw.defaults)) {
    for (const d of raw.defaults) {
      if (!d || typeof d !== 'object') continue;
      const { scope, values } = d as { scope?: unknown; values?: unknown };
      if (!values || typeof values !== 'object' || Array.isArray(values)) continue;
      const s = (scope && typeof scope === 'object' ? scope : {}) as { path?: unknown; type?: unknown };
      defaults.push({ scope: { path: str(s.path) ?? '', type: str(s.type) }, values: values as Record<string, unknown> });
    }
  }
  const theme = str(raw.theme) ?? str(raw.remote_theme);
  return {
    profile: hexo ? 'hexo' : 'jekyll',
    defaults,
    // Hexo publishes future posts unless told not to; Jekyll only when told to.
    future: hexo ? raw.future !== false : raw.future === true,
    permalink: str(raw.permalink) ?? (hexo ? ':year/:month/:day/:title/' : 'date'),
    timezone: str(raw.timezone),
    markdown: str(raw.markdown) ?? 'kramdown',
    baseurl: (str(raw.baseurl) ?? (hexo ? str(raw.root) : undefined) ?? '').replace(/\/$/, ''),
    theme: hexo ? undefined : theme,
    gemTheme: hexo ? undefined : str(raw.theme),
    remoteTheme: hexo ? undefined : str(raw.remote_theme),
    layoutsDir: (str(raw.layouts_dir) ?? '_layouts').replace(/^\.?\/|\/$/g, ''),
    sass: sassConfig(raw.sass),
    sourceDir: hexo ? (str(raw.source_dir) ?? 'source').replace(/\/$/, '') : (str(raw.source) ?? '').replace(/^\.\/?|\/$/g, ''),
    exclude: Array.isArray(raw.exclude) ? raw.exclude.filter((x): x is string => typeof x === 'string') : [],
    include: Array.isArray(raw.include) ? raw.include.filter((x): x is string => typeof x === 'string') : [],
    formats: hexo ? ['yaml', 'json'] : ['yaml'],
    errors,
    plugins: hexo ? [] : [...listOf(raw.plugins), ...listOf(raw.gems)],
    githubPagesHint: hexo ? undefined : str(raw.remote_theme) ? 'remote_theme'
      : raw.markdown === undefined && (str(raw.theme) === undefined || GITHUB_PAGES_THEMES.has(String(raw.theme))) ? 'unconfigured' : undefined,
    liquid: hexo ? undefined : liquidSettings(raw.liquid),
    kramdown: raw.kramdown,
    fileProblem: read.problem,
  };
}

/** jekyll-sass-converter 2.2: an empty `sass_dir` means `_sass`; `load_paths` is `Array(…)` of the value. */
function sassConfig(v: unknown): SassConfig {
  const o = v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  const clean = (p: string) => p.trim().replace(/^(\.\/)+/, '').replace(/\/+$/, '');
  const dir = str(o.sass_dir) ?? (typeof o.sass_dir === 'number' ? String(o.sass_dir) : undefined);
  const paths = Array.isArray(o.load_paths) ? o.load_paths : o.load_paths === undefined || o.load_paths === null ? [] : [o.load_paths];
  return {
    sassDir: dir && clean(dir) ? clean(dir) : '_sass',
    loadPaths: paths.filter((p): p is string => typeof p === 'string' && clean(p) !== '').map(clean),
  };
}

const listOf = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : []);

/** Hugo's `hugo.toml` / `config.yaml` (`format` from the file's extension). */
export function parseHugoConfig(text: string | undefined, format: 'toml' | 'yaml' | 'json' = 'toml'): SiteConfig {
  let raw: Record<string, unknown> = {};
  const errors: string[] = [];
  if (text !== undefined) {
    try {
      const v: unknown = format === 'toml' ? parseToml(text) : format === 'json' ? JSON.parse(text) : readSiteYaml(text, 'config.yaml').value;
      if (v && typeof v === 'object' && !Array.isArray(v)) raw = v as Record<string, unknown>;
    } catch (e) {
      errors.push(`Hugo config: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  }
  const dir = (v: unknown, d: string) => (str(v) ?? d).replace(/^\.?\/+|\/+$/g, '') || d;
  let baseurl = '';
  try { baseurl = new URL(str(raw.baseURL) ?? str(raw.baseurl) ?? '').pathname; } catch { /* no or relative baseURL */ }
  return {
    ...DEFAULT_CONFIG,
    profile: 'hugo',
    future: raw.buildFuture === true,
    permalink: '/:title/',
    timezone: str(raw.timeZone) ?? str(raw.timezone),
    markdown: 'goldmark',
    baseurl: baseurl.replace(/\/$/, ''),
    theme: str(raw.theme) ?? (Array.isArray(raw.theme) ? str(raw.theme[0]) : undefined),
    layoutsDir: dir(raw.layoutDir, 'layouts'),
    sourceDir: dir(raw.staticDir, 'static'),
    contentDir: dir(raw.contentDir, 'content'),
    // Hugo also reads `{…}` JSON front matter, which no delimiter line marks; TechBlog checks the other two.
    formats: ['toml', 'yaml'],
    errors,
  };
}

/** Jekyll's `defaults:` for a document: later and more specific scopes win. */
export function defaultsFor(config: SiteConfig, relPath: string, type: string): Record<string, unknown> {
  if (!config.defaults.length) return {};
  const matches = config.defaults
    .filter((d) => (!d.scope.type || d.scope.type === type || (type === 'drafts' && d.scope.type === 'posts')) && pathInScope(relPath, d.scope.path))
    .map((d, i) => ({ d, i, weight: (d.scope.path ? d.scope.path.split('/').length * 2 : 0) + (d.scope.type ? 1 : 0) }))
    .sort((a, b) => a.weight - b.weight || a.i - b.i);
  const out: Record<string, unknown> = {};
  for (const { d } of matches) Object.assign(out, d.values);
  return out;
}

function pathInScope(relPath: string, scopePath: string): boolean {
  const p = scopePath.replace(/^\.?\/+/, '').replace(/\/+$/, '');
  if (p === '') return true;
  if (p.includes('*')) {
    const re = new RegExp('^' + p.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('[^/]*') + '(/|$)');
    return re.test(relPath);
  }
  return relPath === p || relPath.startsWith(p + '/');
}
