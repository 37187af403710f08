// The renderer's caches are bounded by the bytes they hold (src/core/cache/sizeLru.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SizeLru, StringLru, stringBytes } from '../../../src/core/cache/sizeLru';

const lengthLru = (max: number) => new SizeLru<string, string>(max, (_k, v) => v.length);

describe('SizeLru', () => {
  test('keeps the total size under the bound, dropping the least recently used first', () => {
    const c = lengthLru(10);
    c.set('a', 'xxxx');
    c.set('b', 'yyyy');
    assert.equal(c.get('a'), 'xxxx'); // a is now the most recently used
    c.set('c', 'zzzz'); // 12 > 10: b goes
    assert.equal(c.get('b'), undefined);
    assert.equal(c.get('a'), 'xxxx');
    assert.equal(c.get('c'), 'zzzz');
    assert.equal(c.usedSize, 8);
    assert.equal(c.size, 2);
  });

  test('many small entries or one big one: the bound is the same', () => {
    const c = lengthLru(1000);
    for (let i = 0; i < 10_000; i++) c.set(`k${i}`, 'v');
    assert.equal(c.size, 1000);
    c.set('big', 'x'.repeat(600));
    assert.ok(c.usedSize <= 1000);
    assert.equal(c.size, 401);
  });

  test('a value bigger than the whole cache is not kept, and does not empty it', () => {
    const c = lengthLru(10);
    c.set('a', 'xx');
    c.set('huge', 'x'.repeat(11));
    assert.equal(c.get('huge'), undefined);
    assert.equal(c.get('a'), 'xx');
  });

  test('replacing and deleting keep the size right', () => {
    const c = lengthLru(10);
    c.set('a', 'xxxxxx');
    c.set('a', 'xx');
    assert.equal(c.usedSize, 2);
    assert.ok(c.delete('a'));
    assert.equal(c.delete('a'), false);
    assert.equal(c.usedSize, 0);
    c.set('b', 'x');
    c.clear();
    assert.equal(c.size, 0);
    assert.equal(c.usedSize, 0);
  });

  test('with rounds, a pass needing more than the cache keeps what it cached first', () => {
    const c = lengthLru(10);
    const pass = () => {
      c.newRound();
      let hits = 0;
      for (const k of ['a', 'b', 'c', 'd', 'e']) {
        if (c.get(k) !== undefined) hits++;
        else c.set(k, 'xxx');
      }
      return hits;
    };
    assert.equal(pass(), 0);
    // Plain LRU would evict every entry before it is asked for again (0 hits every pass).
    assert.equal(pass(), 3);
    assert.equal(pass(), 3);
    // A new pass over other keys replaces the old ones.
    c.newRound();
    for (const k of ['v', 'w', 'x']) c.set(k, 'xxx');
    assert.deepEqual(['a', 'b', 'c', 'v', 'w', 'x'].filter((k) => c.has(k)), ['v', 'w', 'x']);
  });
});

describe('SizeLru rounds with room for one pass', () => {
  test('the current pass may grow to roundMax; older passes go back under maxSize', () => {
    const c = new SizeLru<string, string>(6, (_k, v) => v.length, 12);
    c.newRound();
    for (const k of ['a', 'b', 'c', 'd', 'e']) c.set(k, 'xxx'); // 15 > 12: e is not kept
    assert.deepEqual(['a', 'b', 'c', 'd', 'e'].filter((k) => c.has(k)), ['a', 'b', 'c', 'd']);
    c.newRound();
    assert.equal(c.get('d'), 'xxx');
    c.set('f', 'xxx'); // older entries go until 6: only d and f stay
    assert.deepEqual(['a', 'b', 'c', 'd', 'f'].filter((k) => c.has(k)), ['d', 'f']);
    assert.equal(c.usedSize, 6);
  });
});

describe('StringLru', () => {
  test('sizes keys and values in bytes and returns what was stored', () => {
    const c = new StringLru(stringBytes('key') + stringBytes('value'));
    let built = '';
    for (const part of ['va', 'l', 'ue']) built += part;
    c.set('key', built);
    assert.equal(c.get('key'), 'value');
    c.set('other', 'v');
    assert.equal(c.get('key'), undefined);
    assert.equal(c.get('other'), 'v');
  });
});
