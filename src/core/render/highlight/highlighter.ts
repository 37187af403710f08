// Code highlighting with Rouge's markup and short token classes (`.k`, `.s1`, `.c1`, `.nf` …), so a
// theme's Rouge/Pygments CSS colours our preview as it colours the blog. The languages blogs use most
// have lexers modelled on Rouge's own (languages/, run by lexer.ts); the other languages Rouge knows
// fall back to highlight.js mapped to Rouge's classes (hljsFallback.ts); a name Rouge does not know is
// plain text, as in Jekyll. Results are cached per (language, code): while typing, only the code block
// being edited is highlighted again.
import { StringLru } from '../../cache/sizeLru';
import { escapeHtml } from '../escape';
import { hljsGrammarFor, hljsTokens } from './hljsFallback';
import { type Grammar, lex } from './lexer';
import type { RougeOptions } from './options';
import { GRAMMARS } from './registry';
import { ROUGE_NAMES } from './rougeNames';

/** How Rouge would lex a fence's language: a modelled grammar, a highlight.js grammar, or plain text. */
type Engine = { kind: 'rouge'; grammar: Grammar } | { kind: 'hljs'; grammar: string } | undefined;

/** The engine for a fence language name (case-sensitive, as Rouge's lexer lookup is). */
export function engineFor(lang: string | undefined): Engine {
  if (!lang) return undefined;
  const g = GRAMMARS.get(lang);
  if (g) return { kind: 'rouge', grammar: g };
  if (!ROUGE_NAMES.has(lang) || lang === 'plaintext' || lang === 'text') return undefined;
  const h = hljsGrammarFor(lang);
  return h ? { kind: 'hljs', grammar: h } : undefined;
}

const isPlain = (lang: string) => lang === 'plaintext' || lang === 'text';

/** Rouge's HTML formatter: a span per token with a class, plain text bare. */
export function formatTokens(tokens: readonly (readonly [string, string])[]): string {
  let html = '';
  for (const [cls, text] of tokens) html += cls ? `<span class="${cls}">${escapeHtml(text)}</span>` : escapeHtml(text);
  return html;
}

/** Bytes of highlighted code kept (the code blocks of the posts being edited). */
const CACHE_BYTES = 4 * 1024 * 1024;
/** What the code of the post being rendered may keep. */
const ROUND_BYTES = 16 * 1024 * 1024;
const MAX_HIGHLIGHT = 200_000; // longer blocks stay plain: highlighting them would stall typing

/** Highlights code to Rouge's token markup (the inside of `<code>`), with a bounded cache. */
export class CodeHighlighter {
  private readonly cache = new StringLru(CACHE_BYTES, ROUND_BYTES);

  /** A render starts: its code blocks are kept over older ones. */
  newRender(): void {
    this.cache.newRound();
  }

  tokens(code: string, lang: string | undefined): string {
    const engine = engineFor(lang);
    if (!engine || code.length > MAX_HIGHLIGHT) return escapeHtml(code);
    const key = (engine.kind === 'rouge' ? engine.grammar.name : 'hljs:' + engine.grammar) + '\0' + code;
    const hit = this.cache.get(key);
    if (hit !== undefined) return hit;
    let html: string;
    try {
      html = engine.kind === 'rouge' ? formatTokens(lex(engine.grammar, code)) : hljsTokens(code, engine.grammar);
    } catch {
      html = escapeHtml(code);
    }
    this.cache.set(key, html);
    return html;
  }

  /**
   * kramdown's Rouge highlighter for a code block or span: the highlighted HTML and the language the
   * element's class names, or undefined when kramdown leaves the code unhighlighted (a language Rouge
   * does not know, plain text without `guess_lang`, `disable`).
   */
  kramdown(code: string, lang: string | undefined, opts: RougeOptions): { html: string; lang: string } | undefined {
    const name = lang || opts.defaultLang;
    if (opts.disable || !name || !ROUGE_NAMES.has(name) || (isPlain(name) && !opts.guessLang)) return undefined;
    let html = this.tokens(code, name);
    if (opts.lineNumbers) html = rougeTable(code, html, opts.gutterClass, opts.codeClass, opts.startLine, opts.tableClass);
    if (opts.wrap) html = `<div class="highlight"><pre class="${escapeHtml(opts.cssClass)}"><code>${html}</code></pre></div>`;
    return { html, lang: name };
  }

  /** Jekyll's `{% highlight lang [linenos] %}` output. */
  figure(code: string, lang: string, linenos: boolean): string {
    const l = escapeHtml(lang);
    const body = this.tokens(code, lang);
    if (!linenos) return `<figure class="highlight"><pre><code class="language-${l}" data-lang="${l}">${body}</code></pre></figure>`;
    return `<figure class="highlight"><pre><code class="language-${l}" data-lang="${l}">${rougeTable(code, body, 'gutter', 'code')}</code></pre></figure>`;
  }
}

/** Rouge's HTMLTable formatter: a line-number gutter beside the highlighted code. */
export function rougeTable(code: string, body: string, gutterClass = 'rouge-gutter', codeClass = 'rouge-code', startLine = 1, tableClass = 'rouge-table'): string {
  let lines = (code.match(/\n/g) ?? []).length;
  let inner = body;
  if (!code.endsWith('\n')) {
    lines++;
    inner += '\n';
  }
  const gutter = Array.from({ length: lines }, (_, i) => String(startLine + i)).join('\n') + '\n';
  const esc = escapeHtml;
  return `<table class="${esc(tableClass)}"><tbody><tr><td class="${esc(gutterClass)} gl"><pre class="lineno">${gutter}</pre></td><td class="${esc(codeClass)}"><pre>${inner}</pre></td></tr></tbody></table>`;
}
