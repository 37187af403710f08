// Compiled Sass kept by the hash of its inputs, so a theme compiles once, also across restarts. The
// store is the host's (VS Code's global storage, the CLI's temp folder); the core only says what a key
// is and when a stored entry is still true: every file the compile read is read again and compared.
import { hashText } from './hashText';

/** A small key → text store. Implementations keep it bounded; a lost entry only costs a compile. */
export interface SassCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

/** Bump when what a cached entry means changes (the compile options, the libsass fallback). */
export const SASS_CACHE_FORMAT = 1;

export interface CachedInput {
  /** The canonical URL the compile loaded it by (`site:/_sass/_base.scss`, `theme:/0/_sass/x.scss`). */
  url: string;
  hash: string;
}

export interface CachedCompile {
  format: number;
  css: string;
  inputs: CachedInput[];
  /** What the libsass fallback left out (`file:line`), for the notice. */
  dropped: string[];
  /** Set when the compile failed: the error's message (the same inputs fail the same way). */
  error?: string;
}

/** The key of one compile: everything known before Dart Sass runs (inputs it loads are checked on lookup). */
export function cacheKey(parts: unknown[]): string {
  return hashText(JSON.stringify([SASS_CACHE_FORMAT, ...parts])).slice(0, 40);
}

/**
 * A stored compile whose every input still reads the same, or undefined. `read` answers for a canonical
 * URL; a read that fails or differs is a miss.
 */
export async function validCachedCompile(cache: SassCache, key: string, read: (url: string) => Promise<string | undefined>): Promise<CachedCompile | undefined> {
  let text: string | undefined;
  try {
    text = await cache.get(key);
  } catch {
    return undefined;
  }
  if (text === undefined) return undefined;
  let entry: CachedCompile;
  try {
    entry = JSON.parse(text) as CachedCompile;
  } catch {
    return undefined;
  }
  if (!entry || entry.format !== SASS_CACHE_FORMAT || typeof entry.css !== 'string' || !Array.isArray(entry.inputs) || !Array.isArray(entry.dropped)) return undefined;
  for (const input of entry.inputs) {
    const now = await read(input.url).catch(() => undefined);
    if (now === undefined || hashText(now) !== input.hash) return undefined;
  }
  return entry;
}

/** A cache in memory (the CLI's default, the tests'); `limit` entries, oldest dropped first. */
export class MemorySassCache implements SassCache {
  private readonly entries = new Map<string, string>();
  gets = 0;
  hits = 0;
  constructor(private readonly limit = 50) {}
  async get(key: string): Promise<string | undefined> {
    this.gets++;
    const v = this.entries.get(key);
    if (v !== undefined) this.hits++;
    return v;
  }
  async set(key: string, value: string): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.limit) this.entries.delete(this.entries.keys().next().value as string);
  }
}

export interface StoredEntry { name: string; size: number; mtime: number }

/** Limits of a cache folder: the newest `maxEntries` entries that together stay under `maxBytes`. */
export const SASS_CACHE_LIMITS = { maxEntries: 50, maxBytes: 20 * 1024 * 1024 };

/** The entries of a cache folder to delete so the rest fits the limits (newest kept). */
export function entriesToEvict(entries: StoredEntry[], limits = SASS_CACHE_LIMITS): string[] {
  const newestFirst = [...entries].sort((a, b) => b.mtime - a.mtime);
  const evict: string[] = [];
  let bytes = 0;
  newestFirst.forEach((e, i) => {
    bytes += e.size;
    if (i >= limits.maxEntries || bytes > limits.maxBytes) evict.push(e.name);
  });
  return evict;
}

/** File name of a key in a cache folder (keys are hex). */
export function cacheFileName(key: string): string {
  return `${key.replace(/[^0-9a-f]/gi, '')}.json`;
}
