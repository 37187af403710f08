// markdown-it set up to write what Jekyll's kramdown (GFM input, Rouge) writes: the same block and span
// syntax, the same element shapes and classes, so the site's CSS and anchors apply unchanged.
import MarkdownIt from 'markdown-it';
import abbrPlugin from 'markdown-it-abbr';
import { escapeHtml } from '../escape';
import { kramdownAbbreviationsPlugin } from './abbreviations';
import { kramdownAutolinksPlugin } from './autolinks';
import { kramdownBlockOrderPlugin } from './blockOrder';
import { kramdownBlockquotesPlugin } from './blockquotes';
import { kramdownBlocksPlugin } from './blocks';
import { kramdownCjkLineBreaksPlugin } from './cjkLineBreaks';
import { kramdownCodeBlocksPlugin } from './codeBlocks';
import { kramdownCodeSpansPlugin } from './codeSpans';
import { kramdownDefinitionListsPlugin } from './definitionLists';
import { kramdownEmphasisPlugin } from './emphasis';
import { kramdownEobPlugin } from './eob';
import { kramdownEscapesPlugin } from './escapes';
import { kramdownFencesPlugin } from './fences';
import { kramdownFootnotesPlugin } from './footnotes';
import { kramdownHeadersPlugin } from './headers';
import { kramdownLinkDefinitionsPlugin } from './linkDefinitions';
import { kramdownLinksPlugin } from './links';
import { kramdownListsPlugin } from './lists';
import { kramdownMathBlocksPlugin } from './mathBlocks';
import { kramdownParagraphsPlugin } from './paragraphs';
import { kramdownStandaloneImagesPlugin } from './standaloneImages';
import { kramdownStrikethroughPlugin } from './strikethrough';
import { kramdownTablesPlugin } from './tables';
import { kramdownHtmlPlugin } from './html';
import { kramdownHtmlSpansPlugin } from './htmlSpans';
import { kramdownInlinePlugin } from './inline';
import { kramdownStructurePlugin } from './structure';
import type { RenderEnv } from './env';
import { kramdownTypographyPlugin } from './typography';
import { attributesHtml, cleanAttribute, missingImage } from '../sanitize';

type Token = MarkdownIt.Token;

type Renderer = MarkdownIt.Renderer;
type RendererRule = MarkdownIt.RendererRule;

/** A renderer rule with our env type (markdown-it types env loosely). */
function rule(fn: (tokens: Token[], idx: number, env: RenderEnv, self: Renderer) => string): RendererRule {
  return (tokens, idx, _options, env, self) => fn(tokens, idx, env as unknown as RenderEnv, self);
}

/** The env of the render in progress: markdown-it's renderAttrs is not given one. */
const envs: RenderEnv[] = [];

/**
 * Attributes of a token as HTML, leaving out `skip`: through the sanitizer's one attribute gate, like
 * every attribute of raw HTML. kramdown's `{: …}` lists put any name and value on a token (`onerror`,
 * `href="javascript:…"`, `style`), so every way a token's attributes are written ends here.
 */
function attrsHtml(token: Token, skip: string[] = []): string {
  // Most tokens (every inline one) have none: no gate to go through.
  if (!token.attrs?.length) return '';
  const env = envs[envs.length - 1];
  return attributesHtml(token.tag, (token.attrs ?? []).map(([k, v]) => [k, String(v)] as const), { resource: env?.image }, skip);
}

/**
 * Renders tokens[from, to) of a parsed document exactly as `md.renderer.render` renders them within the
 * whole list (each rule still sees its neighbours), so the document's output is the concatenation of its
 * ranges' (src/core/render/incremental/markdownBlocks.ts).
 */
export function renderTokenRange(md: MarkdownIt.MarkdownIt, tokens: Token[], from: number, to: number, env: RenderEnv): string {
  const renderer = md.renderer;
  const rules = renderer.rules;
  const options = md.options;
  envs.push(env);
  try {
    let out = '';
    for (let i = from; i < to; i++) {
      const type = tokens[i].type;
      const r = rules[type];
      if (type === 'inline') out += renderer.renderInline(tokens[i].children ?? [], options, env as unknown as Record<string, unknown>);
      else if (r !== undefined) out += r(tokens, i, options, env as unknown as Record<string, unknown>, renderer);
      else out += renderer.renderToken(tokens, i, options);
    }
    return out;
  } finally {
    envs.pop();
  }
}

/** markdown-it's default rules (paragraphs, headings, links, lists, tables…) write attributes through attrsHtml too. */
function gateAttributes(md: MarkdownIt.MarkdownIt): void {
  const renderer = md.renderer;
  renderer.renderAttrs = (token) => attrsHtml(token as Token);
  const withEnv = <A extends unknown[]>(fn: (...a: A) => string, envAt: number) => (...a: A): string => {
    envs.push(a[envAt] as RenderEnv);
    try {
      return fn(...a);
    } finally {
      envs.pop();
    }
  };
  renderer.render = withEnv(renderer.render.bind(renderer), 2);
  renderer.renderInline = withEnv(renderer.renderInline.bind(renderer), 2);
}

function codeLanguage(token: Token): string | undefined {
  // kramdown-parser-gfm: the first word of a fence's info string, without a `?query`; else (an indented block
  // too) the `language-…` class an IAL gave it (kramdown's extract_code_language!).
  const info = token.info.trim().split(/\s+/)[0]?.replace(/\?.*$/, '');
  if (info) return info;
  const cls = token.attrGet('class');
  return cls ? /\blanguage-(\S+)/.exec(String(cls))?.[1] : undefined;
}

function setupRenderers(md: MarkdownIt.MarkdownIt): void {
  const rules = md.renderer.rules;

  const code = rule((tokens, idx, env) => {
    const t = tokens[idx];
    const lang = codeLanguage(t);
    // Jekyll's order: the language, an IAL's classes, then Rouge's; other attributes (IAL, data-line) follow.
    const cls = String(t.attrGet('class') ?? '').replace(/\blanguage-\S+\s*/, '').trim();
    const body = t.type === 'code_block' ? t.content.replace(/\n*$/, '\n') : t.content;
    const hl = env.highlighter.kramdown(body, lang, env.options.highlighter.block);
    if (!hl) {
      // kramdown without a highlighter's answer (a language Rouge does not know): a bare <pre><code>.
      const code = lang ? ` class="language-${escapeHtml(lang)}"` : '';
      return `<pre${cls ? ` class="${escapeHtml(cls)}"` : ''}${attrsHtml(t, ['class'])}><code${code}>${escapeHtml(body.replace(/\n$/, ''))}\n</code></pre>\n`;
    }
    const klass = [`language-${hl.lang}`, cls, 'highlighter-rouge'].filter(Boolean).join(' ');
    return `<div class="${escapeHtml(klass)}"${attrsHtml(t, ['class'])}>${hl.html}</div>\n`;
  });
  rules.fence = code;
  rules.code_block = code;

  rules.code_inline = rule((tokens, idx, env) => {
    const t = tokens[idx];
    const cls = String(t.attrGet('class') ?? '');
    const lang = /\blanguage-(\S+)/.exec(cls)?.[1];
    const others = cls.replace(/\blanguage-\S+\s*/, '').trim();
    const hl = env.highlighter.kramdown(t.content, lang, env.options.highlighter.span);
    if (!hl) return `<code${cls ? ` class="${escapeHtml(cls)}"` : ''}${attrsHtml(t, ['class'])}>${escapeHtml(t.content)}</code>`;
    const klass = [`language-${hl.lang}`, others, 'highlighter-rouge'].filter(Boolean).join(' ');
    return `<code class="${escapeHtml(klass)}"${attrsHtml(t, ['class'])}>${hl.html}</code>`;
  });

  rules.image = rule((tokens, idx, env) => {
    const t = tokens[idx];
    // kramdown's alt text is the label as written, only its backslash escapes resolved (`![*a* `b`](x)`).
    const alt = md.utils.unescapeAll(t.content);
    const raw = String(t.attrGet('src') ?? '');
    const target = env.image(raw);
    if ('missing' in target) {
      return missingImage(target.missing, alt, target.blocked);
    }
    // A site file the resolver mapped is ours; a URL left as written (an IAL may set any `src`) goes through the gate.
    const src = target.src !== raw ? target.src : cleanAttribute('img', 'src', raw);
    return `<img${src === undefined ? '' : ` src="${escapeHtml(src)}"`} alt="${escapeHtml(alt)}"${attrsHtml(t, ['src', 'alt'])} />`;
  });

  rules.math_block = rule((tokens, idx, env) => {
    const t = tokens[idx];
    // kramdown's converter: without a math engine the TeX stays in a `kdmath` block; with one, an IAL's
    // attributes go on a block around the formula.
    if (!env.options.mathEngine) {
      const cls = `${String(t.attrGet('class') ?? '')} kdmath`.trim();
      return `<div class="${escapeHtml(cls)}"${attrsHtml(t, ['class'])}>$$\n${escapeHtml(t.content)}\n$$</div>\n`;
    }
    env.hasMath = true;
    const math = env.math.block(t.content);
    return t.attrs?.length ? `<div${attrsHtml(t)}>\n${math}</div>\n` : math;
  });
  rules.math_inline = rule((tokens, idx, env) => {
    const t = tokens[idx];
    // Without a math engine kramdown writes span math as `$TeX$` in a `kdmath` span (an IAL's attributes on it).
    if (!env.options.mathEngine) {
      const cls = `${String(t.attrGet('class') ?? '')} kdmath`.trim();
      return `<span class="${escapeHtml(cls)}"${attrsHtml(t, ['class'])}>$${escapeHtml(t.content)}$</span>`;
    }
    env.hasMath = true;
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
}

/** A markdown-it instance that reads and writes like kramdown. One per site; state lives in `env`. */
export function createKramdownMarkdown(options: { hardWrap?: boolean } = {}): MarkdownIt.MarkdownIt {
  const md = new MarkdownIt({ html: true, xhtmlOut: true, breaks: !!options.hardWrap, linkify: false, typographer: false });
  md.use(kramdownHtmlPlugin);
  md.use(kramdownBlocksPlugin);
  // kramdown's block rules in place of CommonMark's (one file per construct).
  md.use(kramdownMathBlocksPlugin);
  md.use(kramdownEobPlugin);
  md.use(kramdownTablesPlugin);
  md.use(kramdownCodeBlocksPlugin);
  md.use(kramdownFencesPlugin);
  md.use(kramdownHeadersPlugin);
  md.use(kramdownListsPlugin);
  md.use(kramdownBlockquotesPlugin);
  md.use(kramdownParagraphsPlugin);
  md.use(kramdownDefinitionListsPlugin);
  md.use(abbrPlugin);
  md.use(kramdownAbbreviationsPlugin);
  md.use(kramdownInlinePlugin);
  md.use(kramdownEmphasisPlugin);
  md.use(kramdownCodeSpansPlugin);
  md.use(kramdownEscapesPlugin);
  md.use(kramdownStrikethroughPlugin);
  md.use(kramdownLinksPlugin);
  md.use(kramdownAutolinksPlugin);
  md.use(kramdownLinkDefinitionsPlugin);
  md.use(kramdownHtmlSpansPlugin);
  md.use(kramdownFootnotesPlugin); // after the inline plugin: its note list runs first after `inline`
  md.use(kramdownTypographyPlugin);
  md.use(kramdownBlockOrderPlugin); // after every block rule is in
  md.use(kramdownCjkLineBreaksPlugin);
  md.use(kramdownStructurePlugin);
  md.use(kramdownStandaloneImagesPlugin);
  setupRenderers(md);
  gateAttributes(md);
  cacheLinkNormalization(md);
  return md;
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
