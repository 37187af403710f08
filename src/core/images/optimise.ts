// One image through the pipeline: size checked against the pixel limit → decode → halved while the
// half is still at least the size wanted → resized to maxWidth → EXIF orientation applied → encoded to the
// chosen format (or only its metadata removed losslessly, or a PNG optimised losslessly). Resizing
// before turning moves the pixels of the small image, not of the 12-megapixel one.
// Pure: the codecs (WebAssembly, in a worker thread) come in as an interface.
import { t } from '../text/l10n';
import type { EncodeHints } from './encoderSettings';
import { imageSize, isAnimated, jpegOrientation, sniffFormat, stripMetadataLossless, type SniffedFormat } from './container';
import { extensionForFormat, stripsMetadata, type EncodedFormat, type ImageOptions } from './imageOptions';
import { applyOrientation, fitWidth, halve, halvings, isOpaque, type RawImage } from './pixels';

/**
 * The most pixels an image may declare to be decoded: 100 megapixels (400 MB of RGBA). A larger one
 * (a decompression bomb: a few KB declaring 50000×50000, or a huge panorama) is saved as it came.
 */
export const maxDecodePixels = 100_000_000;

/** Formats the codecs decode and encode. */
export type CodecFormat = EncodedFormat;

export interface ResizeHints {
  /** Every alpha is 255: no premultiplied alpha needed. */
  readonly opaque?: boolean;
  /** A photo (a JPEG): a softer, quicker filter does; screenshots keep a sharp one for their text. */
  readonly photo?: boolean;
}

export interface ImageCodecs {
  decode(format: CodecFormat, bytes: Uint8Array): Promise<RawImage>;
  /** `hints`: which speed settings suit the image (src/core/images/encoderSettings.ts). */
  encode(format: CodecFormat, image: RawImage, quality: number, hints?: EncodeHints): Promise<Uint8Array>;
  resize(image: RawImage, width: number, height: number, hints?: ResizeHints): Promise<RawImage>;
  /** Lossless PNG optimisation (oxipng). */
  optimisePng(png: Uint8Array): Promise<Uint8Array>;
}

export interface OptimiseInput {
  readonly bytes: Uint8Array;
  /** A file dropped or copied from disk (its name known), not a clipboard image: photos are stripped by default. */
  readonly dropped: boolean;
}

/** Why an image was saved as it came. */
export type LeftAlone = 'animated' | 'not-supported' | 'nothing-to-do' | 'not-smaller';

export interface OptimiseResult {
  readonly bytes: Uint8Array;
  /** The new extension, without the dot (`webp`, `jpg`), when the format changed; undefined when it did not. */
  readonly extension?: string;
  readonly format: SniffedFormat;
  /** False: `bytes` are the input (see `leftAlone`). */
  readonly changed: boolean;
  readonly leftAlone?: LeftAlone;
  /** Size in pixels of what was saved, when it was decoded. */
  readonly width?: number;
  readonly height?: number;
  /** What was done, for logs and reports: `orientation 6`, `resized 4000→1600`, `metadata removed`. */
  readonly steps: readonly string[];
  /** Milliseconds per stage (`decode`, `resize`, `orientation`, `encode`, `png`), for logs and the bench. */
  readonly stageMs?: Readonly<Record<string, number>>;
}

/** The message of an image over `maxDecodePixels`: it is not decoded. */
export function tooLargeMessage(width: number, height: number): string {
  return t('the image declares {0}×{1} pixels ({2} megapixels), more than the {3} megapixels TechBlog decodes.',
    width, height, Math.round((width * height) / 1e6), maxDecodePixels / 1e6);
}

const decodable: ReadonlySet<SniffedFormat> = new Set(['png', 'jpeg', 'webp', 'avif']);

export async function optimiseImage(input: OptimiseInput, options: ImageOptions, codecs: ImageCodecs): Promise<OptimiseResult> {
  const { bytes } = input;
  const source = sniffFormat(bytes);
  const unchanged = (leftAlone: LeftAlone, steps: string[] = []): OptimiseResult => ({ bytes, format: source, changed: false, leftAlone, steps });
  if (!decodable.has(source)) return unchanged(source === 'gif' && isAnimated(bytes) ? 'animated' : 'not-supported');
  if (isAnimated(bytes)) return unchanged('animated');
  const from = source as CodecFormat;

  const strip = stripsMetadata(options, { dropped: input.dropped, jpeg: source === 'jpeg' });
  const target: CodecFormat = options.format === 'keep' ? from : options.format;
  const orientation = source === 'jpeg' ? jpegOrientation(bytes) : 1;
  const steps: string[] = [];

  // Re-encoding drops every metadata block, so a JPEG's orientation is applied to the pixels first.
  let reencode = target !== from || options.maxWidth > 0 || (strip && orientation !== 1);
  let image: RawImage | undefined;
  const stageMs: Record<string, number> = {};
  let t0 = performance.now();
  const lap = (stage: string) => {
    const now = performance.now();
    stageMs[stage] = (stageMs[stage] ?? 0) + now - t0;
    t0 = now;
  };
  if (reencode) {
    const declared = imageSize(bytes);
    if (declared && declared.width * declared.height > maxDecodePixels) throw new Error(tooLargeMessage(declared.width, declared.height));
    image = await codecs.decode(from, bytes);
    lap('decode');
    const swap = orientation >= 5;
    const upright = swap ? { width: image.height, height: image.width } : { width: image.width, height: image.height };
    const size = fitWidth(upright.width, upright.height, options.maxWidth);
    if (size.width !== upright.width) {
      if (orientation !== 1) steps.push(`orientation ${orientation} applied`);
      steps.push(`resized ${upright.width}×${upright.height} → ${size.width}×${size.height}`);
      // The size wanted before turning upright.
      const want = swap ? { width: size.height, height: size.width } : size;
      // A JPEG has no alpha; other formats are opaque when every pixel is.
      const opaque = from === 'jpeg' || isOpaque(image);
      if (opaque) {
        for (let n = Math.min(halvings(image.width, want.width), halvings(image.height, want.height)); n > 0; n--) image = halve(image);
      }
      if (image.width !== want.width || image.height !== want.height) image = await codecs.resize(image, want.width, want.height, { opaque, photo: from === 'jpeg' });
      lap('resize');
      image = applyOrientation(image, orientation);
      lap('orientation');
    } else if (orientation !== 1) {
      image = applyOrientation(image, orientation);
      lap('orientation');
      steps.push(`orientation ${orientation} applied`);
    }
    // A same-format image that needs no rotation or resize is not re-encoded (lossy twice for nothing).
    if (target === from && !steps.length) reencode = false;
  }

  let out: Uint8Array;
  if (reencode && image) {
    out = await codecs.encode(target, image, options.quality, { photo: from === 'jpeg' });
    lap('encode');
    steps.push(`encoded as ${target}${target === 'png' ? '' : ` q${options.quality}`}`);
  } else {
    out = strip ? stripMetadataLossless(bytes) : bytes;
    if (out !== bytes) steps.push('metadata removed');
  }
  if (target === 'png' && options.optimizePng) {
    const optimised = await codecs.optimisePng(out);
    lap('png');
    if (optimised.byteLength < out.byteLength) {
      out = optimised;
      steps.push('PNG optimised losslessly');
    }
  }

  if (out === bytes) return unchanged('nothing-to-do', steps);
  // Same format, no resize: only worth saving when smaller or when metadata had to go.
  if (target === from && !options.maxWidth && !strip && out.byteLength >= bytes.byteLength) return unchanged('not-smaller', steps);
  return {
    bytes: out, extension: target !== from ? extensionForFormat(target) : undefined, format: target, changed: true,
    width: image?.width, height: image?.height, steps, stageMs,
  };
}
