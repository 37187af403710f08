// Header ids the way kramdown makes them, so `#anchors` written against the real site still work.
// Two algorithms: kramdown-parser-gfm's (Jekyll's default `input: GFM`) keeps non-ASCII letters;
// plain kramdown's (`input: kramdown`) keeps only ASCII letters, digits, spaces and dashes.

import { StringLru } from '../../cache/sizeLru';
// Ruby's \p{Word}: letters, marks, decimal digits and connector punctuation.
const GFM_NON_WORD = /[^\p{L}\p{M}\p{Nd}\p{Pc}\- \t]/gu;

export type IdAlgorithm = 'gfm' | 'kramdown';

export class HeaderIdGenerator {
  private readonly used = new Map<string, number>();

  constructor(private readonly algorithm: IdAlgorithm, private readonly prefix = '', private readonly transliterate = false) {}

  /** The id for a header whose text (as kramdown sees it for this algorithm) is `text`. */
  next(text: string): string {
    if (this.algorithm === 'gfm') {
      // kramdown-parser-gfm: a per-document counter, `-1`, `-2`… from the second use on; no fallback for empty ids.
      const id = gfmId(text);
      const n = (this.used.get(id) ?? -1) + 1;
      this.used.set(id, n);
      return this.prefix + (n > 0 ? `${id}-${n}` : id);
    }
    let id = basicKramdownId(this.transliterate ? transliterate(text) : text);
    if (id === '') id = 'section';
    const n = this.used.get(id);
    if (n === undefined) this.used.set(id, 0);
    else {
      this.used.set(id, n + 1);
      id = `${id}-${n + 1}`;
    }
    return this.prefix + id;
  }
}

const gfmIds = new StringLru(512 * 1024);

/** kramdown-parser-gfm's id of a header text (memoized: a keystroke re-renders the same headers). */
function gfmId(text: string): string {
  let id = gfmIds.get(text);
  if (id === undefined) {
    id = text.toLowerCase().replace(GFM_NON_WORD, '').replace(/[ \t]/g, '-');
    gfmIds.set(text, id);
  }
  return id;
}

/** kramdown's `basic_generate_id`: drop leading non-letters, keep [a-zA-Z0-9 -], spaces to dashes, lower case. */
export function basicKramdownId(text: string): string {
  return text.replace(/^[^a-zA-Z]+/, '').replace(/[^a-zA-Z0-9 -]/g, '').replace(/ /g, '-').toLowerCase();
}

/** An approximation of kramdown's Unidecoder for `transliterated_header_ids`: strips accents (é → e). */
function transliterate(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss').replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/œ/g, 'oe');
}
