// Where a workspace path really is, for the containment checks of the core (safe-mode reads of a site,
// paste destinations): node's realpath for files on this disk (localDisk.ts), given back as a `uri.path`; on other file systems
// a symbolic link cannot be resolved and counts as unreadable (undefined), like a path that is not there.
import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import { localPath } from './localDisk';

export async function realPathOf(uri: vscode.Uri): Promise<string | undefined> {
  try {
    const local = localPath(uri);
    if (local !== undefined) return vscode.Uri.file(await fsp.realpath(local)).path;
    const stat = await vscode.workspace.fs.stat(uri);
    return stat.type & vscode.FileType.SymbolicLink ? undefined : uri.path;
  } catch {
    return undefined;
  }
}
