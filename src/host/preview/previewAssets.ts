// The preview page's own script, read once from the extension's media/ folder and inlined into every
// page (see previewPage in previewHtml.ts for why it is not loaded as a webview resource).
import * as vscode from 'vscode';
import { readExtensionFile } from '../util/extensionFile';

export class PreviewAssets {
  private scriptText: Promise<string> | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** media/preview.js (built by scripts/build.mjs from src/webview/preview.ts). */
  script(): Promise<string> {
    this.scriptText ??= readExtensionFile(vscode.Uri.joinPath(this.extensionUri, 'media', 'preview.js'))
      .then((bytes) => new TextDecoder().decode(bytes));
    // A failed read is tried again with the next page.
    this.scriptText.catch(() => { this.scriptText = undefined; });
    return this.scriptText;
  }
}
