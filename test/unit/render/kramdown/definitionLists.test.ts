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
    // differential fuzzer reproducers (test/fidelity/kramdown-fuzz.mjs)
    'a fence right under the definition text': 'e\n: r\n```\na\n```\n',
    'in a list item, a fence under the definition text': '1. 文\n: *\n```\na\n```\n',
    'an IAL between two lists separates them': '.\n: \n{:e}\n。\n: \n',
    'a link definition between two lists separates them': 'a\n: b\n\n[x]: /y\nc\n: d\n',
  });
});
