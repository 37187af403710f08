// The preview's own bundle, loaded on the first preview: on the desktop dist/preview.js (scripts/build.mjs
// maps this import to a require of it); the web bundle uses ./previewChunk.web.ts (dist/web/preview.js).
import type * as vscode from 'vscode';
import type * as Entry from './previewEntry';

export type PreviewEntry = typeof Entry;

export function loadPreviewEntry(_extensionUri: vscode.Uri): Promise<PreviewEntry> {
  return import('./previewEntry');
}
