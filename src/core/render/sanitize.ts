// The preview's HTML gate: every tag of the post's raw HTML and of the layouts is re-written from a
// tokenized form, so what the webview parses is exactly what we checked. Elements are allow-listed;
// scripts, handlers (`on*`), `javascript:` URLs, `srcdoc`, SVG animation and foreign-object tricks
// are dropped; iframes and gist scripts become cards; resource URLs are resolved to site files.
import { Tokenizer } from 'htmlparser2';
import { embedCard, gistEmbed, iframeEmbed } from './embeds';
import { escapeHtml } from './highlight';
import { t } from '../text/l10n';
import { mapCssUrls } from './cssUrls';

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
const URL_ATTRS = new Set(['href', 'xlink:href', 'cite', 'action', 'formaction', 'background', 'longdesc', 'usemap', 'manifest', 'codebase', 'data', 'icon', 'profile']);
const RESOURCE_ATTRS = new Set(['src', 'poster']);
const DENIED_ATTRS = new Set(['srcdoc', 'formaction', 'action', 'background', 'dynsrc', 'lowsrc', 'ping', 'http-equiv', 'is', 'srcset', 'sizes',
  'autofocus', 'nonce', 'integrity', 'markdown', 'sandbox', 'allow', 'contenteditable', 'form', 'formmethod', 'formtarget', 'xmlns:xlink',
  'attributename', 'values', 'from', 'to', 'by', 'begin', 'manifest', 'codebase', 'data', 'classid', 'archive']);
const ATTR_NAME = /^[a-z_:][a-z0-9_:.-]*$/;

/** Letters a browser ignores inside a URL scheme (`java\tscript:`). */
function schemeOf(url: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  const m = /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(/[\u0000-\u0020\u007f-\u00a0]/g, ''));
  return m ? m[1].toLowerCase() : undefined;
}

/** Links may go to the web, mail, a fragment or a relative path; never to script or data. */
export function safeLinkUrl(url: string): boolean {
  const s = schemeOf(url);
  return s === undefined || s === 'http' || s === 'https' || s === 'mailto' || s === 'tel';
}

/** Images and media may also be inline raster data. */
export function safeResourceUrl(url: string): boolean {
  const s = schemeOf(url);
  if (s === undefined || s === 'http' || s === 'https') return true;
  return s === 'data' && /^\s*data:image\/(png|gif|jpe?g|webp|avif|bmp|svg\+xml)[;,]/i.test(url);
}

/** CSS in `style` attributes and elements: no script URLs, no legacy script hooks, no imports. */
export function safeCss(css: string): string {
  return css
    .replace(/expression\s*\(/gi, 'x(')
    .replace(/(?:java|vb)script\s*:/gi, 'x:')
    .replace(/-moz-binding|behavior\s*:/gi, 'x-')
    .replace(/@import/gi, '@x-import')
    .replace(/</g, '\\3c ');
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
  const resource = policy.resource;
  const styleCss = (css: string) => safeCss(resource ? mapCssUrls(css, (u) => {
    const r = resource(u);
    if (!r) return undefined;
    if ('missing' in r) return { none: true };
    return r.src !== u ? { url: r.src } : undefined;
  }) : css);

  const emitText = (t: string) => {
    if (skip !== undefined || skipDepth > 0) return;
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
      if (!ATTR_NAME.test(k) || k.startsWith('on') || DENIED_ATTRS.has(k)) continue;
      let v = raw;
      if (k === 'style') v = styleCss(v);
      else if (RESOURCE_ATTRS.has(k) || (k === 'href' && (name === 'image' || name === 'use')) || (k === 'xlink:href' && (name === 'image' || name === 'use'))) {
        if (name === 'use' && !v.trim().startsWith('#')) continue; // <use> may only point inside the page
        const r = policy.resource?.(v);
        if (r && 'missing' in r) { resourceMissing = r.missing; resourceBlocked = r.blocked; continue; }
        // A site file the host mapped (its own URL scheme) is trusted; anything else must be web or image data.
        if (r && r.src !== v.trim()) v = r.src;
        else if (!safeResourceUrl(v)) continue;
      } else if (URL_ATTRS.has(k)) {
        if (!safeLinkUrl(v)) continue;
      }
      if (name === 'input' && k === 'type' && !/^(checkbox|radio|text|number|range|color|date)$/i.test(v)) v = 'checkbox';
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
