// A long body's first page: its first blocks up to a budget, the rest as a block patch once the page is up.
// The block patch the preview sends after a render (src/host/preview/previewBlocks.ts): read as the
// webview reads it (the `same` blocks at both ends stay, the listed ones replace the middle), it must give
// the page the new body's blocks, and a keystroke's patch must name only the blocks around the edit.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { blockPatch, cutKey, firstBlocks, shownBlocks, type BodyCut } from '../../../src/host/preview/previewBlocks';
import { mulberry32 } from '../prng';

interface PageBlock { id: number; shift: number; html: string }

/** What the webview does with a patch, on a list of blocks instead of DOM nodes. */
function apply(page: PageBlock[], patch: ReturnType<typeof blockPatch>): PageBlock[] {
  const [head, tail] = patch.same;
  assert.ok(head + tail <= page.length);
  const byId = new Map(page.map((b) => [b.id, b]));
  for (const id of patch.removed) {
    assert.ok(page.slice(head, page.length - tail).some((b) => b.id === id), `removed block ${id} is one of the middle ones`);
    byId.delete(id);
  }
  const middle = patch.blocks.map((b): PageBlock => {
    if (b.html !== undefined) return { id: b.id, shift: 0, html: b.html };
    const kept = byId.get(b.id);
    assert.ok(kept, `kept block ${b.id} is on the page`);
    return { ...kept, shift: kept.shift + (b.shift ?? 0) };
  });
  return [...page.slice(0, head), ...middle, ...page.slice(page.length - tail)];
}

const cut = (blocks: PageBlock[]): BodyCut => ({ frame: '<body>\0</body>', marked: '', blocks });

describe('blockPatch', () => {
  test('one block typed in among 500: the patch lists that block alone', () => {
    const before = Array.from({ length: 500 }, (_, i) => ({ id: i + 1, shift: 0, html: `<p>${i}</p>` }));
    const after = before.map((b) => (b.id === 250 ? { id: 1000, shift: 0, html: '<p>249x</p>' } : b));
    const patch = blockPatch(shownBlocks(cut(before)), cut(after), (h) => h);
    assert.deepEqual(patch.same, [249, 250]);
    assert.deepEqual(patch.blocks, [{ id: 1000, html: '<p>249x</p>' }]);
    assert.deepEqual(patch.removed, [250]);
    assert.deepEqual(apply(before, patch), after);
  });

  test('random edits: the page patched equals the new body', () => {
    const random = mulberry32(13);
    let nextId = 1;
    let page: PageBlock[] = Array.from({ length: 40 }, () => ({ id: nextId, shift: 0, html: `<p>${nextId++}</p>` }));
    for (let round = 0; round < 2000; round++) {
      const next = page.map((b) => ({ ...b }));
      const at = Math.floor(random() * (next.length + 1));
      const kind = random();
      if (kind < 0.4 && next.length) next.splice(Math.min(at, next.length - 1), 1, { id: nextId, shift: 0, html: `<p>${nextId++}</p>` });
      else if (kind < 0.55) next.splice(at, 0, { id: nextId, shift: 0, html: `<p>${nextId++}</p>` });
      else if (kind < 0.7 && next.length > 1) next.splice(Math.min(at, next.length - 1), 1 + Math.floor(random() * 3));
      else if (kind < 0.85) for (let i = at; i < next.length; i++) next[i].shift += 1 + Math.floor(random() * 2);
      else if (next.length > 2) {
        // A block moved (the Liquid output around it changed order): kept by id elsewhere.
        const [moved] = next.splice(Math.min(at, next.length - 1), 1);
        next.splice(Math.floor(random() * next.length), 0, moved);
      }
      const patch = blockPatch(shownBlocks(cut(page)), cut(next), (h) => h);
      const patched = apply(page, patch);
      assert.deepEqual(patched, next, `round ${round}`);
      const middle = next.length - patch.same[0] - patch.same[1];
      assert.equal(patch.blocks.length, middle, `round ${round}: only the middle blocks are listed`);
      page = patched;
    }
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
    assert.deepEqual(patch.removed, []);
    assert.deepEqual(patch.same, [10, 0], 'the page\'s blocks stay where they are');
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
