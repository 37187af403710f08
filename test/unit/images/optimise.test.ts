// The image pipeline on real bytes: PNG screenshots, JPEG photos with EXIF GPS and orientation, an
// animated GIF; the outputs are decoded again and compared (size, pixels, metadata).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { exifIfd0, gifFrameCount, imageSize, isAnimated, jpegExif, jpegOrientation, jpegSegments, pngChunks, sniffFormat, stripMetadataLossless } from '../../../src/core/images/container';
import { changesImage, defaultImageOptions, readImageOptions, type ImageOptions } from '../../../src/core/images/imageOptions';
import { maxDecodePixels, optimiseImage, type ImageCodecs } from '../../../src/core/images/optimise';
import { applyOrientation, fitWidth, halve, halvings, isOpaque, type RawImage } from '../../../src/core/images/pixels';
import { NodeImageCodecs } from '../../../src/worker/imageCodecs';
import { ImageWorkerClient } from '../../../src/worker/imageWorkerClient';
import { repoRoot } from '../repoRoot';
import { animatedGif, exifTiff, meanAbsDiff, photoPixels, pixelAt, plainPng, screenshotPixels, withExif, withPngText } from './imageFixtures';

const codecs = new NodeImageCodecs(path.join(repoRoot, 'no-such-dir')); // the .wasm files from node_modules
const opts = (o: Partial<ImageOptions>): ImageOptions => ({ ...defaultImageOptions, ...o });
const TIMEOUT = { timeout: 180_000 };

let screenshotPng: Uint8Array | undefined;
async function screenshot(): Promise<{ png: Uint8Array; pixels: RawImage }> {
  const pixels = screenshotPixels(1280, 800);
  screenshotPng ??= await codecs.encode('png', pixels, 100);
  return { png: screenshotPng, pixels };
}

/** A 600×400 JPEG photo with EXIF Orientation `orientation` and a GPS position. */
async function phonePhoto(orientation: number): Promise<{ jpeg: Uint8Array; pixels: RawImage }> {
  const pixels = photoPixels(600, 400);
  const plain = await codecs.encode('jpeg', pixels, 90);
  return { jpeg: withExif(plain, exifTiff(orientation)), pixels };
}

describe('image containers', () => {
  test('the EXIF written by the test is read back: orientation 6, a GPS IFD', async () => {
    const { jpeg } = await phonePhoto(6);
    assert.equal(sniffFormat(jpeg), 'jpeg');
    assert.equal(jpegOrientation(jpeg), 6);
    assert.ok(exifIfd0(jpegExif(jpeg)!).has(0x8825), 'GPS IFD pointer');
    assert.ok(Buffer.from(jpeg).includes(Buffer.from('TestCam')));
  });
  test('lossless stripping drops only the APP1 segment of a JPEG', async () => {
    const { jpeg } = await phonePhoto(1);
    const stripped = stripMetadataLossless(jpeg);
    const app1 = jpegSegments(jpeg).find((s) => s.marker === 0xe1)!;
    assert.equal(stripped.length, jpeg.length - (app1.end - app1.start));
    assert.equal(jpegExif(stripped), undefined);
    assert.ok(!jpegSegments(stripped).some((s) => s.marker === 0xe1 || s.marker === 0xed));
    assert.deepEqual(Buffer.from(stripped.subarray(2)), Buffer.from(jpeg.subarray(app1.end)), 'every other byte kept');
    const decoded = await codecs.decode('jpeg', stripped);
    assert.deepEqual([decoded.width, decoded.height], [600, 400]);
  });
  test('PNG text chunks are dropped, the pixels chunks kept', async () => {
    const { png } = await screenshot();
    const tagged = withPngText(png, 'Comment', 'taken at home');
    assert.ok(pngChunks(tagged).some((c) => c.type === 'tEXt'));
    const stripped = stripMetadataLossless(tagged);
    assert.deepEqual(Buffer.from(stripped), Buffer.from(png));
    assert.equal(stripMetadataLossless(png), png, 'nothing to drop: the same array');
  });
  test('an animated GIF is recognised', () => {
    const gif = animatedGif();
    assert.equal(sniffFormat(gif), 'gif');
    assert.equal(gifFrameCount(gif), 2);
    assert.ok(isAnimated(gif));
  });
});

describe('orientation and size', () => {
  // 3×2, pixel value = its index, so every move is visible.
  const tiny: RawImage = { data: new Uint8ClampedArray(new Uint32Array([0, 1, 2, 3, 4, 5]).buffer), width: 3, height: 2 };
  const values = (img: RawImage) => [...new Uint32Array(img.data.buffer, img.data.byteOffset, img.width * img.height)];
  test('each EXIF orientation moves pixels where a viewer shows them', () => {
    const expected: Record<number, { w: number; v: number[] }> = {
      1: { w: 3, v: [0, 1, 2, 3, 4, 5] },
      2: { w: 3, v: [2, 1, 0, 5, 4, 3] },
      3: { w: 3, v: [5, 4, 3, 2, 1, 0] },
      4: { w: 3, v: [3, 4, 5, 0, 1, 2] },
      5: { w: 2, v: [0, 3, 1, 4, 2, 5] },
      6: { w: 2, v: [3, 0, 4, 1, 5, 2] },
      7: { w: 2, v: [5, 2, 4, 1, 3, 0] },
      8: { w: 2, v: [2, 5, 1, 4, 0, 3] },
    };
    for (const [o, e] of Object.entries(expected)) {
      const r = applyOrientation(tiny, +o);
      assert.equal(r.width, e.w, `orientation ${o}`);
      assert.deepEqual(values(r), e.v, `orientation ${o}`);
    }
  });
  test('maxWidth keeps the aspect ratio and never enlarges', () => {
    assert.deepEqual(fitWidth(4000, 3000, 1600), { width: 1600, height: 1200 });
    assert.deepEqual(fitWidth(800, 600, 1600), { width: 800, height: 600 });
    assert.deepEqual(fitWidth(800, 600, 0), { width: 800, height: 600 });
  });
});

describe('settings', () => {
  test('invalid values are reported and fall back', () => {
    const { options, problems } = readImageOptions({ format: 'gif', quality: 0, maxWidth: -3, stripMetadata: 'sometimes', optimizePng: 'yes' }, defaultImageOptions, 'techblog.paste');
    assert.deepEqual(options, defaultImageOptions);
    assert.equal(problems.length, 5);
    assert.match(problems[0], /techblog\.paste\.format must be one of keep, png, webp, avif, jpeg/);
  });
  test('the defaults leave a clipboard image alone and strip a dropped photo', () => {
    assert.equal(changesImage(defaultImageOptions, { dropped: false, jpeg: false }), false);
    assert.equal(changesImage(defaultImageOptions, { dropped: false, jpeg: true }), false);
    assert.equal(changesImage(defaultImageOptions, { dropped: true, jpeg: false }), false);
    assert.equal(changesImage(defaultImageOptions, { dropped: true, jpeg: true }), true);
    assert.equal(changesImage(opts({ stripMetadata: 'never' }), { dropped: true, jpeg: true }), false);
  });
});

describe('optimiseImage with the WebAssembly codecs', () => {
  test('a PNG screenshot as WebP: much smaller, same size in pixels, same picture', TIMEOUT, async () => {
    const { png, pixels } = await screenshot();
    const r = await optimiseImage({ bytes: png, dropped: false }, opts({ format: 'webp', quality: 80 }), codecs);
    assert.equal(r.changed, true);
    assert.equal(r.extension, 'webp');
    assert.equal(sniffFormat(r.bytes), 'webp');
    assert.ok(r.bytes.length * 2 < png.length, `webp ${r.bytes.length} B vs png ${png.length} B`);
    const back = await codecs.decode('webp', r.bytes);
    assert.deepEqual([back.width, back.height], [1280, 800]);
    assert.ok(meanAbsDiff(back, pixels) < 6, `mean difference ${meanAbsDiff(back, pixels)}`);
  });
  test('lossless PNG optimisation keeps every pixel and saves bytes', TIMEOUT, async () => {
    const { png, pixels } = await screenshot();
    const r = await optimiseImage({ bytes: png, dropped: false }, opts({ optimizePng: true }), codecs);
    assert.equal(r.changed, true);
    assert.equal(r.extension, undefined, 'still a .png');
    assert.ok(r.bytes.length < png.length, `${r.bytes.length} < ${png.length}`);
    const back = await codecs.decode('png', r.bytes);
    assert.equal(meanAbsDiff(back, pixels), 0);
  });
  test('maxWidth resizes, the format decides the extension', TIMEOUT, async () => {
    const { png } = await screenshot();
    const r = await optimiseImage({ bytes: png, dropped: false }, opts({ format: 'jpeg', maxWidth: 640 }), codecs);
    assert.equal(r.extension, 'jpg');
    const back = await codecs.decode('jpeg', r.bytes);
    assert.deepEqual([back.width, back.height], [640, 400]);
  });
  test('a dropped phone photo (orientation 6, GPS): turned upright, GPS and EXIF gone', TIMEOUT, async () => {
    const { jpeg } = await phonePhoto(6);
    const r = await optimiseImage({ bytes: jpeg, dropped: true }, defaultImageOptions, codecs);
    assert.equal(r.changed, true);
    assert.equal(sniffFormat(r.bytes), 'jpeg');
    assert.equal(jpegExif(r.bytes), undefined, 'no EXIF');
    assert.ok(!Buffer.from(r.bytes).includes(Buffer.from('TestCam')));
    const back = await codecs.decode('jpeg', r.bytes);
    assert.deepEqual([back.width, back.height], [400, 600], 'width and height swapped');
    // The red block was top-left as stored; turned 90° clockwise it is top-right.
    const [rTop, gTop] = pixelAt(back, back.width - 10, 10);
    assert.ok(rTop > 200 && gTop < 60, `top-right ${pixelAt(back, back.width - 10, 10)}`);
    const [rLeft] = pixelAt(back, 10, 10);
    assert.ok(rLeft < 200, `top-left ${pixelAt(back, 10, 10)}`);
  });
  test('a dropped upright photo: EXIF removed without re-encoding', TIMEOUT, async () => {
    const { jpeg } = await phonePhoto(1);
    const r = await optimiseImage({ bytes: jpeg, dropped: true }, defaultImageOptions, codecs);
    assert.deepEqual(Buffer.from(r.bytes), Buffer.from(stripMetadataLossless(jpeg)));
    assert.deepEqual(r.steps, ['metadata removed']);
  });
  test('a pasted (not dropped) photo keeps its bytes with the defaults', TIMEOUT, async () => {
    const { jpeg } = await phonePhoto(6);
    const r = await optimiseImage({ bytes: jpeg, dropped: false }, defaultImageOptions, codecs);
    assert.equal(r.changed, false);
    assert.equal(r.bytes, jpeg);
  });
  test('a photo converted to WebP is upright and carries no GPS', TIMEOUT, async () => {
    const { jpeg } = await phonePhoto(8);
    const r = await optimiseImage({ bytes: jpeg, dropped: false }, opts({ format: 'webp', stripMetadata: 'never' }), codecs);
    assert.equal(sniffFormat(r.bytes), 'webp');
    assert.ok(!Buffer.from(r.bytes).includes(Buffer.from('Exif')) && !Buffer.from(r.bytes).includes(Buffer.from('TestCam')));
    const back = await codecs.decode('webp', r.bytes);
    assert.deepEqual([back.width, back.height], [400, 600]);
    // Orientation 8 (90° anticlockwise): the top-left red block ends bottom-left.
    const [red, green] = pixelAt(back, 10, back.height - 10);
    assert.ok(red > 200 && green < 60, `bottom-left ${pixelAt(back, 10, back.height - 10)}`);
  });
  test('AVIF: encoded and decoded back to the same size', TIMEOUT, async () => {
    const pixels = photoPixels(320, 240);
    const jpeg = await codecs.encode('jpeg', pixels, 92);
    const r = await optimiseImage({ bytes: jpeg, dropped: false }, opts({ format: 'avif', quality: 60 }), codecs);
    assert.equal(sniffFormat(r.bytes), 'avif');
    assert.equal(r.extension, 'avif');
    const back = await codecs.decode('avif', r.bytes);
    assert.deepEqual([back.width, back.height], [320, 240]);
    assert.ok(meanAbsDiff(back, pixels) < 12, `mean difference ${meanAbsDiff(back, pixels)}`);
  });
  test('an animated GIF is left alone, whatever the format', TIMEOUT, async () => {
    const gif = animatedGif();
    const r = await optimiseImage({ bytes: gif, dropped: true }, opts({ format: 'webp', maxWidth: 10, stripMetadata: 'always', optimizePng: true }), codecs);
    assert.equal(r.changed, false);
    assert.equal(r.leftAlone, 'animated');
    assert.equal(r.bytes, gif);
  });
});

/** A PNG of only a signature and an IHDR chunk declaring `width`×`height`: 33 bytes, no pixels. */
function pngHeader(width: number, height: number): Uint8Array {
  const png = plainPng({ data: new Uint8Array(4), width: 1, height: 1 });
  const header = new Uint8Array(png.subarray(0, 33)); // a copy of its own (plainPng gives a Buffer, whose slice is a view)
  const view = new DataView(header.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return header;
}

describe('the pixel limit', () => {
  test('sizes are read from PNG, JPEG, GIF and WebP headers', async () => {
    assert.deepEqual(imageSize(pngHeader(50000, 50000)), { width: 50000, height: 50000 });
    assert.deepEqual(imageSize(await codecs.encode('jpeg', photoPixels(64, 48), 80)), { width: 64, height: 48 });
    assert.deepEqual(imageSize(animatedGif()), { width: 1, height: 1 });
    assert.deepEqual(imageSize(await codecs.encode('webp', photoPixels(64, 48), 80)), { width: 64, height: 48 });
    assert.equal(imageSize(new Uint8Array([0x89, 0x50])), undefined);
  });
  test('a tiny PNG declaring 50000×50000 is refused before decoding, with a message that says why', async () => {
    const bomb = pngHeader(50000, 50000);
    assert.ok(50000 * 50000 > maxDecodePixels);
    let decoded = 0;
    const counting: ImageCodecs = { decode: async (f, b) => { decoded++; return codecs.decode(f, b); }, encode: codecs.encode.bind(codecs), resize: codecs.resize.bind(codecs), optimisePng: codecs.optimisePng.bind(codecs) };
    await assert.rejects(optimiseImage({ bytes: bomb, dropped: false }, opts({ format: 'webp' }), counting),
      (e: Error) => /50000×50000 pixels \(2500 megapixels\), more than the 100 megapixels/.test(e.message));
    assert.equal(decoded, 0, 'never handed to the decoder');
    // Nothing asked of the pixels: the bytes stay as they came.
    const kept = await optimiseImage({ bytes: bomb, dropped: false }, defaultImageOptions, counting);
    assert.equal(kept.bytes, bomb);
  });
  test('through the worker the refusal is a failure the paste turns into "saved as pasted"', { timeout: 180_000 }, async () => {
    const client = new ImageWorkerClient(path.join(repoRoot, 'out', 'src', 'worker', 'imageWorker.js'), { wasmDir: path.join(repoRoot, 'no-such-dir') });
    try {
      const bomb = pngHeader(50000, 50000);
      await assert.rejects(client.optimise({ bytes: bomb, dropped: false }, opts({ format: 'webp' })), /more than the 100 megapixels TechBlog decodes/);
      assert.equal(bomb.byteLength, 33, 'the caller keeps its bytes');
    } finally {
      client.dispose();
    }
  });
});

describe('the fast pre-shrink', () => {
  test('halving averages 2×2 blocks per channel, odd edges with themselves', () => {
    const data = new Uint8ClampedArray([
      0, 10, 20, 255, 2, 12, 22, 255, 100, 0, 0, 255,
      4, 14, 24, 255, 6, 16, 26, 255, 200, 0, 0, 255,
    ]);
    const h = halve({ data, width: 3, height: 2 });
    assert.deepEqual([h.width, h.height], [2, 1]);
    assert.deepEqual([...h.data], [3, 13, 23, 255, 150, 0, 0, 255]);
  });
  test('halvings stop while the half is still at least the size wanted', () => {
    assert.equal(halvings(4000, 1600), 1);
    assert.equal(halvings(4000, 2133), 0);
    assert.equal(halvings(8000, 1600), 2);
    assert.equal(halvings(1600, 1600), 0);
    assert.equal(halvings(4000, 0), 0);
  });
  test('opaque or not', () => {
    assert.equal(isOpaque(photoPixels(8, 8)), true);
    const p = photoPixels(8, 8);
    p.data[4 * 10 + 3] = 254;
    assert.equal(isOpaque(p), false);
  });
  test('a 4000×3000 photo at maxWidth 1600 (halved, then resized): same picture as resized in one step, red block edge sharp', { timeout: 180_000 }, async () => {
    const pixels = photoPixels(4000, 3000);
    const jpeg = await codecs.encode('jpeg', pixels, 92);
    const r = await optimiseImage({ bytes: jpeg, dropped: false }, opts({ format: 'png', maxWidth: 1600 }), codecs);
    const back = await codecs.decode('png', r.bytes);
    assert.deepEqual([back.width, back.height], [1600, 1200]);
    const direct = await codecs.resize(await codecs.decode('jpeg', jpeg), 1600, 1200);
    assert.ok(meanAbsDiff(back, direct) < 3, `mean difference to a one-step Lanczos resize ${meanAbsDiff(back, direct)}`);
    // The red block covers x < 500, y < 375 of the original: x < 200, y < 150 now, its edge within 2 pixels.
    assert.ok(pixelAt(back, 197, 75)[0] > 200 && pixelAt(back, 197, 75)[1] < 60, `inside ${pixelAt(back, 197, 75)}`);
    assert.ok(pixelAt(back, 203, 75)[0] < 200, `outside ${pixelAt(back, 203, 75)}`);
  });
});

describe('the image worker', () => {
  test('converts off the calling thread and hands the bytes back', TIMEOUT, async () => {
    const client = new ImageWorkerClient(path.join(repoRoot, 'out', 'src', 'worker', 'imageWorker.js'), { wasmDir: path.join(repoRoot, 'no-such-dir') });
    try {
      const { png } = await screenshot();
      const copy = png.slice();
      const r = await client.optimise({ bytes: png, dropped: false }, opts({ format: 'webp' }));
      assert.equal(sniffFormat(r.bytes), 'webp');
      assert.ok(r.bytes.length < png.length);
      assert.deepEqual(Buffer.from(png), Buffer.from(copy), 'the caller keeps its bytes');
      const gif = await client.optimise({ bytes: animatedGif(), dropped: false }, opts({ format: 'webp' }));
      assert.equal(gif.leftAlone, 'animated');
      assert.equal(client.workersStarted, 1);
    } finally {
      client.dispose();
    }
  });
});
