// Content hash → existing image, so pasting the same bytes again links the existing file.
// Built lazily and kept up to date, never rebuilt per paste: the first lookup lists the folder
// once (names and sizes, no reading); a lookup is a map hit on the hash, and hashes only
// not-yet-hashed files whose size equals the new image's (remembering those hashes); writes are
// recorded and change events invalidate single paths. A hit is confirmed with one `stat`, so a stale entry (file deleted, paste
// cancelled before its file was written) is dropped instead of producing a dangling link.
import * as path from '../text/posixPath';
import { isInside } from './destination';
import type { PasteFileSystem } from './fileSystem';
import { sha256Hex, type HashFn } from './hash';
import { isImageFile } from './mime';

/** Files read and hashed in parallel when several share the new image's size. */
const hashBatch = 8;

interface Entry {
  size: number;
  mtime?: number;
  hash?: string;
}

/** Counters for tests and the benchmark: they show the folder is not rescanned per paste. */
export interface HashIndexStats {
  listings: number;
  filesHashed: number;
  stats: number;
}

export class ImageHashIndex {
  private readonly entries = new Map<string, Entry>();
  /** Files whose hash is known, by hash: the usual lookup is one map hit. */
  private readonly byHash = new Map<string, Set<string>>();
  /** Files not hashed yet, by size: only these are read, and only on a size match. */
  private readonly unhashedBySize = new Map<number, Set<string>>();
  private readonly dirty = new Set<string>();
  private readonly hashing = new Map<string, Promise<string | undefined>>();
  private loading: Promise<void> | undefined;
  readonly counters: HashIndexStats = { listings: 0, filesHashed: 0, stats: 0 };

  constructor(
    private readonly fs: PasteFileSystem,
    /** Absolute posix path of the images folder, e.g. `<site>/images`. */
    readonly root: string,
    private readonly hash: HashFn = sha256Hex,
  ) {}

  /** An existing image under the root with exactly these bytes (`hash` = `this.hash(bytes)`), if any. */
  async find(size: number, hash: string): Promise<string | undefined> {
    await this.ready();
    const known = await this.firstConfirmed(this.byHash.get(hash), size);
    if (known) {
      return known;
    }
    // Same-size files not hashed yet: a few at a time, in path order so the same folder gives
    // the same answer every time. Each is hashed once, ever (until it changes).
    const unhashed = [...(this.unhashedBySize.get(size) ?? [])].sort();
    for (let i = 0; i < unhashed.length; i += hashBatch) {
      const batch = unhashed.slice(i, i + hashBatch);
      const hashes = await Promise.all(batch.map((p) => this.hashOf(p)));
      for (let k = 0; k < batch.length; k++) {
        if (hashes[k] === hash && (await this.confirm(batch[k], size))) {
          return batch[k];
        }
      }
    }
    return undefined;
  }

  /** List the folder now (e.g. when a site opens) so the first paste does not pay for it. */
  async warmUp(): Promise<void> {
    await this.ready();
  }

  private async firstConfirmed(paths: Set<string> | undefined, size: number): Promise<string | undefined> {
    for (const p of [...(paths ?? [])].sort()) {
      if (await this.confirm(p, size)) {
        return p;
      }
    }
    return undefined;
  }

  /** One stat: the file is still there, unchanged as far as size and mtime tell. */
  private async confirm(p: string, size: number): Promise<boolean> {
    const entry = this.entries.get(p);
    this.counters.stats++;
    const st = await this.fs.stat(p);
    if (entry && entry.size === size && st && !st.isDirectory && st.size === entry.size
      && (entry.mtime === undefined || st.mtime === undefined || st.mtime === entry.mtime)) {
      entry.mtime ??= st.mtime;
      return true;
    }
    this.remove(p);
    if (st) {
      this.dirty.add(p); // changed under us: look again on the next lookup
    }
    return false;
  }

  /** Note an image TechBlog writes (or is about to write) so the next identical paste finds it. */
  record(p: string, size: number, hash: string, mtime?: number): void {
    if (!isInside(p, this.root) || !isImageFile(p)) {
      return;
    }
    this.set(p, { size, hash, mtime });
  }

  /** A file or folder changed, appeared or disappeared (file watcher event). */
  invalidate(p: string): void {
    const normalized = path.normalize(p);
    if (normalized === this.root || isInside(this.root, normalized)) {
      this.reset(); // the images folder itself moved or vanished
    } else if (isInside(normalized, this.root)) {
      this.dirty.add(normalized);
    }
  }

  /** Forget everything; the next lookup lists the folder again. */
  reset(): void {
    this.entries.clear();
    this.byHash.clear();
    this.unhashedBySize.clear();
    this.dirty.clear();
    this.hashing.clear();
    this.loading = undefined;
  }

  get size(): number {
    return this.entries.size;
  }

  private async ready(): Promise<void> {
    this.loading ??= this.load();
    await this.loading;
    if (this.dirty.size) {
      const paths = [...this.dirty];
      this.dirty.clear();
      await Promise.all(paths.map((p) => this.refresh(p)));
    }
  }

  private async load(): Promise<void> {
    this.counters.listings++;
    const files = await this.fs.listFiles(this.root);
    for (const f of files) {
      // A write recorded while the listing ran is newer than what the listing saw.
      if (isImageFile(f.path) && !this.entries.has(f.path)) {
        this.set(f.path, { size: f.size, mtime: f.mtime });
      }
    }
  }

  private async refresh(p: string): Promise<void> {
    this.counters.stats++;
    const st = await this.fs.stat(p);
    if (!st) {
      this.removeTree(p);
      return;
    }
    if (st.isDirectory) {
      this.counters.listings++;
      for (const f of await this.fs.listFiles(p)) {
        if (isImageFile(f.path)) {
          this.upsert(f.path, f.size, f.mtime);
        }
      }
      return;
    }
    if (isImageFile(p)) {
      this.upsert(p, st.size, st.mtime);
    }
  }

  /** Keep a known hash only when size and mtime say the bytes cannot have changed. */
  private upsert(p: string, size: number, mtime: number | undefined): void {
    const old = this.entries.get(p);
    const sameFile = old !== undefined && old.size === size
      && (old.mtime === undefined ? old.hash !== undefined : old.mtime === mtime);
    this.set(p, { size, mtime, hash: sameFile ? old.hash : undefined });
  }

  private async hashOf(p: string): Promise<string | undefined> {
    const entry = this.entries.get(p);
    if (!entry) {
      return undefined;
    }
    if (entry.hash) {
      return entry.hash;
    }
    let pending = this.hashing.get(p);
    if (!pending) {
      pending = (async () => {
        try {
          const bytes = await this.fs.readFile(p);
          this.counters.filesHashed++;
          const h = await this.hash(bytes);
          if (this.entries.get(p) === entry) {
            this.set(p, { ...entry, hash: h });
          }
          return h;
        } catch {
          if (this.entries.get(p) === entry) {
            this.remove(p); // unreadable: not a dedupe target
          }
          return undefined;
        } finally {
          this.hashing.delete(p);
        }
      })();
      this.hashing.set(p, pending);
    }
    return pending;
  }

  private set(p: string, entry: Entry): void {
    this.remove(p);
    this.entries.set(p, entry);
    if (entry.hash !== undefined) {
      addTo(this.byHash, entry.hash, p);
    } else {
      addTo(this.unhashedBySize, entry.size, p);
    }
  }

  private remove(p: string): void {
    const old = this.entries.get(p);
    if (!old) {
      return;
    }
    this.entries.delete(p);
    if (old.hash !== undefined) {
      deleteFrom(this.byHash, old.hash, p);
    } else {
      deleteFrom(this.unhashedBySize, old.size, p);
    }
  }

  private removeTree(p: string): void {
    if (this.entries.has(p)) {
      this.remove(p); // a file: no need to scan for children
      return;
    }
    const prefix = `${p}/`;
    for (const key of [...this.entries.keys()]) {
      if (key.startsWith(prefix)) {
        this.remove(key);
      }
    }
  }
}

function addTo<K>(map: Map<K, Set<string>>, key: K, p: string): void {
  let bucket = map.get(key);
  if (!bucket) {
    bucket = new Set();
    map.set(key, bucket);
  }
  bucket.add(p);
}

function deleteFrom<K>(map: Map<K, Set<string>>, key: K, p: string): void {
  const bucket = map.get(key);
  bucket?.delete(p);
  if (bucket?.size === 0) {
    map.delete(key);
  }
}
