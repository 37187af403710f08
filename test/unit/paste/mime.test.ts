import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extensionOf, imageExtensionFor, imageExtensionFromMime, isImageFile } from '../../../src/core/paste/mime';

describe('imageExtensionFromMime', () => {
  test('maps the image types browsers and OSes put on the clipboard', () => {
    assert.equal(imageExtensionFromMime('image/png'), 'png');
    assert.equal(imageExtensionFromMime('image/jpeg'), 'jpg');
    assert.equal(imageExtensionFromMime('image/gif'), 'gif');
    assert.equal(imageExtensionFromMime('image/webp'), 'webp');
    assert.equal(imageExtensionFromMime('image/svg+xml'), 'svg');
    assert.equal(imageExtensionFromMime('image/avif'), 'avif');
    assert.equal(imageExtensionFromMime('image/bmp'), 'bmp');
    assert.equal(imageExtensionFromMime('image/x-icon'), 'ico');
    assert.equal(imageExtensionFromMime('image/tiff'), 'tiff');
  });
  test('ignores case and parameters', () => {
    assert.equal(imageExtensionFromMime('IMAGE/PNG'), 'png');
    assert.equal(imageExtensionFromMime('image/svg+xml; charset=utf-8'), 'svg');
  });
  test('is undefined for non-images', () => {
    assert.equal(imageExtensionFromMime('text/plain'), undefined);
    assert.equal(imageExtensionFromMime('text/uri-list'), undefined);
    assert.equal(imageExtensionFromMime(''), undefined);
    assert.equal(imageExtensionFromMime(undefined), undefined);
  });
});

describe('isImageFile / extensionOf', () => {
  test('recognises image names in any case, not other files', () => {
    for (const name of ['a.png', 'B.PNG', 'c.jpeg', 'd.jpg', 'e.gif', 'f.webp', 'g.svg', '/x/y/截圖 1.png']) {
      assert.equal(isImageFile(name), true, name);
    }
    for (const name of ['a.md', 'png', '.png', 'a.png.txt', 'images/2021', '']) {
      assert.equal(isImageFile(name), false, name);
    }
  });
  test('extensionOf looks at the last segment only', () => {
    assert.equal(extensionOf('/a.b/c'), '');
    assert.equal(extensionOf('/a/b.TAR.GZ'), 'gz');
    assert.equal(extensionOf('.hidden'), '');
  });
});

describe('imageExtensionFor', () => {
  test('a dropped file keeps its own image extension', () => {
    assert.equal(imageExtensionFor('image/jpeg', 'photo.JPEG'), 'jpeg');
    assert.equal(imageExtensionFor('', 'shot.png'), 'png');
  });
  test('falls back to the mime type, and refuses non-images', () => {
    assert.equal(imageExtensionFor('image/png', 'clipboard'), 'png');
    assert.equal(imageExtensionFor('image/png'), 'png');
    assert.equal(imageExtensionFor('text/plain', 'notes.txt'), undefined);
  });
});
