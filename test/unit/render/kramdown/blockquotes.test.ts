// kramdown's blockquotes (src/core/render/kramdown/blockquotes.ts): a quote runs on over every non-blank line up to
// kramdown's LAZY_END, whatever block the line would start. Minimised reproducers of the differential fuzzer
// (test/fidelity/kramdown-fuzz.mjs) included; the expected HTML is Debian's kramdown's, made in the test run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  // fuzzer reproducers
  '>```\n>```\n引\n{:.n}\n',
  '>* \n* **\n',
  '>[\n=\n',
  '>$$$$\n1. ```\n',
  // the same mechanisms, as posts write them
  '> A quote\n* a lazy list item stays in the quote\n',
  '> Title\n===\n',
  '> quote\n```\ncode\n```\n',
  '> quote\n# heading\nmore\n',
  '> quote\n> > nested\nlazy\n\nafter\n',
  '> quote\n{: .note}\n',
  '> quote\n^\n> another quote\n',
  '> quote\n<div>block html</div>\n',
  '   > three spaces in\n    indented lazy line\n',
  '- item\n  > quote in a list\n  lazy\n- next\n',
];

describe('kramdown blockquotes', () => {
  test('every case has kramdown\'s blocks and spans', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('a lazy list item after a quote line stays in the quote', () => {
    const html = oursHtml('> A quote\n* item\n');
    assert.match(html, /^<blockquote>\n<p>A quote<\/p>\n<ul>\n<li>item<\/li>\n<\/ul>\n<\/blockquote>\n$/);
  });
});
