// localDisk.ts for the web extension host (scripts/build.mjs puts a `.web.ts` sibling in place of the module in
// dist/web/extension.js): no Node and no disk of its own there; every file goes through vscode.workspace.fs.
import * as vscode from 'vscode';

/** No workspace file is on a disk the web extension host can read. */
export function localPath(_uri: vscode.Uri): string | undefined {
  return undefined;
}

export function readWorkspaceFile(uri: vscode.Uri): Thenable<Uint8Array> {
  return vscode.workspace.fs.readFile(uri);
}
