import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { NameReservations, uniqueName } from '../../../src/core/paste/naming';

const existsIn = (names: string[]) => async (p: string) => names.includes(p);

describe('uniqueName', () => {
  test('a free name is used as is', async () => {
    assert.equal(await uniqueName('/b/images/a.png', existsIn([])), '/b/images/a.png');
  });
  test('taken names get -1, -2 … before the extension', async () => {
    assert.equal(await uniqueName('/b/a.png', existsIn(['/b/a.png'])), '/b/a-1.png');
    assert.equal(await uniqueName('/b/a.png', existsIn(['/b/a.png', '/b/a-1.png'])), '/b/a-2.png');
    assert.equal(await uniqueName('/b/noext', existsIn(['/b/noext'])), '/b/noext-1');
    assert.equal(await uniqueName('/b/截圖 1.png', existsIn(['/b/截圖 1.png'])), '/b/截圖 1-1.png');
  });
  test('reserved names are skipped even if the disk does not have them yet', async () => {
    const r = new NameReservations();
    assert.equal(await uniqueName('/b/a.png', existsIn([]), r), '/b/a.png');
    assert.equal(await uniqueName('/b/a.png', existsIn([]), r), '/b/a-1.png');
    assert.equal(r.size, 2);
  });
  test('concurrent callers that all see "not exists" still get distinct names', async () => {
    const r = new NameReservations();
    // Every exists() answers "no" after a delay, so all 50 calls are in flight at once.
    const slowNo = (p: string) => new Promise<boolean>((resolve) => setTimeout(() => resolve(p === ''), 1));
    const names = await Promise.all(Array.from({ length: 50 }, () => uniqueName('/b/a.png', slowNo, r)));
    assert.equal(new Set(names).size, 50);
    assert.ok(names.includes('/b/a.png') && names.includes('/b/a-49.png'));
  });
  test('gives up after maxTries with undefined', async () => {
    assert.equal(await uniqueName('/b/a.png', async () => true, undefined, 5), undefined);
  });
});
