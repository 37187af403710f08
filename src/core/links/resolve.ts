// Where a link goes, the way Jekyll publishes it: absolute paths against the site's URLs (baseurl
// taken off), relative `.md` links against the source folder (jekyll-relative-links), other relative
// links against the linking document's published URL (`../` climbs the URL, not the source folder).
import * as path from '../text/posixPath';
import { isMarkdownPath, markdownPattern } from '../site/markdownFiles';
import type { SiteConfig } from '../site/config';
import { LIQUID_BASE, LIQUID_FILTER, resolveAgainst, URL_SCHEME } from '../frontmatter/rules/site';
import type { FoundLink } from './scan';
import { type LinkTarget, type LinkTargets } from './targets';

export interface LinkSite {
  config: SiteConfig;
  links: LinkTargets;
  hasFile(rel: string): boolean;
  kindOf(rel: string): 'post' | 'draft' | 'page' | 'other';
}

export type Resolution =
  /** Not checked: external, mail, Liquid we cannot evaluate. */
  | { status: 'skip' }
  | { status: 'external'; url: string }
  /** A document of the site (`file` is its source path). */
  | { status: 'document'; target: LinkTarget; fragment?: string }
  /** A file copied as is (a PDF, an image). */
  | { status: 'file'; file: string; fragment?: string }
  /** Only `#fragment`: a header of the linking document. */
  | { status: 'self'; fragment: string }
  /** Nothing there: `looked` lists the site paths tried (for the message). */
  | { status: 'missing'; looked: string[]; liquid?: 'post_url' | 'link' };

/** A page's source or published extension (taken off a written link to guess the post it meant). */
const PAGE_EXT = markdownPattern(['html?']);
/** URLs plugins and themes make without a source file: feeds, sitemaps, tag and category archives, pagination. */
const GENERATED = /^\/(feed\.xml|atom\.xml|rss\.xml|sitemap\.xml|robots\.txt|search\.json|tags?|categories|category|archives?|page\d+|blog\/page\d+)(\/|$)/i;

/** Where the linking document `fromRel` is published, for `../`. */
function publishedDir(site: LinkSite, fromRel: string): string {
  const url = site.links.get(fromRel)?.url;
  if (!url) return path.dirname(fromRel);
  return (url.endsWith('/') ? url : path.dirname(url)).replace(/^\/+|\/+$/g, '');
}

const HTTP = /^https?:\/\//i;

export function resolveLink(site: LinkSite, fromRel: string, link: FoundLink): Resolution {
  const { config, links } = site;
  if (link.kind === 'post_url') {
    const t = links.forPostUrl(link.target.trim());
    return t ? { status: 'document', target: t, fragment: link.fragment?.text } : { status: 'missing', looked: [], liquid: 'post_url' };
  }
  const src = config.sourceDir ? config.sourceDir + '/' : '';
  if (link.kind === 'link') {
    const rel = src + link.target.trim().replace(/^\/+/, '');
    const t = links.get(rel);
    if (t) return { status: 'document', target: t, fragment: link.fragment?.text };
    return site.hasFile(rel) ? { status: 'file', file: rel } : { status: 'missing', looked: [rel], liquid: 'link' };
  }
  let u = link.target.trim();
  if (u.startsWith('{{')) {
    const f = LIQUID_FILTER.exec(u);
    if (f) u = f[2].startsWith('/') ? f[2] : '/' + f[2];
    else if (LIQUID_BASE.test(u)) u = u.replace(LIQUID_BASE, '');
  }
  if (u === '' || u.includes('{{') || u.includes('{%')) return { status: 'skip' };
  if (HTTP.test(u)) return { status: 'external', url: u };
  if (u.startsWith('//') || URL_SCHEME.test(u)) return { status: 'skip' };
  const hash = u.indexOf('#');
  const fragment = hash >= 0 ? u.slice(hash + 1) : undefined;
  let p = (hash >= 0 ? u.slice(0, hash) : u).replace(/\?.*$/, '');
  if (p === '') return fragment ? { status: 'self', fragment } : { status: 'skip' };
  if (p.includes('%')) try { p = decodeURI(p); } catch { /* keep as written */ }
  if (!p.startsWith('/')) {
    const beside = resolveAgainst(path.dirname(fromRel), p);
    if (isMarkdownPath(p)) {
      // jekyll-relative-links: a link to a source file becomes the URL of that document.
      const t = links.get(beside);
      if (t) return { status: 'document', target: t, fragment };
      if (site.hasFile(beside)) return { status: 'file', file: beside };
      return { status: 'missing', looked: beside.startsWith('..') ? [] : [beside] };
    }
    if (!beside.startsWith('..') && site.hasFile(beside)) return { status: 'file', file: beside };
    const abs = resolveAgainst(publishedDir(site, fromRel), p);
    if (abs.startsWith('..')) return { status: 'missing', looked: [] };
    p = '/' + abs;
  } else if (config.baseurl && (p === config.baseurl || p.startsWith(config.baseurl + '/'))) {
    p = p.slice(config.baseurl.length) || '/';
  }
  const t = links.atUrl(p);
  if (t) return { status: 'document', target: t, fragment };
  const file = src + resolveAgainst('', p).replace(/\/$/, '');
  const candidates = p.endsWith('/') || file === src ? [file + (file && !file.endsWith('/') ? '/' : '') + 'index.html'] : [file, file + '.html', file + '/index.html'];
  // A stylesheet Jekyll compiles from Sass.
  if (/\.css$/.test(file)) candidates.push(file.replace(/\.css$/, '.scss'), file.replace(/\.css$/, '.sass'));
  const found = candidates.find((c) => site.hasFile(c));
  if (found) return { status: 'file', file: found };
  const ext = path.extname(p);
  // Pages plugins make, and files a theme gem brings, have no source here: stay quiet about them.
  if (GENERATED.test(p) || (config.theme && ext && !/^\.html?$/.test(ext))) return { status: 'skip' };
  return { status: 'missing', looked: candidates.slice(0, 1) };
}

/** The document a broken link most likely meant: the one whose URL or file name ends in the same slug. */
export function nearestTarget(links: LinkTargets, written: string): LinkTarget | undefined {
  const slug = path.basename(written.replace(/[?#].*$/, '').replace(/\/+$/, '').replace(PAGE_EXT, '').replace(/^\d{4}-\d{2}-\d{2}-/, ''));
  // A map built once per change: a linear scan per broken link made checking a 5,000-post blog with a
  // broken link per post take a minute.
  return slug ? links.bySlug(slug) : undefined;
}
