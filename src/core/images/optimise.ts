// One image through the pipeline: decode → EXIF orientation applied → resized to maxWidth → encoded
// to the chosen format (or only its metadata removed losslessly, or a PNG optimised losslessly).
// Pure: the codecs (WebAssembly, in a worker thread) come in as an interface.
import { isAnimated, jpegOrientation, sniffFormat, stripMetadataLossless, type SniffedFormat } from './container';
import { extensionForFormat, stripsMetadata, type EncodedFormat, type ImageOptions } from './imageOptions';
import { applyOrientation, fitWidth, type RawImage } from './pixels';

/** Formats the codecs decode and encode. */
export type CodecFormat = EncodedFormat;

export interface ImageCodecs {
  decode(format: CodecFormat, bytes: Uint8Array): Promise<RawImage>;
  encode(format: CodecFormat, image: RawImage, quality: number): Promise<Uint8Array>;
  resize(image: RawImage, width: number, height: number): Promise<RawImage>;
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
  if (reencode) {
    image = await codecs.decode(from, bytes);
    if (orientation !== 1) {
      image = applyOrientation(image, orientation);
      steps.push(`orientation ${orientation} applied`);
    }
    const size = fitWidth(image.width, image.height, options.maxWidth);
    if (size.width !== image.width) {
      steps.push(`resized ${image.width}×${image.height} → ${size.width}×${size.height}`);
      image = await codecs.resize(image, size.width, size.height);
    }
    // A same-format image that needs no rotation or resize is not re-encoded (lossy twice for nothing).
    if (target === from && !steps.length) reencode = false;
  }

  let out: Uint8Array;
  if (reencode && image) {
    out = await codecs.encode(target, image, options.quality);
    steps.push(`encoded as ${target}${target === 'png' ? '' : ` q${options.quality}`}`);
  } else {
    out = strip ? stripMetadataLossless(bytes) : bytes;
    if (out !== bytes) steps.push('metadata removed');
  }
  if (target === 'png' && options.optimizePng) {
    const optimised = await codecs.optimisePng(out);
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
    width: image?.width, height: image?.height, steps,
  };
}
