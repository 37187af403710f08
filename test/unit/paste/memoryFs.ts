// An in-memory PasteFileSystem for tests, with a write that refuses to overwrite (like the
// host's createFile with overwrite: false) and counters that show what the core asked for.
import type { ListedFile, PasteFileStat, PasteFileSystem } from '../../../src/core/paste/fileSystem';

export class MemoryFs implements PasteFileSystem {
  readonly files = new Map<string, { bytes: Uint8Array; mtime: number }>();
  readonly calls = { stat: 0, listFiles: 0, readFile: 0 };
  private clock = 1;

  constructor(initial: Record<string, Uint8Array | string> = {}) {
    for (const [p, content] of Object.entries(initial)) {
      this.write(p, content);
    }
  }

  /** Create a file; throws when it exists and `overwrite` is false (as WorkspaceEdit.createFile does). */
  write(p: string, content: Uint8Array | string, overwrite = true): void {
    if (!overwrite && this.files.has(p)) {
      throw new Error(`EEXIST: ${p}`);
    }
    const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
    this.files.set(p, { bytes, mtime: this.clock++ });
  }

  delete(p: string): void {
    for (const key of [...this.files.keys()]) {
      if (key === p || key.startsWith(`${p}/`)) {
        this.files.delete(key);
      }
    }
  }

  async stat(p: string): Promise<PasteFileStat | undefined> {
    this.calls.stat++;
    const f = this.files.get(p);
    if (f) {
      return { size: f.bytes.byteLength, mtime: f.mtime };
    }
    const prefix = `${p}/`;
    for (const key of this.files.keys()) {
      if (key.startsWith(prefix)) {
        return { size: 0, isDirectory: true };
      }
    }
    return undefined;
  }

  async listFiles(folder: string): Promise<readonly ListedFile[]> {
    this.calls.listFiles++;
    const prefix = `${folder}/`;
    return [...this.files].filter(([p]) => p.startsWith(prefix)).map(([p, f]) => ({ path: p, size: f.bytes.byteLength, mtime: f.mtime }));
  }

  async readFile(p: string): Promise<Uint8Array> {
    this.calls.readFile++;
    const f = this.files.get(p);
    if (!f) {
      throw new Error(`ENOENT: ${p}`);
    }
    return f.bytes;
  }
}

/** Deterministic pseudo-random bytes: different seeds give different content of the given size. */
export function bytesOf(seed: number, size = 64): Uint8Array {
  const out = new Uint8Array(size);
  let x = (seed * 2654435761) >>> 0 || 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
