// kramdown's lists (src/core/render/kramdown/lists.ts).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ours, sameBlocksAsKramdown, tags } from './oracle';

describe('kramdown lists', () => {
  test('`0) Make sure…` is a paragraph: kramdown numbers items with `.` only', async () => {
    const html = await ours('0) Make sure it is on\n1) And this\n');
    assert.equal(tags(html, 'ol').length, 0);
    assert.equal(tags(html, 'p').length, 1);
  });
  test('a lazy line after `- #### Heading` stays in the item', async () => {
    const html = await ours('- #### Heading\nlazy text\n- next\n');
    assert.equal(tags(html, 'ul').length, 1);
    assert.equal(tags(html, 'li').length, 2);
    assert.match(html, /<li>[\s\S]*<h4[^>]*>Heading<\/h4>[\s\S]*lazy text[\s\S]*<\/li>\s*<li>/);
  });
  sameBlocksAsKramdown('lists', {
    'paren markers': '0) Make sure\n1) Then\n',
    'any number interrupts a paragraph': 'I have read the book\n1984. It was great\n',
    'lazy line after a header item': '- #### Heading\nlazy text\n- next\n',
    'bullet characters mixed in one list': '* a\n+ b\n- c\n',
    'nested by indentation': '* a\n  * b\n    * c\n* d\n',
    'lazy and nested': '* Root level\n  * Second level\n  Third level\n* Back\n',
    'end of block marker splits lists': '* a\n^\n* b\n',
    'item IAL': '* {:.cls} first\n* second\n',
    'loose and tight items': '* a\n\n* b\n* c\n',
    'code block in an item': '* item\n\n        code\n\n* next\n',
    'marker without a space is text': '-not a list\n*also not*\n',
    // differential fuzzer reproducers (test/fidelity/kramdown-fuzz.mjs)
    'a fence as a lazy line after the item text': '- e\n```\n  i\n```\n',
    'a nested list right under the item text': '- a\n  - b\n- c\n',
    'a backslash ends the item text before a nested list': '+ \\\n2. \n',
    'backslashes end the item text before a nested list': '+ a\\\\\n2. x\n\n+ b\\\\\\\n2. y\n',
    'a setext underline under a link definition': '+ [a]:文\n-\n',
  });
});
