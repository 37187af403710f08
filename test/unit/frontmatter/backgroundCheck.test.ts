import * as assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runInBackground, type BackgroundHost } from '../../../src/core/frontmatter/backgroundCheck';

/** A host whose clock, typing and cancellation the test drives; it records what happened in order. */
function fakeHost() {
  const events: string[] = [];
  let clock = 0;
  let typing: { promise: Promise<void>; release: () => void } | undefined;
  let cancelled = false;
  const host: BackgroundHost = {
    yieldNow: async () => { events.push('yield'); },
    typing: () => typing?.promise,
    cancelled: () => cancelled,
    now: () => clock,
  };
  return {
    host,
    events,
    tick(ms: number) { clock += ms; },
    startTyping() {
      let release!: () => void;
      const promise = new Promise<void>((r) => { release = r; });
      typing = { promise, release: () => { typing = undefined; release(); } };
    },
    stopTyping() { typing?.release(); },
    cancel() { cancelled = true; },
  };
}

describe('background check loop', () => {
  it('checks every item once, yielding to the host before each, and flushes the results at the end', async () => {
    const h = fakeHost();
    const flushed: number[][] = [];
    const result = await runInBackground([1, 2, 3], (n) => { h.events.push(`check ${n}`); return n * 10; }, h.host, { flush: (b) => flushed.push(b) });
    assert.deepEqual(h.events, ['yield', 'check 1', 'yield', 'check 2', 'yield', 'check 3']);
    assert.deepEqual(flushed, [[10, 20, 30]]);
    assert.deepEqual(result, { done: 3, total: 3, pauses: 0, cancelled: false });
  });

  it('publishes in batches by time and by size, leaving out items with no result', async () => {
    const h = fakeHost();
    const flushed: number[][] = [];
    await runInBackground([1, 2, 3, 4, 5, 6, 7], (n) => { h.tick(40); return n === 4 ? undefined : n; }, h.host, { batchMs: 100, batchSize: 100, flush: (b) => flushed.push(b) });
    assert.deepEqual(flushed, [[1, 2, 3], [5, 6], [7]]);
    const bySize: number[][] = [];
    await runInBackground([1, 2, 3, 4, 5], (n) => n, fakeHost().host, { batchSize: 2, flush: (b) => bySize.push(b) });
    assert.deepEqual(bySize, [[1, 2], [3, 4], [5]]);
  });

  it('waits while the user types: nothing is checked until typing stops, what was done before is published first', async () => {
    const h = fakeHost();
    const flushed: number[][] = [];
    const progress: string[] = [];
    let checked = 0;
    let resume!: () => void;
    const reachedPause = new Promise<void>((r) => { resume = r; });
    const running = runInBackground([1, 2, 3, 4], (n) => {
      checked++;
      if (n === 2) h.startTyping();
      return n;
    }, h.host, {
      flush: (b) => flushed.push(b),
      progress: (done, total, paused) => { progress.push(`${done}/${total}${paused ? ' paused' : ''}`); if (paused) resume(); },
    });
    await reachedPause;
    // Typing started after item 2: items 1 and 2 are published, item 3 waits.
    assert.equal(checked, 2);
    assert.deepEqual(flushed, [[1, 2]]);
    h.stopTyping();
    const result = await running;
    assert.equal(checked, 4);
    assert.deepEqual(flushed, [[1, 2], [3, 4]]);
    assert.equal(result.pauses, 1);
    assert.ok(progress.includes('2/4 paused'), progress.join(', '));
    assert.equal(progress.at(-1), '4/4');
  });

  it('a cancelled run stops before the next item and publishes nothing more, even while paused for typing', async () => {
    const h = fakeHost();
    const flushed: number[][] = [];
    const result = await runInBackground([1, 2, 3], (n) => { if (n === 2) h.cancel(); return n; }, h.host, { batchSize: 1, flush: (b) => flushed.push(b) });
    assert.deepEqual(flushed, [[1]], 'the result of the item during which it was cancelled is dropped');
    assert.deepEqual(result, { done: 1, total: 3, pauses: 0, cancelled: true });

    const t = fakeHost();
    t.startTyping();
    let resume!: () => void;
    const paused = new Promise<void>((r) => { resume = r; });
    const running = runInBackground([1, 2], (n) => n, t.host, { flush: () => assert.fail('nothing to publish'), progress: (_d, _t, p) => { if (p) resume(); } });
    await paused;
    t.cancel();
    t.stopTyping();
    assert.deepEqual(await running, { done: 0, total: 2, pauses: 1, cancelled: true });
  });
});
