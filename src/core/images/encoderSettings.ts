// The encoders' speed/size settings per format, chosen by measuring a 12-megapixel photo and a
// 2560×1600 screenshot (`npm run bench -- images`). Pure: the codecs (src/worker/imageCodecs.ts) pass
// them to @jsquash's MozJPEG, libwebp and libavif.
import type { EncodedFormat, ImageOptions } from './imageOptions';
export interface EncodeHints {
  /** A photo (decoded from a JPEG): faster settings that only lose on flat areas and text do. */
  readonly photo?: boolean;
}

/** MozJPEG: baseline, optimised Huffman tables (turning them off is slower here and 2–6 % larger). */
export interface JpegSettings { readonly quality: number; readonly progressive: false }
/** libwebp: `method` 0 (fastest) – 6 (smallest). */
export interface WebpSettings { readonly quality: number; readonly method: number }
/** libavif/aom: `speed` 0 (slowest, smallest) – 10. */
export interface AvifSettings { readonly quality: number; readonly speed: number }

export interface EncoderSettings {
  readonly jpeg: JpegSettings;
  readonly webp: WebpSettings;
  readonly avif: AvifSettings;
}

/** Settings that replace the chosen ones, per format (the bench measures the previous ones with it). */
export type EncoderOverrides = { readonly [F in keyof EncoderSettings]?: Partial<EncoderSettings[F]> };

/**
 * The settings for `format` at `quality`.
 * - JPEG baseline, not progressive: MozJPEG tries many scan splits for a progressive file, about twice
 *   the time for 3–10 % fewer bytes. (Its trellis quantisation cannot be turned off in this build.)
 * - WebP method 1: 18–26 % less CPU time than method 2 on a photo, 4–9 % on a screenshot, and no
 *   larger (2–5 % smaller). Method 0 saves little more and makes screenshots 15 % larger.
 * - AVIF speed 9 for photos: 15–20 % less CPU time than 8 for 2 % more bytes; a screenshot stays at 8
 *   (at 9 aom drops the tools for flat colour and text, and the file is four times as large).
 *   Tried for the 12 MP photo and left out: speed 10 (the same bytes as 9, no quicker), `tune` PSNR or
 *   SSIM (the same bytes), and the package's multi-threaded encoder run in worker_threads (two threads:
 *   2.5× the CPU time and slower on the wall clock, 3 % larger). Chroma is already 4:2:0 (the default).
 */
export function encoderSettings<F extends keyof EncoderSettings>(format: F, quality: number, hints: EncodeHints = {}, overrides: EncoderOverrides = {}): EncoderSettings[F] {
  const all: EncoderSettings = {
    jpeg: { quality, progressive: false },
    webp: { quality, method: 1 },
    avif: { quality, speed: hints.photo ? 9 : 8 },
  };
  return { ...all[format], ...overrides[format] };
}


/**
 * The codecs worth loading before the first paste with `options` (the image worker is warmed when a
 * post opens): the decoders of what is pasted most (PNG screenshots, JPEG photos) and the encoders the
 * options will use. Empty when the options leave a pasted image as it is (no worker is started).
 */
export function warmFormats(options: ImageOptions): { from: EncodedFormat[]; to: EncodedFormat[] } {
  const to = new Set<EncodedFormat>();
  if (options.format !== 'keep') to.add(options.format);
  else if (options.maxWidth > 0) to.add('png').add('jpeg'); // re-encoded in the format it came in
  if (options.optimizePng && (options.format === 'keep' || options.format === 'png')) to.add('png');
  return to.size ? { from: ['png', 'jpeg'], to: [...to] } : { from: [], to: [] };
}
