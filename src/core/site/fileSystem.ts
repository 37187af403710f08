// File access for core, passed in: the VS Code host implements it with vscode.workspace.fs, the CLI
// with node:fs (src/cli/nodeFileSystem.ts), tests with MemoryFileSystem. Paths are posix strings.

export interface SiteFileSystem {
  /** The file's text (UTF-8), or undefined when it does not exist or cannot be read. */
  readFile(path: string): Promise<string | undefined>;
  /** Every file under `dir`, recursively, as posix paths relative to `dir`. Skips `.git` and `node_modules`. */
  listFiles(dir: string): Promise<string[]>;
  /**
   * The path with every symbolic link resolved, in the same form as the paths given; undefined when
   * nothing is there or the target cannot be resolved. Without it, links cannot be told apart (the
   * in-memory file system has none). Safe-mode reads use it (src/core/site/safePaths.ts).
   */
  realPath?(path: string): Promise<string | undefined>;
  /**
   * The files under `dir` that are symbolic links (as `listFiles` lists them). The renderer checks each
   * against the safe-mode rules, so an image or a stylesheet's url() never resolves to a link out of the
   * site. Without it, no listed file is taken for a link.
   */
  listLinks?(dir: string): Promise<string[]>;
}

/** In-memory files keyed by posix path; for tests and for hosts that already hold the texts. */
export class MemoryFileSystem implements SiteFileSystem {
  readonly files: Map<string, string>;

  constructor(files: Record<string, string> | Map<string, string> = {}) {
    this.files = files instanceof Map ? files : new Map(Object.entries(files));
  }

  async readFile(path: string): Promise<string | undefined> {
    return this.files.get(normalize(path));
  }

  async listFiles(dir: string): Promise<string[]> {
    const prefix = normalize(dir) === '' || normalize(dir) === '.' ? '' : normalize(dir).replace(/\/?$/, '/');
    const out: string[] = [];
    for (const p of this.files.keys()) if (p.startsWith(prefix)) out.push(p.slice(prefix.length));
    return out.sort();
  }
}

function normalize(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}
