import * as vscode from 'vscode';
import { readWorkspaceFile } from '../util/localDisk';
import { realPathOf } from '../util/realPath';
import type { SiteFileSystem } from '../../core/site/fileSystem';

// Folders that never hold a post, a layout or an image the site serves.
const EXCLUDE = '{**/.git/**,**/node_modules/**,**/_site/**,**/.jekyll-cache/**,**/.sass-cache/**,**/vendor/**,**/.bundle/**}';
const decoder = new TextDecoder('utf-8', { fatal: false });

/**
 * The core's file access: files on the extension host's disk with Node (localDisk.ts), others over
 * vscode.workspace.fs (virtual workspaces, the web).
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
      return decoder.decode(await readWorkspaceFile(this.uri(path)));
    } catch {
      return undefined;
    }
  }

  /** Where `path` really is (symbolic links resolved; see realPathOf). */
  realPath(path: string): Promise<string | undefined> {
    return realPathOf(this.uri(path));
  }

  async listFiles(dir: string): Promise<string[]> {
    // findFiles uses the workspace's search (ripgrep): far faster than walking readDirectory.
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(this.uri(dir), '**/*'), EXCLUDE);
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    return found.map((u) => u.path).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  }
}
