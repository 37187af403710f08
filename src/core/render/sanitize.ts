// The preview's HTML gate, safe by itself (the CSP is the second wall): every tag of the post's raw
// HTML and of the layouts is re-written from a tokenized form, so what the webview parses is exactly
// what we checked. Elements are allow-listed; every attribute from any source (raw HTML, layouts,
// Liquid output, and the attributes markdown-it writes, kramdown's `{: …}` lists included) goes
// through one allow-list (cleanAttribute), URL attributes through one scheme check, `style` through
// one CSS filter (cleanCss); iframes and gist scripts become cards; resource URLs are resolved to site files.
import { Tokenizer } from 'htmlparser2';
import { embedCard, gistEmbed, iframeEmbed } from './embeds';
import { escapeHtml } from './escape';
import { t } from '../text/l10n';
import { mapCssUrls } from './resources/cssUrls';

/** Why an image is shown as a placeholder although it may exist: a remote one the user turned off, or insecure `http:`. */
export type BlockedImage = 'remote' | 'insecure';

export interface HtmlPolicy {
  /**
   * Resolves a resource URL (`img`/`video`/`audio`/`source` `src`, `poster`, and `url(…)` in `style`
   * attributes and elements): a URL to use, a missing (or blocked) one, or undefined to keep it.
   */
  resource?(url: string): { src: string } | { missing: string; blocked?: BlockedImage } | undefined;
  /**
   * The site's own scripts (`<script src>` of a layout), when the user lets them run: the URL to load a
   * site file from, or undefined to drop the element. Without it every script is dropped.
   */
  script?(src: string): string | undefined;
  /** Show YouTube/Vimeo iframes as frames instead of cards. */
  allowEmbeds?: boolean;
  /** A whole document (layouts): `html`, `head`, `body`, `title`, `meta` are kept. */
  document?: boolean;
  /** `data-line` for the first element (the source line of an HTML block). */
  dataLine?: number;
  /** Called with each `<link rel="stylesheet" href>` (the link itself is left out: CSS is delivered apart). */
  onStylesheet?(href: string): void;
  /**
   * One inline tag of a paragraph (markdown-it's html_inline): the text around it is Markdown, not this
   * fragment's, so elements whose content a browser reads raw (style, textarea, title) are left out.
   */
  inline?: boolean;
  /**
   * A placeholder the caller will replace (the post's body in a layout): `onMarker` is told each context
   * it is written in — HTML text, an attribute value, raw text (style, textarea, title) or SVG/MathML.
   */
  marker?: string;
  onMarker?(context: 'text' | 'attribute' | 'raw' | 'foreign'): void;
}

const ELEMENTS = new Set((
  'a abbr address area article aside audio b bdi bdo big blockquote br button caption center cite code col colgroup data dd del details ' +
  'dfn div dl dt em fieldset figcaption figure font footer h1 h2 h3 h4 h5 h6 header hgroup hr i img input ins kbd label legend li main map ' +
  'mark menu meter nav ol optgroup option output p picture pre progress q rb rp rt rtc ruby s samp section select small source span strike ' +
  'strong style sub summary sup table tbody td textarea tfoot th thead time tr track tt u ul var video wbr ' +
  // SVG (no scripting, animation or foreign content)
  'svg g path circle ellipse line polyline polygon rect text tspan textpath defs symbol use lineargradient radialgradient stop clippath ' +
  'mask pattern marker desc image filter fegaussianblur feoffset feblend feflood fecomposite femerge femergenode fecolormatrix ' +
  // MathML (annotation-xml can carry HTML: left out)
  'math mi mo mn ms mtext mrow msup msub msubsup mfrac msqrt mroot mtable mtr mtd mspace mstyle semantics annotation mover munder ' +
  'munderover menclose mpadded mphantom merror mlabeledtr'
).split(' '));
const DOCUMENT_ELEMENTS = new Set(['html', 'head', 'body', 'title', 'meta']);
/** Dropped together with everything inside them. */
const DROP_WITH_CONTENT = new Set(['script', 'noscript', 'template', 'object', 'embed', 'applet', 'frame', 'frameset', 'noframes', 'noembed',
  'iframe', 'xmp', 'plaintext', 'foreignobject', 'annotation-xml', 'animate', 'set', 'animatemotion', 'animatetransform', 'discard', 'base',
  'head-title', 'portal', 'fencedframe']);
/** The browser reads these as raw text up to the first closing tag (no nesting). */
const RAW_TEXT_SKIP = new Set(['script', 'noscript', 'iframe', 'noframes', 'noembed', 'xmp', 'style', 'textarea', 'title', 'plaintext']);
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);
/** URL attributes a browser may navigate to or submit to: web, mail, fragment or relative only. */
const URL_ATTRS = new Set(['href', 'xlink:href', 'cite', 'action', 'formaction', 'background', 'longdesc', 'usemap', 'manifest', 'codebase', 'data', 'icon', 'profile', 'itemtype', 'itemid']);
/** Attributes that load a resource: also raster image data. */
const RESOURCE_ATTRS = new Set(['src', 'poster']);
/**
 * The one attribute allow-list, for every source (the post's raw HTML, layouts and includes, kramdown's
 * `{: …}` attribute lists, markdown-it's own output): everything not named here (and not `data-*`,
 * `aria-*`) is dropped, so `on*` handlers, `srcdoc`, `formaction`, `srcset`, `http-equiv`, SVG animation
 * attributes and anything a future browser invents never reach the page.
 */
const ALLOWED_ATTRS = new Set((
  // global and text
  'id class style title lang dir hidden tabindex role translate accesskey draggable spellcheck slot part itemscope itemprop itemtype itemid itemref ' +
  'xml:lang xml:space xmlns ' +
  // links, media, images, tables, lists, forms (inert: inputs are disabled, buttons are type=button)
  'href hreflang rel target download type alt src poster width height loading decoding controls autoplay loop muted playsinline preload ' +
  'kind srclang label default usemap ismap coords shape crossorigin referrerpolicy ' +
  'align valign bgcolor border cellpadding cellspacing colspan rowspan headers scope abbr axis nowrap char charoff frame rules span summary ' +
  'start reversed value cite datetime open checked disabled readonly selected multiple placeholder rows cols wrap for max min low high optimum step ' +
  'size color face clear noshade compact content charset property media ' +
  // SVG presentation and geometry
  'viewbox preserveaspectratio version x y x1 y1 x2 y2 cx cy r rx ry fx fy d points pathlength transform fill fill-opacity fill-rule clip-rule ' +
  'stroke stroke-width stroke-linecap stroke-linejoin stroke-dasharray stroke-dashoffset stroke-opacity stroke-miterlimit opacity ' +
  'font-family font-size font-weight font-style text-anchor dominant-baseline alignment-baseline baseline-shift letter-spacing word-spacing ' +
  'text-decoration writing-mode display visibility overflow color-interpolation-filters clip-path clip mask marker-start marker-mid marker-end ' +
  'markerwidth markerheight markerunits refx refy orient gradientunits gradienttransform spreadmethod offset stop-color stop-opacity ' +
  'patternunits patterncontentunits patterntransform maskunits maskcontentunits clippathunits filterunits primitiveunits filter ' +
  'stddeviation dx dy rotate lengthadjust textlength startoffset method spacing in in2 result mode operator k1 k2 k3 k4 values flood-color flood-opacity ' +
  'vector-effect shape-rendering text-rendering image-rendering paint-order focusable xlink:href xlink:title ' +
  // MathML (KaTeX's and hand-written)
  'mathvariant mathsize mathcolor mathbackground displaystyle scriptlevel encoding stretchy fence separator separators lspace rspace accent accentunder ' +
  'columnalign rowalign columnspacing rowspacing columnlines rowlines framespacing equalrows equalcolumns notation depth voffset linethickness ' +
  'bevelled minsize maxsize largeop movablelimits symmetric columnspan side form'
).split(' '));
const ATTR_NAME = /^[a-z_:][a-z0-9_:.-]*$/;
/** Attributes that are on the list for some elements only. */
const ELEMENT_ONLY: Record<string, ReadonlySet<string>> = {
  // `values` animates in SMIL; only the colour matrix filter uses it statically.
  values: new Set(['fecolormatrix']),
  // `form` ties a control to a form elsewhere (and MathML's `form` is an operator's prefix/infix).
  form: new Set(['mo']),
  content: new Set(['meta']), charset: new Set(['meta']), property: new Set(['meta']),
  // `name` on img, form, embed, object, iframe would shadow `document.<name>` (DOM clobbering of the preview's script).
  name: new Set(['a', 'meta', 'map']),
};

// eslint-disable-next-line no-control-regex
const URL_IGNORED = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g;

/**
 * The scheme of a URL as a browser reads it: control and space characters anywhere are ignored
 * (`java\tscript:`), HTML entities were already decoded by the tokenizer (`&#106;avascript:`), and a
 * percent-encoded scheme is not a scheme (`%6Aavascript:` is a relative path).
 */
function schemeOf(url: string): string | undefined {
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(URL_IGNORED, ''));
  return m ? m[1].toLowerCase() : undefined;
}

/** Links may go to the web, mail, a fragment or a relative path; never to script or data. */
export function safeLinkUrl(url: string): boolean {
  const s = schemeOf(url);
  return s === undefined || s === 'http' || s === 'https' || s === 'mailto' || s === 'tel';
}

/** Images and media may also be inline raster data (not SVG: an SVG document can carry script). */
export function safeResourceUrl(url: string): boolean {
  const s = schemeOf(url);
  if (s === undefined || s === 'http' || s === 'https') return true;
  return s === 'data' && /^data:image\/(png|gif|jpe?g|webp|avif|bmp|x-icon)[;,]/i.test(url.replace(URL_IGNORED, ''));
}

export interface AttributeGate {
  /** Resolves `url(…)` in `style` (see HtmlPolicy.resource). */
  resource?: HtmlPolicy['resource'];
}

/**
 * The one attribute gate: the allow-list, the URL scheme check and the CSS filter. Returns the value
 * to write (unescaped; the caller escapes it) or undefined to drop the attribute. `src`/`poster` of
 * media get their site mapping from the caller first; here they get the scheme check only.
 */
export function cleanAttribute(element: string, name: string, value: string, gate: AttributeGate = {}): string | undefined {
  const k = name.toLowerCase();
  // Every block of a post carries one: what the checks below would give, without them.
  if (k === 'data-line' && isDigits(value)) return value;
  if (!ATTR_NAME.test(k) || k.startsWith('on')) return undefined;
  const only = ELEMENT_ONLY[k];
  if (only ? !only.has(element) : !(ALLOWED_ATTRS.has(k) || /^(data|aria)-[a-z0-9_.-]+$/.test(k))) return undefined;
  if (k === 'style') return cleanCss(value, gate.resource);
  if (RESOURCE_ATTRS.has(k)) return safeResourceUrl(value) ? value : undefined;
  if (k === 'href' || k === 'xlink:href') {
    // SVG's <use>/<image> load what href names: only a fragment of this page or a safe image.
    if (element === 'use') return value.trim().startsWith('#') ? value : undefined;
    if (element === 'image') return safeResourceUrl(value) ? value : undefined;
  }
  if (URL_ATTRS.has(k)) return safeLinkUrl(value) ? value : undefined;
  // SVG paint and effect references (`fill="url(#g)"`) may point inside the page only.
  if (/url\s*\(/i.test(value) && [...value.matchAll(/url\s*\(\s*['"]?\s*([^'")\s]*)/gi)].some((m) => !m[1].startsWith('#'))) return undefined;
  if (k === 'type' && element === 'input' && !/^(checkbox|radio|text|number|range|color|date)$/i.test(value)) return 'checkbox';
  return value;
}

function isDigits(s: string): boolean {
  if (!s) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return true;
}

/** `attrs` through cleanAttribute, as HTML (` k="v"`…); the first of a repeated name wins, like a browser. */
export function attributesHtml(element: string, attrs: Iterable<readonly [string, string]>, gate: AttributeGate = {}, skip: readonly string[] = []): string {
  let out = '';
  const seen = new Set<string>(skip);
  for (const [name, raw] of attrs) {
    const k = name.toLowerCase();
    if (seen.has(k)) continue;
    seen.add(k);
    const v = cleanAttribute(element, k, String(raw), gate);
    if (v !== undefined) out += ` ${k}="${escapeHtml(v)}"`;
  }
  return out;
}

/**
 * CSS escapes undone where they spell a name (`@\69mport`, `u\rl(`, `\65xpression`): what the browser
 * reads. Escapes of punctuation stay escapes (`url\28` is an identifier, not a function), and so do
 * quotes, backslashes and line breaks (they would end a string).
 */
function canonicalCss(css: string): string {
  return css.replace(/\\(?:([0-9a-f]{1,6})(?:\r\n|[ \t\n\r\f])?|([\s\S]))/gi, (all, hex: string | undefined, ch: string | undefined) => {
    if (ch === '\n') return ''; // a line continuation in a string
    const c = hex !== undefined ? (() => { const cp = parseInt(hex, 16); return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\ufffd'; })() : ch ?? '';
    if (/^[a-z0-9_-]$/i.test(c) || c.codePointAt(0)! >= 0x80) return c;
    return hex !== undefined ? `\\${hex} ` : all;
  });
}

/** Comments out (they separate tokens: a space), strings kept as they are. */
function withoutComments(css: string): string {
  return css.replace(/("(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*')|\/\*[\s\S]*?(?:\*\/|$)/g, (_all, str: string | undefined) => str ?? ' ');
}

/** `image-set("a.png" 1x)` loads its strings like `url()`s: written as url()s, they go through the same resolver. */
function imageSetUrls(css: string): string {
  return css.replace(/((?:-webkit-)?image-set\()((?:[^()]|\([^()]*\))*)\)/gi, (_all, fn: string, args: string) =>
    fn + args.replace(/(^|,)(\s*)("(?:[^"\\\n]|\\[\s\S])*"|'(?:[^'\\\n]|\\[\s\S])*')/g, (_m, sep: string, ws: string, str: string) => `${sep}${ws}url(${str})`) + ')');
}

/**
 * The CSS filter, for `style` attributes and `<style>` elements: escapes decoded and comments removed
 * before anything is matched; every `url(…)` (and `image-set` string) goes through `resource` (a site
 * file, a missing or blocked image → `none`); script URLs, `expression()`, `-moz-binding`, `behavior`
 * and `@import` are neutralised; `<` cannot end the element.
 */
export function cleanCss(css: string, resource?: HtmlPolicy['resource']): string {
  // A site file the resolver mapped is ours; any other url() must be the web's or raster image data.
  const c = mapCssUrls(imageSetUrls(withoutComments(canonicalCss(css))), (u) => {
    const r = resource?.(u);
    if (r && 'missing' in r) return { none: true };
    if (r && r.src !== u) return { url: r.src };
    return safeResourceUrl(u) ? undefined : { none: true };
  });
  return c
    .replace(/expression\s*\(/gi, 'x(')
    .replace(/(?<![\w.#-])(?:java|vb|live)script\s*:/gi, 'x:') // not a selector's `.language-javascript:hover`
    .replace(/-moz-binding|behavior\s*:/gi, 'x-')
    .replace(/@import/gi, '@x-import')
    .replace(/</g, '\\3c ');
}

/** The CSS filter without a resolver (kept for callers of the old name). */
export function safeCss(css: string): string {
  return cleanCss(css);
}

interface Open { name: string; emitted: boolean }

/** Sanitizes an HTML fragment or document. Unbalanced fragments stay unbalanced (the open tag of a `markdown="1"` block). */
export function sanitizeHtml(html: string, policy: HtmlPolicy = {}): string {
  let out = '';
  let tagName = '';
  let isClose = false;
  let attrs: Array<[string, string]> = [];
  let attrName = '';
  let attrValue = '';
  let skip: string | undefined; // inside a dropped raw-text element: the name that ends it
  let skipDepth = 0;
  let skipName = '';
  let rawText: string | undefined; // inside an allowed raw-text element (style, textarea, title)
  let rawBuf = '';
  let dataLine = policy.dataLine;
  const stack: Open[] = [];
  // `url(…)` in a style attribute or element: a site file like `src`; a missing or blocked image becomes
  // `none` (no request the page would fail on), anything else as written (`data:`, fragments).
  const gate: AttributeGate = { resource: policy.resource };
  const styleCss = (css: string) => cleanCss(css, policy.resource);

  const marker = policy.marker;
  const emitText = (t: string) => {
    if (skip !== undefined || skipDepth > 0) return;
    if (marker && t.includes(marker)) policy.onMarker?.(rawText !== undefined ? 'raw' : stack.some((o) => o.emitted && (o.name === 'svg' || o.name === 'math')) ? 'foreign' : 'text');
    if (rawText !== undefined) rawBuf += t;
    else out += t.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
  };

  const openTag = (selfClosing: boolean) => {
    const name = tagName.toLowerCase();
    if (skipDepth > 0) {
      if (name === skipName && !selfClosing) skipDepth++;
      return;
    }
    if (skip !== undefined) return;
    const a = new Map<string, string>();
    for (const [k, v] of attrs) if (!a.has(k)) a.set(k, v);

    if (name === 'iframe') {
      const src = a.get('src') ?? '';
      const embed = iframeEmbed(src);
      if (embed?.frameable && policy.allowEmbeds) {
        const keep = ['width', 'height', 'title', 'allow', 'allowfullscreen', 'frameborder', 'loading', 'referrerpolicy']
          .filter((k) => a.has(k)).map((k) => ` ${k}="${escapeHtml(a.get(k) ?? '')}"`).join('');
        out += `<iframe src="${escapeHtml(src.replace(/^\/\//, 'https://'))}"${keep} sandbox="allow-scripts allow-same-origin allow-presentation allow-popups"></iframe>`;
      } else if (embed) out += embedCard(embed, a.get('title'));
      if (!selfClosing) skip = 'iframe';
      return;
    }
    if (name === 'script') {
      const src = a.get('src') ?? '';
      const gist = gistEmbed(src);
      if (gist) out += embedCard(gist, undefined);
      else if (src.trim() && policy.script) {
        // Only external files of the site, deferred (in order, after the page is parsed); inline bodies never.
        const type = (a.get('type') ?? '').trim().toLowerCase();
        const module = type === 'module';
        const url = module || type === '' || /^(text|application)\/(x-)?(java|ecma)script$/.test(type) ? policy.script(src) : undefined;
        if (url !== undefined) out += `<script src="${escapeHtml(url)}"${module ? ' type="module"' : ' defer'}></script>`;
      }
      if (!selfClosing) skip = 'script';
      return;
    }
    if (policy.inline && RAW_TEXT_SKIP.has(name)) return;
    if (name === 'link') {
      if (/\bstylesheet\b/i.test(a.get('rel') ?? '') && a.get('href')) policy.onStylesheet?.(a.get('href') ?? '');
      return;
    }
    if (DROP_WITH_CONTENT.has(name) || (name === 'title' && !policy.document)) {
      if (selfClosing || VOID.has(name)) return;
      if (RAW_TEXT_SKIP.has(name)) skip = name;
      else { skipName = name; skipDepth = 1; }
      return;
    }
    const allowed = ELEMENTS.has(name) || (policy.document && DOCUMENT_ELEMENTS.has(name));
    if (!allowed) {
      // Unknown and custom elements: their children stay, the tag goes.
      if (!selfClosing && !VOID.has(name)) stack.push({ name, emitted: false });
      if (name === 'style' || name === 'textarea' || name === 'title') skip = name;
      return;
    }
    if (name === 'meta' && (a.has('http-equiv') || !(a.has('charset') || a.has('name') || a.has('property')))) return;

    let attrHtml = '';
    let resourceMissing: string | undefined;
    let resourceBlocked: BlockedImage | undefined;
    for (const [k, raw] of a) {
      let v: string | undefined = raw;
      if (RESOURCE_ATTRS.has(k) || ((k === 'href' || k === 'xlink:href') && name === 'image')) {
        const r = policy.resource?.(v);
        if (r && 'missing' in r) { resourceMissing = r.missing; resourceBlocked = r.blocked; continue; }
        // A site file the host mapped (its own URL) is trusted; anything else goes through the gate.
        if (r && r.src !== v.trim()) { attrHtml += ` ${k}="${escapeHtml(r.src)}"`; continue; }
      }
      v = cleanAttribute(name, k, v, gate);
      if (v === undefined) continue;
      if (marker && v.includes(marker)) policy.onMarker?.('attribute');
      attrHtml += ` ${k}="${escapeHtml(v)}"`;
    }
    if (name === 'img' && resourceMissing !== undefined) {
      out += missingImage(resourceMissing, a.get('alt'), resourceBlocked);
      return;
    }
    if (name === 'a' && /^_blank$/i.test(a.get('target') ?? '') && !a.has('rel')) attrHtml += ' rel="noopener noreferrer"';
    if (name === 'input' && !a.has('disabled')) attrHtml += ' disabled="disabled"';
    if (name === 'button') attrHtml = attrHtml.replace(/ type="[^"]*"/, '') + ' type="button"';
    if (dataLine !== undefined && stack.every((s) => !s.emitted)) {
      if (!a.has('data-line')) attrHtml += ` data-line="${dataLine}"`;
      dataLine = undefined;
    }
    const isVoid = VOID.has(name);
    out += `<${name}${attrHtml}${isVoid || (selfClosing && !isHtmlContainer(name)) ? ' />' : '>'}`;
    if (selfClosing && isHtmlContainer(name)) out += `</${name}>`;
    else if (!isVoid && !selfClosing) {
      stack.push({ name, emitted: true });
      if (name === 'style' || name === 'textarea' || name === 'title') { rawText = name; rawBuf = ''; }
    }
  };

  const closeTag = () => {
    const name = tagName.toLowerCase();
    if (policy.inline && RAW_TEXT_SKIP.has(name)) return;
    if (skipDepth > 0) {
      if (name === skipName) skipDepth--;
      return;
    }
    if (skip !== undefined) {
      if (name === skip) skip = undefined;
      return;
    }
    if (rawText !== undefined && name === rawText) {
      out += rawText === 'style' ? styleCss(rawBuf) : rawBuf.replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'));
      rawText = undefined;
    }
    // Close what we opened; a closing tag with no opener here (the other half of a split block) is kept if allowed.
    for (let i = stack.length - 1; i >= 0; i--) {
      if (stack[i].name !== name) continue;
      const [open] = stack.splice(i, 1);
      if (open.emitted) out += `</${name}>`;
      return;
    }
    if (!VOID.has(name) && (ELEMENTS.has(name) || (policy.document && DOCUMENT_ELEMENTS.has(name)))) out += `</${name}>`;
  };

  const tokenizer = new Tokenizer({ decodeEntities: true }, {
    ontext(start, end) { emitText(html.slice(start, end)); },
    ontextentity(cp) { emitText(String.fromCodePoint(cp)); },
    onopentagname(start, end) { tagName = html.slice(start, end); isClose = false; attrs = []; },
    onclosetag(start, end) { tagName = html.slice(start, end); isClose = true; closeTag(); },
    onattribname(start, end) { attrName = html.slice(start, end).toLowerCase(); attrValue = ''; },
    onattribdata(start, end) { attrValue += html.slice(start, end); },
    onattribentity(cp) { attrValue += String.fromCodePoint(cp); },
    onattribend() { attrs.push([attrName, attrValue]); },
    onopentagend() { if (!isClose) openTag(false); },
    onselfclosingtag() { if (!isClose) openTag(true); },
    oncomment() { /* comments are dropped */ },
    oncdata(start, end) { emitText(html.slice(start, end)); },
    ondeclaration(start, end) {
      if (policy.document && /^!?doctype html/i.test(html.slice(start, end).trim())) out += '<!DOCTYPE html>';
    },
    onprocessinginstruction() { /* dropped */ },
    onend() { /* nothing pending */ },
  });
  tokenizer.write(html);
  tokenizer.end();
  if (rawText !== undefined) out += rawText === 'style' ? styleCss(rawBuf) : escapeHtml(rawBuf);
  return out;
}

/** Elements that must not be written self-closed in HTML (`<div/>` would stay open). */
function isHtmlContainer(name: string): boolean {
  return !VOID.has(name) && !/^(svg|g|path|circle|ellipse|line|polyline|polygon|rect|text|tspan|textpath|defs|symbol|use|lineargradient|radialgradient|stop|clippath|mask|pattern|marker|desc|image|filter|fe\w+|math|m\w+|semantics|annotation)$/.test(name);
}

/** The visible stand-in of an image that is not shown: missing in the site, or (`blocked`) a remote one not loaded. */
export function missingImage(path: string, alt?: string, blocked?: BlockedImage): string {
  const title = blocked === 'remote' ? t('Remote images are turned off (techblog.preview.remoteImages): {0}', path)
    : blocked === 'insecure' ? t('Insecure http: image not loaded (the preview loads https: images only): {0}', path)
      : t('Image not found: {0}', path);
  const label = blocked ? t('Remote image not loaded: {0}', path) : t('Missing image: {0}', path);
  return `<span class="techblog-missing-image${blocked ? ' techblog-blocked-image' : ''}" title="${escapeHtml(title)}">` +
    `<span class="techblog-missing-image-label">${escapeHtml(label)}</span>${alt ? ` <span class="techblog-missing-image-alt">(${escapeHtml(alt)})</span>` : ''}</span>`;
}
