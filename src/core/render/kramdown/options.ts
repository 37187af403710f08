// The `kramdown:` options of _config.yml that change the HTML, with Jekyll 4's defaults.
import { parse as parseYaml } from 'yaml';
import { JEKYLL_HIGHLIGHTER_DEFAULTS, type SyntaxHighlighterOptions, syntaxHighlighterOptionsFrom, syntaxHighlighterOptionsInline } from '../highlight/options';

export interface KramdownOptions {
  /** `GFM` (Jekyll's default) or `kramdown`: header ids and a few parsing rules differ. */
  input: 'GFM' | 'kramdown';
  autoIds: boolean;
  autoIdPrefix: string;
  transliteratedHeaderIds: boolean;
  /** GFM: a line break in a paragraph is a `<br />`. Jekyll sets false. */
  hardWrap: boolean;
  /** Characters for ‘ ’ “ ” (kramdown's `smart_quotes`, entity names or numbers). */
  smartQuotes: [string, string, string, string];
  /** `--` → –, `---` → —, `...` → …, `<<` → « (off with the GFM quirk `no_auto_typographic`). */
  typographicSymbols: boolean;
  /** The GFM quirk `paragraph_end` (on unless `gfm_quirks` leaves it out): lists, ATX headers, quotes and fences end a paragraph. */
  gfmParagraphEnd: boolean;
  footnoteBacklink: string;
  /** kramdown's `footnote_backlink_inline`: the back link goes into the note's last paragraph or header, however deep. */
  footnoteBacklinkInline: boolean;
  footnoteNr: number;
  /** kramdown's `footnote_prefix`: put before a note's name in its ids (`fn:PREFIXname`, `fnref:PREFIXname`). */
  footnotePrefix: string;
  tocLevels: number[];
  /** kramdown's `header_offset`: added to every header's level (kept within 1–6). */
  headerOffset: number;
  /** Parse Markdown inside block HTML without `markdown="1"` (kramdown's `parse_block_html`). */
  parseBlockHtml: boolean;
  /** kramdown's html_to_native: HTML elements become native ones (here: headers, which then get ids). */
  htmlToNative: boolean;
  /** kramdown's `math_engine`: `mathjax` (default) renders `$$…$$`; null leaves it as text. */
  mathEngine: string | null;
  /** kramdown's `typographic_symbols`: what to write for a symbol (`hellip`, `mdash`, `ndash`, `laquo`…) instead of its character. */
  typographicSubstitutions?: Record<string, string>;
  /** kramdown's `parse_span_html`: Markdown inside span HTML elements (on by default). */
  parseSpanHtml: boolean;
  /** kramdown's `remove_line_breaks_for_cjk`: a line break between CJK characters is dropped. */
  removeLineBreaksForCjk: boolean;
  /** kramdown's `link_defs`: link definitions every post has (id → url and title); a post's own win. */
  linkDefs: Record<string, { href: string; title?: string }>;
  /** `syntax_highlighter_opts` (with `guess_lang`) for Rouge, per code blocks and spans. */
  highlighter: SyntaxHighlighterOptions;
}

export const JEKYLL_KRAMDOWN_DEFAULTS: KramdownOptions = {
  input: 'GFM', autoIds: true, autoIdPrefix: '', transliteratedHeaderIds: false, hardWrap: false,
  smartQuotes: ['\u2018', '\u2019', '\u201c', '\u201d'], typographicSymbols: true, gfmParagraphEnd: true, footnoteBacklink: '&#8617;',
  footnoteBacklinkInline: false, footnoteNr: 1, footnotePrefix: '', tocLevels: [1, 2, 3, 4, 5, 6], headerOffset: 0, parseBlockHtml: false, htmlToNative: false, mathEngine: 'mathjax',
  removeLineBreaksForCjk: false, linkDefs: {}, parseSpanHtml: true,
  highlighter: JEKYLL_HIGHLIGHTER_DEFAULTS,
};

const NAMED: Record<string, string> = {
  lsquo: '\u2018', rsquo: '\u2019', ldquo: '\u201c', rdquo: '\u201d', sbquo: '\u201a', bdquo: '\u201e',
  laquo: '\u00ab', raquo: '\u00bb', lsaquo: '\u2039', rsaquo: '\u203a', apos: "'", quot: '"',
};

function entityChar(name: string): string | undefined {
  const n = name.trim();
  if (/^\d+$/.test(n)) return String.fromCodePoint(Number(n));
  return NAMED[n];
}

const bool = (v: unknown, d: boolean) => (typeof v === 'boolean' ? v : v === 'true' ? true : v === 'false' ? false : d);

function levels(v: unknown): number[] | undefined {
  if (Array.isArray(v)) return v.map(Number).filter((n) => n >= 1 && n <= 6);
  if (typeof v === 'string') {
    const m = /^(\d)\s*\.\.\s*(\d)$/.exec(v.trim());
    if (m) return Array.from({ length: Math.max(0, +m[2] - +m[1] + 1) }, (_, i) => +m[1] + i);
    return v.split(/[\s,]+/).map(Number).filter((n) => n >= 1 && n <= 6);
  }
  return undefined;
}

/** `link_defs`: a map of id → [url] or [url, title] (anything else is left out, where kramdown stops with an error). */
function linkDefsFrom(v: unknown): KramdownOptions['linkDefs'] {
  const defs: KramdownOptions['linkDefs'] = {};
  if (!v || typeof v !== 'object' || Array.isArray(v)) return defs;
  for (const [id, def] of Object.entries(v as Record<string, unknown>)) {
    if (!Array.isArray(def) || def.length < 1 || def.length > 2 || typeof def[0] !== 'string') continue;
    defs[id] = { href: def[0], title: typeof def[1] === 'string' ? def[1] : undefined };
  }
  return defs;
}

/** Options from the `kramdown:` map of _config.yml (anything odd keeps Jekyll's default). */
export function kramdownOptionsFrom(raw: unknown): KramdownOptions {
  const o = { ...JEKYLL_KRAMDOWN_DEFAULTS };
  const k = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
  applyOptions(o, k);
  o.linkDefs = linkDefsFrom(k.link_defs);
  o.highlighter = syntaxHighlighterOptionsFrom(k);
  return o;
}

/** kramdown's option types (Options.parse) of the options a `{::options /}` may set as text. */
const INTEGER_OPTIONS = new Set(['footnote_nr', 'header_offset']);
const BOOLEAN_OPTIONS = new Set(['auto_ids', 'transliterated_header_ids', 'hard_wrap', 'parse_block_html', 'html_to_native', 'parse_span_html',
  'remove_line_breaks_for_cjk', 'footnote_backlink_inline']);
const HASH_OPTIONS = new Set(['syntax_highlighter_opts', 'link_defs', 'typographic_symbols']);

/**
 * `{::options key="value" /}` in a post: kramdown parses each value by the option's type and sets it for the rest of
 * the parse; its converter then runs with the last value of each (kramdown's Converter.convert merges the post's
 * options over the site's), so an option the converter reads (footnote_nr, footnote_prefix, syntax_highlighter_opts…)
 * holds for the whole post — as here, where the renderer reads `options` only after the whole post is parsed.
 * Unknown options and invalid values are ignored, as kramdown does (with a warning).
 */
export function applyInlineOptions(o: KramdownOptions, attrs: ReadonlyMap<string, string>): void {
  const raw: Record<string, unknown> = {};
  for (const [key, text] of attrs) {
    if (INTEGER_OPTIONS.has(key)) {
      if (/^\s*[-+]?\d+\s*$/.test(text)) raw[key] = Number(text);
    } else if (BOOLEAN_OPTIONS.has(key)) raw[key] = text.trim().toLowerCase() !== 'false' && text !== '';
    else if (HASH_OPTIONS.has(key)) {
      try {
        const v: unknown = parseYaml(text);
        if (v && typeof v === 'object' && !Array.isArray(v)) raw[key] = v;
      } catch { /* kramdown: "Invalid YAML value" — the option keeps its value */ }
    } else raw[key] = text;
  }
  applyOptions(o, raw);
  if (raw.link_defs) o.linkDefs = linkDefsFrom(raw.link_defs);
  // The post's map replaces the site's whole, without the defaults Jekyll adds to the site's (default_lang, guess_lang).
  if (raw.syntax_highlighter_opts) o.highlighter = syntaxHighlighterOptionsInline(raw.syntax_highlighter_opts as Record<string, unknown>);
}

/** The options present in `k` set on `o`. */
function applyOptions(o: KramdownOptions, k: Record<string, unknown>): void {
  if (typeof k.input === 'string') o.input = /^gfm$/i.test(k.input) ? 'GFM' : 'kramdown';
  o.autoIds = bool(k.auto_ids, o.autoIds);
  if (typeof k.auto_id_prefix === 'string') o.autoIdPrefix = k.auto_id_prefix;
  o.transliteratedHeaderIds = bool(k.transliterated_header_ids, o.transliteratedHeaderIds);
  o.hardWrap = bool(k.hard_wrap, o.hardWrap);
  o.parseBlockHtml = bool(k.parse_block_html, o.parseBlockHtml);
  o.htmlToNative = bool(k.html_to_native, o.htmlToNative);
  o.parseSpanHtml = bool(k.parse_span_html, o.parseSpanHtml);
  o.removeLineBreaksForCjk = bool(k.remove_line_breaks_for_cjk, o.removeLineBreaksForCjk);
  if (typeof k.smart_quotes === 'string' || Array.isArray(k.smart_quotes)) {
    const parts = (Array.isArray(k.smart_quotes) ? k.smart_quotes.map(String) : k.smart_quotes.split(',')).map(entityChar);
    if (parts.length === 4 && parts.every((p) => p !== undefined)) o.smartQuotes = parts as [string, string, string, string];
  }
  const quirks = Array.isArray(k.gfm_quirks) ? k.gfm_quirks.map(String) : typeof k.gfm_quirks === 'string' ? k.gfm_quirks.split(/[\s,]+/) : [];
  if (quirks.includes('no_auto_typographic')) o.typographicSymbols = false;
  if (k.gfm_quirks !== undefined) o.gfmParagraphEnd = quirks.includes('paragraph_end');
  if (typeof k.footnote_backlink === 'string') o.footnoteBacklink = k.footnote_backlink;
  o.footnoteBacklinkInline = bool(k.footnote_backlink_inline, o.footnoteBacklinkInline);
  if (typeof k.footnote_nr === 'number' && Number.isInteger(k.footnote_nr)) o.footnoteNr = k.footnote_nr;
  if (typeof k.footnote_prefix === 'string') o.footnotePrefix = k.footnote_prefix;
  o.tocLevels = levels(k.toc_levels) ?? o.tocLevels;
  if (typeof k.header_offset === 'number' && Number.isInteger(k.header_offset)) o.headerOffset = k.header_offset;
  if (k.math_engine === null || k.math_engine === 'null' || k.math_engine === 'nil' || k.math_engine === '' || k.math_engine === false) o.mathEngine = null;
  else if (typeof k.math_engine === 'string') o.mathEngine = k.math_engine.replace(/^:/, '');
  if (k.typographic_symbols && typeof k.typographic_symbols === 'object' && !Array.isArray(k.typographic_symbols)) {
    o.typographicSubstitutions = Object.fromEntries(Object.entries(k.typographic_symbols as Record<string, unknown>).map(([n, v]) => [n, String(v)]));
  }
}
