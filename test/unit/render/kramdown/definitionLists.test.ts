// kramdown's definition lists (src/core/render/kramdown/definitionLists.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ours, sameBlocksAsKramdown, tags } from './oracle';

describe('kramdown definition lists', () => {
  test('every line of the paragraph above is a term', async () => {
    const html = await ours('kram\ndown\n: the definition\n');
    assert.equal(tags(html, 'dt').length, 2);
    assert.equal(tags(html, 'dd').length, 1);
  });
  sameBlocksAsKramdown('definition lists', {
    'several terms and definitions': 'kram\ndown\n: one\n: two\n',
    'blank line before the definition: a paragraph': 'term\n\n: definition\n',
    'lists with a blank line between continue': 'a\n: one\n\nb\n: two\n',
    '^ separates two lists': 'a\n: one\n^\nb\n: two\n',
    'IAL under the list': 'a\n: one\n{:.compact}\n',
    'term and definition IALs': '{:.t} a\n: {:.d} one\n',
    'auto_ids on the list': '{:auto_ids}\nitem\n: def\n',
  });
});
