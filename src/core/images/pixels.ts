// Decoded pixels (RGBA, 8 bits per channel, row by row) and the EXIF orientations applied to them.

export interface RawImage {
  readonly data: Uint8Array | Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/**
 * The pixels as a viewer shows an image with EXIF Orientation `orientation` (1–8): 2 mirrors, 3 turns
 * 180°, 4 flips, 5 transposes, 6 turns 90° clockwise, 7 transverses, 8 turns 90° anticlockwise.
 * 5–8 swap width and height.
 */
export function applyOrientation(image: RawImage, orientation: number): RawImage {
  if (orientation <= 1 || orientation > 8) return image;
  const { width: w, height: h } = image;
  const data = image.data.byteOffset % 4 ? image.data.slice() : image.data; // Uint32Array needs 4-byte alignment
  const src = new Uint32Array(data.buffer, data.byteOffset, w * h);
  const swap = orientation >= 5;
  const ow = swap ? h : w;
  const oh = swap ? w : h;
  const out = new Uint32Array(ow * oh);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    for (let x = 0; x < w; x++) {
      let dx: number;
      let dy: number;
      switch (orientation) {
        case 2: dx = w - 1 - x; dy = y; break;
        case 3: dx = w - 1 - x; dy = h - 1 - y; break;
        case 4: dx = x; dy = h - 1 - y; break;
        case 5: dx = y; dy = x; break;
        case 6: dx = h - 1 - y; dy = x; break;
        case 7: dx = h - 1 - y; dy = w - 1 - x; break;
        default: dx = y; dy = w - 1 - x; break; // 8
      }
      out[dy * ow + dx] = src[row + x];
    }
  }
  return { data: new Uint8ClampedArray(out.buffer), width: ow, height: oh };
}

/** The size an image of `width`×`height` gets with at most `maxWidth` columns (0: no limit), aspect kept. */
export function fitWidth(width: number, height: number, maxWidth: number): { width: number; height: number } {
  if (!maxWidth || width <= maxWidth) return { width, height };
  return { width: maxWidth, height: Math.max(1, Math.round((height * maxWidth) / width)) };
}
