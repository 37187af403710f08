import { promises as fsp } from 'node:fs';
import * as vscode from 'vscode';
import type { SiteFileSystem } from '../../core/site/fileSystem';

// Folders that never hold a post, a layout or an image the site serves.
const EXCLUDE = '{**/.git/**,**/node_modules/**,**/_site/**,**/.jekyll-cache/**,**/.sass-cache/**,**/vendor/**,**/.bundle/**}';
const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * The core's file access over vscode.workspace.fs, so checks also work in remote workspaces.
 * Core paths are `uri.path` strings of the same scheme and authority as `base`.
 */
export class WorkspaceFileSystem implements SiteFileSystem {
  constructor(private readonly base: vscode.Uri) {}

  uri(path: string): vscode.Uri {
    return this.base.with({ path });
  }

  async readFile(path: string): Promise<string | undefined> {
    try {
      // Invalid UTF-8 becomes U+FFFD; the checker reports it instead of failing.
      return decoder.decode(await vscode.workspace.fs.readFile(this.uri(path)));
    } catch {
      return undefined;
    }
  }

  /**
   * Where `path` really is: node's realpath for `file:` URIs (as a `uri.path` again); on other file
   * systems a symbolic link cannot be resolved and counts as unreadable.
   */
  async realPath(path: string): Promise<string | undefined> {
    const uri = this.uri(path);
    try {
      if (uri.scheme === 'file') return vscode.Uri.file(await fsp.realpath(uri.fsPath)).path;
      const stat = await vscode.workspace.fs.stat(uri);
      return stat.type & vscode.FileType.SymbolicLink ? undefined : path;
    } catch {
      return undefined;
    }
  }

  async listFiles(dir: string): Promise<string[]> {
    // findFiles uses the workspace's search (ripgrep): far faster than walking readDirectory.
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(this.uri(dir), '**/*'), EXCLUDE);
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    return found.map((u) => u.path).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  }
}
