// The entry of dist/preview.js: everything the preview needs (the panels, the renderer with Liquid,
// markdown-it/kramdown, KaTeX, the highlighter and the sanitizer) in a bundle of its own, which
// registerPreview loads on the first preview, so opening a Markdown file loads only validation.
// This bundle carries its own copy of src/core/text/l10n: point it at VS Code's display language too.
import * as vscode from 'vscode';
import { setTranslator } from '../../core/text/l10n';
import { PreviewManager } from './previewManager';

/** The web extension hands this bundle its Dart Sass (src/host/preview/previewChunk.web.ts). */
export { provideSass } from '../../core/render/theme/sassModule';

export function createPreviewManager(...args: ConstructorParameters<typeof PreviewManager>): { manager: PreviewManager; dispose(): void } {
  const restoreEnglish = setTranslator((message, ...a) => vscode.l10n.t(message, ...a));
  const manager = new PreviewManager(...args);
  return { manager, dispose: () => { manager.dispose(); restoreEnglish(); } };
}
