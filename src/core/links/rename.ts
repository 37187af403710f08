// The link edits a rename or move of posts, pages and images needs across the blog: Markdown links,
// reference definitions, `<a href>`/`<img src>`, `{% post_url %}` and `{% link %}`. Each link keeps its
// form (absolute URL with its `{{ site.baseurl }}`, relative to the source, relative to the published
// URL, a tag's argument) and its `#fragment`. A moved document's own relative links are rewritten too.
import * as path from '../text/posixPath';
import { isMarkdownPath } from '../site/markdownFiles';
import { LIQUID_BASE, resolveAgainst } from '../frontmatter/rules/site';
import type { OffsetEdit } from '../text/textEdit';
import { resolveLink, type LinkSite } from './resolve';
import { findLinks, type FoundLink } from './scan';
import { normalizeUrl } from './targets';

export interface Move { from: string; to: string }
export interface FileLinkEdits { rel: string; edits: OffsetEdit[] }

/** Moves of folders expanded to the site's files under them (`images/` → each image). */
export function expandMoves(moves: Move[], allPaths: Iterable<string>): Move[] {
  const out: Move[] = [];
  const files = [...allPaths];
  for (const m of moves) {
    const from = m.from.replace(/\/+$/, '');
    const to = m.to.replace(/\/+$/, '');
    const under = files.filter((f) => f.startsWith(from + '/'));
    if (under.length) for (const f of under) out.push({ from: f, to: to + f.slice(from.length) });
    else out.push({ from, to });
  }
  return out;
}

/**
 * Edits to the documents `texts` (site-relative path → text, the site's current state) so that every
 * link to a moved file reaches it at its new path. Pure: the caller applies them (before the move).
 */
export function linkEditsForMoves(site: LinkSite, texts: Iterable<[string, string]>, moves: Move[]): FileLinkEdits[] {
  const moved = new Map(moves.filter((m) => m.from !== m.to).map((m) => [m.from, m.to]));
  if (!moved.size) return [];
  const out: FileLinkEdits[] = [];
  for (const [rel, text] of texts) {
    const edits: OffsetEdit[] = [];
    const newFrom = moved.get(rel) ?? rel;
    // Cheap test first: a document links to a moved file only if it names it somehow (or is moved itself).
    if (newFrom === rel && ![...moved.keys()].some((m) => text.includes(hint(m)))) continue;
    for (const link of findLinks(text)) {
      const r = resolveLink(site, rel, link);
      const targetRel = r.status === 'document' ? r.target.rel : r.status === 'file' ? r.file : undefined;
      if (targetRel === undefined) continue;
      const newTarget = moved.get(targetRel) ?? targetRel;
      if (newTarget === targetRel && newFrom === rel) continue;
      const written = rewrite(site, link, rel, newFrom, targetRel, newTarget, r.status === 'document');
      if (written !== undefined && written !== link.target) edits.push({ start: link.start, end: link.end, newText: written });
    }
    if (edits.length) out.push({ rel, edits });
  }
  return out;
}

/** A part of the file name a link to it contains whatever its form: the slug, or the base name. */
function hint(rel: string): string {
  const base = path.basename(rel).replace(/\.[^.]+$/, '');
  return base.replace(/^\d{2,4}-\d{1,2}-\d{1,2}-/, '') || base;
}

function stripSource(site: LinkSite, rel: string): string {
  const src = site.config.sourceDir;
  return src && rel.startsWith(src + '/') ? rel.slice(src.length + 1) : rel;
}

/** The published folder of a document at `rel` (as URL path without slashes at the ends). */
function urlDir(site: LinkSite, oldRel: string, rel: string): string {
  const url = oldRel === rel ? site.links.get(rel)?.url : site.links.urlIfMoved(oldRel, rel, site.kindOf(rel));
  if (!url) return path.dirname(rel);
  return (url.endsWith('/') ? url : path.dirname(url)).replace(/^\/+|\/+$/g, '');
}

/** A relative path from folder `dir` to `to` (both site-relative, posix). */
function relativeTo(dir: string, to: string): string {
  const r = path.relative(dir === '.' ? '' : dir, to);
  return r === '' ? '.' : r;
}

function rewrite(site: LinkSite, link: FoundLink, fromRel: string, newFrom: string, targetRel: string, newTarget: string, isDocument: boolean): string | undefined {
  const targetMoved = newTarget !== targetRel;
  if (link.kind === 'post_url') {
    if (!targetMoved) return undefined;
    if (site.kindOf(newTarget) !== 'post') return undefined;
    const i = newTarget.lastIndexOf('_posts/');
    return newTarget.slice(i + '_posts/'.length).replace(/\.[^./]+$/, '');
  }
  if (link.kind === 'link') return targetMoved ? stripSource(site, newTarget) : undefined;
  let prefix = '';
  let rest = link.target;
  const liquid = LIQUID_BASE.exec(rest);
  if (liquid) { prefix = liquid[0]; rest = rest.slice(prefix.length); }
  if (rest.includes('{{')) return undefined;
  const cut = rest.search(/[?#]/);
  const suffix = cut >= 0 ? rest.slice(cut) : '';
  let p = cut >= 0 ? rest.slice(0, cut) : rest;
  if (p.includes('%')) try { p = decodeURI(p); } catch { /* as written */ }
  const newUrl = isDocument ? site.links.urlIfMoved(targetRel, newTarget, site.kindOf(newTarget)) : '/' + stripSource(site, newTarget);
  if (!newUrl) return undefined;
  const encode = (s: string) => (/[\s()<>]/.test(s) ? encodeURI(s) : s);
  if (p.startsWith('/')) {
    if (!targetMoved) return undefined;
    const base = site.config.baseurl && (p === site.config.baseurl || p.startsWith(site.config.baseurl + '/')) ? site.config.baseurl : '';
    // Moved in the source but published at the same URL: the link is right as it is.
    if (normalizeUrl(p.slice(base.length)) === normalizeUrl(newUrl)) return undefined;
    // A link written without the `.html` or the trailing slash keeps that look.
    let u = newUrl;
    if (isDocument && !/\.html?$/.test(p) && !p.endsWith('/') && /\.html$/.test(u)) u = u.slice(0, -5);
    return prefix + base + encode(u) + suffix;
  }
  const besideSource = resolveAgainst(path.dirname(fromRel), p);
  if (isMarkdownPath(p) || (!besideSource.startsWith('..') && besideSource === targetRel)) {
    // Relative to the source folder (jekyll-relative-links, images next to the post).
    if (!targetMoved && path.dirname(newFrom) === path.dirname(fromRel)) return undefined;
    return prefix + encode(relativeTo(path.dirname(newFrom), newTarget)) + suffix;
  }
  // Relative to the published URL: a target that stays keeps the URL the link wrote.
  const oldDir = urlDir(site, fromRel, fromRel);
  const dir = urlDir(site, fromRel, newFrom);
  if ((!targetMoved || normalizeUrl('/' + resolveAgainst(oldDir, p)) === normalizeUrl(newUrl)) && dir === oldDir) return undefined;
  const to = (targetMoved ? newUrl : '/' + resolveAgainst(oldDir, p) + (p.endsWith('/') ? '/' : '')).replace(/^\/+/, '');
  let r = relativeTo(dir, to.endsWith('/') ? to.slice(0, -1) : to);
  if (to.endsWith('/')) r += '/';
  return prefix + encode(r) + suffix;
}
