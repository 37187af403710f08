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
}

/** `exists` in terms of `stat`, for `uniqueName`. */
export function existsIn(fs: Pick<PasteFileSystem, 'stat'>): (path: string) => Promise<boolean> {
  return async (path) => (await fs.stat(path)) !== undefined;
}
