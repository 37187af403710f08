// image-alt-default: images whose alt text is still the name the file was given (Typora's
// `image-20210819150523189`, or the dropped file's own base name) rather than words for readers.
import * as path from '../../text/posixPath';
import { escapeAlt } from '../../paste/link';
import { t } from '../../text/l10n';
import type { RuleContext } from '../context';

/** Typora's generated name (what paste writes by default), with the `-1`, `-2` of a taken name. */
const GENERATED = /^image-\d{17}(?:-\d+)?$/;

/** The alt text as a reader gets it: backslash escapes and HTML's common entities undone, spaces folded. */
function plainAlt(alt: string, syntax: 'markdown' | 'html'): string {
  const s = syntax === 'markdown'
    ? alt.replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1')
    : alt.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);
  return s.replace(/\s+/g, ' ').trim();
}

/** The file's base name without extension, from a link target (query, fragment and Liquid stripped). */
function baseNameOf(url: string): string | undefined {
  let u = url.trim().replace(/[?#].*$/, '');
  // Remote images are named by someone else; only the blog's own files carry a name it gave them.
  if (!u || u.startsWith('//') || /^[a-z][a-z0-9+.-]*:/i.test(u)) return undefined;
  if (u.includes('%')) try { u = decodeURI(u); } catch { /* keep as written */ }
  const base = path.basename(u.replace(/\}\}\s*$/, ''));
  const ext = path.extname(base);
  return ext ? base.slice(0, -ext.length) : base;
}

/** Whether `alt` is a generated name rather than a description: the Typora pattern, or a local image file's own base name. */
export function isDefaultAlt(alt: string, url: string | undefined, syntax: 'markdown' | 'html' = 'markdown'): boolean {
  // Most alt texts are words: settle those without unescaping anything.
  const raw = alt.trim();
  if (!raw) return false; // an empty alt says "decorative" on purpose; not this rule's business
  if (GENERATED.test(raw)) return true;
  const escaped = syntax === 'markdown' ? raw.includes('\\') : raw.includes('&');
  if (!escaped && !/\s\s/.test(raw)) {
    // The base name is a piece of the URL unless decodeURI made it: an alt text the URL does not
    // contain cannot equal it, and most alt texts are not in their URL.
    if (url === undefined || (!url.includes('%') && !url.includes(raw))) return false;
    const base = baseNameOf(url);
    return base !== undefined && base !== '' && raw === base;
  }
  const base = url === undefined ? undefined : baseNameOf(url);
  const plain = plainAlt(alt, syntax);
  return GENERATED.test(plain) || (base !== undefined && base !== '' && plain === base);
}

export function checkImageAlt(ctx: RuleContext): void {
  // Like missing-image, a rule about a site's images: a lone Markdown file gets only the generic checks.
  if (!ctx.site || !ctx.isOn('image-alt-default')) return;
  for (const a of ctx.bodyImages().alts) {
    if (!isDefaultAlt(a.alt, a.url, a.syntax)) continue;
    const name = plainAlt(a.alt, a.syntax);
    ctx.report('image-alt-default', a.start, a.end, t('The alt text "{0}" is the image\'s file name; describe the image for readers who cannot see it (screen readers, search engines, a failed load).', name), [
      { title: t('Write alt text for this image…'), edits: [], safe: false, preferred: true, ask: { kind: 'alt-text', current: name, syntax: a.syntax } },
    ]);
  }
}

/** The author's words as alt text that stays alt text where it is written: escaped for `[…]`, or as an HTML attribute value. */
export function altTextSource(words: string, syntax: 'markdown' | 'html'): string {
  const folded = words.replace(/\s+/g, ' ').trim();
  return syntax === 'markdown' ? escapeAlt(folded) : folded.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/'/g, '&#39;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
