// A rendered page as one self-contained HTML file: the CSS inlined as <style> elements, and the same
// Content-Security-Policy as the preview as its first <head> element, so even a sanitizer miss cannot
// run script or reach the network when someone opens the file.
import type { RenderResult } from './types';

/** Where YouTube and Vimeo frames come from (the preview's list; frames only when embeds are allowed). */
export const EMBED_FRAME_SOURCES = [
  'https://www.youtube.com', 'https://youtube.com', 'https://m.youtube.com',
  'https://www.youtube-nocookie.com', 'https://youtube-nocookie.com', 'https://player.vimeo.com',
];

export interface StandaloneOptions {
  /** Remote (`https:`) images were left in the page (the preview's remoteImages policy). Default true. */
  remoteImages?: boolean;
  /** YouTube/Vimeo iframes were kept as frames. */
  allowEmbeds?: boolean;
}

/**
 * The standalone page's policy: the preview's, with the file's folder (`'self'`, and `file:` when it is
 * opened from disk) standing in for the webview's resource origin. No script at all (the page needs
 * none: math is typeset ahead), inline `<style>` only (the CSS is inlined), no connections, forms,
 * plugins or base URL.
 */
export function standaloneCsp({ remoteImages = true, allowEmbeds = false }: StandaloneOptions = {}): string {
  return ["default-src 'none'", "script-src 'none'", "style-src 'unsafe-inline'", ...resourceDirectives("'self' file:", remoteImages, allowEmbeds)].join('; ') + ';';
}

/**
 * The directives every page we write shares (the preview's and the standalone page's): images, fonts and
 * media from `local` (and `data:` images and fonts; `https:` images and media when remote images are
 * allowed), frames of the embed hosts only when embeds are allowed, and no connections, workers,
 * manifests, objects, `<base>` or form targets.
 */
export function resourceDirectives(local: string, remoteImages: boolean, allowEmbeds: boolean): string[] {
  return [
    `img-src ${local} data:${remoteImages ? ' https:' : ''}`,
    `font-src ${local} data:`,
    `media-src ${local}${remoteImages ? ' https:' : ''}`,
    `frame-src ${allowEmbeds ? EMBED_FRAME_SOURCES.join(' ') : "'none'"}`,
    "connect-src 'none'",
    "worker-src 'none'",
    "manifest-src 'none'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
}

function cspMeta(options: StandaloneOptions): string {
  return `<meta http-equiv="Content-Security-Policy" content="${standaloneCsp(options).replace(/"/g, '&quot;')}">`;
}

/** `result.html` with `styles` (theme CSS first, then any extra sheets) inlined into its <head>, after the CSP. */
export function standaloneHtml(result: Pick<RenderResult, 'html' | 'css'>, extraCss: string[] = [], options: StandaloneOptions = {}): string {
  const styles = [...result.css, ...extraCss]
    .map((css) => `<style>\n${css.replace(/<\/style/gi, '<\\/style')}\n</style>`)
    .join('\n');
  const meta = cspMeta(options);
  const html = result.html;
  // The policy holds from where it appears on: it goes first in <head>, before anything of the page.
  const headOpen = /<head(?:\s[^>]*)?>/i.exec(html);
  const head = html.search(/<\/head>/i);
  if (headOpen && head > headOpen.index) {
    const at = headOpen.index + headOpen[0].length;
    return html.slice(0, at) + '\n' + meta + html.slice(at, head) + styles + '\n' + html.slice(head);
  }
  const body = html.search(/<body[\s>]/i);
  if (body >= 0) return html.slice(0, body) + `<head>${meta}${styles}</head>\n` + html.slice(body);
  return `<!DOCTYPE html>\n<html><head>${meta}<meta charset="utf-8">${styles}</head><body>${html}</body></html>\n`;
}
