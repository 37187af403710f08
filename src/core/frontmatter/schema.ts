// Known front-matter keys per site profile, and the user's override of them (settings or a
// workspace file, validated here and described for editors by media/schemas/front-matter-schema.json).
import type { SiteProfile } from '../site/config';
import { t } from '../text/l10n';

export const VALUE_TYPES = ['string', 'boolean', 'date', 'number', 'list', 'string-or-list', 'map', 'string-or-map', 'any'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];
export const DOC_SCOPES = ['posts', 'drafts', 'pages'] as const;
export type DocScope = (typeof DOC_SCOPES)[number];

export interface KeySpec {
  type: ValueType;
  /** Markdown shown on hover and in completion. */
  description: string;
  /** Allowed values. */
  enum?: (string | number | boolean)[];
  /** A regular expression string values must match. */
  pattern?: string;
}

export interface UserKeySpec { type?: ValueType; description?: string; enum?: (string | number | boolean)[]; pattern?: string }
export interface UserScopeSchema { required?: string[]; keys?: Record<string, UserKeySpec> }
/** The override a user writes (setting `techblog.frontMatter.schema` or `.techblog/schema.json`). */
export interface UserSchema extends UserScopeSchema { posts?: UserScopeSchema; drafts?: UserScopeSchema; pages?: UserScopeSchema }

export interface ResolvedSchema { keys: Map<string, KeySpec>; required: string[] }

// Functions, so that the descriptions are translated when a schema is first built (after the host set the language).
const jekyllKeys = (): Record<string, KeySpec> => ({
  layout: { type: 'string', description: t('The layout from `_layouts/` that wraps this document (`post`, `page`, `default`). `null` or `none` for no layout.') },
  title: { type: 'string', description: t('The title shown on the page and in feeds. Search engines show about 70 characters.') },
  description: { type: 'string', description: t('A one-sentence summary for search results and social cards (jekyll-seo-tag). Keep it under 160 characters.') },
  date: { type: 'date', description: t('Publication time, `YYYY-MM-DD HH:MM:SS +/-TTTT`. Overrides the date in the file name.') },
  categories: { type: 'string-or-list', description: t('Categories: a list, or a space-separated string. They become part of the post URL by default.') },
  category: { type: 'string-or-list', description: t('A single category (Jekyll also accepts a list). Takes precedence over `categories`.') },
  tags: { type: 'string-or-list', description: t('Tags: a list (`[a, b]` or one `- tag` per line), or a space-separated string.') },
  tag: { type: 'string-or-list', description: t('A single tag. Takes precedence over `tags`.') },
  published: { type: 'boolean', description: t('`false` keeps the post out of the built site. Must be a boolean: the string `"false"` counts as true.') },
  permalink: { type: 'string', description: t('The URL of this document, overriding the site-wide `permalink` (`/about/`, `/:year/:title/`).') },
  excerpt: { type: 'string', description: t('The excerpt shown in post lists; by default the first paragraph.') },
  excerpt_separator: { type: 'string', description: t('Text marking the end of the excerpt in the body (`<!--more-->`).') },
  slug: { type: 'string', description: t('The `:title` part of the URL, instead of the one in the file name.') },
  last_modified_at: { type: 'date', description: t('When the post was last changed (jekyll-last-modified-at, jekyll-seo-tag, sitemaps).') },
  image: { type: 'string-or-map', description: t('The social-card image (jekyll-seo-tag): a path, or `{ path, height, width, alt }`.') },
  author: { type: 'string-or-map', description: t('The author (jekyll-seo-tag, jekyll-feed): a name, or a key of `_data/authors.yml`.') },
  lang: { type: 'string', description: t('The language of this document (`en`, `zh-TW`), for `<html lang>` and SEO tags.') },
  redirect_from: { type: 'string-or-list', description: t('Old URLs that redirect here (jekyll-redirect-from).') },
  redirect_to: { type: 'string', description: t('Send visitors of this URL elsewhere (jekyll-redirect-from).') },
  sitemap: { type: 'boolean', description: t('`false` leaves this document out of sitemap.xml (jekyll-sitemap).') },
  render_with_liquid: { type: 'boolean', description: t('`false` shows Liquid tags in the body as written instead of running them.') },
});

const hexoKeys = (jekyll = jekyllKeys()): Record<string, KeySpec> => ({
  layout: jekyll.layout,
  title: jekyll.title,
  description: jekyll.description,
  date: { type: 'date', description: t('Publication time, `YYYY-MM-DD HH:mm:ss`.') },
  updated: { type: 'date', description: t('When the post was last changed.') },
  comments: { type: 'boolean', description: t('`false` turns comments off for this post.') },
  tags: { type: 'string-or-list', description: t('Tags: a list or a single tag.') },
  categories: { type: 'string-or-list', description: t('Categories: a list is a hierarchy (`[Diary, Life]`).') },
  permalink: jekyll.permalink,
  excerpt: jekyll.excerpt,
  disableNunjucks: { type: 'boolean', description: t('`true` leaves Nunjucks/Swig tags in the body unprocessed.') },
  lang: jekyll.lang,
  published: jekyll.published,
  keywords: { type: 'string-or-list', description: t('Keywords for the `<meta name="keywords">` tag.') },
});

// Hugo's front-matter fields (gohugo.io/content-management/front-matter) and the default taxonomies.
const hugoKeys = (): Record<string, KeySpec> => ({
  title: { type: 'string', description: t('The title shown on the page, in lists and feeds. Search engines show about 70 characters.') },
  date: { type: 'date', description: t('Publication time: a TOML date (`2024-02-01T10:00:00+08:00`) or a YAML one.') },
  draft: { type: 'boolean', description: t('`true` keeps the page out of the site unless Hugo runs with `--buildDrafts`. Must be a boolean: the string `"false"` is not false.') },
  description: { type: 'string', description: t('A one-sentence summary for `<meta name="description">` and social cards. Keep it under 160 characters.') },
  summary: { type: 'string', description: t('The summary shown in lists instead of the automatic one.') },
  tags: { type: 'string-or-list', description: t('Tags (a taxonomy): a list such as `["go", "k8s"]`.') },
  categories: { type: 'string-or-list', description: t('Categories (a taxonomy): a list such as `["Notes"]`.') },
  series: { type: 'string-or-list', description: t('Series (a taxonomy many themes define): a list.') },
  keywords: { type: 'string-or-list', description: t('Keywords for `<meta name="keywords">`.') },
  lastmod: { type: 'date', description: t('When the page was last changed.') },
  publishDate: { type: 'date', description: t('Hugo publishes the page only from this time on.') },
  expiryDate: { type: 'date', description: t('Hugo stops publishing the page at this time.') },
  slug: { type: 'string', description: t('The last part of the URL, instead of the file name.') },
  url: { type: 'string', description: t('The whole path of the page, overriding the `permalinks` setting.') },
  aliases: { type: 'string-or-list', description: t('Old URLs that redirect here.') },
  weight: { type: 'number', description: t('Position in lists: lower weights come first.') },
  linkTitle: { type: 'string', description: t('A shorter title for menus and links.') },
  layout: { type: 'string', description: t('The template (in `layouts/`) to render this page with.') },
  type: { type: 'string', description: t('The content type, which picks the template folder; by default the section.') },
  images: { type: 'list', description: t('Images for social cards (Open Graph, Twitter).') },
  author: { type: 'string-or-map', description: t('The author, as themes read it.') },
  authors: { type: 'string-or-list', description: t('The authors, as themes read them (often a taxonomy).') },
  toc: { type: 'boolean', description: t('Show a table of contents (a theme parameter most themes read).') },
  math: { type: 'boolean', description: t('Load the math renderer on this page (a theme parameter).') },
  isCJKLanguage: { type: 'boolean', description: t('`true` counts words the CJK way for summaries and reading time.') },
  headless: { type: 'boolean', description: t('A leaf bundle that is not published itself.') },
  translationKey: { type: 'string', description: t('Links translations of the same page.') },
  markup: { type: 'string', description: t('The markup of the content (`md`, `html`, …) instead of the one from the file extension.') },
  outputs: { type: 'list', description: t('Output formats for this page (`html`, `rss`, …).') },
  params: { type: 'map', description: t('Your own parameters, read by templates as `.Params`.') },
  build: { type: 'map', description: t('Build options: `list`, `render`, `publishResources`.') },
  cascade: { type: 'any', description: t('Front matter handed down to descendant pages.') },
  menus: { type: 'string-or-list', description: t('The menus this page appears in.') },
  resources: { type: 'list', description: t('Metadata for the files of a page bundle.') },
  sitemap: { type: 'map', description: t('Sitemap options for this page: `changefreq`, `priority`, `disable`.') },
});

const BUILTIN: Record<SiteProfile, { keys: () => Record<string, KeySpec>; required: Record<DocScope, string[]> }> = {
  // Jekyll titles a post without `title:` from its file name (rule title-from-filename says so).
  jekyll: { keys: jekyllKeys, required: { posts: ['layout'], drafts: ['layout'], pages: [] } },
  hexo: { keys: () => hexoKeys(), required: { posts: ['title'], drafts: ['title'], pages: [] } },
  hugo: { keys: hugoKeys, required: { posts: ['title'], drafts: ['title'], pages: [] } },
};

// Resolved schemas are reused across checks: per user-schema object (settings objects are replaced, not mutated).
const builtinCache = new Map<string, ResolvedSchema>();
const userCache = new WeakMap<UserSchema, Map<string, ResolvedSchema>>();

/** The schema in force for one kind of document: built-in keys, overridden by the user's schema. */
export function resolveSchema(profile: SiteProfile, scope: DocScope, user?: UserSchema): ResolvedSchema {
  const id = `${profile}/${scope}`;
  let cache = builtinCache;
  if (user) {
    cache = userCache.get(user) ?? new Map();
    userCache.set(user, cache);
  }
  let r = cache.get(id);
  if (!r) cache.set(id, (r = buildSchema(profile, scope, user)));
  return r;
}

function buildSchema(profile: SiteProfile, scope: DocScope, user?: UserSchema): ResolvedSchema {
  const b = BUILTIN[profile];
  const keys = new Map<string, KeySpec>(Object.entries(b.keys()));
  let required = [...b.required[scope]];
  for (const layer of [user, user?.[scope]]) {
    if (!layer) continue;
    for (const [k, spec] of Object.entries(layer.keys ?? {})) {
      const prev = keys.get(k);
      keys.set(k, { type: spec.type ?? prev?.type ?? 'any', description: spec.description ?? prev?.description ?? '', enum: spec.enum ?? prev?.enum, pattern: spec.pattern ?? prev?.pattern });
    }
    if (layer.required) required = [...layer.required];
  }
  return { keys, required };
}

export interface SchemaKeyInfo extends KeySpec { key: string; required: boolean }

/** Keys for completion and hover, in schema order. */
export function schemaKeys(profile: SiteProfile = 'jekyll', scope: DocScope = 'posts', user?: UserSchema): SchemaKeyInfo[] {
  const s = resolveSchema(profile, scope, user);
  return [...s.keys].map(([key, spec]) => ({ key, ...spec, required: s.required.includes(key) }));
}

/** Hover text for a key, or undefined when the schema does not know it. */
export function keyDocumentation(key: string, profile: SiteProfile = 'jekyll', scope: DocScope = 'posts', user?: UserSchema): string | undefined {
  const spec = resolveSchema(profile, scope, user).keys.get(key);
  if (!spec) return undefined;
  if (!spec.enum) return t('**{0}** ({1})\n\n{2}', key, spec.type, spec.description);
  return t('**{0}** ({1})\n\n{2} One of: {3}.', key, spec.type, spec.description, spec.enum.map((v) => `\`${String(v)}\``).join(', '));
}

/** Checks a user schema; messages name the place (`posts.keys.series.type`) and what is allowed. */
export function validateUserSchema(obj: unknown): { ok: boolean; errors: string[] } {
  const errors: string[] = [];
  const isObj = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
  const checkScope = (v: unknown, at: string, top: boolean) => {
    if (!isObj(v)) { errors.push(at ? t('{0} must be an object.', at) : t('The schema must be an object.')); return; }
    const here = at ? at + '.' : '';
    const allowed = top ? ['$schema', 'required', 'keys', ...DOC_SCOPES] : ['required', 'keys'];
    for (const k of Object.keys(v)) if (!allowed.includes(k)) errors.push(t('{0} is not a schema setting (allowed: {1}).', here + k, allowed.filter((a) => a !== '$schema').join(', ')));
    if (v.required !== undefined && (!Array.isArray(v.required) || v.required.some((r) => typeof r !== 'string'))) errors.push(t('{0} must be a list of key names.', here + 'required'));
    if (v.keys !== undefined) {
      if (!isObj(v.keys)) errors.push(t('{0} must be an object mapping key names to their rules.', here + 'keys'));
      else for (const [name, spec] of Object.entries(v.keys)) {
        const p = `${here}keys.${name}`;
        if (!isObj(spec)) { errors.push(t('{0} must be an object such as { "type": "string" }.', p)); continue; }
        for (const k of Object.keys(spec)) if (!['type', 'description', 'enum', 'pattern'].includes(k)) errors.push(t('{0} is not a key setting (allowed: type, description, enum, pattern).', `${p}.${k}`));
        if (spec.type !== undefined && !(VALUE_TYPES as readonly unknown[]).includes(spec.type)) errors.push(t('{0} is "{1}"; use one of {2}.', `${p}.type`, String(spec.type), VALUE_TYPES.join(', ')));
        if (spec.description !== undefined && typeof spec.description !== 'string') errors.push(t('{0} must be text.', `${p}.description`));
        if (spec.enum !== undefined && (!Array.isArray(spec.enum) || spec.enum.length === 0 || spec.enum.some((e) => !['string', 'number', 'boolean'].includes(typeof e)))) errors.push(t('{0} must be a non-empty list of strings, numbers or booleans.', `${p}.enum`));
        if (spec.pattern !== undefined) {
          if (typeof spec.pattern !== 'string') errors.push(t('{0} must be a regular expression in a string.', `${p}.pattern`));
          else try { new RegExp(spec.pattern, 'u'); } catch (e) { errors.push(t('{0} is not a valid regular expression: {1}.', `${p}.pattern`, e instanceof Error ? e.message : String(e))); }
        }
      }
    }
  };
  checkScope(obj, '', true);
  if (isObj(obj)) for (const s of DOC_SCOPES) if (obj[s] !== undefined) checkScope(obj[s], s, false);
  return { ok: errors.length === 0, errors };
}

/**
 * A site's schema without its `pattern`s: the regular expressions of a repository the user has not
 * trusted (Restricted Mode) are not run; types, enums and required keys still apply.
 */
export function withoutPatterns(schema: UserSchema): UserSchema {
  const scope = (s: UserScopeSchema | undefined): UserScopeSchema | undefined => s && {
    ...s,
    ...(s.keys ? { keys: Object.fromEntries(Object.entries(s.keys).map(([k, spec]) => [k, Object.fromEntries(Object.entries(spec).filter(([f]) => f !== 'pattern')) as UserKeySpec])) } : {}),
  };
  return { ...scope(schema), posts: scope(schema.posts), drafts: scope(schema.drafts), pages: scope(schema.pages) };
}
