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

// Cyrillic and Greek letters to ASCII (a common romanization: ISO 9 / ELOT 743 simplified), lower case;
// upper-case letters are lowered before the lookup, since slugs are lower case anyway.
const TRANSLIT: Record<string, string> = {
  а: 'a', б: 'b', в: 'v', г: 'g', ґ: 'g', д: 'd', е: 'e', ё: 'yo', є: 'ye', ж: 'zh', з: 'z', и: 'i', і: 'i', ї: 'yi', й: 'y',
  к: 'k', л: 'l', м: 'm', н: 'n', о: 'o', п: 'p', р: 'r', с: 's', т: 't', у: 'u', ў: 'u', ф: 'f', х: 'kh', ц: 'ts', ч: 'ch',
  ш: 'sh', щ: 'shch', ъ: '', ы: 'y', ь: '', э: 'e', ю: 'yu', я: 'ya', ђ: 'dj', ј: 'j', љ: 'lj', њ: 'nj', ћ: 'c', џ: 'dz',
  α: 'a', β: 'v', γ: 'g', δ: 'd', ε: 'e', ζ: 'z', η: 'i', θ: 'th', ι: 'i', κ: 'k', λ: 'l', μ: 'm', ν: 'n', ξ: 'x',
  ο: 'o', π: 'p', ρ: 'r', σ: 's', ς: 's', τ: 't', υ: 'y', φ: 'f', χ: 'ch', ψ: 'ps', ω: 'o',
};

/** Does the title hold letters of a script other than Latin (Chinese, Cyrillic, Greek, Hangul…)? */
export function hasNonLatinLetters(title: string): boolean {
  return /(?!\p{Script=Latin})\p{L}/u.test(title);
}

/** `title` with Cyrillic and Greek letters romanized; other scripts unchanged (Chinese has no table here). */
export function transliterate(title: string): string {
  // Letters with marks (ё, й, ό) are looked up whole first, then by their base letter.
  return title.normalize('NFC').toLowerCase().replace(/[\u0370-\u03ff\u0400-\u04ff]/g, (c) => TRANSLIT[c] ?? TRANSLIT[c.normalize('NFD')[0]] ?? c);
}

export interface SlugChoice {
  /** `title`: the configured style (today's behaviour); `ascii`: romanized, Latin letters and digits only; `date`: from the date. */
  readonly kind: 'title' | 'ascii' | 'date';
  readonly slug: string;
}

/**
 * The slugs to offer for a title that is not in Latin letters: the configured style first (what New Post
 * did before), then an ASCII one (Cyrillic and Greek romanized; for Chinese, Japanese or Korean the Latin
 * words of the title), then `post-YYYYMMDD-HHmm`. One choice (the configured slug) for a Latin title.
 */
export function slugChoices(title: string, style: SlugStyle, at: { year: number; month: number; day: number; hour: number; minute: number }): SlugChoice[] {
  const first: SlugChoice = { kind: 'title', slug: slugify(title, style) || 'post' };
  if (!hasNonLatinLetters(title)) return [first];
  const two = (n: number) => String(n).padStart(2, '0');
  const out: SlugChoice[] = [first];
  const ascii = slugify(transliterate(title), 'ascii');
  if (ascii && !out.some((c) => c.slug === ascii)) out.push({ kind: 'ascii', slug: ascii });
  const date = `post-${at.year}${two(at.month)}${two(at.day)}-${two(at.hour)}${two(at.minute)}`;
  if (!out.some((c) => c.slug === date)) out.push({ kind: 'date', slug: date });
  return out;
}
