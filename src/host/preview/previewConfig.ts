import * as vscode from 'vscode';
import type { PreviewMode } from '../../core/protocol/previewMessages';

/** The `techblog.preview.*` settings. */
export interface PreviewConfig {
  mode: PreviewMode;
  allowEmbeds: boolean;
  scrollSync: boolean;
  lockToDocument: boolean;
}

export function previewConfig(resource?: vscode.Uri): PreviewConfig {
  const c = vscode.workspace.getConfiguration('techblog.preview', resource);
  return {
    mode: c.get<string>('mode') === 'content' ? 'content' : 'site',
    allowEmbeds: c.get<boolean>('allowEmbeds', false) === true,
    scrollSync: c.get<boolean>('scrollSync', true) !== false,
    lockToDocument: c.get<boolean>('lockToDocument', false) === true,
  };
}

/** Documents the preview can show: Markdown with a file behind it (not untitled buffers). */
export function isPreviewable(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && doc.uri.scheme !== 'untitled';
}
