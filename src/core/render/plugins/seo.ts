// jekyll-seo-tag (2.8): `{% seo %}` writes the page's <title>, description, canonical link, Open Graph
// and Twitter meta tags and JSON-LD, from the same template and the same values the gem computes
// (template.html of jekyll-seo-tag, MIT licence, with its Drop's rules below). `{% seo title=false %}`
// leaves the <title> out.
import { Tag, type Context, type Emitter, type Liquid, type TagToken, type Template, type TopLevelToken } from 'liquidjs';

export const SEO_PLUGIN = 'jekyll-seo-tag';
export const SEO_VERSION = '2.8.0';

// template.html of jekyll-seo-tag 2.8.0 (`seo_tag.title?` is spelled `seo_tag.title_shown` here).
const TEMPLATE = `<!-- Begin Jekyll SEO tag v{{ seo_tag.version }} -->
{% if seo_tag.title_shown %}
  <title>{{ seo_tag.title }}</title>
{% endif %}

<meta name="generator" content="Jekyll v{{ jekyll.version }}" />

{% if seo_tag.page_title %}
  <meta property="og:title" content="{{ seo_tag.page_title }}" />
{% endif %}

{% if seo_tag.author.name %}
  <meta name="author" content="{{ seo_tag.author.name }}" />
{% endif %}

<meta property="og:locale" content="{{ seo_tag.page_locale }}" />

{% if seo_tag.description %}
  <meta name="description" content="{{ seo_tag.description }}" />
  <meta property="og:description" content="{{ seo_tag.description }}" />
{% endif %}

{% if site.url %}
  <link rel="canonical" href="{{ seo_tag.canonical_url }}" />
  <meta property="og:url" content="{{ seo_tag.canonical_url }}" />
{% endif %}

{% if seo_tag.site_title %}
  <meta property="og:site_name" content="{{ seo_tag.site_title }}" />
{% endif %}

{% if seo_tag.image %}
  <meta property="og:image" content="{{ seo_tag.image.path }}" />
  {% if seo_tag.image.height %}
    <meta property="og:image:height" content="{{ seo_tag.image.height }}" />
  {% endif %}
  {% if seo_tag.image.width %}
    <meta property="og:image:width" content="{{ seo_tag.image.width }}" />
  {% endif %}
  {% if seo_tag.image.alt %}
    <meta property="og:image:alt" content="{{ seo_tag.image.alt }}" />
  {% endif %}
{% endif %}

{% if page.date %}
  <meta property="og:type" content="article" />
  <meta property="article:published_time" content="{{ page.date | date_to_xmlschema }}" />
{% else %}
  <meta property="og:type" content="website" />
{% endif %}

{% if paginator.previous_page %}
  <link rel="prev" href="{{ paginator.previous_page_path | absolute_url }}" />
{% endif %}
{% if paginator.next_page %}
  <link rel="next" href="{{ paginator.next_page_path | absolute_url }}" />
{% endif %}

{% if seo_tag.image %}
  <meta name="twitter:card" content="{{ page.twitter.card | default: site.twitter.card | default: "summary_large_image" }}" />
  <meta property="twitter:image" content="{{ seo_tag.image.path }}" />
{% else %}
  <meta name="twitter:card" content="summary" />
{% endif %}

{% if seo_tag.image.alt %}
  <meta name="twitter:image:alt" content="{{ seo_tag.image.alt }}" />
{% endif %}

{% if seo_tag.page_title %}
  <meta property="twitter:title" content="{{ seo_tag.page_title }}" />
{% endif %}

{% if site.twitter %}
  <meta name="twitter:site" content="@{{ site.twitter.username | remove:'@' }}" />

  {% if seo_tag.author.twitter %}
    <meta name="twitter:creator" content="@{{ seo_tag.author.twitter | remove:'@' }}" />
  {% endif %}
{% endif %}

{% if site.facebook %}
  {% if site.facebook.admins %}
    <meta property="fb:admins" content="{{ site.facebook.admins }}" />
  {% endif %}

  {% if site.facebook.publisher %}
    <meta property="article:publisher" content="{{ site.facebook.publisher }}" />
  {% endif %}

  {% if site.facebook.app_id %}
    <meta property="fb:app_id" content="{{ site.facebook.app_id }}" />
  {% endif %}
{% endif %}

{% if site.webmaster_verifications %}
  {% if site.webmaster_verifications.google %}
    <meta name="google-site-verification" content="{{ site.webmaster_verifications.google }}" />
  {% endif %}

  {% if site.webmaster_verifications.bing %}
    <meta name="msvalidate.01" content="{{ site.webmaster_verifications.bing }}" />
  {% endif %}
{% elsif site.google_site_verification %}
  <meta name="google-site-verification" content="{{ site.google_site_verification }}" />
{% endif %}

<script type="application/ld+json">
  {{ seo_tag.json_ld | jsonify }}
</script>

<!-- End Jekyll SEO tag -->
`;
// The gem strips the template's indentation this way before parsing it.
const MINIFIED = TEMPLATE.replace(/(?<=[{}]|[>,]\n)\s+(?!-)/g, '');

/** What `{% seo %}` needs besides the Liquid scope. */
export interface SeoSite {
  markdownify(text: string): string;
  absoluteUrl(url: unknown): string;
}

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Obj) : {});
const HOMEPAGE_OR_ABOUT = /^\/(about\/)?(index.html?)?$/;

/** Liquid's `escape_once`: escapes, leaving entities that are already there. */
export function escapeOnce(s: string): string {
  return s.replace(/["><']|&(?!([a-zA-Z]+|(#\d+));)/g, (c) => ({ '"': '&quot;', '>': '&gt;', '<': '&lt;', "'": '&#39;', '&': '&amp;' })[c] ?? c);
}

/** `2021-10-09 00:00:00 +0800` (how a JekyllDate prints) as XML Schema: `2021-10-09T00:00:00+08:00`. */
function xmlschema(d: unknown): string | undefined {
  if (!(d instanceof Date)) return undefined;
  const m = /^(\d{4}-\d\d-\d\d) (\d\d:\d\d:\d\d) ([+-]\d\d)(\d\d)$/.exec(String(d));
  return m ? `${m[1]}T${m[2]}${m[3]}:${m[4]}` : d.toISOString().replace(/\.\d{3}Z$/, '+00:00');
}

/** The values jekyll-seo-tag's Drop computes for one page. */
export function seoValues(site: Obj, page: Obj, text: string, s: SeoSite): Obj {
  const format = (v: unknown): string | undefined => {
    if (v === undefined || v === null || v === false) return undefined;
    const plain = s.markdownify(String(v)).replace(/<[^>]*>/g, '').replace(/\s+/g, ' ').trim();
    const out = escapeOnce(plain);
    return out ? out : undefined;
  };
  const siteTitle = format(site.title ?? site.name);
  const siteDescription = format(site.description);
  const siteTagline = format(site.tagline);
  const pageTitle = format(page.title) ?? siteTitle;
  let title: string | undefined;
  if (siteTitle && pageTitle !== siteTitle) title = `${pageTitle} | ${siteTitle}`;
  else if (siteDescription && siteTitle) title = `${siteTitle} | ${siteTagline ?? siteDescription}`;
  else title = pageTitle ?? siteTitle;
  const url = typeof page.url === 'string' ? page.url : '';
  const homeOrAbout = HOMEPAGE_OR_ABOUT.test(url);
  const description = format(page.description ?? page.excerpt) ?? siteDescription;
  const canonical = page.canonical_url ? String(page.canonical_url) : s.absoluteUrl(url).replace(/\/index\.html$/, '/');
  const lang = String(page.lang ?? site.lang ?? 'en_US');
  const locale = String(page.locale ?? site.locale ?? lang).replace(/-/g, '_');

  // AuthorDrop: the page's or the site's author, looked up in site.data.authors when it is a name.
  const authorValue = page.author ?? (Array.isArray(page.authors) ? page.authors[0] : undefined) ?? site.author;
  let author: Obj = {};
  if (typeof authorValue === 'string') author = { name: authorValue, ...obj(obj(obj(site.data).authors)[authorValue]) };
  else author = obj(authorValue);
  if (author.name === undefined && typeof authorValue === 'string') author.name = authorValue;

  // ImageDrop: `image:` as a path or a map with `path`; made absolute.
  const imageValue = page.image;
  let image: Obj | undefined;
  if (typeof imageValue === 'string' && imageValue) image = { path: imageValue };
  else if (imageValue && typeof imageValue === 'object' && obj(imageValue).path) image = { ...obj(imageValue) };
  if (image) {
    const p = String(image.path);
    image.path = /^[a-z][a-z0-9+.-]*:/i.test(p) ? p : s.absoluteUrl(p);
  }

  const pageSeo = obj(page.seo);
  const type = pageSeo.type ? String(pageSeo.type) : homeOrAbout ? 'WebSite' : page.date ? 'BlogPosting' : 'WebPage';
  const name = pageSeo.name ? format(pageSeo.name) : !homeOrAbout ? undefined : format(obj(site.social).name) ?? siteTitle;
  const published = xmlschema(page.date);
  const modified = xmlschema(pageSeo.date_modified ?? page.last_modified_at ?? page.date);
  const logo = typeof site.logo === 'string' ? encodeURI(/^[a-z][a-z0-9+.-]*:/i.test(site.logo) ? site.logo : s.absoluteUrl(site.logo)) : undefined;
  const jsonLd: Obj = {
    '@context': 'https://schema.org', '@type': type,
    author: author.name ? { '@type': String(author.type ?? 'Person'), name: author.name, ...(author.url ? { url: author.url } : {}) } : undefined,
    dateModified: modified, datePublished: published, description, headline: pageTitle,
    image: image ? (Object.keys(image).length === 1 ? image.path : { ...image, url: image.path, path: undefined, '@type': 'imageObject' }) : undefined,
    mainEntityOfPage: type === 'BlogPosting' || type === 'CreativeWork' ? { '@type': 'WebPage', '@id': canonical } : undefined,
    name, publisher: logo ? { '@type': 'Organization', logo: { '@type': 'ImageObject', url: logo }, ...(author.name ? { name: author.name } : {}) } : undefined,
    sameAs: pageSeo.links ?? (homeOrAbout ? obj(site.social).links : undefined), url: canonical,
  };
  const sorted: Obj = {};
  for (const k of Object.keys(jsonLd).sort()) if (jsonLd[k] !== undefined) sorted[k] = jsonLd[k];
  return {
    version: SEO_VERSION, title, title_shown: Boolean(title) && !/title=false/i.test(text), site_title: siteTitle, page_title: pageTitle,
    description, author, page_locale: locale, canonical_url: canonical, image, json_ld: sorted,
  };
}

/** Registers `{% seo %}` on a Liquid engine. */
export function registerSeoTag(engine: Liquid, site: SeoSite): void {
  let templates: Template[] | undefined;
  engine.registerTag('seo', class extends Tag {
    constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
      super(token, remain, liquid);
    }
    *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
      templates ??= engine.parse(MINIFIED);
      const values = seoValues(obj(ctx.getSync(['site'])), obj(ctx.getSync(['page'])), this.token.args, site);
      ctx.push({ seo_tag: values });
      try {
        yield engine.renderer.renderTemplates(templates, ctx, emitter);
      } finally {
        ctx.pop();
      }
    }
  });
}
