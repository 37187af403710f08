// The image worker ends after an idle period; the .wasm modules it compiled stay with the client, and
// the next worker gets them: its first image compiles nothing (src/worker/imageWorkerClient.ts).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { sniffFormat } from '../../../src/core/images/container';
import { defaultImageOptions, type ImageOptions } from '../../../src/core/images/imageOptions';
import { NodeImageCodecs } from '../../../src/worker/imageCodecs';
import { ImageWorkerClient } from '../../../src/worker/imageWorkerClient';
import { repoRoot } from '../repoRoot';
import { photoPixels, plainPng, screenshotPixels } from './imageFixtures';

const opts = (o: Partial<ImageOptions>): ImageOptions => ({ ...defaultImageOptions, ...o });

test('a worker started again after the idle period compiles no codec the ended one had compiled', { timeout: 240_000 }, async () => {
  const png = plainPng(screenshotPixels(320, 200));
  const jpeg = await new NodeImageCodecs(path.join(repoRoot, 'no-such-dir')).encode('jpeg', photoPixels(320, 200), 90);
  let idleStops = 0;
  let onStop: () => void = () => {};
  // The client's idle timer does not keep the process alive; this waiting does, until the worker ends.
  let keepAlive: ReturnType<typeof setInterval> | undefined;
  const stopped = () => new Promise<void>((resolve) => {
    keepAlive = setInterval(() => {}, 1000);
    onStop = () => { clearInterval(keepAlive); resolve(); };
  });
  const client = new ImageWorkerClient(path.join(repoRoot, 'out', 'src', 'worker', 'imageWorker.js'), {
    wasmDir: path.join(repoRoot, 'no-such-dir'),
    idleMs: 50,
    onIdleStop: () => { idleStops++; onStop(); },
  });
  try {
    let ended = stopped();
    const first = await client.optimise({ bytes: png, dropped: false }, opts({ format: 'webp' }));
    assert.equal(sniffFormat(first.bytes), 'webp');
    assert.equal(client.workersStarted, 1);
    const compiled = client.wasmCompiled;
    assert.ok(compiled >= 2, `the PNG decoder and the WebP encoder compiled (${compiled})`);
    assert.equal(client.compiledModules, compiled, 'every compiled module kept for the next worker');
    await ended;
    assert.equal(idleStops, 1);

    // A second worker: the same conversion, the same bytes, nothing compiled.
    ended = stopped();
    const second = await client.optimise({ bytes: png, dropped: false }, opts({ format: 'webp' }));
    assert.equal(client.workersStarted, 2, 'a new worker was started');
    assert.deepEqual(Buffer.from(second.bytes), Buffer.from(first.bytes));
    assert.equal(client.wasmCompiled, compiled, 'served from the kept modules');
    await ended;

    // A codec no worker had loaded yet is compiled, once; the kept ones are not.
    const photo = await client.optimise({ bytes: jpeg, dropped: false }, opts({ format: 'webp' }));
    assert.equal(sniffFormat(photo.bytes), 'webp');
    assert.equal(client.workersStarted, 3);
    assert.equal(client.wasmCompiled, compiled + 1, 'only the JPEG decoder compiled');
    assert.equal(client.compiledModules, compiled + 1);
  } finally {
    clearInterval(keepAlive);
    client.dispose();
  }
  assert.equal(client.compiledModules, 0, 'disposing lets the modules go');
});
