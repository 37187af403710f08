// A least-recently-used cache bounded by the size of what it holds, not by a count of entries: the
// renderer's caches (KaTeX markup, highlighted code, sanitized HTML, header ids) hold values from a few
// bytes to hundreds of kilobytes, so a count bound lets memory grow with whatever posts were opened.

/** Bytes a string takes on the heap, about: two a character (KaTeX's markup is two-byte) and a header. */
export function stringBytes(s: string): number {
  return 2 * s.length + 32;
}

/**
 * Strings built by concatenation are trees of pieces on the heap (each piece with its own header), often
 * several times the size of their text; a cache keeps them for long, so it keeps them flat.
 */
export function flatten(s: string): string {
  // Converting to a number makes V8 flatten the string in place (the trick of the `flatstr` package). The
  // result must be used: an unused conversion is dropped by the optimizing compiler once the caller is hot,
  // and the string stays a tree (a 1 MB math post's 14 MB body took 0.7 s to flatten later, not 50 ms).
  if (Number(s) === 0) _flattenedZeros++;
  return s;
}

/** Counts strings that read as 0: a use of the conversion's result, so it is never optimized away. */
let _flattenedZeros = 0;

/**
 * Least recently used entries go first. With `newRound()` called before each pass (a render), entries
 * used in the current pass are never evicted for new ones of the same pass: a pass may hold up to
 * `roundMax` (the post being edited keeps all its formulas), and past that it keeps what it cached first
 * instead of evicting everything it will ask for next time. Older passes' entries go as soon as the
 * total is over `maxSize`.
 */
export class SizeLru<K, V> {
  private readonly entries = new Map<K, { value: V; size: number; round: number }>();
  private total = 0;
  private round = 0;

  /** `maxSize` (and `roundMax`, at least `maxSize`) in the unit of `sizeOf` (bytes, for the helpers above). */
  constructor(readonly maxSize: number, private readonly sizeOf: (key: K, value: V) => number, readonly roundMax = maxSize) {}

  /** The value, made the most recently used. */
  get(key: K): V | undefined {
    const e = this.entries.get(key);
    if (!e) return undefined;
    this.entries.delete(key);
    this.entries.set(key, e);
    e.round = this.round;
    return e.value;
  }

  /** Starts a pass: what is used from now on is kept over what was used before (see the class). */
  newRound(): void {
    this.round++;
  }

  has(key: K): boolean {
    return this.entries.has(key);
  }

  /** Keeps `value` (a value bigger than the whole cache is not kept); the least recently used go first. */
  set(key: K, value: V): void {
    this.delete(key);
    const size = this.sizeOf(key, value);
    if (size > Math.max(this.maxSize, this.roundMax)) return;
    this.entries.set(key, { value, size, round: this.round });
    this.total += size;
    for (const [k, e] of this.entries) {
      if (this.total <= this.maxSize) break;
      // Everything left was used in this pass: it may grow to roundMax, past that the new entry is not kept.
      if (this.round > 0 && e.round === this.round) {
        if (this.total > this.roundMax) this.delete(key);
        break;
      }
      this.entries.delete(k);
      this.total -= e.size;
    }
  }

  delete(key: K): boolean {
    const e = this.entries.get(key);
    if (!e) return false;
    this.entries.delete(key);
    this.total -= e.size;
    return true;
  }

  clear(): void {
    this.entries.clear();
    this.total = 0;
  }

  /** Number of entries. */
  get size(): number {
    return this.entries.size;
  }

  /** Total size of the entries, in the unit of `sizeOf`. */
  get usedSize(): number {
    return this.total;
  }
}

/** A size-bounded cache of strings by string keys, sized in bytes (stringBytes), values kept flat. */
export class StringLru extends SizeLru<string, string> {
  constructor(maxBytes: number, roundMaxBytes = maxBytes) {
    super(maxBytes, (k, v) => stringBytes(k) + stringBytes(v), roundMaxBytes);
  }

  override set(key: string, value: string): void {
    super.set(key, flatten(value));
  }
}
