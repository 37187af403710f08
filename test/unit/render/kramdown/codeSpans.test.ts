// Code spans as kramdown parses them (render/kramdown/codeSpans.ts), with Debian's kramdown as the
// oracle; `` `a`` `` is the fuzzer's reproducer.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = ['`a``', '`a`` b `c`', '``a`', 'x `` ` ``', '`` a`b ``', '`a\\`b`', '`` ``', '`  a  `', 'a ` b', '` a`', '`a\nb`', '**`x`**'];

describe('code spans as kramdown parses them', () => {
  test('each case has kramdown\'s elements and text', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('a span ends at the first run of its backticks, even inside a longer run', () => {
    assert.match(oursHtml('`a``'), /<p><code class="language-plaintext highlighter-rouge">a<\/code>`<\/p>/);
  });
});
