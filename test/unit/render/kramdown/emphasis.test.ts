// Emphasis as kramdown parses it (render/kramdown/emphasis.ts), with Debian's kramdown as the oracle in
// the test run (reproducers the differential fuzzer found among them); without it, the structure
// kramdown gives the cases CommonMark reads differently.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  '**注意：**這裡', '*。*步', 'e*，*', '中文**重點**中文', '**粗體**（說明）', '*f**', '_文__', '***）***', '***a***', '****s', '**foo*',
  'snake_case_name and _x_', 'a **b *c* d** e', '*a **b** c*', '**a *b** c*', '__a__b', 'a_b_', '*a\nb*', '**a**b**c**',
  '[*a](b)*', '`*a*` *b `*` c*', '*a [b*](c)', '* a* b', 'x * y * z', '2*3*4', '**a\n\nb**', '_a-_b_', 'a-_b_', '__init__.py',
];

describe('emphasis as kramdown parses it', () => {
  test('each case has kramdown\'s elements and text', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('a bold label before CJK text is strong', () => {
    assert.match(oursHtml('**注意：**這裡'), /<p><strong>注意：<\/strong>這裡<\/p>/);
    assert.match(oursHtml('***a***'), /<strong><em>a<\/em><\/strong>/);
    assert.match(oursHtml('snake_case_name'), /<p>snake_case_name<\/p>/);
  });

  test('a paragraph of unclosed delimiters renders in bounded time', () => {
    const text = '*a **b _c __d '.repeat(4000);
    const t = performance.now();
    oursHtml(text);
    assert.ok(performance.now() - t < 5000, `${(performance.now() - t).toFixed(0)} ms`);
  });
});
