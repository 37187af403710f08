// kramdown's typographic_symbols option (render/kramdown/typography.ts): what a site writes for `...`,
// `---`, `--`, `<<`, `>>`, with Debian's kramdown as the oracle.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const SUBST = { hellip: '...', mdash: '---', ndash: '--', laquo: '<<', raquo: '>>', laquo_space: '<< ', raquo_space: ' >>' };
const CASES = ['This ... something---this too--!', 'This <<is>> some text, << this >> too!', 'a -- b ... "c"'];

describe('typographic_symbols', () => {
  test('every symbol replaced as kramdown replaces it', (t) => assertLikeKramdown(t, CASES, assert.deepEqual, { typographic_symbols: SUBST }));

  test('some symbols replaced, the others as usual', (t) => assertLikeKramdown(t, CASES, assert.deepEqual, { typographic_symbols: { hellip: '…!', ndash: '-' } }));

  test('the replacement is written as text', () => {
    assert.match(oursHtml('a << b', { typographic_symbols: { laquo_space: '<<\u00a0' } }), /<p>a &lt;&lt;\u00a0b<\/p>/);
  });
});
