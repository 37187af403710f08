import * as vscode from 'vscode';
import { realPathOf } from '../util/realPath';
import type { ListedFile, PasteFileStat, PasteFileSystem } from '../../core/paste/fileSystem';
import { readWorkspaceFile } from '../util/localDisk';

/** Stats run in parallel while listing a folder: enough to hide latency, few enough not to flood a remote. */
const statConcurrency = 32;

/**
 * The paste core's file access over `vscode.workspace.fs`, so it works wherever the workspace is
 * (local, Remote-SSH, WSL, Codespaces). Core paths are `uri.path` strings of `base`'s scheme and authority.
 */
export class WorkspacePasteFileSystem implements PasteFileSystem {
  constructor(private readonly base: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return this.base.with({ path, query: '', fragment: '' });
  }

  async stat(path: string): Promise<PasteFileStat | undefined> {
    try {
      const s = await vscode.workspace.fs.stat(this.uri(path));
      return { size: s.size, mtime: s.mtime, isDirectory: (s.type & vscode.FileType.Directory) !== 0 };
    } catch (e) {
      if (isNotFound(e)) return undefined;
      throw e;
    }
  }

  /** Where `path` really is (symbolic links resolved; see realPathOf). */
  realPath(path: string): Promise<string | undefined> {
    return realPathOf(this.uri(path));
  }

  async listFiles(folder: string): Promise<readonly ListedFile[]> {
    const files: string[] = [];
    const walk = async (dir: string): Promise<void> => {
      let entries: [string, vscode.FileType][];
      try {
        entries = await vscode.workspace.fs.readDirectory(this.uri(dir));
      } catch (e) {
        if (isNotFound(e) || isNotADirectory(e)) return;
        throw e;
      }
      const subdirs: string[] = [];
      for (const [name, type] of entries) {
        const p = `${dir}/${name}`;
        // Symbolic links to folders are not followed: they can loop, and the images they lead to live elsewhere.
        if (type & vscode.FileType.File) files.push(p);
        else if (type === vscode.FileType.Directory) subdirs.push(p);
      }
      await Promise.all(subdirs.map(walk));
    };
    await walk(folder.replace(/\/+$/, ''));

    const listed: ListedFile[] = [];
    for (let i = 0; i < files.length; i += statConcurrency) {
      const batch = await Promise.all(files.slice(i, i + statConcurrency).map(async (p) => {
        const s = await this.stat(p).catch(() => undefined);
        return s && !s.isDirectory ? { path: p, size: s.size, mtime: s.mtime } : undefined;
      }));
      for (const f of batch) if (f) listed.push(f);
    }
    return listed;
  }

  async readFile(path: string): Promise<Uint8Array> {
    return readWorkspaceFile(this.uri(path));
  }
}

export function isNotFound(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && e.code === 'FileNotFound';
}

function isNotADirectory(e: unknown): boolean {
  return e instanceof vscode.FileSystemError && e.code === 'FileNotADirectory';
}
