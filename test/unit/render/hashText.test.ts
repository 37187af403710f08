// The web bundles' synchronous SHA-256 (src/core/render/theme/hashText.web.ts) gives Node's digests: the same
// Sass cache keys on the desktop and in vscode.dev. Lengths around the 55/56/64-byte padding edges, and UTF-8.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { hashText as nodeHash } from '../../../src/core/render/theme/hashText';
import { hashText as webHash } from '../../../src/core/render/theme/hashText.web';

test('the web SHA-256 equals Node\'s for the padding edges, long texts and non-ASCII', () => {
  assert.equal(webHash(''), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  assert.equal(webHash('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  for (const n of [1, 54, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 100_000]) assert.equal(webHash('x'.repeat(n)), nodeHash('x'.repeat(n)), `length ${n}`);
  for (const s of ['$color: #fff;\n@import "base";', '標題：中文 ✓ — émoji 🎉', '\u0000\uffff']) assert.equal(webHash(s), nodeHash(s), s);
});
