// kramdown's block HTML (src/core/render/kramdown/html.ts): text after the end of a block starts a paragraph;
// only a block element's tag ends a paragraph; raw content is read as kramdown's parse_raw_html (htmlRaw.ts); an IAL gives the element attributes; an IAL after a blank line
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
  sameBlocksAsKramdown('raw content (kramdown\'s parse_raw_html)', {
    'a stray closing tag is text': '<div>\n</p>\n</div>\n\npara\n',
    'a `<` that starts no tag is text': '<div>\n<http://example.com>\n</div>\n',
    'markdown="span" and "1" on nested elements': '<table>\n<tr>\n  <th markdown="span">*Usage*</th>\n  <td markdown="1">\n# More\n  </td>\n</tr>\n</table>\n',
    'markdown="1" on a nested dt and dd': '<dl>\n  <dt markdown="1">*em*</dt>\n  <dd markdown="1">\npara\n</dd>\n</dl>\n',
    'a nested element left open takes the rest of the post': '<div>\n<p>text\n</div>\n\n*para*\n',
    'in a list item, with text after the closing tag': '- a\n\n  <div>\n  </p>\n  </div> after\n  more\n\n  next\n',
    'in a quote': '> <div>\n> </p>\n> </div>\n',
  });
  test('an IAL under an element with Markdown inside goes to its opening tag', async () => {
    const html = await ours('<div>\n<span markdown="1">*x*</span>\n</div>\n{: .c}\n');
    assert.equal(tags(html, 'div').length, 1);
    assert.match(html, /<div class="c"/);
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
