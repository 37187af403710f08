// A long body's first page: its first blocks up to a budget, the rest as a block patch once the page is up.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { blockPatch, cutKey, firstBlocks, shownBlocks, type BodyCut } from '../../../src/host/preview/previewBlocks';

/** A body of `n` paragraphs of `size` characters, the first at source line 5, one every 2 lines. */
function body(n: number, size: number): BodyCut {
  const blocks = Array.from({ length: n }, (_, i) => {
    const p = `<p data-line="${5 + 2 * i}">`;
    return { id: i + 1, shift: 0, html: p + 'x'.repeat(size - p.length - 4) + '</p>' };
  });
  const marked = blocks.map((b) => `<!--tb:${b.id}-->${b.html}`).join('');
  return { frame: '<body><main>\0</main></body>', marked: `<body><main>${marked}<!--tb:end--></main></body>`, blocks };
}

describe('firstBlocks', () => {
  test('a page with the first blocks that fit the budget, marked like the whole body, in the same frame', () => {
    const cut = body(100, 1000);
    const first = firstBlocks(cut, 10_000)!;
    assert.deepEqual(first.blocks.map((b) => b.id), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    assert.equal(first.frame, cut.frame);
    assert.ok(first.marked.startsWith('<body><main><!--tb:1--><p data-line="5">'));
    assert.ok(first.marked.endsWith('<!--tb:10-->' + cut.blocks[9].html + '<!--tb:end--></main></body>'));
    assert.ok(cut.marked.startsWith(first.marked.slice(0, first.marked.indexOf('<!--tb:end-->'))), 'the page is a prefix of the whole body');
  });

  test('the rest follows as a patch: the page\'s blocks kept by id, the others with their HTML, none removed', () => {
    const cut = body(100, 1000);
    const first = firstBlocks(cut, 10_000)!;
    const patch = blockPatch(shownBlocks(first), cut, (h) => h);
    assert.equal(patch.sent, 90);
    assert.deepEqual(patch.removed, []);
    assert.deepEqual(patch.blocks.slice(0, 10), first.blocks.map((b) => ({ id: b.id })));
    assert.deepEqual(patch.blocks.slice(10).map((b) => b.html), cut.blocks.slice(10).map((b) => b.html));
    assert.notEqual(cutKey(first), cutKey(cut), 'the page is not taken for the whole body');
  });

  test('a body that fits is sent whole (undefined); a first block over the budget still makes a page', () => {
    assert.equal(firstBlocks(body(10, 1000), 10_000), undefined);
    assert.deepEqual(firstBlocks(body(10, 50_000), 10_000)!.blocks.map((b) => b.id), [1]);
  });

  test('a preview opening scrolled to a line gets the blocks up to that line, and a budget after it', () => {
    const cut = body(100, 1000);
    // Line 105 is block 51's (data-line 105): blocks 1–51, then 10 more.
    const first = firstBlocks(cut, 10_000, 105)!;
    assert.equal(first.blocks.length, 61);
    assert.equal(firstBlocks(cut, 10_000, 195), undefined, 'past the last blocks: the whole body');
  });
});
