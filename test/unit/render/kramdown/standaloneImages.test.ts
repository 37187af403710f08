// kramdown's standalone images (render/kramdown/standaloneImages.ts), with Debian's kramdown through Jekyll's converter
// as the oracle: a paragraph holding only an image whose IAL references `standalone` is a <figure> with a <figcaption>.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

describe('standalone images as kramdown writes them', () => {
  test('figure, caption, and where the attributes go', (t) => assertLikeKramdown(t, [
    'para\n{:standalone}\n', '* ![alt](a.jpg){: standalone}\n', '* a\n\n* ![alt](a.jpg){: standalone}\n', '![alt text](some.jpg){:#id .class standalone}\n',
    '![alt](some.jpg){:#id .class standalone}\n{:#block-id .block-class}\n', '![alt](a.jpg){: standalone} and text\n',
    '![*a* b](a.jpg){: standalone}\n', '{:s: standalone}\n![a](a.jpg){: s}\n',
  ], assert.deepEqual));
  test('the image\'s class and id move to the figure unless the paragraph has its own', () => {
    assert.equal(oursHtml('![alt](a.jpg){:#i .c standalone}\n'), '<figure class="c" id="i"><img src="a.jpg" alt="alt" />\n<figcaption>alt</figcaption>\n</figure>\n');
  });
});
