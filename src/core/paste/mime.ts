// Image types TechBlog pastes and recognises. Extensions are lower-case, without the dot.

const extensionByMime: ReadonlyMap<string, string> = new Map([
  ['image/png', 'png'],
  ['image/apng', 'apng'],
  ['image/jpeg', 'jpg'], // Typora and most tools write .jpg, not .jpeg
  ['image/jpg', 'jpg'],
  ['image/pjpeg', 'jpg'],
  ['image/gif', 'gif'],
  ['image/webp', 'webp'],
  ['image/svg+xml', 'svg'],
  ['image/avif', 'avif'],
  ['image/bmp', 'bmp'],
  ['image/x-ms-bmp', 'bmp'],
  ['image/x-icon', 'ico'],
  ['image/vnd.microsoft.icon', 'ico'],
  ['image/tiff', 'tiff'],
]);

const imageExtensions: ReadonlySet<string> = new Set([
  'png', 'apng', 'jpg', 'jpeg', 'jfif', 'gif', 'webp', 'svg', 'avif', 'bmp', 'ico', 'tif', 'tiff',
]);

/** `image/png` → `png`; undefined for anything that is not an image type we know. */
export function imageExtensionFromMime(mime: string | undefined): string | undefined {
  if (!mime) {
    return undefined;
  }
  // Drop parameters (`image/svg+xml; charset=utf-8`) and normalise case.
  const essence = mime.split(';', 1)[0].trim().toLowerCase();
  return extensionByMime.get(essence);
}

/** The extension of a file name, lower-case, without the dot ('' when there is none). */
export function extensionOf(name: string): string {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  // A leading dot is a hidden file, not an extension.
  return dot > 0 ? base.slice(dot + 1).toLowerCase() : '';
}

/** True for names with an image extension we paste, link and index (`x.PNG` too). */
export function isImageFile(name: string): boolean {
  return imageExtensions.has(extensionOf(name));
}

/**
 * The extension for a pasted or dropped image: the dropped file's own image extension wins
 * (a `.jpeg` stays `.jpeg`), else the mime type's. undefined when neither is an image.
 */
export function imageExtensionFor(mime: string | undefined, fileName?: string): string | undefined {
  if (fileName && isImageFile(fileName)) {
    return extensionOf(fileName);
  }
  return imageExtensionFromMime(mime);
}
