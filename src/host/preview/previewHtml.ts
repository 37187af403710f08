// The preview page: the renderer's sanitized document, re-assembled with our Content Security Policy,
// the site's CSS as nonce'd <style> elements, the preview chrome and our one nonce'd script.
// Plain string functions (no vscode), so the CSP and the page shape are easy to read and test.
import type { PreviewSettings } from '../../core/protocol/previewMessages';

import { EMBED_FRAME_SOURCES, resourceDirectives } from '../../core/render/standalone';

/** Hosts a YouTube or Vimeo embed may load from, when the user allows embeds (one list with the standalone page's CSP). */
export { EMBED_FRAME_SOURCES };

/** A fresh nonce (128 random bits): one per panel page, never reused across panels. */
export function newNonce(): string {
  // Web Crypto: the same in Node and in the web worker extension host.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes)).replace(/[+/=]/g, (c) => (c === '+' ? '-' : c === '/' ? '_' : ''));
}

export interface CspOptions {
  /** `webview.cspSource`: the origin of webview resource URIs (our media/, the site's files). */
  cspSource: string;
  /** The nonce of the page's `<style>` elements. */
  nonce: string;
  /** The nonce of our one script (default: `nonce`); apart from the style nonce when site scripts run. */
  scriptNonce?: string;
  allowEmbeds: boolean;
  /** `https:` images may load (default true); `http:` ones never do. */
  remoteImages?: boolean;
  /** Where the site's own scripts may load from (`siteScriptSources`); none: no script but ours. */
  siteScriptSources?: string[];
}

/**
 * `default-src 'none'`; scripts: only our nonce'd script, plus (site scripts on) files under the site's
 * folder — never `'unsafe-eval'`, never `'unsafe-inline'`, never another origin or `'self'`; styles: our
 * files and the nonce'd site CSS (plus `style` attributes, which kramdown/Typora image sizes and KaTeX
 * need — attribute CSS cannot carry a nonce, and it is sanitized by the renderer); images: webview
 * resources, data: and (remote images on) `https:`, like VS Code's Markdown preview (which allows `https:`
 * audio and video too); fonts: webview resources and data:; frames: only
 * YouTube/Vimeo, only when embeds are allowed. No network for scripts (`connect-src 'none'`), no
 * forms, no base URL, no plugins.
 */
export function contentSecurityPolicy({ cspSource, nonce, scriptNonce, allowEmbeds, remoteImages = true, siteScriptSources = [] }: CspOptions): string {
  return [
    "default-src 'none'",
    ['script-src', `'nonce-${scriptNonce ?? nonce}'`, ...siteScriptSources].join(' '),
    `style-src ${cspSource} 'nonce-${nonce}'`,
    `style-src-elem ${cspSource} 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    ...resourceDirectives(cspSource, remoteImages, allowEmbeds),
  ].join('; ') + ';';
}

/**
 * The CSP sources that allow the files under the site's folder and nothing else: each origin of
 * `cspSource` (VS Code's `https://*.vscode-cdn.net`; not `'self'`, which in a browser-hosted VS Code is
 * the workbench's own origin) with the path of the site root's webview URI.
 */
export function siteScriptSources(cspSource: string, siteRootUrl: string): string[] {
  let path: string;
  try {
    path = new URL(siteRootUrl).pathname;
  } catch {
    return [];
  }
  // Characters that would end or split a CSP source expression, encoded (URL paths rarely have them).
  path = path.replace(/[;,'\s]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0'));
  if (!path.endsWith('/')) path += '/';
  return cspSource.split(/\s+/).filter((s) => /^https:\/\/[^/'\s]+$/i.test(s)).map((origin) => origin + path);
}

export interface PageParts {
  /** The `lang` of the page's `<html>` element, if any. */
  lang: string | undefined;
  /** What the layouts put in `<head>` (sanitized: title, meta, style). */
  head: string;
  /** The content of the head's `<title>` element, if any (sanitized HTML text). */
  title?: string;
  /** The whole `<body …>…</body>` element. */
  body: string;
}

/**
 * Splits the renderer's sanitized document. The sanitizer re-writes every tag and escapes `<` in text,
 * attribute values and CSS, so these tags can only be real tags.
 */
export function splitDocument(html: string): PageParts {
  const htmlTag = /<html\b([^>]*)>/i.exec(html);
  const lang = htmlTag ? /\slang="([^"]*)"/i.exec(htmlTag[1])?.[1] : undefined;
  const head = /<head\b[^>]*>([\s\S]*?)<\/head>/i.exec(html)?.[1] ?? '';
  const title = /<title\b[^>]*>([\s\S]*?)<\/title>/i.exec(head)?.[1];
  const bodyStart = html.search(/<body\b[^>]*>/i);
  let body: string;
  if (bodyStart >= 0) {
    const end = html.toLowerCase().lastIndexOf('</body>');
    body = end > bodyStart ? html.slice(bodyStart, end + '</body>'.length) : html.slice(bodyStart) + '</body>';
  } else {
    // A layout without <body>: everything after the head (or the whole output) is the body.
    const afterHead = html.search(/<\/head>/i);
    const rest = afterHead >= 0 ? html.slice(afterHead + '</head>'.length) : html;
    body = `<body>${rest.replace(/<\/?html\b[^>]*>|<!DOCTYPE[^>]*>/gi, '')}</body>`;
  }
  return { lang, head, body, title };
}

/** Gives the page's own `<style>` elements (layouts, posts; already sanitized) the nonce the CSP asks for. */
export function withStyleNonce(html: string, nonce: string): string {
  return html.replace(/<style(?=[\s>])/gi, `<style nonce="${nonce}"`);
}

/** CSS text inside a `<style>` element: it must not be able to close the element. */
export function styleText(css: string): string {
  return css.replace(/<\/(style)/gi, '<\\/$1');
}

export function escapeAttribute(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** The preview's notice bar: the first child of <body>, kept by the webview across patches. */
export const NOTICE_BAR = '<div id="techblog-notices" class="techblog-notices" role="status" hidden></div>';

/** Puts the notice bar right after the `<body …>` tag. */
export function withNoticeBar(body: string): string {
  const m = /^<body\b[^>]*>/i.exec(body);
  return m ? m[0] + NOTICE_BAR + body.slice(m[0].length) : NOTICE_BAR + body;
}

export interface PreviewPageOptions {
  parts: PageParts;
  csp: string;
  nonce: string;
  /** The site's CSS texts, in order. */
  css: string[];
  /** Stylesheets of our own before the site CSS (KaTeX). */
  baseStyles: string[];
  /** Stylesheets of our own after the site CSS (embed cards, placeholders, notice bar). */
  chromeStyles: string[];
  /** The page script's text (media/preview.js), inlined: see `previewPage`. */
  script: string;
  /** The script's nonce (default: `nonce`). */
  scriptNonce?: string;
  settings: PreviewSettings;
}

/** Script text inside `<script>`: it must not be able to close the element or open a comment there. */
export function scriptText(js: string): string {
  return js.replace(/<\/(script)/gi, '<\\/$1').replace(/<!--/g, '<\\!--');
}

/**
 * What a new panel shows while its first rendering is made: a line of text, nothing loaded, nothing run.
 * (It does not make the page come sooner: VS Code readies a new webview — its service worker, about a second
 * in code-server — from the panel's creation, whatever the panel's HTML.)
 */
export function placeholderPage(text: string): string {
  return `<!DOCTYPE html><html><head><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="default-src 'none'"></head><body><p>${escapeAttribute(text)}</p></body></html>`;
}

/**
 * The full page a panel starts with; later renders are sent as messages and patched in place.
 * The script is inline (with the nonce) and comes before every stylesheet: it must not wait for a
 * webview resource. VS Code's webview service worker loses resource requests when several webviews
 * start at once (each registers the worker anew), and a page whose script never loads would never
 * say `ready`, so it would stay on its first rendering.
 */
export function previewPage(o: PreviewPageOptions): string {
  const link = (href: string, extra = '') => `<link rel="stylesheet" href="${escapeAttribute(href)}"${extra}>`;
  return [
    '<!DOCTYPE html>',
    `<html${o.parts.lang !== undefined ? ` lang="${escapeAttribute(o.parts.lang)}"` : ''}>`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(o.csp)}">`,
    `<meta id="techblog-preview-settings" data-settings="${escapeAttribute(JSON.stringify(o.settings))}">`,
    `<script nonce="${o.scriptNonce ?? o.nonce}" data-techblog-preview>${scriptText(o.script)}</script>`,
    withStyleNonce(o.parts.head.replace(/<meta charset="[^"]*"\s*\/?>/gi, ''), o.nonce),
    ...o.baseStyles.map((href) => link(href)),
    ...o.css.map((css) => `<style nonce="${o.nonce}" data-techblog-site-css>\n${styleText(css)}\n</style>`),
    ...o.chromeStyles.map((href) => link(href, ' data-techblog-chrome')),
    '</head>',
    withNoticeBar(withStyleNonce(o.parts.body, o.nonce)),
    '</html>',
    '',
  ].join('\n');
}
