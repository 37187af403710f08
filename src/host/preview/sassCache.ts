// Compiled Sass kept in the extension's global storage (`sass-cache/`), so a theme compiles once and
// not again after VS Code restarts. Bounded: the newest 50 entries, 20 MB in all (cache.ts).
import * as vscode from 'vscode';
import { cacheFileName, entriesToEvict, type SassCache, type StoredEntry } from '../../core/render/theme/cache';
import type { Log } from '../util/log';

export class StorageSassCache implements SassCache {
  private readonly dir: vscode.Uri;
  private pruning: Promise<void> | undefined;

  constructor(globalStorage: vscode.Uri, private readonly log: Log) {
    this.dir = vscode.Uri.joinPath(globalStorage, 'sass-cache');
  }

  async get(key: string): Promise<string | undefined> {
    try {
      return new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.dir, cacheFileName(key))));
    } catch {
      return undefined;
    }
  }

  async set(key: string, value: string): Promise<void> {
    try {
      await vscode.workspace.fs.createDirectory(this.dir);
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(this.dir, cacheFileName(key)), new TextEncoder().encode(value));
    } catch (e) {
      this.log.warn(`Sass cache: could not write ${key}: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    this.pruning ??= this.prune().finally(() => { this.pruning = undefined; });
  }

  private async prune(): Promise<void> {
    try {
      const names = (await vscode.workspace.fs.readDirectory(this.dir)).filter(([n, type]) => type === vscode.FileType.File && n.endsWith('.json')).map(([n]) => n);
      const entries: StoredEntry[] = [];
      for (const name of names) {
        const stat = await vscode.workspace.fs.stat(vscode.Uri.joinPath(this.dir, name));
        entries.push({ name, size: stat.size, mtime: stat.mtime });
      }
      for (const name of entriesToEvict(entries)) await vscode.workspace.fs.delete(vscode.Uri.joinPath(this.dir, name));
    } catch (e) {
      this.log.warn(`Sass cache: could not prune: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}
