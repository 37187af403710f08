// The WebAssembly codecs (@jsquash: Squoosh's MozJPEG, libwebp, libavif, the png crate, oxipng and
// resize) behind the ImageCodecs interface of src/core/images/optimise.ts. Each codec is imported and
// its .wasm compiled on first use only. The .wasm files are read from disk — dist/wasm/ beside the
// bundle (copied there by scripts/build.mjs), else node_modules (tests) — never fetched.
import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { encoderSettings, type EncodeHints, type EncoderOverrides } from '../core/images/encoderSettings';
import type { CodecFormat, ImageCodecs, ResizeHints } from '../core/images/optimise';
import type { RawImage } from '../core/images/pixels';

/** Every .wasm the codecs load: its name in dist/wasm/ → its path in node_modules. */
export const codecWasmFiles: Readonly<Record<string, string>> = {
  'webp_enc_simd.wasm': '@jsquash/webp/codec/enc/webp_enc_simd.wasm',
  'webp_enc.wasm': '@jsquash/webp/codec/enc/webp_enc.wasm',
  'webp_dec.wasm': '@jsquash/webp/codec/dec/webp_dec.wasm',
  'mozjpeg_enc.wasm': '@jsquash/jpeg/codec/enc/mozjpeg_enc.wasm',
  'mozjpeg_dec.wasm': '@jsquash/jpeg/codec/dec/mozjpeg_dec.wasm',
  'squoosh_png_bg.wasm': '@jsquash/png/codec/pkg/squoosh_png_bg.wasm',
  'squoosh_oxipng_bg.wasm': '@jsquash/oxipng/codec/pkg/squoosh_oxipng_bg.wasm',
  'squoosh_resize_bg.wasm': '@jsquash/resize/lib/resize/pkg/squoosh_resize_bg.wasm',
  'avif_enc.wasm': '@jsquash/avif/codec/enc/avif_enc.wasm',
  'avif_dec.wasm': '@jsquash/avif/codec/dec/avif_dec.wasm',
};

/** The codecs build ImageData objects, which Node does not have. */
function ensureImageData(): void {
  const g = globalThis as { ImageData?: unknown };
  g.ImageData ??= class ImageData {
    constructor(readonly data: Uint8ClampedArray, readonly width: number, readonly height: number) {}
  };
}

function imageData(image: RawImage): ImageData {
  ensureImageData();
  const data = image.data instanceof Uint8ClampedArray ? image.data : new Uint8ClampedArray(image.data.buffer, image.data.byteOffset, image.data.byteLength);
  return new (globalThis as unknown as { ImageData: new (d: Uint8ClampedArray, w: number, h: number) => ImageData }).ImageData(data, image.width, image.height);
}

/** A whole ArrayBuffer with `bytes`: their own buffer when they fill it (no copy), else a copy. */
function ownBuffer(bytes: Uint8Array): ArrayBuffer {
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength && bytes.buffer instanceof ArrayBuffer
    ? bytes.buffer
    : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

export interface NodeImageCodecsOptions {
  /** Compiled .wasm modules by file name, from an earlier worker (see `compiled`): not compiled again. */
  readonly modules?: ReadonlyMap<string, WebAssembly.Module>;
  /** Settings that replace the chosen ones (the bench measures the previous settings with it). */
  readonly encoderOverrides?: EncoderOverrides;
}

export class NodeImageCodecs implements ImageCodecs {
  private readonly ready = new Map<string, Promise<unknown>>();
  /** Every .wasm compiled (or handed in) so far, by file name: a new worker gets them without compiling. */
  readonly compiled: Map<string, WebAssembly.Module>;
  /** How many .wasm files this instance compiled itself (not handed in): none for codecs a kept module serves. */
  compiledHere = 0;

  /** `wasmDir`: where the .wasm files are (dist/wasm); missing files are taken from node_modules. */
  constructor(private readonly wasmDir: string = path.join(__dirname, 'wasm'), private readonly options: NodeImageCodecsOptions = {}) {
    ensureImageData();
    this.compiled = new Map(options.modules);
  }

  private async wasm(name: string): Promise<WebAssembly.Module> {
    const known = this.compiled.get(name);
    if (known) return known;
    const shipped = path.join(this.wasmDir, name);
    // A computed specifier: the bundler must not try to bundle a .wasm.
    const file = existsSync(shipped) ? shipped : require.resolve([codecWasmFiles[name]].join(''));
    const module = await WebAssembly.compile(readFileSync(file));
    this.compiledHere++;
    this.compiled.set(name, module);
    return module;
  }

  /** Run `init` once per codec (`key`). */
  private once<T>(key: string, init: () => Promise<T>): Promise<T> {
    let p = this.ready.get(key) as Promise<T> | undefined;
    if (!p) {
      p = init();
      this.ready.set(key, p);
      p.catch(() => this.ready.delete(key));
    }
    return p;
  }

  private async decoder(format: CodecFormat): Promise<(bytes: ArrayBuffer) => Promise<ImageData>> {
    switch (format) {
      case 'jpeg': return this.once('jpeg-dec', async () => {
        const m = await import('@jsquash/jpeg/decode.js');
        await m.init(await this.wasm('mozjpeg_dec.wasm') as never);
        return (b: ArrayBuffer) => m.default(b, { preserveOrientation: false });
      });
      case 'png': return this.once('png-dec', async () => {
        const m = await import('@jsquash/png/decode.js');
        await m.init(await this.wasm('squoosh_png_bg.wasm'));
        return (b: ArrayBuffer) => m.default(b);
      });
      case 'webp': return this.once('webp-dec', async () => {
        const m = await import('@jsquash/webp/decode.js');
        await m.init(await this.wasm('webp_dec.wasm') as never);
        return (b: ArrayBuffer) => m.default(b);
      });
      case 'avif': return this.once('avif-dec', async () => {
        const m = await import('@jsquash/avif/decode.js');
        await m.init(await this.wasm('avif_dec.wasm') as never);
        return async (b: ArrayBuffer) => {
          const r = await m.default(b);
          if (!r) throw new Error('AVIF decoding error');
          return r as ImageData;
        };
      });
    }
  }

  /** Load the decoder of `from` and the encoder of `to` ahead of the first image (the worker is warmed). */
  async warm(from: readonly CodecFormat[], to: readonly CodecFormat[]): Promise<void> {
    await Promise.all([...from.map((f) => this.decoder(f)), ...to.map((f) => this.encoder(f))]);
  }

  private async encoder(format: CodecFormat): Promise<(image: ImageData, quality: number, hints: EncodeHints) => Promise<ArrayBuffer>> {
    const overrides = this.options.encoderOverrides;
    switch (format) {
      case 'jpeg': return this.once('jpeg-enc', async () => {
        const m = await import('@jsquash/jpeg/encode.js');
        await (m.init as (w: WebAssembly.Module) => Promise<void>)(await this.wasm('mozjpeg_enc.wasm'));
        // The settings and why: src/core/images/encoderSettings.ts.
        return (image: ImageData, quality: number, hints: EncodeHints) => m.default(image, encoderSettings('jpeg', quality, hints, overrides));
      });
      case 'png': return this.once('png-enc', async () => {
        const m = await import('@jsquash/png/encode.js');
        await m.init(await this.wasm('squoosh_png_bg.wasm'));
        return (image: ImageData) => m.default(image);
      });
      case 'webp': return this.once('webp-enc', async () => {
        const m = await import('@jsquash/webp/encode.js');
        const { simd } = await import('wasm-feature-detect');
        // The package picks the SIMD build when the engine has SIMD: compile the matching file.
        await m.init(await this.wasm((await simd()) ? 'webp_enc_simd.wasm' : 'webp_enc.wasm') as never);
        return (image: ImageData, quality: number, hints: EncodeHints) => m.default(image, encoderSettings('webp', quality, hints, overrides));
      });
      case 'avif': return this.once('avif-enc', async () => {
        const m = await import('@jsquash/avif/encode.js');
        await (m.init as (w: WebAssembly.Module) => Promise<unknown>)(await this.wasm('avif_enc.wasm'));
        return (image: ImageData, quality: number, hints: EncodeHints) => m.default(image, encoderSettings('avif', quality, hints, overrides));
      });
    }
  }

  async decode(format: CodecFormat, bytes: Uint8Array): Promise<RawImage> {
    const decode = await this.decoder(format);
    // The worker owns the bytes it was sent: their buffer goes in as it is (the codecs only read it).
    const d = await decode(ownBuffer(bytes));
    return { data: d.data, width: d.width, height: d.height };
  }

  async encode(format: CodecFormat, image: RawImage, quality: number, hints: EncodeHints = {}): Promise<Uint8Array> {
    const encode = await this.encoder(format);
    return new Uint8Array(await encode(imageData(image), quality, hints));
  }

  async resize(image: RawImage, width: number, height: number, hints: ResizeHints = {}): Promise<RawImage> {
    const resize = await this.once('resize', async () => {
      const m = await import('@jsquash/resize');
      await m.initResize(await this.wasm('squoosh_resize_bg.wasm'));
      return m.default;
    });
    // In gamma space: a third of the time of linear RGB. Lanczos3: sharp text in screenshots; a photo
    // (its fine detail hides the softness) gets the triangle filter, an area mean in half the time.
    // Premultiplying alpha (needed at transparent edges) doubles the time: only when not opaque.
    const r = await resize(imageData(image), { width, height, method: hints.photo ? 'triangle' : 'lanczos3', premultiply: !hints.opaque, linearRGB: false });
    return { data: r.data, width: r.width, height: r.height };
  }

  async optimisePng(png: Uint8Array): Promise<Uint8Array> {
    const optimise = await this.once('oxipng', async () => {
      const m = await import('@jsquash/oxipng/optimise.js');
      await m.init(await this.wasm('squoosh_oxipng_bg.wasm'));
      return m.default;
    });
    // Level 2: oxipng's default, most of the gain of the slower levels.
    return new Uint8Array(await optimise(ownBuffer(png), { level: 2 }));
  }
}
