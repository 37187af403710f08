// HTML tags in a paragraph paired as kramdown's span parser pairs them (render/kramdown/htmlSpans.ts),
// with Debian's kramdown as the oracle; reproducers the differential fuzzer found among the cases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = ['</d>', 'a </span> b', '<em>', 'a <em>b c', 'x </em> y', 'a <span>b</span>', 'a <br> b <img src="x"> c', '<span><em>a</span></em>', '<kbd>Ctrl</kbd>+<kbd>C</kbd>'];

describe('HTML spans as kramdown pairs them', () => {
  test('each case has kramdown\'s elements and text', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('a stray end tag is text; an open element closes at the end of the paragraph', () => {
    assert.match(oursHtml('a </span> b'), /<p>a &lt;\/span&gt; b<\/p>/);
    assert.match(oursHtml('a <em>b c'), /<p>a <em>b c<\/em><\/p>/);
  });
});
