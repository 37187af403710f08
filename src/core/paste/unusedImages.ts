// "TechBlog: Find Unused Images": images no document references. Deleting an image that is in
// use breaks a post, so every doubt counts as "used": besides real link syntax, any path-like
// token naming the image (front matter `image:`, CSS `url()`, Liquid `relative_url`) counts too.
import * as path from '../text/posixPath';
import { isInside } from './destination';
import { decodeLinkTarget } from './link';

export interface SiteText {
  /** Absolute posix path: relative links resolve against its folder. */
  readonly path: string;
  readonly text: string;
}

export interface UnusedImagesInput {
  readonly siteRoot: string;
  /** Absolute posix paths of the images to check (the host lists the images folder). */
  readonly imagePaths: readonly string[];
  /** Posts, pages, drafts, layouts, includes, `_config.yml`, stylesheets: whatever may name an image. */
  readonly texts: readonly SiteText[];
}

const imageExt = String.raw`(?:png|apng|jpe?g|jfif|gif|webp|svg|avif|bmp|ico|tiff?)`;

/** Where a reference can hide; the last capture group of each match is a link target. */
const referencePatterns: readonly { readonly re: RegExp; readonly list?: true }[] = [
  { re: /\]\(\s*<([^>\n]+)>/g }, // [x](<a b.png>)
  { re: /\]\(\s*((?:[^()\s]|\([^()\s]*\))+)/g }, // [x](a.png "title"), [x](a(1).png)
  { re: /^[ ]{0,3}\[[^\]\n]+\]:[ \t]*<?([^\s>]+)>?/gm }, // [ref]: a.png
  { re: /\b(?:src|href|data-src|poster)\s*=\s*(["'])([^"'\n]*)\1/gi }, // <img src="a.png">
  { re: /\bsrcset\s*=\s*(["'])([^"'\n]*)\1/gi, list: true }, // srcset="a.png 1x, b.png 2x"
  { re: new RegExp(String.raw`([^\s"'()<>\[\]{}|,=]+\.${imageExt})(?![\w])`, 'gi') }, // any bare path-like token
];

/** Images under `siteRoot` that no text references, sorted. */
export function findUnusedImages(input: UnusedImagesInput): string[] {
  const { siteRoot } = input;
  const referenced = new Set<string>(); // absolute paths
  const siteRelative = new Set<string>(); // `images/2021/x.png`, from any `../` depth or `/`

  for (const doc of input.texts) {
    const dir = path.dirname(doc.path);
    for (const raw of targetsIn(doc.text)) {
      for (const target of normalizeTarget(raw)) {
        if (target.startsWith('/')) {
          referenced.add(path.join(siteRoot, target));
        } else {
          referenced.add(path.resolve(dir, target));
          referenced.add(path.join(siteRoot, target)); // pages at the root use site-relative paths
        }
        // `../images/x.png` from any depth, and links written for another layout, still name the file.
        siteRelative.add(target.replace(/^(?:\.{1,2}\/|\/)+/, ''));
      }
    }
  }

  return input.imagePaths
    .filter((p) => isInside(p, siteRoot))
    .filter((p) => !referenced.has(p) && !siteRelative.has(path.relative(siteRoot, p)))
    .sort();
}

function* targetsIn(text: string): Iterable<string> {
  for (const { re, list } of referencePatterns) {
    for (const m of text.matchAll(re)) {
      const value = m[m.length - 1];
      if (list) {
        yield* value.split(',').map((s) => s.trim().split(/\s+/)[0]);
      } else {
        yield value;
      }
    }
  }
}

/**
 * A target as site paths: Liquid prefixes and an origin removed, percent-decoded — and also as
 * written, in case a file's name really contains `%20` and the link meant it literally.
 */
function normalizeTarget(raw: string): string[] {
  let t = raw.trim();
  // `{{ site.baseurl }}/…`, `{{ site.url }}{{ site.baseurl }}/…`, `{{ "/…" | relative_url }}`
  t = t.replace(/^(?:\{\{[^}]*\}\})+/, '').replace(/^\{\{\s*["']([^"']+)["'].*$/, '$1');
  // Absolute URLs may point at this site; counting them keeps an image rather than losing it.
  t = t.replace(/^(?:https?:)?\/\/[^/]+/i, '');
  if (!t || /^[a-z][a-z0-9+.-]*:/i.test(t)) {
    return []; // data:, mailto: and friends
  }
  const decoded = decodeLinkTarget(t);
  const literal = t.replace(/^<(.*)>$/s, '$1').replace(/[?#].*$/s, '');
  return [...new Set([decoded, literal])].filter((x) => x);
}
