// kramdown's block math (src/core/render/kramdown/mathBlocks.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ours, sameBlocksAsKramdown } from './oracle';

describe('kramdown math blocks', () => {
  test('$$…$$ holding blank lines is one math block', async () => {
    const html = await ours('$$\na = 1\n\nb = 2\n$$\n');
    assert.equal((html.match(/class="[^"]*\bkatex-display\b/g) ?? []).length, 1);
    assert.doesNotMatch(html, /<p>/);
  });
  sameBlocksAsKramdown('math blocks', {
    'one line': '$$a+b$$\n',
    'blank lines inside': '$$\na = 1\n\nb = 2\n$$\n',
    'under a paragraph line: span math': 'This is a para.\n$$ x $$\n',
    'text after the closing $$': '$$a$$ text\n',
    'not followed by a block boundary': '$$a$$\nmore\n',
  });
});
