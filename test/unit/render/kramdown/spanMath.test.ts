// kramdown's span math `$$…$$` (render/kramdown/inline.ts, markdown.ts, mathBlocks.ts), with Debian's kramdown through
// Jekyll's converter as the oracle: with math_engine mathjax (Jekyll's default) and without an engine, where kramdown
// writes `$TeX$` in a kdmath span; `\$$…$$` where a math block could start loses its backslash and is span math.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  'This is $$\\lambda_\\alpha > 5$$ some math. With $$1\n+ 1$$ new lines.\n',
  '$$5+5$$ inline math, $5.00 \\$$no math$$\n', '\\$\\$5+5$$ inline math\n', '\\$$5+5$$\n', '\\$$5+5$$ text\n', 'a\n\\$$5+5$$\n',
  '> \\$$x$$\n', '\\$$a\nb$$\n\npara\n',
];

describe('span math as kramdown writes it', () => {
  test('with Jekyll\'s math engine', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));
  test('without a math engine', (t) => assertLikeKramdown(t, [...CASES, '$$5+5$${: .c} inline\n'], assert.deepEqual, { math_engine: null }));
  test('without an engine the TeX stays, escaped, in a kdmath span', () => {
    assert.equal(oursHtml('$$a<b$$ inline math\n', { math_engine: null }), '<p><span class="kdmath">$a&lt;b$</span> inline math</p>\n');
  });
});
