// SiteFileSystem over node:fs for the CLI (the VS Code host has its own over vscode.workspace.fs).
import { promises as fsp, readFileSync, type Dirent } from 'node:fs';
import * as path from 'node:path';
import type { SiteFileSystem } from '../core/site/fileSystem';

const SKIP = new Set(['.git', 'node_modules', '_site', '.jekyll-cache', '.sass-cache', 'vendor', '.bundle']);

export class NodeFileSystem implements SiteFileSystem {
  /** Posix paths are resolved against `base` (the CLI's cwd). */
  constructor(private readonly base: string) {}

  private abs(p: string): string {
    return path.resolve(this.base, p);
  }

  async readFile(p: string): Promise<string | undefined> {
    try {
      // Synchronous on purpose: for thousands of small posts a blocking read is several times quicker
      // than the thread-pool round trips of fs.promises, and the CLI has nothing else to do meanwhile.
      // Invalid UTF-8 becomes U+FFFD (Node's decoder replaces it), which the checker reports instead of failing on.
      return readFileSync(this.abs(p), 'utf8');
    } catch {
      return undefined;
    }
  }

  async listFiles(dir: string): Promise<string[]> {
    return this.walk(dir, (e) => e.isFile() || e.isSymbolicLink());
  }

  async listLinks(dir: string): Promise<string[]> {
    return this.walk(dir, (e) => e.isSymbolicLink());
  }

  private async walk(dir: string, take: (e: Dirent) => boolean): Promise<string[]> {
    const root = this.abs(dir);
    const out: string[] = [];
    const walk = async (d: string, rel: string): Promise<void> => {
      let entries;
      try {
        entries = await fsp.readdir(d, { withFileTypes: true });
      } catch {
        return;
      }
      const subdirs: Promise<void>[] = [];
      for (const e of entries) {
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (e.isDirectory()) {
          if (!SKIP.has(e.name)) subdirs.push(walk(path.join(d, e.name), r));
        } else if (take(e)) out.push(r);
      }
      await Promise.all(subdirs);
    };
    await walk(root, '');
    return out.sort();
  }

  async realPath(p: string): Promise<string | undefined> {
    try {
      const real = await fsp.realpath(this.abs(p));
      return path.sep === '/' ? real : real.split(path.sep).join('/');
    } catch {
      return undefined;
    }
  }

  async writeFile(p: string, text: string): Promise<void> {
    await fsp.writeFile(this.abs(p), text, 'utf8');
  }

  async stat(p: string): Promise<'file' | 'dir' | undefined> {
    try {
      const s = await fsp.stat(this.abs(p));
      return s.isDirectory() ? 'dir' : s.isFile() ? 'file' : undefined;
    } catch {
      return undefined;
    }
  }
}
