// The encoders' speed settings per format and image kind, and which codecs the image worker loads
// ahead of the first paste.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { encoderSettings, warmFormats } from '../../../src/core/images/encoderSettings';
import { defaultImageOptions, type ImageOptions } from '../../../src/core/images/imageOptions';
import { sniffFormat } from '../../../src/core/images/container';
import { ImageWorkerClient } from '../../../src/worker/imageWorkerClient';
import { repoRoot } from '../repoRoot';
import { photoPixels, plainPng } from './imageFixtures';

const opts = (o: Partial<ImageOptions>): ImageOptions => ({ ...defaultImageOptions, ...o });

describe('encoder settings', () => {
  test('WebP: method 1 for photos and screenshots, the quality as set', () => {
    assert.deepEqual(encoderSettings('webp', 80), { quality: 80, method: 1 });
    assert.deepEqual(encoderSettings('webp', 65, { photo: true }), { quality: 65, method: 1 });
  });
  test('AVIF: speed 9 for a photo, 8 for anything else (a screenshot would be four times as large at 9)', () => {
    assert.deepEqual(encoderSettings('avif', 60, { photo: true }), { quality: 60, speed: 9 });
    assert.deepEqual(encoderSettings('avif', 60), { quality: 60, speed: 8 });
  });
  test('JPEG: baseline, not progressive', () => {
    assert.deepEqual(encoderSettings('jpeg', 80, { photo: true }), { quality: 80, progressive: false });
  });
  test('overrides replace the chosen values of their format only', () => {
    const overrides = { webp: { method: 2 }, avif: { speed: 8 } };
    assert.deepEqual(encoderSettings('webp', 80, {}, overrides), { quality: 80, method: 2 });
    assert.deepEqual(encoderSettings('avif', 60, { photo: true }, overrides), { quality: 60, speed: 8 });
    assert.deepEqual(encoderSettings('jpeg', 80, {}, overrides), { quality: 80, progressive: false });
  });
});

describe('warming the image worker', () => {
  test('the default settings load nothing: no worker starts for a plain paste', () => {
    assert.deepEqual(warmFormats(defaultImageOptions), { from: [], to: [] });
    assert.deepEqual(warmFormats(opts({ stripMetadata: 'always' })), { from: [], to: [] });
  });
  test('a format: the PNG and JPEG decoders and that encoder', () => {
    assert.deepEqual(warmFormats(opts({ format: 'webp' })), { from: ['png', 'jpeg'], to: ['webp'] });
    assert.deepEqual(warmFormats(opts({ format: 'avif', maxWidth: 1600 })), { from: ['png', 'jpeg'], to: ['avif'] });
  });
  test('maxWidth with the format kept: both encoders; optimizePng: the PNG encoder', () => {
    assert.deepEqual(warmFormats(opts({ maxWidth: 1600 })), { from: ['png', 'jpeg'], to: ['png', 'jpeg'] });
    assert.deepEqual(warmFormats(opts({ optimizePng: true })), { from: ['png', 'jpeg'], to: ['png'] });
    assert.deepEqual(warmFormats(opts({ format: 'webp', optimizePng: true })), { from: ['png', 'jpeg'], to: ['webp'] });
  });
  test('a warmed worker is the one that converts the first image, and its compiled codecs are kept for the next worker', { timeout: 180_000 }, async () => {
    const client = new ImageWorkerClient(path.join(repoRoot, 'out', 'src', 'worker', 'imageWorker.js'), { wasmDir: path.join(repoRoot, 'no-such-dir') });
    try {
      await client.warm(opts({ format: 'webp' }));
      assert.equal(client.workersStarted, 1);
      assert.ok(client.compiledModules >= 3, `compiled modules kept: ${client.compiledModules}`);
      const r = await client.optimise({ bytes: plainPng(photoPixels(64, 48)), dropped: false }, opts({ format: 'webp' }));
      assert.equal(sniffFormat(r.bytes), 'webp');
      assert.equal(client.workersStarted, 1, 'no second worker');
      await client.warm(defaultImageOptions);
      assert.equal(client.workersStarted, 1, 'default settings start nothing');
    } finally {
      client.dispose();
    }
    assert.equal(client.compiledModules, 0, 'disposed: the modules are let go');
  });
});
