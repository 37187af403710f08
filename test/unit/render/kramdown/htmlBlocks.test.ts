// kramdown's block HTML (src/core/render/kramdown/html.ts): text after the end of a block starts a paragraph;
// only a block element's tag ends a paragraph; an IAL gives the element attributes; an IAL after a blank line
// (src/core/render/kramdown/blocks.ts) does not go to the block above.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ours, sameBlocksAsKramdown, tags } from './oracle';

describe('kramdown block HTML', () => {
  test('text after a closing tag on its line is a paragraph', async () => {
    const html = await ours('<div>a</div> b\n');
    assert.equal(tags(html, 'div').length, 1);
    assert.equal(tags(html, 'p').length, 1);
  });
  sameBlocksAsKramdown('block HTML', {
    'after a comment': '<!--\nBlah\n--> para\nmore\n\nnext\n',
    'after a closing tag': '<div>id\n</div> test\nmore\n',
    'after a void tag': '<hr /> text\n',
    'nothing after': '<div>\nx\n</div>\n\npara\n',
    'a comment or <script> does not end a paragraph, a <div> does': 'para\n<!-- c -->\nmore\n\npara\n<script>x</script>\n\npara\n<div>x</div>\n',
  });
  sameBlocksAsKramdown('IALs on HTML elements', {
    'above and under a raw element': '{:.cls}\n<div>\ntest\n</div>\n{:#id}\n',
    'under an element parsed as Markdown': '{:.cls}\n<div markdown="1">\ntest\n</div>\n{:#id}\n',
    'a class joins the element\'s classes': '<div class="a" title=x>\ntest\n</div>\n{: .b title="t"}\n',
  });
  sameBlocksAsKramdown('IALs after a blank line', {
    'under an ordered list': '1. a\n\n{:.e}\n',
    'under a quote': '> q\n\n{:.e}\n',
    'under a bullet list, then a paragraph': '* a\n\n{:.n}\npara\n',
  });
});
