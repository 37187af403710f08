// ./previewChunk.ts in the web bundle. VS Code's web worker extension host gives an extension a `require` that
// knows only `vscode`, and no file a bundle could require: the preview's bundle (dist/web/preview.js) and Dart
// Sass's browser build (dist/sass.js, the desktop's too, on the first .scss) are read from the extension's folder — through
// `workspace.fs`, or `fetch` where the extension is served over https (vscode.dev) — and run as CommonJS
// modules the way the host runs dist/web/extension.js itself.
import * as vscode from 'vscode';
import type * as Entry from './previewEntry';
import type { SassModule } from '../../core/render/theme/sassModule';
import { readExtensionFile } from '../util/extensionFile';

export type PreviewEntry = typeof Entry;

const chunks = new Map<string, Promise<unknown>>();

/** Runs `<name>` (a path under the extension's folder) once, as a CommonJS module whose one import is `vscode`, and gives its exports. */
export function loadChunk(extensionUri: vscode.Uri, name: string): Promise<unknown> {
  let p = chunks.get(name);
  if (!p) {
    const uri = vscode.Uri.joinPath(extensionUri, ...name.split('/'));
    p = readExtensionFile(uri).then((bytes) => {
      const text = new TextDecoder().decode(bytes);
      const module = { exports: {} as unknown };
      const require = (id: string): unknown => {
        if (id === 'vscode') return vscode;
        throw new Error(`${name} cannot load module '${id}' in the web extension host`);
      };
      // The same evaluation the web extension host gives the extension's own bundle.
      new Function('module', 'exports', 'require', `${text}\n//# sourceURL=${uri.toString(true)}`)(module, module.exports, require);
      return module.exports;
    });
    p.catch(() => chunks.delete(name));
    chunks.set(name, p);
  }
  return p;
}

export async function loadPreviewEntry(extensionUri: vscode.Uri): Promise<PreviewEntry> {
  const entry = (await loadChunk(extensionUri, 'dist/web/preview.js')) as PreviewEntry;
  entry.provideSass(async () => (await loadChunk(extensionUri, 'dist/sass.js')) as SassModule);
  return entry;
}
