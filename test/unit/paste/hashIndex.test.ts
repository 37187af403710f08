import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sha256Hex } from '../../../src/core/paste/hash';
import { ImageHashIndex } from '../../../src/core/paste/hashIndex';
import { MemoryFs, bytesOf } from './memoryFs';

const root = '/blog/images';

async function indexed(files: Record<string, Uint8Array>) {
  const fs = new MemoryFs(files);
  const index = new ImageHashIndex(fs, root);
  return { fs, index };
}

describe('sha256Hex', () => {
  test('matches the known digest of "abc"', async () => {
    assert.equal(await sha256Hex(new TextEncoder().encode('abc')), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('ImageHashIndex', () => {
  test('finds an existing image with the same bytes', async () => {
    const a = bytesOf(1, 100);
    const { index } = await indexed({ [`${root}/2021/a.png`]: a, [`${root}/2021/b.png`]: bytesOf(2, 100) });
    assert.equal(await index.find(a.length, await sha256Hex(a)), `${root}/2021/a.png`);
    assert.equal(await index.find(100, await sha256Hex(bytesOf(3, 100))), undefined);
  });

  test('lists the folder once, and hashes only files of the same size, once', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 200; i++) {
      files[`${root}/2021/img-${i}.png`] = bytesOf(i, 1000 + i); // all sizes differ
    }
    files[`${root}/2021/same-size.png`] = bytesOf(999, 1050);
    files[`${root}/notes.txt`] = bytesOf(5, 1050); // not an image: never read
    const { fs, index } = await indexed(files);
    for (let n = 0; n < 20; n++) {
      const b = bytesOf(1000 + n, 1050);
      assert.equal(await index.find(b.length, await sha256Hex(b)), undefined);
    }
    assert.equal(fs.calls.listFiles, 1);
    assert.equal(index.counters.filesHashed, 2); // img-50 and same-size, each once
    assert.equal(fs.calls.readFile, 2);
    assert.equal(index.size, 201);
  });

  test('record: a written image is found without reading it', async () => {
    const { fs, index } = await indexed({});
    const b = bytesOf(7, 300);
    const h = await sha256Hex(b);
    fs.write(`${root}/2021/new.png`, b);
    index.record(`${root}/2021/new.png`, b.length, h);
    assert.equal(await index.find(b.length, h), `${root}/2021/new.png`);
    assert.equal(fs.calls.readFile, 0);
  });

  test('a recorded image that was never written (paste not applied) is dropped, not linked', async () => {
    const { index } = await indexed({});
    const b = bytesOf(7, 300);
    const h = await sha256Hex(b);
    index.record(`${root}/2021/ghost.png`, b.length, h);
    assert.equal(await index.find(b.length, h), undefined);
    assert.equal(index.size, 0);
  });

  test('ignores records outside the root or of non-images', async () => {
    const { index } = await indexed({});
    index.record('/blog/_posts/x.png', 1, 'h');
    index.record(`${root}/x.txt`, 1, 'h');
    assert.equal(index.size, 0);
  });

  test('invalidate: a file rewritten with other bytes of the same size is re-hashed', async () => {
    const a = bytesOf(1, 100);
    const { fs, index } = await indexed({ [`${root}/a.png`]: a });
    assert.equal(await index.find(100, await sha256Hex(a)), `${root}/a.png`);
    const b = bytesOf(2, 100);
    fs.write(`${root}/a.png`, b);
    index.invalidate(`${root}/a.png`);
    assert.equal(await index.find(100, await sha256Hex(a)), undefined);
    assert.equal(await index.find(100, await sha256Hex(b)), `${root}/a.png`);
    assert.equal(fs.calls.listFiles, 1);
  });

  test('a change without an event is still caught by the hit check (mtime)', async () => {
    const a = bytesOf(1, 100);
    const { fs, index } = await indexed({ [`${root}/a.png`]: a });
    assert.equal(await index.find(100, await sha256Hex(a)), `${root}/a.png`);
    fs.write(`${root}/a.png`, bytesOf(2, 100)); // no invalidate()
    assert.equal(await index.find(100, await sha256Hex(a)), undefined);
  });

  test('invalidate: deleted files and folders disappear, new folders are listed', async () => {
    const a = bytesOf(1, 100);
    const c = bytesOf(3, 120);
    const { fs, index } = await indexed({ [`${root}/2020/a.png`]: a, [`${root}/2020/b.png`]: bytesOf(2, 110) });
    assert.equal(index.size, 0); // lazy: nothing before the first lookup
    await index.find(1, 'x');
    assert.equal(index.size, 2);
    fs.delete(`${root}/2020`);
    index.invalidate(`${root}/2020`);
    fs.write(`${root}/2022/sub/c.png`, c);
    index.invalidate(`${root}/2022`);
    assert.equal(await index.find(100, await sha256Hex(a)), undefined);
    assert.equal(await index.find(120, await sha256Hex(c)), `${root}/2022/sub/c.png`);
    assert.equal(index.size, 1);
    index.invalidate('/blog/_posts/x.md'); // outside: ignored
    assert.equal(index.size, 1);
  });

  test('invalidating the root (or a parent) starts over', async () => {
    const a = bytesOf(1, 100);
    const { fs, index } = await indexed({ [`${root}/a.png`]: a });
    await index.find(1, 'x');
    index.invalidate('/blog');
    assert.equal(index.size, 0);
    assert.equal(await index.find(100, await sha256Hex(a)), `${root}/a.png`);
    assert.equal(fs.calls.listFiles, 2);
  });

  test('concurrent lookups share one listing and one hash per file', async () => {
    const a = bytesOf(1, 100);
    const { fs, index } = await indexed({ [`${root}/a.png`]: a, [`${root}/b.png`]: bytesOf(2, 100) });
    const h = await sha256Hex(a);
    const found = await Promise.all(Array.from({ length: 10 }, () => index.find(100, h)));
    assert.deepEqual(new Set(found), new Set([`${root}/a.png`]));
    assert.equal(fs.calls.listFiles, 1);
    assert.equal(fs.calls.readFile, 2); // each same-size file once, not once per lookup
  });

  test('warmUp lists the folder ahead of the first lookup', async () => {
    const { fs, index } = await indexed({ [`${root}/a.png`]: bytesOf(1, 100) });
    await index.warmUp();
    assert.equal(index.size, 1);
    await index.find(1, 'x');
    assert.equal(fs.calls.listFiles, 1);
  });

  test('with several identical copies the answer is stable (first by path)', async () => {
    const a = bytesOf(1, 100);
    const { index } = await indexed({ [`${root}/z.png`]: a, [`${root}/b.png`]: a });
    assert.equal(await index.find(100, await sha256Hex(a)), `${root}/b.png`);
  });
});
