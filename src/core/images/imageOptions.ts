// What TechBlog does to an image it saves (`techblog.paste.format`, `quality`, `maxWidth`,
// `stripMetadata`, `optimizePng`, also per rule in `techblog.paste.rules`). The defaults change
// nothing: the bytes are saved as pasted, like Typora.
import { t } from '../text/l10n';

export const imageFormats = ['keep', 'png', 'webp', 'avif', 'jpeg'] as const;
export type ImageFormat = (typeof imageFormats)[number];
/** What an image can be encoded to. */
export type EncodedFormat = Exclude<ImageFormat, 'keep'>;

export const stripMetadataModes = ['droppedPhotos', 'always', 'never'] as const;
/** `droppedPhotos`: JPEG files dropped or copied from disk (a phone's photos); `always`; `never`. */
export type StripMetadataMode = (typeof stripMetadataModes)[number];

export interface ImageOptions {
  readonly format: ImageFormat;
  /** 1–100, for WebP, AVIF and JPEG. */
  readonly quality: number;
  /** Widest image saved, in pixels; 0: no limit. */
  readonly maxWidth: number;
  readonly stripMetadata: StripMetadataMode;
  /** Lossless PNG optimisation (oxipng) of PNGs saved as PNG. */
  readonly optimizePng: boolean;
}

export const defaultImageOptions: ImageOptions = {
  format: 'keep',
  quality: 80,
  maxWidth: 0,
  stripMetadata: 'droppedPhotos',
  optimizePng: false,
};

export type RawImageOptions = { readonly [K in keyof ImageOptions]?: unknown };

/** The file extension of a format (`jpeg` → `jpg`, as the paste names JPEGs). */
export function extensionForFormat(format: EncodedFormat): string {
  return format === 'jpeg' ? 'jpg' : format;
}

/**
 * Validate raw values (undefined: not set, `base` applies). `where` names the setting in messages
 * (`techblog.paste`, `techblog.paste.rules[0]`). Invalid values keep `base`'s and are reported.
 */
export function readImageOptions(raw: RawImageOptions, base: ImageOptions, where: string): { options: ImageOptions; problems: string[] } {
  const problems: string[] = [];
  let { format, quality, maxWidth, stripMetadata, optimizePng } = base;
  if (imageFormats.includes(raw.format as ImageFormat)) format = raw.format as ImageFormat;
  else if (raw.format !== undefined) problems.push(t('{0} must be one of {1}; using "{2}".', `${where}.format`, imageFormats.join(', '), base.format));
  if (typeof raw.quality === 'number' && Number.isInteger(raw.quality) && raw.quality >= 1 && raw.quality <= 100) quality = raw.quality;
  else if (raw.quality !== undefined) problems.push(t('{0} must be a whole number from 1 to 100; using {1}.', `${where}.quality`, base.quality));
  if (typeof raw.maxWidth === 'number' && Number.isInteger(raw.maxWidth) && raw.maxWidth >= 0) maxWidth = raw.maxWidth;
  else if (raw.maxWidth !== undefined) problems.push(t('{0} must be a whole number of pixels (0: no limit); using {1}.', `${where}.maxWidth`, base.maxWidth));
  if (stripMetadataModes.includes(raw.stripMetadata as StripMetadataMode)) stripMetadata = raw.stripMetadata as StripMetadataMode;
  else if (raw.stripMetadata === true) stripMetadata = 'always';
  else if (raw.stripMetadata === false) stripMetadata = 'never';
  else if (raw.stripMetadata !== undefined) problems.push(t('{0} must be one of {1}; using "{2}".', `${where}.stripMetadata`, stripMetadataModes.join(', '), base.stripMetadata));
  if (typeof raw.optimizePng === 'boolean') optimizePng = raw.optimizePng;
  else if (raw.optimizePng !== undefined) problems.push(t('{0} must be true or false; using {1}.', `${where}.optimizePng`, String(base.optimizePng)));
  return { options: { format, quality, maxWidth, stripMetadata, optimizePng }, problems };
}

/** Whether the options touch a pasted image at all (with the defaults a clipboard image is saved as is). */
export function changesImage(options: ImageOptions, source: { readonly dropped: boolean; readonly jpeg: boolean }): boolean {
  return options.format !== 'keep' || options.maxWidth > 0 || options.optimizePng || stripsMetadata(options, source);
}

export function stripsMetadata(options: ImageOptions, source: { readonly dropped: boolean; readonly jpeg: boolean }): boolean {
  return options.stripMetadata === 'always' || (options.stripMetadata === 'droppedPhotos' && source.dropped && source.jpeg);
}
