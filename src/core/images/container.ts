// Image containers read byte by byte, without decoding pixels: which format a file really is,
// whether it is animated, the EXIF Orientation of a JPEG, and metadata removed losslessly
// (JPEG APP1/APP13 segments, PNG text/EXIF/time chunks). Pure functions over Uint8Array.

export type SniffedFormat = 'png' | 'jpeg' | 'gif' | 'webp' | 'avif' | 'other';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function ascii(bytes: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = at; i < at + length && i < bytes.length; i++) s += String.fromCharCode(bytes[i]);
  return s;
}

function u32be(b: Uint8Array, at: number): number {
  return ((b[at] << 24) | (b[at + 1] << 16) | (b[at + 2] << 8) | b[at + 3]) >>> 0;
}

/** The format the bytes are, whatever the file's name says. */
export function sniffFormat(bytes: Uint8Array): SniffedFormat {
  if (bytes.length >= 8 && PNG_SIGNATURE.every((v, i) => bytes[i] === v)) return 'png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'jpeg';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 4) === 'ftyp' && /^avi[fs]$/.test(ascii(bytes, 8, 4))) return 'avif';
  return 'other';
}

/** PNG chunks: `{ type, start (of the length field), end (after the CRC) }`; stops at a truncated chunk. */
export function pngChunks(bytes: Uint8Array): { type: string; start: number; end: number }[] {
  const chunks: { type: string; start: number; end: number }[] = [];
  let at = 8;
  while (at + 12 <= bytes.length) {
    const length = u32be(bytes, at);
    const end = at + 12 + length;
    if (end > bytes.length) break;
    chunks.push({ type: ascii(bytes, at + 4, 4), start: at, end });
    at = end;
  }
  return chunks;
}

/** True for an animated GIF (more than one image), an APNG (`acTL`) or an animated WebP (`ANIM`). */
export function isAnimated(bytes: Uint8Array): boolean {
  switch (sniffFormat(bytes)) {
    case 'png': return pngChunks(bytes).some((c) => c.type === 'acTL');
    case 'webp': return webpIsAnimated(bytes);
    case 'gif': return gifFrameCount(bytes) > 1;
    default: return false;
  }
}

function webpIsAnimated(bytes: Uint8Array): boolean {
  for (let at = 12; at + 8 <= bytes.length;) {
    const type = ascii(bytes, at, 4);
    const size = bytes[at + 4] | (bytes[at + 5] << 8) | (bytes[at + 6] << 16) | (bytes[at + 7] << 24);
    if (type === 'ANIM' || type === 'ANMF') return true;
    if (type === 'VP8X' && (bytes[at + 8] & 0x02)) return true;
    at += 8 + size + (size & 1);
  }
  return false;
}

/** Image descriptors in a GIF (stops counting at 2 is not needed: GIFs are small next to photos). */
export function gifFrameCount(bytes: Uint8Array): number {
  if (bytes.length < 13) return 0;
  let at = 13;
  const flags = bytes[10];
  if (flags & 0x80) at += 3 * (1 << ((flags & 7) + 1)); // global colour table
  let frames = 0;
  const skipSubBlocks = () => {
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at] + 1;
    at++; // the terminator
  };
  while (at < bytes.length) {
    const b = bytes[at];
    if (b === 0x3b) break; // trailer
    if (b === 0x21) { // extension
      at += 2;
      skipSubBlocks();
    } else if (b === 0x2c) { // image descriptor
      frames++;
      const local = bytes[at + 9];
      at += 10;
      if (local & 0x80) at += 3 * (1 << ((local & 7) + 1));
      at++; // LZW minimum code size
      skipSubBlocks();
    } else {
      break;
    }
  }
  return frames;
}

/** JPEG segments before the scan: `{ marker, start (of 0xFF), end }`. Stops at SOS (the pixels follow). */
export function jpegSegments(bytes: Uint8Array): { marker: number; start: number; end: number }[] {
  const segments: { marker: number; start: number; end: number }[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1];
    if (marker === 0xff) { at++; continue; } // fill byte
    if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) { at += 2; continue; }
    const length = (bytes[at + 2] << 8) | bytes[at + 3];
    const end = at + 2 + length;
    if (length < 2 || end > bytes.length) break;
    segments.push({ marker, start: at, end });
    if (marker === 0xda) break; // start of scan
    at = end;
  }
  return segments;
}

/** The Exif TIFF block of a JPEG's APP1 segment (after `Exif\0\0`), if it has one. */
export function jpegExif(bytes: Uint8Array): Uint8Array | undefined {
  for (const s of jpegSegments(bytes)) {
    if (s.marker === 0xe1 && ascii(bytes, s.start + 4, 6) === 'Exif\0\0') return bytes.subarray(s.start + 10, s.end);
  }
  return undefined;
}

/**
 * Tags of IFD0 of an Exif TIFF block: tag → first value (SHORT/LONG as a number; other types as
 * their offset or inline value). Enough for Orientation (0x0112) and to see a GPS IFD (0x8825).
 */
export function exifIfd0(tiff: Uint8Array): Map<number, number> {
  const tags = new Map<number, number>();
  if (tiff.length < 8) return tags;
  const little = tiff[0] === 0x49 && tiff[1] === 0x49;
  if (!little && !(tiff[0] === 0x4d && tiff[1] === 0x4d)) return tags;
  const u16 = (at: number) => (little ? tiff[at] | (tiff[at + 1] << 8) : (tiff[at] << 8) | tiff[at + 1]);
  const u32 = (at: number) => (little ? (tiff[at] | (tiff[at + 1] << 8) | (tiff[at + 2] << 16) | (tiff[at + 3] << 24)) >>> 0 : u32be(tiff, at));
  const ifd = u32(4);
  if (ifd + 2 > tiff.length) return tags;
  const count = u16(ifd);
  for (let i = 0; i < count; i++) {
    const entry = ifd + 2 + i * 12;
    if (entry + 12 > tiff.length) break;
    const tag = u16(entry);
    const type = u16(entry + 2);
    tags.set(tag, type === 3 ? u16(entry + 8) : u32(entry + 8));
  }
  return tags;
}

/** EXIF Orientation (1–8) of a JPEG; 1 when it has none or an invalid one. */
export function jpegOrientation(bytes: Uint8Array): number {
  const exif = jpegExif(bytes);
  const o = exif ? exifIfd0(exif).get(0x0112) : undefined;
  return o !== undefined && o >= 1 && o <= 8 ? o : 1;
}

/** Metadata a photo carries that a blog does not publish: Exif/XMP (APP1, with GPS) and IPTC (APP13). */
const JPEG_METADATA_MARKERS = new Set([0xe1, 0xed]);
/** PNG chunks with text, EXIF and time; colour (iCCP, gAMA, sRGB) stays. */
const PNG_METADATA_CHUNKS = new Set(['tEXt', 'zTXt', 'iTXt', 'eXIf', 'tIME']);

/**
 * The same image without its metadata, losslessly: the JPEG's APP1 and APP13 segments or the PNG's
 * text, EXIF and time chunks left out, every other byte kept. Other formats come back unchanged.
 */
export function stripMetadataLossless(bytes: Uint8Array): Uint8Array {
  const format = sniffFormat(bytes);
  let drop: { start: number; end: number }[] = [];
  if (format === 'jpeg') {
    drop = jpegSegments(bytes).filter((s) => JPEG_METADATA_MARKERS.has(s.marker));
  } else if (format === 'png') {
    drop = pngChunks(bytes).filter((c) => PNG_METADATA_CHUNKS.has(c.type));
  }
  if (!drop.length) return bytes;
  const removed = drop.reduce((n, d) => n + d.end - d.start, 0);
  const out = new Uint8Array(bytes.length - removed);
  let from = 0;
  let to = 0;
  for (const d of drop) {
    out.set(bytes.subarray(from, d.start), to);
    to += d.start - from;
    from = d.end;
  }
  out.set(bytes.subarray(from), to);
  return out;
}

/** True when the image carries metadata `stripMetadataLossless` would remove. */
export function hasMetadata(bytes: Uint8Array): boolean {
  return stripMetadataLossless(bytes) !== bytes;
}

function u16le(b: Uint8Array, at: number): number {
  return b[at] | (b[at + 1] << 8);
}

/**
 * The width and height a PNG, JPEG, GIF, WebP or AVIF header declares, read without decoding (undefined
 * when the header is cut short or the format is another). What the decoder would allocate: checked
 * against a pixel limit before decoding, so a small file that declares 50000×50000 is never expanded.
 * AVIF: the largest `ispe` (image spatial extent) box; GIF: the logical screen or its largest frame.
 */
export function imageSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  switch (sniffFormat(bytes)) {
    case 'png': return bytes.length >= 24 && ascii(bytes, 12, 4) === 'IHDR' ? { width: u32be(bytes, 16), height: u32be(bytes, 20) } : undefined;
    case 'jpeg': {
      // Start of frame: C0–CF except C4 (Huffman tables), C8 (reserved) and CC (arithmetic conditioning).
      const sof = jpegSegments(bytes).find((s) => s.marker >= 0xc0 && s.marker <= 0xcf && s.marker !== 0xc4 && s.marker !== 0xc8 && s.marker !== 0xcc);
      return sof && sof.end - sof.start >= 9 ? { height: (bytes[sof.start + 5] << 8) | bytes[sof.start + 6], width: (bytes[sof.start + 7] << 8) | bytes[sof.start + 8] } : undefined;
    }
    case 'gif': return bytes.length >= 10 ? gifSize(bytes) : undefined;
    case 'webp': return webpSize(bytes);
    case 'avif': return avifSize(bytes);
    default: return undefined;
  }
}

function gifSize(bytes: Uint8Array): { width: number; height: number } {
  let width = u16le(bytes, 6);
  let height = u16le(bytes, 8);
  // Frames may reach past the logical screen; a decoder allocates for them too.
  const flags = bytes[10];
  let at = 13 + (flags & 0x80 ? 3 * (1 << ((flags & 7) + 1)) : 0);
  while (at < bytes.length && bytes[at] !== 0x3b) {
    if (bytes[at] === 0x21) {
      at += 2;
    } else if (bytes[at] === 0x2c && at + 10 <= bytes.length) {
      width = Math.max(width, u16le(bytes, at + 1) + u16le(bytes, at + 5));
      height = Math.max(height, u16le(bytes, at + 3) + u16le(bytes, at + 7));
      const local = bytes[at + 9];
      at += 10 + (local & 0x80 ? 3 * (1 << ((local & 7) + 1)) : 0) + 1;
    } else {
      break;
    }
    while (at < bytes.length && bytes[at] !== 0) at += bytes[at] + 1; // sub-blocks
    at++;
  }
  return { width, height };
}

function webpSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  if (bytes.length < 30) return undefined;
  const chunk = ascii(bytes, 12, 4);
  const u24 = (at: number) => bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16);
  if (chunk === 'VP8X') return { width: u24(24) + 1, height: u24(27) + 1 }; // the canvas
  if (chunk === 'VP8L' && bytes[20] === 0x2f) {
    const bits = (bytes[21] | (bytes[22] << 8) | (bytes[23] << 16) | (bytes[24] << 24)) >>> 0;
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8 ' && bytes[23] === 0x9d && bytes[24] === 0x01 && bytes[25] === 0x2a) {
    return { width: u16le(bytes, 26) & 0x3fff, height: u16le(bytes, 28) & 0x3fff };
  }
  return undefined;
}

function avifSize(bytes: Uint8Array): { width: number; height: number } | undefined {
  // `ispe` boxes: size, "ispe", version and flags, width, height (big-endian). The metadata comes
  // before the pixels, so the first 64 KB are enough.
  let best: { width: number; height: number } | undefined;
  const end = Math.min(bytes.length, 65_536) - 16;
  for (let at = 4; at <= end; at++) {
    if (bytes[at] !== 0x69 || ascii(bytes, at, 4) !== 'ispe') continue;
    const size = { width: u32be(bytes, at + 8), height: u32be(bytes, at + 12) };
    if (!best || size.width * size.height > best.width * best.height) best = size;
  }
  return best;
}
