// One reading of a site's documents for every feature (issue 13): validation's site index, the
// preview's `site.*` model, completion and the Posts view all read posts through a SiteStore, which
// reads each file once, keeps its text (bounded by size) and its front matter parsed once, and forgets a
// file when the host reports it changed. Pure: the host's file access is passed in (fileSystem.ts).
import { parseFrontMatter } from '../frontmatter/parse';
import type { FrontMatterFormat, FrontMatterParse } from '../frontmatter/types';
import type { SiteFileSystem } from './fileSystem';
import { markdownPattern } from './markdownFiles';

/** The documents whose texts are kept: what the index, the site model and the Posts view all read. */
const DOCUMENT = markdownPattern(['html?', 'textile']);

/** Texts kept by default: 64 MB of UTF-16, about 6,000 posts of 5 KB (the rest are read again when evicted). */
export const DEFAULT_STORE_BYTES = 64 * 1024 * 1024;

interface Entry { text: string | undefined; parses?: Map<string, FrontMatterParse> }

export interface SiteStoreStats {
  /** Reads that reached the file system. */
  reads: number;
  /** Reads served from the store. */
  hits: number;
  /** Front-matter parses done (others were shared). */
  parses: number;
  /** Bytes of text kept. */
  bytes: number;
}

export class SiteStore implements SiteFileSystem {
  private readonly entries = new Map<string, Entry>();
  private readonly pending = new Map<string, Promise<string | undefined>>();
  /** A file's generation: a read that started before the file changed does not store its (older) text. */
  private readonly generations = new Map<string, number>();
  private bytes = 0;
  readonly stats: SiteStoreStats = { reads: 0, hits: 0, parses: 0, bytes: 0 };
  readonly realPath?: (path: string) => Promise<string | undefined>;
  readonly listLinks?: (dir: string) => Promise<string[]>;

  constructor(private readonly fs: SiteFileSystem, private readonly maxBytes = DEFAULT_STORE_BYTES) {
    if (fs.realPath) this.realPath = (p) => fs.realPath!(p);
    if (fs.listLinks) this.listLinks = (d) => fs.listLinks!(d);
  }

  /** The file's text: from the store for documents read before, else from the file system (once, however many ask at a time). */
  readFile(path: string): Promise<string | undefined> {
    const key = normalize(path);
    if (!DOCUMENT.test(key)) return this.fs.readFile(path);
    const entry = this.entries.get(key);
    if (entry) {
      this.stats.hits++;
      // Most recently used last: eviction takes the oldest first.
      this.entries.delete(key);
      this.entries.set(key, entry);
      return Promise.resolve(entry.text);
    }
    const inFlight = this.pending.get(key);
    if (inFlight) { this.stats.hits++; return inFlight; }
    const generation = this.generations.get(key) ?? 0;
    this.stats.reads++;
    const read = this.fs.readFile(path).then((text) => {
      if (this.pending.get(key) === read) this.pending.delete(key);
      if ((this.generations.get(key) ?? 0) === generation) this.keep(key, { text });
      return text;
    }, (e: unknown) => {
      if (this.pending.get(key) === read) this.pending.delete(key);
      throw e;
    });
    this.pending.set(key, read);
    return read;
  }

  listFiles(dir: string): Promise<string[]> {
    return this.fs.listFiles(dir);
  }

  /**
   * The front matter of `text` (the file's current text, as `readFile` gave it or as an editor holds it),
   * parsed once per file, text and formats: every feature gets the same parse.
   */
  frontMatter(path: string, text: string, formats: readonly FrontMatterFormat[]): FrontMatterParse {
    const key = normalize(path);
    const entry = this.entries.get(key);
    const formatKey = formats.join(',');
    if (entry && entry.text === text) {
      const cached = entry.parses?.get(formatKey);
      if (cached) return cached;
    }
    const parse = parseFrontMatter(text, { formats });
    this.stats.parses++;
    if (entry && entry.text === text) (entry.parses ??= new Map()).set(formatKey, parse);
    return parse;
  }

  /** The file changed, was created or deleted on disk: the next read goes to the file system. */
  changed(path: string): void {
    const key = normalize(path);
    this.generations.set(key, (this.generations.get(key) ?? 0) + 1);
    this.pending.delete(key);
    this.drop(key);
  }

  /** Forgets every file (the site was found again). */
  clear(): void {
    for (const key of [...this.entries.keys()]) this.changed(key);
  }

  private keep(key: string, entry: Entry): void {
    this.drop(key);
    const size = (entry.text?.length ?? 0) * 2;
    if (size > this.maxBytes) return;
    this.entries.set(key, entry);
    this.bytes += size;
    for (const [old, e] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.bytes -= (e.text?.length ?? 0) * 2;
      this.entries.delete(old);
    }
    this.stats.bytes = this.bytes;
  }

  private drop(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.bytes -= (old.text?.length ?? 0) * 2;
    this.entries.delete(key);
    this.stats.bytes = this.bytes;
  }
}

/** The parse `fs` shares for `text`, or a fresh one when `fs` is not a store. */
export function frontMatterOf(fs: SiteFileSystem | undefined, path: string, text: string, formats: readonly FrontMatterFormat[]): FrontMatterParse {
  return fs instanceof SiteStore ? fs.frontMatter(path, text, formats) : parseFrontMatter(text, { formats });
}

function normalize(p: string): string {
  return p.replace(/\\/g, '/').replace(/^\.\//, '');
}
