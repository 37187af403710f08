// Which static-site generator a blog folder belongs to (Jekyll, Hugo, Hexo), and where that generator
// keeps posts, drafts, templates and the files it serves at the site root. Pure: the host lists the
// folder and reads the config files, this module only looks at names and text.
import { isMap, parseDocument } from 'yaml';
import { yamlGuard } from '../frontmatter/parse';
import { defaultsFor, hexoKeysIn, HUGO_CONFIG_DIR_FILES, HUGO_CONFIG_FILES, HUGO_LEGACY_CONFIG_DIR_FILES, HUGO_LEGACY_CONFIG_FILES, siteConfigFrom, type SiteProfile } from './config';
import { isMarkdownPath } from './markdownFiles';
import { MAX_SITE_YAML_CHARS } from './yamlFile';

/** The generators TechBlog knows. `SiteProfile` (what the validator reads) is the subset with `_config.yml`. */
export type Generator = SiteProfile | 'hugo';
export const GENERATORS: readonly Generator[] = ['jekyll', 'hugo', 'hexo'];
/** How a generator is written in messages. */
export const GENERATOR_NAMES: Readonly<Record<Generator, string>> = { jekyll: 'Jekyll', hugo: 'Hugo', hexo: 'Hexo' };
/** The `techblog.site.profile` setting: `auto` detects, anything else forces that generator. */
export type ProfileSetting = 'auto' | Generator;

/** Every config file whose text detection may read, relative to the site folder. */
export const PROFILE_CONFIG_FILES = [
  '_config.yml', ...HUGO_CONFIG_FILES, ...HUGO_LEGACY_CONFIG_FILES, ...HUGO_CONFIG_DIR_FILES, ...HUGO_LEGACY_CONFIG_DIR_FILES,
  'package.json',
] as const;

export interface SiteFiles {
  /**
   * Paths relative to the site folder: at least its top-level entries, with folders written with a
   * trailing `/` (`content/`) or implied by a deeper path (`source/_posts/a.md`).
   */
  files: readonly string[];
  /** Texts of the config files that exist, keyed by their path relative to the site folder. */
  configs: Readonly<Record<string, string>>;
  /** The first lines of a few existing posts (`---` or `+++`): Hugo sites write new ones the same way. */
  firstLines?: readonly string[];
}

export interface ProfileDetection {
  generator: Generator;
  /** True when the `techblog.site.profile` setting chose it. */
  forced: boolean;
  /** What gave it away, for messages and tooltips: `hugo.toml`, `content/`, `new_post_name in _config.yml`. */
  evidence: string[];
}

const HUGO_KEYS = /^\s*(baseURL|languageCode|defaultContentLanguage|contentDir|paginate|pagination|enableRobotsTXT|\[params\]|\[menus?\b|\[taxonomies\]|\[markup\]|\[permalinks\]|\[outputs\]|params:|menus?:|taxonomies:|markup:|permalinks:)\b/im;

function hasEntry(files: readonly string[], name: string): boolean {
  const dir = name.endsWith('/');
  const bare = dir ? name.slice(0, -1) : name;
  return files.some((f) => f === name || f === bare + '/' || (dir ? f.startsWith(name) : f === bare) || f.startsWith(bare + '/'));
}

/**
 * The generator of a folder, or undefined when nothing marks it as a blog. `setting` other than
 * `auto` wins over what the files say (for a folder that has any blog marker at all).
 */
export function detectGenerator(site: SiteFiles, setting: ProfileSetting = 'auto'): ProfileDetection | undefined {
  const { files, configs } = site;
  const has = (name: string) => hasEntry(files, name) || Object.hasOwn(configs, name.replace(/\/$/, ''));
  const score: Record<Generator, number> = { jekyll: 0, hugo: 0, hexo: 0 };
  const evidence: Record<Generator, string[]> = { jekyll: [], hugo: [], hexo: [] };
  const add = (g: Generator, points: number, why: string) => { score[g] += points; evidence[g].push(why); };

  const jekyllConfig = configs['_config.yml'];
  const hasJekyllConfig = jekyllConfig !== undefined || hasEntry(files, '_config.yml');
  if (hasJekyllConfig) {
    const keys = topLevelYamlKeys(jekyllConfig);
    const hexoKeys = hexoKeysIn(keys);
    if (hexoKeys.length) add('hexo', 4 + hexoKeys.length, `${hexoKeys.join(', ')} in _config.yml`);
    else add('jekyll', 3, '_config.yml');
  }
  if (has('_posts/')) add('jekyll', 2, '_posts/');
  if (has('_layouts/')) add('jekyll', 1, '_layouts/');
  if (has('_drafts/')) add('jekyll', 1, '_drafts/');
  if (/\bjekyll\b/.test(configs.Gemfile ?? '')) add('jekyll', 2, 'Gemfile');

  if (has('source/_posts/')) add('hexo', 3, 'source/_posts/');
  if (has('scaffolds/')) add('hexo', 2, 'scaffolds/');
  const pkg = configs['package.json'];
  if (pkg && /"hexo"\s*:/.test(pkg)) add('hexo', 3, 'hexo in package.json');

  for (const name of [...HUGO_CONFIG_FILES, ...HUGO_CONFIG_DIR_FILES]) {
    if (has(name)) add('hugo', 6, name);
  }
  for (const name of [...HUGO_LEGACY_CONFIG_FILES, ...HUGO_LEGACY_CONFIG_DIR_FILES]) {
    const text = configs[name];
    if (text !== undefined ? HUGO_KEYS.test(text) : false) add('hugo', 4, `Hugo settings in ${name}`);
  }
  // A bare `config.toml` is a common name: without Hugo keys it counts only where no `_config.yml` claims the folder.
  const hugoConfigSeen = score.hugo > 0 || (!hasJekyllConfig && HUGO_LEGACY_CONFIG_FILES.some((n) => has(n)));
  if (hugoConfigSeen) {
    if (has('content/')) add('hugo', 2, 'content/');
    if (has('archetypes/')) add('hugo', 2, 'archetypes/');
    if (has('static/')) add('hugo', 1, 'static/');
    if (has('themes/') && !hasJekyllConfig) add('hugo', 1, 'themes/');
  }

  // Without `_config.yml` a folder is a Jekyll site (with Jekyll's defaults) when it has both `_posts/` and `_layouts/`.
  if (!hasJekyllConfig && !(has('_posts/') && has('_layouts/'))) { score.jekyll = 0; evidence.jekyll = []; }
  const found = GENERATORS.filter((g) => score[g] > 0);
  if (setting !== 'auto' && GENERATORS.includes(setting)) {
    // Forcing never turns a folder with only a stray `config.*` into a Jekyll or Hexo blog.
    if (!found.length && !(hugoConfigSeen && setting === 'hugo')) return undefined;
    return { generator: setting, forced: true, evidence: ['techblog.site.profile'] };
  }
  if (!found.length) return undefined;
  // Ties go to Jekyll (the default the rest of TechBlog assumes), then Hexo.
  const best = [...found].sort((a, b) => score[b] - score[a] || GENERATORS.indexOf(a) - GENERATORS.indexOf(b))[0];
  return { generator: best, forced: false, evidence: evidence[best] };
}

function topLevelYamlKeys(text: string | undefined): Set<string> {
  const keys = new Set<string>();
  if (!text) return keys;
  try {
    // Within the bounds of site YAML (yamlFile.ts); a file past them gets the line scan below.
    if (text.length > MAX_SITE_YAML_CHARS || yamlGuard(text, 0, text.length)) throw new Error('not read');
    const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, logLevel: 'silent' });
    if (isMap(doc.contents)) for (const item of doc.contents.items) keys.add(String((item.key as { value?: unknown })?.value ?? item.key));
  } catch {
    // Fall back to the lines below.
  }
  if (!keys.size) for (const m of text.matchAll(/^([A-Za-z_][\w-]*)\s*:/gm)) keys.add(m[1]);
  return keys;
}

// ---------------------------------------------------------------------------------------------------
// Where each generator keeps things.

export type FrontMatterStyle = 'yaml' | 'toml';

export interface SiteLayout {
  generator: Generator;
  /** New posts go here (relative to the site folder). */
  postsDir: string;
  /** New drafts go here; undefined for Hugo, whose drafts are posts with `draft: true`. */
  draftsDir: string | undefined;
  /**
   * File name pattern of a new post (may hold folders): `:year-:month-:day-:title.md` for Jekyll,
   * Hexo's `new_post_name` (default `:title.md`), `:title.md` for Hugo. `:title` is the slug.
   */
  postName: string;
  /** File name pattern of a new draft. */
  draftName: string;
  /** The folder whose files the generator serves at the site root: `` (Jekyll), `source` (Hexo), `static` (Hugo). */
  publishDir: string;
  /** Where pasted images go by default (a `<year>/` folder below it): `images`, `source/images`, `static/images`. */
  imagesDir: string;
  /** Front matter new posts are written with. */
  frontMatter: FrontMatterStyle;
  /** The site's own template files for a new post / draft, first existing one wins (relative to the site folder). */
  templates: { post: string[]; draft: string[] };
  /** IANA zone of `date:` values (`timezone:` in Jekyll/Hexo, `timeZone` in Hugo); undefined = the author's zone. */
  timezone: string | undefined;
  /** Jekyll's `defaults:` layout for posts, if the config sets one. */
  defaultLayout: string | undefined;
}

/** Where a generator keeps posts, drafts and templates in this folder, with the config's overrides applied (config.ts reads the config). */
export function siteLayout(generator: Generator, site: SiteFiles): SiteLayout {
  const { files, configs } = site;
  const config = siteConfigFrom(generator, configs);
  if (generator === 'hexo') {
    const source = config.sourceDir;
    const scaffolds = config.templatesDir ?? 'scaffolds';
    return {
      generator, postsDir: `${source}/_posts`, draftsDir: `${source}/_drafts`,
      postName: config.newPostName ?? ':title.md', draftName: ':title.md', publishDir: source, imagesDir: `${source}/images`, frontMatter: 'yaml',
      templates: { post: [`${scaffolds}/post.md`], draft: [`${scaffolds}/draft.md`, `${scaffolds}/post.md`] },
      timezone: config.timezone, defaultLayout: undefined,
    };
  }
  if (generator === 'hugo') {
    const contentDir = config.contentDir ?? 'content';
    const staticDir = config.sourceDir;
    const archetypes = config.templatesDir ?? 'archetypes';
    // The section posts live in: the first of these that exists, else `posts` (Hugo's own examples).
    const section = ['posts', 'post', 'blog', 'articles'].find((s) => hasEntry(files, `${contentDir}/${s}/`)) ?? 'posts';
    const lines = site.firstLines ?? [];
    const toml = lines.filter((l) => /^\+\+\+\s*$/.test(l)).length;
    const yaml = lines.filter((l) => /^---\s*$/.test(l)).length;
    const format: FrontMatterStyle | undefined = config.configFormat === undefined ? undefined : config.configFormat === 'toml' ? 'toml' : 'yaml';
    const frontMatter: FrontMatterStyle = toml !== yaml ? (toml > yaml ? 'toml' : 'yaml') : (format ?? 'toml');
    return {
      generator, postsDir: `${contentDir}/${section}`, draftsDir: undefined, postName: ':title.md', draftName: ':title.md',
      publishDir: staticDir, imagesDir: `${staticDir}/images`, frontMatter,
      templates: { post: [`${archetypes}/${section}.md`, `${archetypes}/default.md`], draft: [`${archetypes}/${section}.md`, `${archetypes}/default.md`] },
      timezone: config.timezone, defaultLayout: undefined,
    };
  }
  const source = config.sourceDir;
  const inSource = (p: string) => (source ? `${source}/${p}` : p);
  // Jekyll's `defaults:` as they apply to a new post in `_posts/` (scope paths are relative to the source folder).
  const layout = defaultsFor(config, '_posts/2000-01-01-new-post.md', 'posts').layout;
  const defaultLayout = typeof layout === 'string' && layout.trim() ? layout.trim() : undefined;
  return {
    generator, postsDir: inSource('_posts'), draftsDir: inSource('_drafts'),
    postName: ':year-:month-:day-:title.md', draftName: ':title.md', publishDir: source, imagesDir: inSource('images'), frontMatter: 'yaml',
    templates: { post: [inSource('_templates/post.md'), '.techblog/templates/post.md'], draft: [inSource('_templates/draft.md'), '.techblog/templates/draft.md', inSource('_templates/post.md'), '.techblog/templates/post.md'] },
    timezone: config.timezone, defaultLayout,
  };
}

// ---------------------------------------------------------------------------------------------------
// Finding sites: which file names mark a candidate folder, and what the host reads from it.

/** File names (at a site folder's top, or in `config/_default/`) that make the folder worth probing. */
export const SITE_MARKER_FILES = ['_config.yml', ...HUGO_CONFIG_FILES, ...HUGO_LEGACY_CONFIG_FILES] as const;
/** One glob for the host's file search and watcher. */
export const SITE_MARKER_GLOB = `**/{${SITE_MARKER_FILES.join(',')}}`;
/**
 * A Jekyll site without `_config.yml` is marked by its layouts (`_layouts/default.html`; probing then
 * wants `_posts/` beside them). Layouts are few, and they change more often than they come and go.
 */
export const LAYOUT_MARKER_GLOB = '**/_layouts/*';

/** The candidate site folder a marker file stands for (posix, as given), or undefined for another file. */
export function markerRoot(markerPath: string): string | undefined {
  const parts = markerPath.split('/');
  // `<site>/_layouts/default.html`, or the folder entry `_layouts/` itself.
  if (parts.length >= 2 && parts[parts.length - 2] === '_layouts') return parts.slice(0, -2).join('/');
  const name = parts.pop() ?? '';
  if (!(SITE_MARKER_FILES as readonly string[]).includes(name)) return undefined;
  // Hugo's config directory: <site>/config/_default/hugo.toml.
  if (parts.length >= 2 && parts[parts.length - 1] === '_default' && parts[parts.length - 2] === 'config' && name !== '_config.yml') parts.splice(-2);
  return parts.join('/');
}

/** Folder access for `probeSite`; paths are relative to the candidate folder (`''` is the folder itself). */
export interface SiteProbe {
  /** Entry names of a folder, sub-folders with a trailing `/`; undefined when it does not exist. */
  list(dir: string): Promise<readonly string[] | undefined>;
  /** A file's text, undefined when it does not exist or cannot be read. */
  read(path: string): Promise<string | undefined>;
}

/** What `probeSite` found out about a blog folder. */
export interface SiteProfileInfo {
  detection: ProfileDetection;
  layout: SiteLayout;
  /** The site's `title` from its config, if it has one. */
  title: string | undefined;
  /** Texts of the config files read (relative paths), for callers that need more of them. */
  configs: Readonly<Record<string, string>>;
}

/** Folders whose first level detection looks into, besides the top. */
const LOOK_INSIDE = ['source/', 'content/', 'config/', 'config/_default/'];

/**
 * Reads just enough of a folder (its top level, a few sub-folders, the config files, the first line
 * of a few Hugo posts) to tell whether it is a blog and which generator builds it.
 */
export async function probeSite(probe: SiteProbe, setting: ProfileSetting = 'auto'): Promise<SiteProfileInfo | undefined> {
  const files: string[] = [...((await probe.list('')) ?? [])];
  for (const dir of LOOK_INSIDE) {
    if (!files.includes(dir)) continue;
    for (const e of (await probe.list(dir.slice(0, -1))) ?? []) files.push(dir + e);
  }
  const configs: Record<string, string> = {};
  await Promise.all([...PROFILE_CONFIG_FILES, 'Gemfile'].filter((n) => files.includes(n)).map(async (n) => {
    const text = await probe.read(n);
    if (text !== undefined) configs[n] = text;
  }));
  const site: SiteFiles = { files, configs };
  const detection = detectGenerator(site, setting);
  if (!detection) return undefined;
  let layout = siteLayout(detection.generator, site);
  if (detection.generator === 'hugo') {
    // New posts follow the delimiters the existing ones use.
    const posts = ((await probe.list(layout.postsDir)) ?? []).filter(isMarkdownPath).slice(0, 5);
    const firstLines = (await Promise.all(posts.map((n) => probe.read(`${layout.postsDir}/${n}`)))).map((t) => (t ?? '').replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0]);
    layout = siteLayout('hugo', { ...site, firstLines });
  }
  return { detection, layout, title: siteTitle(detection.generator, configs), configs };
}

function siteTitle(generator: Generator, configs: Readonly<Record<string, string>>): string | undefined {
  return siteConfigFrom(generator, configs).title;
}

/**
 * Drops folders that only look like blogs because they sit inside another site's theme: Hexo themes
 * carry their own `_config.yml`, Hugo themes a `hugo.toml` or an `exampleSite/`.
 */
export function withoutThemeFolders<T extends { root: string; generator: Generator }>(sites: readonly T[]): T[] {
  const prefix = (root: string) => (root === '' || root === '.' ? '' : root.replace(/\/+$/, '') + '/');
  const themes = sites.filter((s) => s.generator !== 'jekyll').map((s) => prefix(s.root) + 'themes/');
  return sites.filter((s) => !themes.some((t) => prefix(s.root).startsWith(t)));
}
