// Completion of link targets while typing: `](/` lists the site's published URLs, `](` a relative source
// path (jekyll-relative-links rewrites `.md` links), `{% link ` source paths, `{% post_url ` the names of
// published posts (a draft, a future post or `published: false` would fail the build), and `#` the header
// ids of the target (or of the document itself).
import * as path from '../text/posixPath';
import { isMarkdownPath } from '../site/markdownFiles';
import { headingsOf } from './headings';
import { resolveLink, type LinkSite } from './resolve';
import { nameUnder, type LinkTarget } from './targets';

export type LinkCompletionWhere = 'url' | 'relative' | 'link_tag' | 'post_url' | 'fragment';

export interface LinkCompletionContext {
  where: LinkCompletionWhere;
  /** What is typed of the target so far. */
  typed: string;
  /** Character in the line where the replaced text starts. */
  replaceStart: number;
  /** Fragments: the link the `#` follows (as written) and its kind. */
  link?: { kind: 'markdown' | 'post_url' | 'link'; target: string };
}

export interface LinkCompletionItem {
  label: string;
  insertText: string;
  detail?: string;
  kind: 'post' | 'page' | 'file' | 'heading';
  sortText: string;
  /** What typing matches, when more than the label (a post's title beside its post_url name). */
  filterText?: string;
}

const FRAGMENT_MD = /\]\(\s*([^)\s#]*)#([^)\s#]*)$/;
const FRAGMENT_TAG = /\{%-?\s*(post_url|link)\s+([^\s%]+)\s*-?%\}#([^\s)#]*)$/;
const LINK_TAG = /\{%-?\s*link\s+([^\s%]*)$/;
const POST_URL_TAG = /\{%-?\s*post_url\s+([^\s%]*)$/;
const MD_TARGET = /\]\(\s*([^)\s#]*)$/;

/** Where the cursor is, from the line's text before it; undefined when not in a link target. */
export function linkCompletionContext(linePrefix: string): LinkCompletionContext | undefined {
  let m = FRAGMENT_TAG.exec(linePrefix);
  if (m) return { where: 'fragment', typed: m[3], replaceStart: linePrefix.length - m[3].length, link: { kind: m[1] as 'post_url' | 'link', target: m[2] } };
  m = FRAGMENT_MD.exec(linePrefix);
  if (m) return { where: 'fragment', typed: m[2], replaceStart: linePrefix.length - m[2].length, link: { kind: 'markdown', target: m[1] } };
  m = LINK_TAG.exec(linePrefix);
  if (m) return { where: 'link_tag', typed: m[1], replaceStart: linePrefix.length - m[1].length };
  m = POST_URL_TAG.exec(linePrefix);
  if (m) return { where: 'post_url', typed: m[1], replaceStart: linePrefix.length - m[1].length };
  m = MD_TARGET.exec(linePrefix);
  if (!m || /^[a-z][a-z0-9+.-]*:|^\/\/|\{/i.test(m[1])) return undefined;
  return { where: m[1].startsWith('/') ? 'url' : 'relative', typed: m[1], replaceStart: linePrefix.length - m[1].length };
}

function describe(t: LinkTarget): string {
  return t.title ? `${t.title} — ${t.rel}` : t.rel;
}

/** The items for `ctx` in the document `fromRel` (its own text for `#` alone). */
export function linkCompletions(site: LinkSite, fromRel: string, ctx: LinkCompletionContext, ownText?: string, now = new Date()): LinkCompletionItem[] {
  const published = [...site.links.all()].filter((t) => t.kind !== 'other' && site.links.isPublished(t, now));
  // Newest posts first, then pages.
  const order = (t: LinkTarget) => (t.kind === 'post' ? 'a' + String(9e12 - (t.date?.getTime() ?? 0)).padStart(14, '0') : 'b' + t.rel);
  const src = site.config.sourceDir ? site.config.sourceDir + '/' : '';
  switch (ctx.where) {
    case 'url':
      return published.filter((t) => t.url).map((t) => ({ label: t.url!, insertText: t.url!, detail: describe(t), kind: t.kind === 'post' ? 'post' : 'page', sortText: order(t) }));
    case 'relative': {
      const dir = path.dirname(fromRel);
      return published.filter((t) => t.rel !== fromRel && isMarkdownPath(t.rel)).map((t) => {
        const rel = path.relative(dir === '.' ? '' : dir, t.rel);
        return { label: rel, insertText: rel, detail: describe(t), kind: t.kind === 'post' ? 'post' : 'page', sortText: order(t) };
      });
    }
    case 'link_tag':
      return published.map((t) => {
        const rel = src && t.rel.startsWith(src) ? t.rel.slice(src.length) : t.rel;
        return { label: rel, insertText: rel, detail: t.title, kind: t.kind === 'post' ? 'post' : 'page', sortText: order(t) };
      });
    case 'post_url':
      return published.filter((t) => t.kind === 'post').map((t) => {
        const name = nameUnder(t);
        return { label: name, insertText: name, detail: t.title, kind: 'post', sortText: order(t), filterText: t.title ? `${name} ${t.title}` : name };
      });
    case 'fragment': {
      const link = ctx.link!;
      if (link.target === '' && link.kind === 'markdown') {
        if (ownText === undefined) return [];
        return headingsOf(ownText, site.config.kramdown).map((h, i) => headingItem(h.id, h.text, i));
      }
      const r = resolveLink(site, fromRel, { kind: link.kind, target: link.target, start: 0, end: 0 });
      if (r.status !== 'document') return [];
      return [...r.target.ids].map((id, i) => headingItem(id, undefined, i));
    }
  }
}

function headingItem(id: string, text: string | undefined, i: number): LinkCompletionItem {
  return { label: id, insertText: id, detail: text, kind: 'heading', sortText: String(i).padStart(5, '0') };
}
