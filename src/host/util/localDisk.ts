// Workspace files on the extension host's own disk are read with Node, not through vscode.workspace.fs.
// In a remote window (code-server, Remote-SSH, WSL, a container) the workspace's URIs are `vscode-remote:`
// and every workspace.fs call travels to the window and back to the remote; the extension runs where the
// workspace is (its extensionKind is `workspace`), so the same file is on this disk. Reading `_config.yml`
// that way took 1.4 s in code-server while the window was busy opening a preview, and 1 ms with Node.
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';

/** Where `uri` is on this extension host's disk, or undefined when it is not on it (a virtual file system). */
export function localPath(uri: vscode.Uri): string | undefined {
  if (uri.scheme === 'file') return uri.fsPath;
  if (uri.scheme === 'vscode-remote' && vscode.env.remoteName !== undefined) return uri.with({ scheme: 'file', authority: '' }).fsPath;
  return undefined;
}

/** The bytes of a workspace file (or of the extension's own, ./extensionFile.ts): from this disk when it is on it, else through vscode.workspace.fs. */
export async function readWorkspaceFile(uri: vscode.Uri): Promise<Uint8Array> {
  const local = localPath(uri);
  return local === undefined ? vscode.workspace.fs.readFile(uri) : fsp.readFile(local);
}
