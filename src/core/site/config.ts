// The one reader of a site's config (`_config.yml`, Hugo's `hugo.toml`): what the checks, the preview,
// the authoring commands and detection (profile.ts) need. Unknown or odd values fall back to the
// generator's defaults.
import type { FrontMatterFormat } from '../frontmatter/types';
import { readToml } from '../text/toml';
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
  /** The site's `title`, if it has one. */
  title?: string;
  /** Hexo's `new_post_name` (the file name pattern of a new post). */
  newPostName?: string;
  /** Where new-post templates live: Hexo's `scaffold_dir`, Hugo's `archetypeDir`. */
  templatesDir?: string;
  /** Hugo: the format of the config file read (new posts follow it when no post says otherwise). */
  configFormat?: ConfigFormat;
  /** Jekyll's `collections:` other than posts and drafts (each in `_<label>/` under `collections_dir`). */
  collections?: CollectionConfig[];
  /** Jekyll's `collections_dir` (relative to the source, '' by default). */
  collectionsDir?: string;
}

/** One of Jekyll's `collections:`: published only with `output: true`, at its `permalink` template. */
export interface CollectionConfig { label: string; output: boolean; permalink?: string }

/** `collections:` as Jekyll reads it: a map of label → metadata, or a list of labels (no output). */
export function collectionsFrom(raw: unknown): CollectionConfig[] {
  const entries: [string, unknown][] = Array.isArray(raw) ? raw.filter((x): x is string => typeof x === 'string').map((l) => [l, {}])
    : raw && typeof raw === 'object' ? Object.entries(raw as Record<string, unknown>) : [];
  return entries.filter(([label]) => label !== 'posts' && label !== 'drafts' && /^[^/\\]+$/.test(label)).map(([label, meta]) => {
    const m = (meta && typeof meta === 'object' ? meta : {}) as Record<string, unknown>;
    return { label, output: m.output === true, ...(typeof m.permalink === 'string' ? { permalink: m.permalink } : {}) };
  });
}

export type ConfigFormat = 'toml' | 'yaml' | 'json';

/** Keys only Hexo's `_config.yml` has: any one of them makes the folder a Hexo site. */
export const HEXO_KEYS = ['new_post_name', 'source_dir', 'public_dir', 'post_asset_folder', 'render_drafts', 'default_layout', 'filename_case', 'tag_dir', 'category_dir'];

/** The keys of `keys` that mark a Hexo config. */
export function hexoKeysIn(keys: Iterable<string>): string[] {
  const set = new Set(keys);
  return HEXO_KEYS.filter((k) => set.has(k));
}

/** Config files that mark a Hugo site on their own (`hugo.*`, Hugo ≥ 0.110) or together with Hugo keys or folders (`config.*`). */
export const HUGO_CONFIG_FILES = ['hugo.toml', 'hugo.yaml', 'hugo.yml', 'hugo.json'] as const;
export const HUGO_LEGACY_CONFIG_FILES = ['config.toml', 'config.yaml', 'config.yml', 'config.json'] as const;
/** The same in Hugo's config folder (`config/_default/`). */
export const HUGO_CONFIG_DIR_FILES = ['config/_default/hugo.toml', 'config/_default/hugo.yaml'] as const;
export const HUGO_LEGACY_CONFIG_DIR_FILES = ['config/_default/config.toml', 'config/_default/config.yaml'] as const;
/** Where Hugo looks for its config, first found wins. */
export const HUGO_CONFIG_ORDER = [...HUGO_CONFIG_FILES, ...HUGO_CONFIG_DIR_FILES, ...HUGO_LEGACY_CONFIG_FILES, ...HUGO_LEGACY_CONFIG_DIR_FILES] as const;

/** A config file's format, from its extension. */
export function configFormatOf(name: string): ConfigFormat {
  return name.endsWith('.toml') ? 'toml' : name.endsWith('.json') ? 'json' : 'yaml';
}

/**
 * The site's config from the texts of its config files (path relative to the site → text), read the way
 * `generator` reads it; without one, `_config.yml` decides between Jekyll and Hexo.
 */
export function siteConfigFrom(generator: SiteProfile | undefined, configs: Readonly<Record<string, string | undefined>>): SiteConfig {
  if (generator !== 'hugo') return parseSiteConfig(configs['_config.yml'], generator);
  const name = HUGO_CONFIG_ORDER.find((n) => configs[n] !== undefined);
  return name ? parseHugoConfig(configs[name], configFormatOf(name)) : parseHugoConfig(undefined);
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
/** A non-blank string, trimmed. */
const text = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() ? v.trim() : undefined);
/** A folder setting: `./x/` → `x`; blank or only slashes → `fallback`. */
const folder = (v: unknown, fallback: string): string => (text(v) ?? fallback).replace(/^\.?\/+|\/+$/g, '') || fallback;

/**
 * `_config.yml` read for Jekyll or Hexo. Without `profile`, Hexo is recognised by its keys (what the
 * CLI does); the editor passes the profile its detection or the `techblog.site.profile` setting chose.
 */
export function parseSiteConfig(configText: string | undefined, profile?: 'jekyll' | 'hexo'): SiteConfig {
  if (configText === undefined) return profile === 'hexo' ? parseSiteConfig('', 'hexo') : { ...DEFAULT_CONFIG };
  const read = readSiteYaml(configText, '_config.yml');
  const raw: Record<string, unknown> = read.value && typeof read.value === 'object' && !Array.isArray(read.value) ? read.value as Record<string, unknown> : {};
  const errors = read.problem ? [read.problem.message] : [];
  const hexo = profile ? profile === 'hexo' : hexoKeysIn(Object.keys(raw)).length > 0;
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
    sourceDir: hexo ? folder(raw.source_dir, 'source') : (str(raw.source) ?? '').replace(/^\.\/?|\/$/g, ''),
    exclude: Array.isArray(raw.exclude) ? raw.exclude.filter((x): x is string => typeof x === 'string') : [],
    include: Array.isArray(raw.include) ? raw.include.filter((x): x is string => typeof x === 'string') : [],
    formats: hexo ? ['yaml', 'json'] : ['yaml'],
    errors,
    plugins: hexo ? [] : [...listOf(raw.plugins), ...listOf(raw.gems)],
    githubPagesHint: hexo ? undefined : str(raw.remote_theme) ? 'remote_theme'
      : raw.markdown === undefined && (str(raw.theme) === undefined || GITHUB_PAGES_THEMES.has(String(raw.theme))) ? 'unconfigured' : undefined,
    liquid: hexo ? undefined : liquidSettings(raw.liquid),
    ...(hexo || raw.collections === undefined ? {} : { collections: collectionsFrom(raw.collections), collectionsDir: (str(raw.collections_dir) ?? '').replace(/^\.?\/+|\/+$/g, '') }),
    kramdown: raw.kramdown,
    fileProblem: read.problem,
    title: str(raw.title),
    newPostName: hexo ? text(raw.new_post_name) : undefined,
    templatesDir: hexo ? folder(raw.scaffold_dir, 'scaffolds') : undefined,
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
export function parseHugoConfig(configText: string | undefined, format: ConfigFormat = 'toml'): SiteConfig {
  const read: Record<string, unknown> = {};
  const errors: string[] = [];
  if (configText !== undefined) {
    try {
      let v: unknown;
      if (format === 'yaml') {
        const yaml = readSiteYaml(configText, 'hugo.yaml');
        if (yaml.problem) errors.push(`Hugo config: ${yaml.problem.message}`);
        v = yaml.value;
      } else if (format === 'toml') {
        const toml = readToml(configText);
        if (toml.ok) v = toml.value; else errors.push(`Hugo config: line ${toml.line}: ${toml.message}`);
      } else v = JSON.parse(configText);
      if (v && typeof v === 'object' && !Array.isArray(v)) Object.assign(read, v);
    } catch (e) {
      errors.push(`Hugo config: ${(e instanceof Error ? e.message : String(e)).split('\n')[0]}`);
    }
  }
  // Hugo's config keys are case-insensitive (`baseURL`, `baseurl`; `timeZone`, `timezone`), in every format.
  const raw: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(read)) raw[k.toLowerCase()] ??= v;
  let baseurl = '';
  try { baseurl = new URL(str(raw.baseurl) ?? '').pathname; } catch { /* no or relative baseURL */ }
  return {
    ...DEFAULT_CONFIG,
    profile: 'hugo',
    future: raw.buildfuture === true,
    permalink: '/:title/',
    timezone: text(raw.timezone),
    markdown: 'goldmark',
    baseurl: baseurl.replace(/\/$/, ''),
    theme: str(raw.theme) ?? (Array.isArray(raw.theme) ? str(raw.theme[0]) : undefined),
    layoutsDir: folder(raw.layoutdir, 'layouts'),
    sourceDir: folder(raw.staticdir, 'static'),
    contentDir: folder(raw.contentdir, 'content'),
    title: str(raw.title),
    templatesDir: folder(raw.archetypedir, 'archetypes'),
    configFormat: configText === undefined ? undefined : format,
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
