import * as vscode from 'vscode';
import type { WorkspaceSites } from '../site/workspaceSites';
import type { Log } from '../util/log';
import type { ImageOptimiser } from '../images/imageOptimiser';
import { asPastedEditKind, ImagePasteProvider, imageMimeTypes, pasteEditKinds } from './imagePasteProvider';

/**
 * Ctrl+V and drop of images into Markdown (issue 4). Our edits come before the built-in Markdown
 * image paste without any setting: VS Code asks extension providers before built-in ones of the same
 * selector score, and none of our edits yields to `markdown.link.image` (see README-paste.md).
 */
export function registerImagePaste(sites: WorkspaceSites, log: Log, optimiser?: ImageOptimiser, onPasted?: () => void): vscode.Disposable {
  const provider = new ImagePasteProvider(sites, log, { optimiser }).watchEditors();
  const selector: vscode.DocumentSelector = { language: 'markdown' };
  const kinds = [...Object.values(pasteEditKinds), asPastedEditKind];
  return vscode.Disposable.from(
    provider,
    provider.onDidApplyEdit(() => onPasted?.()),
    vscode.languages.registerDocumentPasteEditProvider(selector, provider, { providedPasteEditKinds: kinds, pasteMimeTypes: imageMimeTypes }),
    vscode.languages.registerDocumentDropEditProvider(selector, provider, { providedDropEditKinds: kinds, dropMimeTypes: imageMimeTypes }),
  );
}
