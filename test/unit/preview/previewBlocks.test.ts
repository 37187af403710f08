// A long body's first page: its first blocks up to a budget, the rest as a block patch once the page is up.
// The block patch the preview sends after a render (src/host/preview/previewBlocks.ts): applied as the
// webview applies it (playRuns, with a list of blocks for the DOM), it must give the page the new body's
// blocks, and a keystroke's or an Enter's patch must carry only the changed blocks and a few runs, and
// touch only them (plus one shift per later block for an Enter).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { playRuns } from '../../../src/core/protocol/blockRuns';
import { blockPatch, cutKey, firstBlocks, shownBlocks, type BodyCut } from '../../../src/host/preview/previewBlocks';
import { shiftDataLines } from '../../../src/worker/resultDelta';
import { mulberry32 } from '../prng';

interface PageBlock { id: number; shift: number; html: string }

/** What the webview does with a patch (its playRuns), on a list of blocks instead of DOM nodes; with the moves it made. */
function apply(page: PageBlock[], patch: ReturnType<typeof blockPatch>, shiftOf = new Map<number, number>()): { page: PageBlock[]; touched: { removed: number; inserted: number; moved: number; shifted: number } } {
  const held = page.map((b) => ({ ...b }));
  const list: PageBlock[] = [...held];
  const touched = { removed: 0, inserted: 0, moved: 0, shifted: 0 };
  const before = (i: number) => (i < 0 ? list.length : list.indexOf(held[i]));
  const ok = playRuns(patch.order, page.length, patch.blocks.length, {
    remove: (i) => { list.splice(list.indexOf(held[i]), 1); touched.removed++; },
    // A new block's `data-line`s are in its HTML; its shift is the host's (the next patch counts from it).
    insert: (k, at) => { list.splice(before(at), 0, { id: patch.blocks[k].id, shift: shiftOf.get(patch.blocks[k].id) ?? 0, html: patch.blocks[k].html }); touched.inserted++; },
    move: (i, at) => {
      list.splice(list.indexOf(held[i]), 1);
      list.splice(before(at), 0, held[i]);
      touched.moved++;
    },
    shift: (i, by) => {
      held[i].shift += by;
      held[i].html = shiftDataLines(held[i].html, by);
      touched.shifted++;
    },
  });
  assert.ok(ok, 'the page can apply the patch');
  return { page: list, touched };
}

const cut = (blocks: PageBlock[]): BodyCut => ({ frame: '<body>\0</body>', marked: '', blocks });
const paragraphs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, shift: 0, html: `<p>${i}</p>` }));

describe('blockPatch', () => {
  test('one block typed in among 500: that block alone travels, the others are two runs, nothing else is touched', () => {
    const before = paragraphs(500);
    const after = before.map((b) => (b.id === 250 ? { id: 1000, shift: 0, html: '<p>249x</p>' } : b));
    const patch = blockPatch(shownBlocks(cut(before)), cut(after), (h) => h);
    assert.deepEqual(patch.order, [0, 249, 0, -1, 1, 0, 250, 250, 0]);
    assert.deepEqual(patch.blocks, [{ id: 1000, html: '<p>249x</p>' }]);
    const { page, touched } = apply(before, patch);
    assert.deepEqual(page, after);
    assert.deepEqual(touched, { removed: 1, inserted: 1, moved: 0, shifted: 0 });
  });

  test('Enter in the middle of 480 blocks: three runs and one new block; the later blocks are shifted, not sent or moved', () => {
    const before = paragraphs(480);
    // The paragraph split in two: block 240 becomes two new ones, the 240 after it move down a line.
    const after = [...before.slice(0, 239), { id: 1000, shift: 0, html: '<p>239a</p>' }, { id: 1001, shift: 0, html: '<p>239b</p>' }, ...before.slice(240).map((b) => ({ ...b, shift: 1 }))];
    const patch = blockPatch(shownBlocks(cut(before)), cut(after), (h) => h);
    assert.deepEqual(patch.order, [0, 239, 0, -1, 2, 0, 240, 240, 1]);
    assert.equal(patch.sent, 2);
    assert.ok(JSON.stringify(patch).length < 200, `${JSON.stringify(patch).length} bytes`);
    const { page, touched } = apply(before, patch);
    assert.deepEqual(page, after);
    assert.deepEqual(touched, { removed: 1, inserted: 2, moved: 0, shifted: 240 });
  });

  test('random edits: the page patched equals the new body, and only new blocks travel', () => {
    const random = mulberry32(13);
    let nextId = 1;
    const block = (): PageBlock => ({ id: nextId, shift: 0, html: `<p data-line="${nextId}">${nextId++}</p>` });
    let page: PageBlock[] = Array.from({ length: 40 }, block);
    for (let round = 0; round < 3000; round++) {
      let next = page.map((b) => ({ ...b }));
      // A few edits between two patches (renders the panel coalesced).
      for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
        const at = Math.floor(random() * (next.length + 1));
        const kind = random();
        if (kind < 0.35 && next.length) next.splice(Math.min(at, next.length - 1), 1, block());
        else if (kind < 0.5) next.splice(at, 0, block());
        else if (kind < 0.62 && next.length > 1) next.splice(Math.min(at, next.length - 1), 1 + Math.floor(random() * 3));
        else if (kind < 0.8) {
          const by = random() < 0.5 ? 1 : -1;
          for (let i = at; i < next.length; i++) next[i] = { ...next[i], shift: next[i].shift + by, html: shiftDataLines(next[i].html, by) };
        }
        else if (kind < 0.9 && next.length > 2) {
          // A block moved (the Liquid output around it changed order): kept by id elsewhere.
          const [moved] = next.splice(Math.min(at, next.length - 1), 1);
          next.splice(Math.floor(random() * next.length), 0, moved);
        } else if (random() < 0.1) next = [];
      }
      const patch = blockPatch(shownBlocks(cut(page)), cut(next), (h) => h);
      const { page: patched, touched } = apply(page, patch, new Map(next.map((b) => [b.id, b.shift])));
      assert.deepEqual(patched, next, `round ${round}`);
      const had = new Set(page.map((b) => b.id));
      assert.deepEqual(patch.blocks.map((b) => b.id), next.filter((b) => !had.has(b.id)).map((b) => b.id), `round ${round}: only new blocks travel`);
      assert.equal(touched.inserted, patch.sent);
      page = patched;
    }
  });

  test('a malformed order is refused before anything is touched', () => {
    const moves = { remove: () => assert.fail(), insert: () => assert.fail(), move: () => assert.fail(), shift: () => assert.fail() };
    for (const order of [[0, 3, 0, 2, 1, 0], [0, 5, 0], [-1, 1, 0], [0, 2], [1, 0, 0]]) assert.equal(playRuns(order, 4, 0, moves), false, JSON.stringify(order));
  });
});

/** A body of `n` paragraphs of `size` characters, the first at source line 5, one every 2 lines. */
function bodyOf(n: number, size: number): BodyCut {
  const blocks = Array.from({ length: n }, (_, i) => {
    const p = `<p data-line="${5 + 2 * i}">`;
    return { id: i + 1, shift: 0, html: p + 'x'.repeat(size - p.length - 4) + '</p>' };
  });
  const marked = blocks.map((b) => `<!--tb:${b.id}-->${b.html}`).join('');
  return { frame: '<body><main>\0</main></body>', marked: `<body><main>${marked}<!--tb:end--></main></body>`, blocks };
}

describe('firstBlocks', () => {
  test('a page with the first blocks that fit the budget, marked like the whole body, in the same frame', () => {
    const cut = bodyOf(100, 1000);
    const first = firstBlocks(cut, 10_000)!;
    assert.deepEqual(first.blocks.map((b) => b.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(first.frame, cut.frame);
    assert.ok(first.marked.startsWith('<body><main><!--tb:1--><p data-line="5">'));
    assert.ok(first.marked.endsWith('<!--tb:10-->' + cut.blocks[9].html + '<!--tb:end--></main></body>'));
    assert.ok(cut.marked.startsWith(first.marked.slice(0, first.marked.indexOf('<!--tb:end-->'))), 'the page is a prefix of the whole body');
  });

  test('the rest follows as a patch: the page\'s blocks kept by id, the others with their HTML, none removed', () => {
    const cut = bodyOf(100, 1000);
    const first = firstBlocks(cut, 10_000)!;
    const patch = blockPatch(shownBlocks(first), cut, (h) => h);
    assert.equal(patch.sent, 90);
    assert.deepEqual(patch.order, [0, 10, 0, -1, 90, 0], 'the page\'s blocks stay where they are');
    assert.deepEqual(patch.blocks.map((b) => b.html), cut.blocks.slice(10).map((b) => b.html));
    assert.notEqual(cutKey(first), cutKey(cut), 'the page is not taken for the whole body');
  });

  test('a body that fits is sent whole (undefined); a first block over the budget still makes a page', () => {
    assert.equal(firstBlocks(bodyOf(10, 1000), 10_000), undefined);
    assert.deepEqual(firstBlocks(bodyOf(10, 50_000), 10_000)!.blocks.map((b) => b.id), [1]);
  });

  test('a preview opening scrolled to a line gets the blocks up to that line, and a budget after it', () => {
    const cut = bodyOf(100, 1000);
    // Line 105 is block 51's (data-line 105): blocks 1–51, then 10 more.
    const first = firstBlocks(cut, 10_000, 105)!;
    assert.equal(first.blocks.length, 61);
    assert.equal(firstBlocks(cut, 10_000, 195), undefined, 'past the last blocks: the whole body');
  });
});
