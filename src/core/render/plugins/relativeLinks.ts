// jekyll-relative-links (0.7): in a Markdown page, a relative link to another file of the site
// (`[About](about.md)`, `[x]: ../docs/y.md#part`) becomes that file's URL, as the plugin rewrites the
// Markdown source before Jekyll renders it. Posts too when `relative_links.collections: true`.
import * as posix from '../../text/posixPath';

export const RELATIVE_LINKS_PLUGIN = 'jekyll-relative-links';

// The plugin's regular expressions, as written in Ruby (`^`/`$` are line anchors there).
const TEXT = '(.*?)';
const FRAGMENT = '(#.+?|)?';
const TITLE = `(\\s+"(?:\\\\"|[^"])*(?<!\\\\)"|\\s+"(?:\\\\'|[^'])*(?<!\\\\)')?`;
const INLINE = `\\[${TEXT}\\]\\(([^)]+?)${FRAGMENT}${TITLE}\\)`;
const REFERENCE = `^\\s*?\\[${TEXT}\\]: (.+?)${FRAGMENT}${TITLE}\\s*?$`;
const LINK = new RegExp(`(${INLINE}|${REFERENCE})`, 'gm');

export interface RelativeLinkOptions {
  /** Site-relative path of the page whose source this is. */
  path: string;
  /** URL (without baseurl) of the page, post or static file at a site-relative path; undefined when there is none. */
  urlOf(sitePath: string): string | undefined;
  /** Jekyll's `relative_url` (the baseurl in front). */
  relativeUrl(url: string): string;
}

/** `relative_links:` from `_config.yml`: `enabled: false` turns it off, `collections: true` takes posts in. */
export function relativeLinksApply(config: unknown, kind: 'post' | 'draft' | 'page'): boolean {
  const c = config && typeof config === 'object' ? (config as Record<string, unknown>) : {};
  if (c.enabled === false) return false;
  return kind === 'page' || c.collections === true;
}

const absoluteUrl = (s: string) => /^[a-z][a-z0-9+.-]*:/i.test(s);

function unescape(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** The Markdown source with its relative links to site files replaced by their URLs. */
export function replaceRelativeLinks(source: string, o: RelativeLinkOptions): string {
  const base = posix.dirname(o.path);
  return source.replace(LINK, (original: string, ...g: Array<string | undefined>) => {
    const inline = g[1] !== undefined;
    const [text, linkPath, fragment, title] = inline ? [g[1], g[2], g[3], g[4]] : [g[5], g[6], g[7], g[8]];
    if (linkPath === undefined || linkPath.startsWith('#') || absoluteUrl(linkPath)) return original;
    const isAbsolute = linkPath.startsWith('/');
    const rel = posix.normalize(posix.join(isAbsolute ? '' : base, linkPath.replace(/^\//, '')));
    if (rel.startsWith('../') || rel === '..') return original;
    const url = o.urlOf(unescape(rel).replace(/^\.\//, ''));
    if (url === undefined) return original;
    const target = o.relativeUrl(url) + (fragment ?? '');
    return inline ? `[${text}](${target}${title ?? ''})` : `\n[${text}]: ${target}${title ?? ''}`;
  });
}
