// realPath.ts for the web extension host (scripts/build.mjs puts a `.web.ts` sibling in place of the module in
// dist/web/extension.js): no Node there, and no `file:` URIs to resolve with it. A symbolic link cannot be
// resolved through `workspace.fs` and counts as unreadable (undefined), like a path that is not there.
import * as vscode from 'vscode';

export async function realPathOf(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const stat = await vscode.workspace.fs.stat(uri);
    return stat.type & vscode.FileType.SymbolicLink ? undefined : uri.path;
  } catch {
    return undefined;
  }
}
