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
  sameBlocksAsKramdown('block and span content (parse_block_html)', {
    'blocks from right after the opening tag': '{::options parse_block_html="true" /}\n<div>bar\n</div>\n',
    'a closing tag in an indented code block closes nothing': '{::options parse_block_html="true" /}\n<div>\n    code block with </div>\n</div>\n',
    'blocks go on after the closing tag': '{::options parse_block_html="true" /}\n<div>id\n</div> test\n\n<div>\nhallo\n</div> <div>\nhallo\n</div>\n',
    'nested elements on one line': '{::options parse_block_html="true" /}\n<div><DiV cLASs="clear"></dIv>\nAnother para.\n</div>\n',
    'nested elements closed on one line': '{::options parse_block_html="true" /}\n<div>\n<div>\nfoo\n</div></div>\n\npara\n',
    'span content ends at the first closing tag': '{::options parse_block_html="true" /}\n<p>This produces `</p>` an unwanted result.</p>\n\n<p>This *text* too</p><p>\nsome text\n',
    'an element left open takes the rest of the post': '{::options parse_block_html="true" /}\n<div>\nNo matching end tag\n\n* item\n',
    'markdown="1" in a list item': '- a\n\n  <div markdown="1">x *y*\n  </div> after\n',
    'after a raw element, a block tag on the same line': '<div>a</div> <div>b</div> c\n\n<div>\nx\n</div><p>y</p>\nz\n',
  });
  test('thousands of nested elements (unclosed, or closed on their line) render, with every paragraph', async () => {
    const n = 3000;
    const nested = await ours('{::options parse_block_html="true" /}\n' + '<div>\nx\n\n'.repeat(n));
    assert.equal((nested.match(/x/g) ?? []).length, n);
    const sameLine = await ours('{::options parse_block_html="true" /}\n' + '<p>a</p> b\n\n'.repeat(n));
    assert.equal((sameLine.match(/<p\b[^>]*>b<\/p>/g) ?? []).length, n);
    const raw = await ours('<div>\n<p>x\n</div>\n\n'.repeat(n));
    assert.equal((raw.match(/x/g) ?? []).length, n);
  });
  sameBlocksAsKramdown('html_to_native', {
    'HTML headers become native ones with ids': '{::options html_to_native="true" /}\n<h1>Some <em class=\'cls\'>header</em>here!</h1>\n<h2 id="test">hallo</h2>\n<h3>hallo</h3>\n\n## hallo\n',
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
