// Real image bytes made at test time: a screenshot-like PNG, a phone-like JPEG with an EXIF block
// (Orientation and a GPS position, written here byte by byte), a PNG with text chunks, an animated GIF.
import { crc32, deflateSync } from 'node:zlib';
import type { RawImage } from '../../../src/core/images/pixels';

/**
 * A UI screenshot: flat background, a title bar, a button, lines of "text" (dark dashes) and, in the
 * lower right, a picture shown in the page (gradients and grain), as screenshots of blogs and apps have.
 */
export function screenshotPixels(width: number, height: number): RawImage {
  const data = new Uint8ClampedArray(width * height * 4);
  const set = (x: number, y: number, r: number, g: number, b: number) => {
    const i = (y * width + x) * 4;
    data[i] = r; data[i + 1] = g; data[i + 2] = b; data[i + 3] = 255;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const n = ((x * 7919 + y * 104729) ^ (x * y)) & 31; // grain
      if (y < 32) set(x, y, 0x2d, 0x2d, 0x30); // title bar
      else if (x > width / 2 && y > height / 3) set(x, y, (x * 255) / width - n, (y * 255) / height - n, 160 + n); // a picture
      else if (x < 48) set(x, y, 0x33, 0x33, 0x37); // activity bar
      else if (y % 18 < 10 && y > 48 && (x % 97) < 70 + ((y * 7) % 23) && ((x * 13 + y) % 11) > 1) set(x, y, 0x1e, 0x1e, 0x1e); // text
      else if (x > width - 160 && x < width - 40 && y > 60 && y < 90) set(x, y, 0x0e, 0x63, 0x9c); // a button
      else set(x, y, 0xfa, 0xfa, 0xfa);
    }
  }
  return { data, width, height };
}

/** A photo-like image (gradients and grain), with a pure red block in its top-left corner to follow rotations. */
export function photoPixels(width: number, height: number, seed = 1): RawImage {
  const data = new Uint8ClampedArray(width * height * 4);
  let s = seed;
  const rand = () => ((s = (s * 1103515245 + 12345) >>> 0) >>> 24);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const red = x < width / 8 && y < height / 8;
      const n = rand() & 15;
      data[i] = red ? 255 : (x * 200) / width + n;
      data[i + 1] = red ? 0 : (y * 200) / height + n;
      data[i + 2] = red ? 0 : 120 + n;
      data[i + 3] = 255;
    }
  }
  return { data, width, height };
}

/** The Exif TIFF block (little-endian) with IFD0 Orientation, Make and a GPS IFD (latitude, longitude). */
export function exifTiff(orientation: number, gps = { lat: [25, 2, 1], lon: [121, 33, 54] }): Uint8Array {
  const b: number[] = [];
  const u16 = (v: number) => b.push(v & 0xff, (v >> 8) & 0xff);
  const u32 = (v: number) => b.push(v & 0xff, (v >> 8) & 0xff, (v >> 16) & 0xff, (v >>> 24) & 0xff);
  b.push(0x49, 0x49); u16(42); u32(8); // header, IFD0 at 8
  // IFD0: 3 entries (12 bytes each) + next-IFD offset
  const ifd0End = 8 + 2 + 3 * 12 + 4; // 50
  const make = 'TestCam\0';
  const gpsIfd = ifd0End + make.length; // 58
  u16(3);
  u16(0x010f); u16(2); u32(make.length); u32(ifd0End); // Make → offset
  u16(0x0112); u16(3); u32(1); u16(orientation); u16(0); // Orientation SHORT inline
  u16(0x8825); u16(4); u32(1); u32(gpsIfd); // GPS IFD pointer
  u32(0);
  for (const c of make) b.push(c.charCodeAt(0));
  // GPS IFD: 4 entries, rationals after it
  const rationals = gpsIfd + 2 + 4 * 12 + 4;
  u16(4);
  u16(1); u16(2); u32(2); b.push(0x4e, 0, 0, 0); // GPSLatitudeRef "N"
  u16(2); u16(5); u32(3); u32(rationals); // GPSLatitude
  u16(3); u16(2); u32(2); b.push(0x45, 0, 0, 0); // GPSLongitudeRef "E"
  u16(4); u16(5); u32(3); u32(rationals + 24); // GPSLongitude
  u32(0);
  for (const v of [...gps.lat, ...gps.lon]) { u32(v); u32(1); }
  return new Uint8Array(b);
}

/** `jpeg` with an APP1 Exif segment holding `tiff` right after SOI. */
export function withExif(jpeg: Uint8Array, tiff: Uint8Array): Uint8Array {
  const payload = [...Buffer.from('Exif\0\0', 'latin1'), ...tiff];
  const length = payload.length + 2;
  return new Uint8Array([0xff, 0xd8, 0xff, 0xe1, length >> 8, length & 0xff, ...payload, ...jpeg.subarray(2)]);
}

function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const out = Buffer.alloc(12 + data.length);
  out.writeUInt32BE(data.length, 0);
  typed.copy(out, 4);
  out.writeUInt32BE(crc32(typed), 8 + data.length);
  return out;
}

/** A plain PNG of `image` (RGBA, filter 0, zlib level 1): what a screenshot tool puts on the clipboard, without any codec. */
export function plainPng(image: RawImage): Uint8Array {
  const { data, width, height } = image;
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bits per channel
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(height * (1 + 4 * width));
  for (let y = 0; y < height; y++) raw.set(data.subarray(y * width * 4, (y + 1) * width * 4), y * (1 + 4 * width) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(raw, { level: 1 })), pngChunk('IEND', new Uint8Array(0))]);
}

/** `png` with a tEXt chunk (`key`, `value`) after IHDR. */
export function withPngText(png: Uint8Array, key: string, value: string): Uint8Array {
  const ihdrEnd = 8 + 25;
  return Buffer.concat([png.subarray(0, ihdrEnd), pngChunk('tEXt', Buffer.from(`${key}\0${value}`, 'latin1')), png.subarray(ihdrEnd)]);
}

/** A 1×1 GIF89a with two frames (red, then blue) and a NETSCAPE2.0 loop: an animated GIF. */
export function animatedGif(): Uint8Array {
  const frame = (delay: number) => [
    0x21, 0xf9, 0x04, 0x00, delay, 0x00, 0x00, 0x00, // graphic control: delay
    0x2c, 0, 0, 0, 0, 1, 0, 1, 0, 0x00, // image descriptor 1×1, no local table
    0x02, 0x02, 0x44, 0x01, 0x00, // LZW min size 2: clear, index 0, end
  ];
  return new Uint8Array([
    ...Buffer.from('GIF89a', 'latin1'), 1, 0, 1, 0, 0x80, 0, 0, // 1×1, global table of 2 colours
    255, 0, 0, 0, 0, 255,
    0x21, 0xff, 0x0b, ...Buffer.from('NETSCAPE2.0', 'latin1'), 0x03, 0x01, 0x00, 0x00, 0x00,
    ...frame(10), ...frame(10).map((v, i) => (i === 18 + 2 ? 0x4c : v)),
    0x3b,
  ]);
}

/** Mean absolute difference per channel (RGB) between two images of the same size. */
export function meanAbsDiff(a: RawImage, b: RawImage): number {
  let sum = 0;
  for (let i = 0; i < a.width * a.height; i++) for (let c = 0; c < 3; c++) sum += Math.abs(a.data[i * 4 + c] - b.data[i * 4 + c]);
  return sum / (a.width * a.height * 3);
}

/** The RGB of one pixel. */
export function pixelAt(img: RawImage, x: number, y: number): [number, number, number] {
  const i = (y * img.width + x) * 4;
  return [img.data[i], img.data[i + 1], img.data[i + 2]];
}
