// The minimal page of content mode (before and after the body), using the class names most Jekyll
// themes style, so the site's CSS still applies to a post shown without its layouts.
import { escapeHtml } from '../escape';

/** The page around a body in content mode: `[before, after]`; `lang` from the site config, if it sets one. */
export function contentFrame(raw: Record<string, unknown>, docTitle: string): [string, string] {
  const lang = typeof raw.lang === 'string' ? ` lang="${escapeHtml(raw.lang)}"` : '';
  const title = escapeHtml(docTitle);
  return [`<!DOCTYPE html>\n<html${lang}>\n<head>\n<meta charset="utf-8">\n<title>${title}</title>\n</head>\n<body class="techblog-content-mode">\n` +
    `<main class="page-content"><div class="wrapper"><article class="post"><header class="post-header"><h1 class="post-title">${title}</h1></header>\n` +
    `<div class="post-content">\n`, `</div></article></div></main>\n</body>\n</html>\n`];
}
