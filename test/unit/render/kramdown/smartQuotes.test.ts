// kramdown's smart quotes after a delimiter that stays text (src/core/render/kramdown/emphasis.ts, typography.ts): the
// emphasis parser has consumed the `*` or `_`, so the quote rules see no character before the quote. Minimised
// reproducers of the differential fuzzer (test/fidelity/kramdown-fuzz.mjs) first; the expected HTML is Debian's
// kramdown's, made in the test run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  // fuzzer reproducers
  '*\'i\n',
  '*"u\n',
  '+ _\'（\n',
  // the same mechanism, as posts write it
  'a *\'quoted\n',
  'snake_\'case\n',
  '**"bold" never closed\n',
  '# *\'heading\n',
  '"*\n',
  'it\'s *fine\n',
];

describe('kramdown smart quotes after a literal emphasis delimiter', () => {
  test('every case has kramdown\'s text and spans', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('the quote after an unclosed `*` opens', () => {
    assert.match(oursHtml('*\'i\n'), /<p>\*‘i<\/p>/);
  });
});
