// Strikethrough as kramdown's GFM parser reads it (render/kramdown/strikethrough.ts), with Debian's
// kramdown as the oracle; the two nesting lines are from kramdown-parser-gfm's own test case.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  'This ~~is a complex *strike* through *test ~~with nesting~~ involved* here~~.',
  'This ~~is a complex *strike* through *test~~ with apparent nesting ~~involved* here~~.',
  '~~a~~', '~~~a~~', '~~a~~~', '~~ a~~', '~~a ~~ b~~', '~~a\nb~~', '*a ~~b* c~~', '**~~x~~**', '~~a', 'a~~b~~c',
  '~~`a~~`~~', '~~[a](b)~~', '~~~~', '~ ~~ ~',
];

describe('strikethrough as kramdown reads it', () => {
  test('each case has kramdown\'s elements and text', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('the first closing ~~ ends the element, whatever is open inside it', () => {
    assert.match(oursHtml('~~a *b~~ c*'), /<p><del>a \*b<\/del> c\*<\/p>/);
  });

  test('long runs of openers without closers take linear time', () => {
    const hostile = '~~a '.repeat(50000) + '~~'.repeat(50000);
    const started = Date.now();
    oursHtml(hostile);
    assert.ok(Date.now() - started < 5000, `took ${Date.now() - started} ms`);
  });
});
