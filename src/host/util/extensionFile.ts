// A file of the extension itself (media/, dist/web/): through `workspace.fs`, or `fetch` where the extension
// is served over http(s) — vscode.dev and github.dev load web extensions from the Marketplace's CDN, a scheme
// no file system provider serves.
import * as vscode from 'vscode';

export async function readExtensionFile(uri: vscode.Uri): Promise<Uint8Array> {
  if (uri.scheme === 'http' || uri.scheme === 'https') {
    const response = await fetch(uri.toString(true));
    if (!response.ok) throw new Error(`${uri.toString(true)}: HTTP ${response.status}`);
    return new Uint8Array(await response.arrayBuffer());
  }
  return vscode.workspace.fs.readFile(uri);
}
