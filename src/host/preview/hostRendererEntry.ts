// The entry of dist/hostRenderer.js: the renderer (markdown-it/kramdown, Liquid, KaTeX, the highlighter, the
// sanitizer, Sass on demand) for the extension host itself. On the desktop a site on disk renders in the render
// worker (its own bundle), so the host needs this only for a virtual workspace and to follow a link in the
// preview (which post a URL is): ./hostRendererChunk.ts loads it then, and the preview's bundle stays small.
// This bundle carries its own copy of src/core/text/l10n: point it at VS Code's display language too.
import * as vscode from 'vscode';
import { SiteRenderer } from '../../core/render/renderer';
import { setTranslator } from '../../core/text/l10n';

setTranslator((message, ...a) => vscode.l10n.t(message, ...a));

export function openSiteRenderer(...args: Parameters<typeof SiteRenderer.open>): ReturnType<typeof SiteRenderer.open> {
  return SiteRenderer.open(...args);
}
