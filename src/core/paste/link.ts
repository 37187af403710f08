// Markdown image links for a pasted image, written so that both Jekyll (kramdown) and the
// preview (markdown-it) resolve them to the same file.
import * as path from '../text/posixPath';
import { t } from '../text/l10n';
import { isInside } from './destination';

export type LinkStyle = 'relative' | 'root' | 'baseurl';
export const linkStyles: readonly LinkStyle[] = ['relative', 'root', 'baseurl'];

export type LinkResult =
  | { readonly ok: true; readonly markdown: string; readonly target: string }
  | { readonly ok: false; readonly error: string };

export interface LinkOptions {
  readonly imagePath: string;
  readonly documentPath: string;
  readonly siteRoot: string;
  readonly style: LinkStyle;
  /** Selected text; when empty the image's base name without extension (Typora's alt text). */
  readonly alt?: string;
}

/**
 * `![image-20210819150523189](../images/2021/image-20210819150523189.png)` and its `/images/…`
 * and `{{ site.baseurl }}/images/…` variants. All paths are absolute posix.
 */
export function linkFor(options: LinkOptions): LinkResult {
  const { imagePath, documentPath, siteRoot, style } = options;
  let target: string;
  if (style === 'relative') {
    target = path.relative(path.dirname(documentPath), imagePath);
  } else {
    if (!isInside(imagePath, siteRoot)) {
      return { ok: false, error: t('{0} is outside the site {1}, so it has no site URL; use a relative link.', imagePath, siteRoot) };
    }
    target = (style === 'baseurl' ? '{{ site.baseurl }}/' : '/') + path.relative(siteRoot, imagePath);
  }
  const alt = options.alt?.trim() ? options.alt : defaultAlt(imagePath);
  const encoded = style === 'baseurl'
    ? '{{ site.baseurl }}' + encodeLinkPath(target.slice('{{ site.baseurl }}'.length))
    : encodeLinkPath(target);
  return { ok: true, markdown: `![${escapeAlt(alt)}](${encoded})`, target: encoded };
}

/** Typora's alt text: the file's base name without extension (`image-20210819150523189`). */
export function defaultAlt(imagePath: string): string {
  const base = path.basename(imagePath);
  const ext = path.extname(base);
  return ext ? base.slice(0, -ext.length) : base;
}

/** A link made by linkFor with `alt` (escaped) as its alt text; the target stays as it was. */
export function withAlt(markdown: string, alt: string): string {
  // linkFor percent-encodes brackets and parentheses in the target, so its `](` is the last one.
  const cut = markdown.lastIndexOf('](');
  return markdown.startsWith('![') && cut > 0 && alt.trim() ? `![${escapeAlt(alt.trim())}${markdown.slice(cut)}` : markdown;
}

/**
 * Where a paste's alt text comes from: the selected text (which the link replaces), else the author's
 * answer when `techblog.paste.askAltText` is on, else the generated name (Typora's default).
 */
export function pasteAltSource(selectedText: string | undefined, askAltText: boolean): 'selection' | 'ask' | 'name' {
  return selectedText?.trim() ? 'selection' : askAltText ? 'ask' : 'name';
}

/**
 * Make text safe as alt text in kramdown and markdown-it: backslash-escape what would end or
 * nest the `[…]` (`[]\`), start a kramdown table row (`|`), a code span, HTML or emphasis
 * (`` ` ``, `<`, `*`, and `_` except inside a word, so `my_shot_1` stays readable), and fold
 * line breaks (a blank line would end the paragraph).
 */
export function escapeAlt(alt: string): string {
  return alt
    .replace(/\s*\r?\n\s*/g, ' ')
    .replace(/[\\[\]|`<*]|(?<![\p{L}\p{N}])_|_(?![\p{L}\p{N}])/gu, '\\$&');
}

/**
 * Percent-encode a link path for kramdown and markdown-it alike. Decision: `%20`, not `<…>`.
 * With `%20` both write the very same `src` (checked with kramdown 2.4 and markdown-it 15);
 * with `<a b.png>` kramdown writes a raw space into `src` and older Markdown tools do not
 * read `<…>` destinations at all. Encoded: `%` itself, whitespace and controls, what ends or
 * alters a destination or a URL (`()<>[]"'#?\`), `|` (GFM table cells), `` ` `` (code spans)
 * and `{}` (Liquid runs over the post before Markdown does). Non-ASCII (CJK) stays as typed:
 * kramdown copies it into `src`, markdown-it percent-encodes it, and browsers, Jekyll's server
 * and GitHub Pages resolve both to the same UTF-8 file name — and the Markdown stays readable.
 */
export function encodeLinkPath(p: string): string {
  // eslint-disable-next-line no-control-regex -- control characters must be encoded
  return p.replace(/[\s\u0000-\u001f\u007f%()<>[\]"'#?\\|`{}]/gu, (c) =>
    c.charCodeAt(0) < 0x80 ? `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}` : encodeURIComponent(c));
}

/**
 * The file path a link target points at: strips `<…>`, a query and a fragment, undoes
 * backslash escapes and percent-encoding (invalid `%` sequences are kept as written).
 */
export function decodeLinkTarget(target: string): string {
  let t = target.trim();
  if (t.startsWith('<') && t.endsWith('>')) {
    t = t.slice(1, -1);
  }
  t = t.replace(/[?#].*$/s, '').replace(/\\([!-/:-@[-`{-~])/g, '$1');
  return t.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}
