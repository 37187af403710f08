// kramdown's `syntax_highlighter_opts` for Rouge, as Jekyll 4 sets them up: options at the top level apply
// to code blocks and code spans alike; a `block:` or `span:` group overrides them for one kind; spans are
// never wrapped. Jekyll adds `default_lang: plaintext` and `guess_lang` (from `kramdown.guess_lang`, true).

export interface RougeOptions {
  /** The class of the `<pre>` inside `<div class="highlight">` (Rouge's `css_class`). */
  cssClass: string;
  /** Rouge's table formatter: a line-number gutter (`line_numbers: true`). */
  lineNumbers: boolean;
  startLine: number;
  tableClass: string;
  gutterClass: string;
  codeClass: string;
  /** The language of code that names none (`default_lang`; Jekyll: plaintext). */
  defaultLang: string | undefined;
  /** With it, plain text is still wrapped as highlighted code; without it, plain text is a bare `<pre><code>`. */
  guessLang: boolean;
  /** `disable: true`: no highlighting at all. */
  disable: boolean;
  /** Wrap in `<div class="highlight"><pre class="…"><code>` (blocks; never spans). */
  wrap: boolean;
}

export interface SyntaxHighlighterOptions {
  block: RougeOptions;
  span: RougeOptions;
}

const BASE: RougeOptions = {
  cssClass: 'highlight', lineNumbers: false, startLine: 1, tableClass: 'rouge-table', gutterClass: 'rouge-gutter', codeClass: 'rouge-code',
  defaultLang: 'plaintext', guessLang: true, disable: false, wrap: true,
};

export const JEKYLL_HIGHLIGHTER_DEFAULTS: SyntaxHighlighterOptions = { block: BASE, span: { ...BASE, wrap: false } };

const isMap = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const truthy = (v: unknown) => v !== undefined && v !== null && v !== false && v !== 'false';

function apply(into: RougeOptions, raw: Record<string, unknown>): RougeOptions {
  const o = { ...into };
  const str = (k: string) => (typeof raw[k] === 'string' || typeof raw[k] === 'number' ? String(raw[k]) : undefined);
  if (str('css_class') !== undefined) o.cssClass = str('css_class')!;
  if ('line_numbers' in raw) o.lineNumbers = truthy(raw.line_numbers);
  const start = Number(raw.start_line);
  if (Number.isInteger(start)) o.startLine = start;
  o.tableClass = str('table_class') ?? o.tableClass;
  o.gutterClass = str('gutter_class') ?? o.gutterClass;
  o.codeClass = str('code_class') ?? o.codeClass;
  if (str('default_lang') !== undefined) o.defaultLang = str('default_lang');
  if ('disable' in raw) o.disable = truthy(raw.disable);
  return o;
}

/** The options from the `kramdown:` map of _config.yml (anything odd keeps Jekyll's default). */
export function syntaxHighlighterOptionsFrom(kramdown: unknown): SyntaxHighlighterOptions {
  const k = isMap(kramdown) ? kramdown : {};
  const raw = isMap(k.syntax_highlighter_opts) ? k.syntax_highlighter_opts : {};
  const guessLang = 'guess_lang' in k ? truthy(k.guess_lang) : true;
  const top = apply({ ...BASE, guessLang }, raw);
  return {
    block: apply(top, isMap(raw.block) ? raw.block : {}),
    span: { ...apply(top, isMap(raw.span) ? raw.span : {}), wrap: false },
  };
}

/**
 * The options a post sets with `{::options syntax_highlighter_opts="{…}" /}`: kramdown replaces the site's whole map
 * with it, so Jekyll's `default_lang: plaintext` and `guess_lang` are gone unless the post gives them.
 */
export function syntaxHighlighterOptionsInline(raw: Record<string, unknown>): SyntaxHighlighterOptions {
  const top = apply({ ...BASE, defaultLang: undefined, guessLang: truthy(raw.guess_lang) }, raw);
  return {
    block: apply(top, isMap(raw.block) ? raw.block : {}),
    span: { ...apply(top, isMap(raw.span) ? raw.span : {}), wrap: false },
  };
}
