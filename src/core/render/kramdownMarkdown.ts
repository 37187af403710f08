// markdown-it set up to write what Jekyll's kramdown (GFM input, Rouge) writes: the same block and span
// syntax, the same element shapes and classes, so the site's CSS and anchors apply unchanged.
import MarkdownIt from 'markdown-it';
import abbrPlugin from 'markdown-it-abbr';
import deflistPlugin from 'markdown-it-deflist';
import footnotePlugin from 'markdown-it-footnote';
import { escapeHtml } from './highlight';
import { kramdownBlocksPlugin } from './kramdownBlocks';
import { kramdownHtmlPlugin } from './kramdownHtml';
import { kramdownInlinePlugin } from './kramdownInline';
import { kramdownStructurePlugin } from './kramdownStructure';
import type { RenderEnv } from './markdownEnv';
import { kramdownTypographyPlugin } from './typography';

type Token = MarkdownIt.Token;

type Renderer = MarkdownIt.Renderer;
type RendererRule = MarkdownIt.RendererRule;

/** A renderer rule with our env type (markdown-it types env loosely). */
function rule(fn: (tokens: Token[], idx: number, env: RenderEnv, self: Renderer) => string): RendererRule {
  return (tokens, idx, _options, env, self) => fn(tokens, idx, env as unknown as RenderEnv, self);
}

interface FootnoteMeta { id: number; subId: number; label?: string }
const fn = (t: Token) => (t.meta ?? { id: 0, subId: 0 }) as unknown as FootnoteMeta;

/** Attributes of a token as HTML, leaving out `skip`. */
function attrsHtml(token: Token, skip: string[] = []): string {
  let out = '';
  for (const [k, v] of token.attrs ?? []) if (!skip.includes(k)) out += ` ${k}="${escapeHtml(String(v))}"`;
  return out;
}

function codeLanguage(token: Token): string | undefined {
  // kramdown-parser-gfm: the first word of the info string, without a `?query`.
  const info = token.info.trim().split(/\s+/)[0]?.replace(/\?.*$/, '');
  if (info) return info;
  const cls = token.attrGet('class');
  return cls ? /\blanguage-(\S+)/.exec(String(cls))?.[1] : undefined;
}

function setupRenderers(md: MarkdownIt.MarkdownIt): void {
  const rules = md.renderer.rules;

  const code = rule((tokens, idx, env) => {
    const t = tokens[idx];
    const lang = t.type === 'fence' ? codeLanguage(t) : undefined;
    // Jekyll's order: the language, an IAL's classes, then Rouge's; other attributes (IAL, data-line) follow.
    const cls = String(t.attrGet('class') ?? '').replace(/\blanguage-\S+\s*/, '').trim();
    const klass = [`language-${lang || 'plaintext'}`, cls, 'highlighter-rouge'].filter(Boolean).join(' ');
    const body = t.type === 'code_block' ? t.content.replace(/\n*$/, '\n') : t.content;
    return `<div class="${escapeHtml(klass)}"${attrsHtml(t, ['class'])}><div class="highlight"><pre class="highlight"><code>${env.highlighter.tokens(body, lang)}</code></pre></div></div>\n`;
  });
  rules.fence = code;
  rules.code_block = code;

  rules.code_inline = rule((tokens, idx, env) => {
    const t = tokens[idx];
    const cls = String(t.attrGet('class') ?? '');
    const lang = /\blanguage-(\S+)/.exec(cls)?.[1];
    const others = cls.replace(/\blanguage-\S+\s*/, '').trim();
    const klass = [`language-${lang ?? 'plaintext'}`, others, 'highlighter-rouge'].filter(Boolean).join(' ');
    const body = lang ? env.highlighter.tokens(t.content, lang) : escapeHtml(t.content);
    return `<code class="${escapeHtml(klass)}"${attrsHtml(t, ['class'])}>${body}</code>`;
  });

  rules.image = rule((tokens, idx, env, self) => {
    const t = tokens[idx];
    const alt = self.renderInlineAsText(t.children ?? [], md.options, env as unknown as MarkdownIt.Env);
    const target = env.image(String(t.attrGet('src') ?? ''));
    if ('missing' in target) {
      return `<span class="techblog-missing-image" title="${escapeHtml(`Image not found: ${target.missing}`)}">` +
        `<span class="techblog-missing-image-label">Missing image: ${escapeHtml(target.missing)}</span>${alt ? ` <span class="techblog-missing-image-alt">(${escapeHtml(alt)})</span>` : ''}</span>`;
    }
    return `<img src="${escapeHtml(target.src)}" alt="${escapeHtml(alt)}"${attrsHtml(t, ['src', 'alt'])} />`;
  });

  rules.math_block = rule((tokens, idx, env) => {
    env.hasMath = true;
    return env.math.block(tokens[idx].content, attrsHtml(tokens[idx]));
  });
  rules.math_inline = rule((tokens, idx, env) => {
    env.hasMath = true;
    const t = tokens[idx];
    const display = !!t.meta?.display;
    const html = env.math.render(t.content, display);
    return display ? `<span class="kdmath kdmath-display">${html}</span>` : html;
  });

  rules.html_block = rule((tokens, idx, env) => {
    const t = tokens[idx];
    return env.html(t.content, t.map ? env.sourceLine(t.map[0]) : undefined);
  });
  rules.html_inline = rule((tokens, idx, env) => env.html(tokens[idx].content, undefined, true));

  rules.s_open = () => '<del>';
  rules.s_close = () => '</del>';

  // Footnotes exactly as kramdown marks them up (ids by name, numbers by first reference).
  const label = (t: Token, env: RenderEnv) => escapeHtml(String(fn(t).label ?? fn(t).id + env.options.footnoteNr));
  rules.footnote_ref = rule((tokens, idx, env) => {
    const t = tokens[idx];
    const name = label(t, env);
    const ref = fn(t).subId > 0 ? `fnref:${name}:${fn(t).subId}` : `fnref:${name}`;
    return `<sup id="${ref}" role="doc-noteref"><a href="#fn:${name}" class="footnote" rel="footnote">${fn(t).id + env.options.footnoteNr}</a></sup>`;
  });
  rules.footnote_block_open = rule((_t, _i, env) =>
    `<div class="footnotes" role="doc-endnotes">\n<ol${env.options.footnoteNr !== 1 ? ` start="${env.options.footnoteNr}"` : ''}>\n`);
  rules.footnote_block_close = () => '</ol>\n</div>\n';
  rules.footnote_open = rule((tokens, idx, env) => `<li id="fn:${label(tokens[idx], env)}" role="doc-endnote">\n`);
  rules.footnote_close = () => '</li>\n';
  rules.footnote_anchor = rule((tokens, idx, env) => {
    const t = tokens[idx];
    const name = label(t, env);
    const back = env.options.footnoteBacklink;
    const sub = fn(t).subId;
    return sub > 0
      ? ` <a href="#fnref:${name}:${sub}" class="reversefootnote" role="doc-backlink">${back}<sup>${sub + 1}</sup></a>`
      : ` <a href="#fnref:${name}" class="reversefootnote" role="doc-backlink">${back}</a>`;
  });
}

/** A markdown-it instance that reads and writes like kramdown. One per site; state lives in `env`. */
export function createKramdownMarkdown(options: { hardWrap?: boolean } = {}): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt({ html: true, xhtmlOut: true, breaks: !!options.hardWrap, linkify: false, typographer: false });
  md.use(kramdownHtmlPlugin);
  md.use(kramdownBlocksPlugin);
  md.use(footnotePlugin);
  md.inline.ruler.disable('footnote_inline'); // `^[…]` is not kramdown syntax
  md.use(deflistPlugin);
  md.use(abbrPlugin);
  md.use(kramdownInlinePlugin);
  md.use(kramdownTypographyPlugin);
  md.use(kramdownStructurePlugin);
  setupRenderers(md);
  cacheLinkNormalization(md);
  useFastTokens(md);
  return md;
}

/**
 * markdown-it 15's build sets each field of a new Token, StateBlock and StateInline through a generic
 * `defineProperty` helper: a tenth of the parse goes to Token constructors alone. Here a Token is built
 * with plain stores of the same fields in the same order, on markdown-it's own prototype (`instanceof
 * Token` and every method hold), and the states' `push`/`pushPending` (markdown-it 15.0.3's, line for
 * line) create those. When a markdown-it release changes the Token's fields or these methods, the stock
 * ones stay.
 */
function useFastTokens(md: MarkdownIt.MarkdownIt): void {
  const StockToken = MarkdownIt.Token;
  function FastToken(this: Record<string, unknown>, type: string, tag: string, nesting: number): void {
    this.map = null; this.level = 0; this.children = null; this.content = ''; this.markup = ''; this.info = '';
    this.block = false; this.hidden = false; this.type = type; this.tag = tag; this.attrs = null; this.nesting = nesting; this.meta = null;
  }
  FastToken.prototype = StockToken.prototype;
  const Fast = FastToken as unknown as typeof StockToken;
  const fields = (t: object) => JSON.stringify(Object.entries(t));
  if (fields(new Fast('t', 'p', 1)) !== fields(new StockToken('t', 'p', 1))) return;

  type Level = { level: number; tokens: Token[]; Token: unknown };
  type BlockState = Level;
  type InlineState = Level & { pending: string; pendingLevel: number; delimiters: unknown[]; _prev_delimiters: unknown[][]; tokens_meta: unknown[] };
  type StateClass<S> = { prototype: S } & (new (src: string, md: MarkdownIt.MarkdownIt, env: unknown, tokens: Token[]) => S);
  const Block = md.block.State as unknown as StateClass<BlockState>;
  const Inline = md.inline.State as unknown as StateClass<InlineState>;
  const source = (f: unknown) => String(f).replace(/\s+/g, ' ');
  const known = source((Block.prototype as unknown as Record<string, unknown>).push).includes('const token = new Token(type, tag, nesting); token.block = true; if (nesting < 0) this.level--; token.level = this.level; if (nesting > 0) this.level++; this.tokens.push(token); return token;') &&
    source((Inline.prototype as unknown as Record<string, unknown>).pushPending).includes('const token = new Token("text", "", 0); token.content = this.pending; token.level = this.pendingLevel; this.tokens.push(token); this.pending = ""; return token;') &&
    source((Inline.prototype as unknown as Record<string, unknown>).push).includes('if (this.pending) this.pushPending(); const token = new Token(type, tag, nesting); let token_meta = void 0; if (nesting < 0) { this.level--; this.delimiters = this._prev_delimiters.pop(); } token.level = this.level; if (nesting > 0) { this.level++; this._prev_delimiters.push(this.delimiters); this.delimiters = []; token_meta = { delimiters: this.delimiters }; } this.pendingLevel = this.level; this.tokens.push(token); this.tokens_meta.push(token_meta); return token;');
  if (!known) return;

  class FastBlock extends Block {
    constructor(src: string, m: MarkdownIt.MarkdownIt, env: unknown, tokens: Token[]) {
      super(src, m, env, tokens);
      this.Token = FastToken;
    }
    push(type: string, tag: string, nesting: Token['nesting']): Token {
      const token = new Fast(type, tag, nesting);
      token.block = true;
      if (nesting < 0) this.level--;
      token.level = this.level;
      if (nesting > 0) this.level++;
      this.tokens.push(token);
      return token;
    }
  }
  class FastInline extends Inline {
    constructor(src: string, m: MarkdownIt.MarkdownIt, env: unknown, tokens: Token[]) {
      super(src, m, env, tokens);
      this.Token = FastToken;
    }
    pushPending(): Token {
      const token = new Fast('text', '', 0);
      token.content = this.pending;
      token.level = this.pendingLevel;
      this.tokens.push(token);
      this.pending = '';
      return token;
    }
    push(type: string, tag: string, nesting: Token['nesting']): Token {
      if (this.pending) this.pushPending();
      const token = new Fast(type, tag, nesting);
      let tokenMeta: { delimiters: unknown[] } | undefined;
      if (nesting < 0) {
        this.level--;
        this.delimiters = this._prev_delimiters.pop() as unknown[];
      }
      token.level = this.level;
      if (nesting > 0) {
        this.level++;
        this._prev_delimiters.push(this.delimiters);
        this.delimiters = [];
        tokenMeta = { delimiters: this.delimiters };
      }
      this.pendingLevel = this.level;
      this.tokens.push(token);
      this.tokens_meta.push(tokenMeta);
      return token;
    }
  }
  class FastCore extends (md.core.State as unknown as StateClass<Level>) {
    constructor(src: string, m: MarkdownIt.MarkdownIt, env: unknown, tokens: Token[]) {
      super(src, m, env, tokens);
      this.Token = FastToken;
    }
  }
  (md.block as unknown as { State: unknown }).State = FastBlock;
  (md.inline as unknown as { State: unknown }).State = FastInline;
  (md.core as unknown as { State: unknown }).State = FastCore;
}

const MAX_LINK_CACHE = 5000;

/**
 * markdown-it normalizes every link and image URL (mdurl parse + punycode + format + encode), a tenth
 * of its time on a post full of links; a keystroke re-renders the same links, so the results are kept.
 */
function cacheLinkNormalization(md: MarkdownIt.MarkdownIt): void {
  const memo = <T>(fn: (s: string) => T): ((s: string) => T) => {
    const cache = new Map<string, T>();
    return (s) => {
      let v = cache.get(s);
      if (v === undefined && !cache.has(s)) {
        v = fn(s);
        if (cache.size >= MAX_LINK_CACHE) cache.clear();
        cache.set(s, v);
      }
      return v as T;
    };
  };
  md.normalizeLink = memo(md.normalizeLink.bind(md));
  md.normalizeLinkText = memo(md.normalizeLinkText.bind(md));
  md.validateLink = memo(md.validateLink.bind(md));
}
