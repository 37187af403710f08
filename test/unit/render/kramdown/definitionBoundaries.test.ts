// Definitions that write nothing (footnote, link and abbreviation definitions) are still elements of their container in
// kramdown: an end-of-block element that is no block boundary (boundary.ts), takes the IAL under it (blocks.ts) and keeps a
// list item loose (lists.ts, structure.ts). And a math block's closing `$$` may carry an IAL or `^` on its line
// (mathBlocks.ts). A setext header comes before any definition in kramdown's block parser order (blockOrder.ts). Minimised reproducers of the differential fuzzer (test/fidelity/kramdown-fuzz.mjs) first; the
// expected HTML is Debian's kramdown's, made in the test run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  // fuzzer reproducers
  '+ **\n\n  [^a]:\n',
  '+ *\n\n  [^a]:\n',
  '[^1]:\n$$$$\n',
  '$$$${:.n}\n',
  '[^a]:\n{:.e}\n***\n',
  // the same mechanisms, as posts write them
  '- item\n\n  [link]: http://example.com\n',
  '- item\n\n  *[HTML]: Hyper Text\n- next\n',
  '[^n]: a note\n$$x^2$$\n',
  '[link]: http://example.com\n| a | b |\n',
  '[link]: http://example.com\n{: .lost}\n{: .lost-too}\nparagraph\n',
  '*[HTML]: Hyper Text\n{: .lost}\n\nHTML paragraph\n',
  '$$x^2$$ {: .formula}\n',
  '$$\nx^2\n$$ {: #f}\n',
  '$$x^2$$^\n{: .next}\nparagraph\n',
  'text[^n]\n\n[^n]: note\n\n$$y$$\n',
  '[^1]: x\n| a | b |\n\nt[^1]\n',
  '[^1]: x\n{:.e}\n$$y$$\n\nt[^1]\n',
  '[^1]: x\nText\n===\n\nt[^1]\n',
  // setext headers come first in kramdown's block parser order (blockOrder.ts)
  '[r]\n\n[r]:r\n-\n',
  '[^a]: x\n---\n\nt[^a]\n',
  '*[a]: x\n---\n',
];

describe('kramdown definitions as block elements, math block tails', () => {
  test('every case has kramdown\'s blocks and spans', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('an IAL under a footnote definition goes to no block', () => {
    assert.doesNotMatch(oursHtml('[^a]: note\n{: .e}\n***\n'), /class="e"/);
  });
  test('an IAL after the closing `$$` goes to the math block', () => {
    assert.match(oursHtml('$$x$$ {: .formula}\n'), /^<div class="formula">/);
  });
});
