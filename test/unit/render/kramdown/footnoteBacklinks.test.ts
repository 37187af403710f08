// kramdown counts a footnote's back links before it converts the note's text (src/core/render/kramdown/footnotes.ts):
// a marker of the note inside its own text gets a reference id but adds no back link. Minimised reproducer of the
// differential fuzzer (test/fidelity/kramdown-fuzz.mjs) first; the expected HTML is Debian's kramdown's, made in the test run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  '[^1]:[^1]\n[^1]\n',
  'Text[^a] and[^b].\n\n[^a]: See also[^b] and itself[^a].\n[^b]: Back to[^a].\n',
];

describe('kramdown footnote back links', () => {
  test('every case has kramdown\'s blocks and spans', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('a note citing itself has one back link', () => {
    assert.equal(oursHtml(CASES[0]).match(/role="doc-backlink"/g)?.length, 1);
  });
});
