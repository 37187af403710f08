// The file access paste needs, as a parameter: the extension implements it with
// vscode.workspace.fs, tests with a Map, the benchmark with node:fs. Paths are absolute posix.

export interface PasteFileStat {
  readonly size: number;
  /** Modification time in ms; lets the dedupe index notice same-size rewrites. */
  readonly mtime?: number;
  readonly isDirectory?: boolean;
}

export interface ListedFile {
  readonly path: string;
  readonly size: number;
  readonly mtime?: number;
}

export interface PasteFileSystem {
  /** undefined when nothing exists at `path`. */
  stat(path: string): Promise<PasteFileStat | undefined>;
  /** Every file below `folder`, recursively; empty when the folder does not exist. */
  listFiles(folder: string): Promise<readonly ListedFile[]>;
  readFile(path: string): Promise<Uint8Array>;
  /**
   * The path with symbolic links resolved; undefined when nothing is there or it cannot be resolved.
   * Without it, destinations are checked on their text only.
   */
  realPath?(path: string): Promise<string | undefined>;
}

/** `exists` in terms of `stat`, for `uniqueName`. */
export function existsIn(fs: Pick<PasteFileSystem, 'stat'>): (path: string) => Promise<boolean> {
  return async (path) => (await fs.stat(path)) !== undefined;
}
