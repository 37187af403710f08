// kramdown-parser-gfm's fenced code (src/core/render/kramdown/fences.ts) and kramdown's indented code (codeBlocks.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ours, sameBlocksAsKramdown, tags } from './oracle';

describe('kramdown code blocks', () => {
  test('an unbalanced fence is text and the rest of the post carries on', async () => {
    const html = await ours('```python\nprint(1)\n\n## Later heading\n\nA paragraph.\n');
    assert.equal(tags(html, 'pre').length, 0);
    assert.equal(tags(html, 'h2').length, 1);
    assert.match(html, /<p>A paragraph\.<\/p>/);
  });
  sameBlocksAsKramdown('fences', {
    'backticks with a language': '```ruby\nx = 1\n```\n',
    'tildes, longer closing fence': '~~~\ncode\n~~~~~\n',
    'unbalanced fence': '```python\nprint(1)\n\n## Later heading\n\nA paragraph.\n',
    'info string with two words is no fence': '```ruby extra\nx\n```\n',
    'fence ends a paragraph': 'text\n```\ncode\n```\n',
    'indented code with a lazy line': '    code\nlazy\n',
    'indented code over blank lines': '    a\n\n    b\n',
  });
});
