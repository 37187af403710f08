import * as vscode from 'vscode';
import type { PreviewMode } from '../../core/protocol/previewMessages';
import { workspaceTrusted } from '../util/trust';

/** The `techblog.preview.*` settings. */
export interface PreviewConfig {
  mode: PreviewMode;
  allowEmbeds: boolean;
  scrollSync: boolean;
  lockToDocument: boolean;
  /** `https:` images load (default, as in VS Code's Markdown preview); off: the missing-image placeholder. */
  remoteImages: boolean;
  /** The user asks for the site's own scripts; they run only in a trusted workspace (see `siteScriptsRun`). */
  siteScripts: boolean;
}

export function previewConfig(resource?: vscode.Uri): PreviewConfig {
  const c = vscode.workspace.getConfiguration('techblog.preview', resource);
  return {
    mode: c.get<string>('mode') === 'content' ? 'content' : 'site',
    allowEmbeds: c.get<boolean>('allowEmbeds', false) === true,
    scrollSync: c.get<boolean>('scrollSync', true) !== false,
    lockToDocument: c.get<boolean>('lockToDocument', false) === true,
    remoteImages: c.get<boolean>('remoteImages', true) !== false,
    siteScripts: c.get<boolean>('siteScripts', false) === true,
  };
}

/**
 * The render worker's limits (`techblog.preview.renderTimeoutSeconds`, `…renderMemoryLimitMb`): user
 * settings only (machine scope), so a cloned repo's `.vscode/settings.json` cannot raise them.
 */
export function renderLimits(): { timeoutMs: number; memoryMb: number } {
  const c = vscode.workspace.getConfiguration('techblog.preview');
  const seconds = c.get<number>('renderTimeoutSeconds', 10);
  const mb = c.get<number>('renderMemoryLimitMb', 512);
  return {
    timeoutMs: Math.round(1000 * (Number.isFinite(seconds) ? Math.min(300, Math.max(1, seconds)) : 10)),
    memoryMb: Math.round(Number.isFinite(mb) ? Math.min(8192, Math.max(64, mb)) : 512),
  };
}

/** Site scripts run only when asked for and the workspace is trusted (its files are the user's own). */
export function siteScriptsRun(config: PreviewConfig): boolean {
  return config.siteScripts && workspaceTrusted();
}

/** Documents the preview can show: Markdown with a file behind it (not untitled buffers). */
export function isPreviewable(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && doc.uri.scheme !== 'untitled';
}
