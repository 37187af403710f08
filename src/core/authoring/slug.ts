// Slugs for post file names, the way Jekyll makes them.
//
// `jekyll` is Jekyll's `slugify` in its default mode (Jekyll::Utils.slugify, mode "default"): every
// run of characters that are not letters, combining marks or decimal digits becomes one `-`, leading
// and trailing `-` go, the rest is lower-cased. Letters of every script stay, so a Chinese title keeps
// its Chinese characters ("eBPF 筆記" → "ebpf-筆記"); emoji and punctuation go.
// `ascii` is Jekyll's "latin" mode: accents are removed first ("Café" → "cafe"), then anything but
// A–Z, a–z and 0–9 goes, so a title without Latin letters or digits gives an empty slug.

export type SlugStyle = 'jekyll' | 'ascii';
export const SLUG_STYLES: readonly SlugStyle[] = ['jekyll', 'ascii'];

/** Longest slug we write, in characters. A CJK character takes 3 bytes of the usual 255-byte name limit. */
export const MAX_SLUG_LENGTH = 60;

// Letters Unicode decomposition does not reduce to ASCII (I18n.transliterate's table, the common part).
const LATIN_EXTRA: Record<string, string> = {
  ß: 'ss', ẞ: 'SS', æ: 'ae', Æ: 'AE', œ: 'oe', Œ: 'OE', ø: 'o', Ø: 'O', đ: 'd', Đ: 'D', ð: 'd', Ð: 'D',
  ł: 'l', Ł: 'L', þ: 'th', Þ: 'TH', ı: 'i', ħ: 'h', Ħ: 'H', ŋ: 'n', Ŋ: 'N', ŧ: 't', Ŧ: 'T',
};

/** Jekyll-compatible slug of `title`; '' when nothing usable is left (see `slugOrFallback`). */
export function slugify(title: string, style: SlugStyle = 'jekyll', maxLength = MAX_SLUG_LENGTH): string {
  let s = title.normalize('NFC');
  if (style === 'ascii') {
    s = s.replace(/[\u0080-\u{10ffff}]/gu, (c) => LATIN_EXTRA[c] ?? c).normalize('NFD').replace(/\p{M}+/gu, '');
    s = s.replace(/[^A-Za-z0-9]+/g, '-');
  } else {
    s = s.replace(/[^\p{M}\p{L}\p{Nd}]+/gu, '-');
  }
  s = s.replace(/^-+|-+$/g, '').toLowerCase();
  return truncateSlug(s, maxLength);
}

/** Cut a slug to at most `max` characters (code points), at a `-` when one is near the end. */
export function truncateSlug(slug: string, max = MAX_SLUG_LENGTH): string {
  const chars = [...slug];
  if (chars.length <= max) return slug;
  let cut = chars.slice(0, max).join('');
  const dash = cut.lastIndexOf('-');
  if (dash >= cut.length / 2) cut = cut.slice(0, dash);
  return cut.replace(/-+$/, '');
}

/** The slug, or `fallback` when the title has nothing a slug can keep (only emoji, or no Latin letters in ASCII style). */
export function slugOrFallback(title: string, style: SlugStyle, fallback = 'post'): string {
  return slugify(title, style) || fallback;
}

/** "ebpf-summit-day2-notes" → "ebpf summit day2 notes": a title guess from a file name. */
export function unslugify(slug: string): string {
  return slug.replace(/[-_]+/g, ' ').trim();
}
