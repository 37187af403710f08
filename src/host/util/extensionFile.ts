// A file of the extension itself (media/, snippets/, dist/web/): from the extension host's disk with Node where
// the extension is on it (every desktop and remote extension host: it loaded its code from there), else
// through `workspace.fs`, or `fetch` where the extension is served over http(s) — vscode.dev and github.dev
// load web extensions from the Marketplace's CDN, a scheme no file system provider serves.
// Through `workspace.fs`, a read travels to the window and back: in code-server, reading media/preview.js
// (36 KB) for a cold first preview took 0.4–1.1 s while the window was busy opening the panel.
import type * as vscode from 'vscode';
import { readWorkspaceFile } from './localDisk';

export async function readExtensionFile(uri: vscode.Uri): Promise<Uint8Array> {
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`${uri.toString(true)}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  return readWorkspaceFile(uri);
}
