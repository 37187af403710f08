// A small, strict ustar reader for theme archives (a `.gem` and the `data.tar.gz` inside it, GitHub's
// repository tarballs): regular files only, names checked before anything is written, and bounds on
// the number of files and their sizes. Links and device files are never produced.

export interface TarLimits {
  /** Most regular files the archive may hold. */
  maxFiles: number;
  /** Most bytes all regular files may hold together. */
  maxTotalBytes: number;
  /** Most bytes one file may hold. */
  maxFileBytes: number;
}

export const DEFAULT_TAR_LIMITS: TarLimits = { maxFiles: 20_000, maxTotalBytes: 200 * 1024 * 1024, maxFileBytes: 50 * 1024 * 1024 };

export interface TarFile {
  /** The entry's path as written (posix, checked: relative, no `..`, no empty segments). */
  path: string;
  data: Uint8Array;
}

export interface TarContents {
  files: TarFile[];
  /** Entries left out: links, devices, FIFOs (with their names, for the log). */
  skipped: string[];
}

export class UnsafeArchiveError extends Error {}

const decoder = new TextDecoder('utf-8');

function text(buf: Uint8Array, start: number, length: number): string {
  const slice = buf.subarray(start, start + length);
  const nul = slice.indexOf(0);
  return decoder.decode(nul >= 0 ? slice.subarray(0, nul) : slice);
}

function octal(buf: Uint8Array, start: number, length: number): number {
  // GNU base-256 for big numbers: high bit of the first byte set.
  if (buf[start] & 0x80) {
    let n = 0;
    for (let i = start + 1; i < start + length; i++) n = n * 256 + buf[i];
    return n;
  }
  const s = text(buf, start, length).trim();
  if (s === '') return 0;
  if (!/^[0-7]+$/.test(s)) throw new UnsafeArchiveError(`bad number field "${s}" in a tar header`);
  return parseInt(s, 8);
}

/** A path safe to create under a target folder, or an error naming why not. */
export function checkEntryPath(raw: string): string {
  const p = raw.replace(/^\.\/+/, '');
  if (p === '' || p.includes('\0')) throw new UnsafeArchiveError(`empty or NUL entry name "${raw}"`);
  if (p.startsWith('/') || /^[a-z]:/i.test(p) || p.includes('\\')) throw new UnsafeArchiveError(`absolute entry path "${raw}"`);
  const segments = p.replace(/\/+$/, '').split('/');
  if (segments.some((s) => s === '..')) throw new UnsafeArchiveError(`entry path "${raw}" leaves the target folder`);
  return segments.filter((s) => s !== '' && s !== '.').join('/');
}

function paxRecords(data: Uint8Array): Record<string, string> {
  const out: Record<string, string> = {};
  let i = 0;
  while (i < data.length) {
    const space = data.indexOf(0x20, i);
    if (space < 0) break;
    const len = Number(decoder.decode(data.subarray(i, space)));
    if (!Number.isInteger(len) || len <= 0 || i + len > data.length) break;
    const record = decoder.decode(data.subarray(space + 1, i + len - 1));
    const eq = record.indexOf('=');
    if (eq > 0) out[record.slice(0, eq)] = record.slice(eq + 1);
    i += len;
  }
  return out;
}

/** Reads every entry of an (uncompressed) tar archive, applying the safety rules and `limits`. */
export function readTar(buf: Uint8Array, limits: TarLimits = DEFAULT_TAR_LIMITS): TarContents {
  const files: TarFile[] = [];
  const skipped: string[] = [];
  let total = 0;
  let offset = 0;
  let longName: string | undefined;
  let pax: Record<string, string> = {};
  let entries = 0;
  while (offset + 512 <= buf.length) {
    const header = buf.subarray(offset, offset + 512);
    if (header.every((b) => b === 0)) break;
    if (++entries > limits.maxFiles * 2 + 16) throw new UnsafeArchiveError(`more than ${limits.maxFiles} entries`);
    // Header checksum: the sum of the header's bytes with the checksum field read as spaces.
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 0x20 : header[i];
    if (sum !== octal(header, 148, 8)) throw new UnsafeArchiveError('a tar header checksum does not match (not a tar archive, or damaged)');
    const size = octal(header, 124, 12);
    const type = String.fromCharCode(header[156] || 0x30);
    const magic = text(header, 257, 6);
    const prefix = magic.startsWith('ustar') ? text(header, 345, 155) : '';
    let name = text(header, 0, 100);
    if (prefix) name = `${prefix}/${name}`;
    const dataStart = offset + 512;
    const dataEnd = dataStart + size;
    if (dataEnd > buf.length) throw new UnsafeArchiveError(`the archive ends inside "${name}"`);
    offset = dataStart + Math.ceil(size / 512) * 512;
    const data = buf.subarray(dataStart, dataEnd);
    if (type === 'L') { longName = text(data, 0, data.length); continue; }
    if (type === 'x') { pax = paxRecords(data); continue; }
    if (type === 'g') continue;
    const fullName = pax.path ?? longName ?? name;
    longName = undefined;
    pax = {};
    if (type === '5') { checkEntryPath(fullName); continue; }
    if (type !== '0' && type !== '7') {
      // Links (1, 2), devices (3, 4), FIFOs (6) and anything unknown: never created.
      checkEntryPath(fullName);
      skipped.push(fullName);
      continue;
    }
    const path = checkEntryPath(fullName);
    if (size > limits.maxFileBytes) throw new UnsafeArchiveError(`"${path}" is larger than ${limits.maxFileBytes} bytes`);
    total += size;
    if (total > limits.maxTotalBytes) throw new UnsafeArchiveError(`the files hold more than ${limits.maxTotalBytes} bytes`);
    if (files.length >= limits.maxFiles) throw new UnsafeArchiveError(`more than ${limits.maxFiles} files`);
    files.push({ path, data });
  }
  return { files, skipped };
}

/** Writes a ustar archive (tests build theme archives with it; names up to 100 bytes, or 255 with a prefix). */
export function writeTar(entries: Array<{ path: string; data?: Uint8Array | string; type?: '0' | '1' | '2' | '3' | '5'; linkname?: string }>): Uint8Array {
  const enc = new TextEncoder();
  const blocks: Uint8Array[] = [];
  const field = (h: Uint8Array, at: number, len: number, v: string) => h.set(enc.encode(v).subarray(0, len), at);
  for (const e of entries) {
    const data = typeof e.data === 'string' ? enc.encode(e.data) : e.data ?? new Uint8Array();
    const h = new Uint8Array(512);
    let name = e.path;
    let prefix = '';
    if (enc.encode(name).length > 100) {
      const cut = name.lastIndexOf('/', name.length - 1 - 0);
      prefix = name.slice(0, cut);
      name = name.slice(cut + 1);
    }
    field(h, 0, 100, name);
    field(h, 100, 8, '0000644\0');
    field(h, 108, 8, '0000000\0');
    field(h, 116, 8, '0000000\0');
    field(h, 124, 12, data.length.toString(8).padStart(11, '0') + '\0');
    field(h, 136, 12, '00000000000\0');
    h[156] = (e.type ?? '0').charCodeAt(0);
    if (e.linkname) field(h, 157, 100, e.linkname);
    field(h, 257, 6, 'ustar\0');
    field(h, 263, 2, '00');
    if (prefix) field(h, 345, 155, prefix);
    for (let i = 148; i < 156; i++) h[i] = 0x20;
    let sum = 0;
    for (const b of h) sum += b;
    field(h, 148, 8, sum.toString(8).padStart(6, '0') + '\0 ');
    blocks.push(h, data);
    const pad = (512 - (data.length % 512)) % 512;
    if (pad) blocks.push(new Uint8Array(pad));
  }
  blocks.push(new Uint8Array(1024));
  const out = new Uint8Array(blocks.reduce((n, b) => n + b.length, 0));
  let at = 0;
  for (const b of blocks) { out.set(b, at); at += b.length; }
  return out;
}
