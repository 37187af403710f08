// kramdown's tables (src/core/render/kramdown/tables.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ours, sameBlocksAsKramdown, tags } from './oracle';

describe('kramdown tables', () => {
  test('pipe rows without a separator line are a table', async () => {
    const html = await ours('| a | b |\n| c | d |\n');
    assert.equal(tags(html, 'table').length, 1);
    assert.equal(tags(html, 'tr').length, 2);
    assert.equal(tags(html, 'thead').length, 0);
  });
  test('a table right under a paragraph line stays paragraph text', async () => {
    const html = await ours('Some text\n| a | b |\n|---|---|\n| c | d |\n');
    assert.equal(tags(html, 'table').length, 0);
  });
  sameBlocksAsKramdown('tables', {
    'rows alone': '| a | b |\n| c | d |\n',
    'header separator with alignment': '| a | b | c |\n|:--|:-:|--:|\n| 1 | 2 | 3 |\n',
    'separator lines inside: more bodies': '| a | b |\n|---|---|\n| c | d |\n|---|---|\n| e | f |\n',
    'footer separator': '| a | b |\n|---|---|\n| c | d |\n|===|===|\n| e | f |\n',
    'no leading pipe, ragged rows': 'a | b | c\nd | e\n',
    'escaped pipes and code spans': 'cell 1 \\| x | `code | span` | c\n',
    'under a paragraph line': 'Some text\n| a | b |\n',
    'not followed by a block boundary': '| a | b |\ntext after\n',
    'header only: no table': '| a | b |\n|---|---|\n',
    'in a list item': '* item\n\n  | a | b |\n  | c | d |\n',
    'pipes inside HTML elements do not count': 'Some <code>element with | pipe symbol</code>\n\nSome <code>a | b\nc|</code>\n',
  });
});
