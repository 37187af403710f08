// kramdown's footnote options and placement (render/kramdown/footnotes.ts), with Debian's kramdown through Jekyll's
// converter as the oracle: footnote_prefix, footnote_backlink (escaped as kramdown escapes it), footnote_backlink_inline,
// a `{:footnotes}` list where the notes go, {::options footnote_nr=…/} in the middle of a post, and block IALs
// right under a definition (the note's, shown nowhere).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const NOTES = 'One[^ab] two[^bc] again[^ab].\n\n[^ab]: Some text.\n[^bc]: Other text.\n';
const DEEP = 'See [^q][^l][^h][^c].\n\n[^q]:\n    > quoted\n    >\n    > paragraph\n\n[^l]:\n    * a\n    * b\n\n      > # header\n\n[^h]:\n    # A header\n\n[^c]:\n        code\n';

describe('footnote options as kramdown writes them', () => {
  test('footnote_prefix goes into every id', (t) => assertLikeKramdown(t, [NOTES], assert.deepEqual, { footnote_prefix: 'x1-' }));
  test('footnote_backlink: text, entities and tags escaped as text, empty for none', (t) => {
    assertLikeKramdown(t, [NOTES], assert.deepEqual, { footnote_backlink: 'text &8617; <img /> &amp;' });
    assertLikeKramdown(t, [NOTES, 'A[^c].\n\n[^c]:\n        code\n'], assert.deepEqual, { footnote_backlink: '' });
  });
  test('footnote_backlink_inline: the back link in the last paragraph or header however deep', (t) => {
    assertLikeKramdown(t, [DEEP], assert.deepEqual, { footnote_backlink_inline: true });
    assertLikeKramdown(t, [DEEP], assert.deepEqual);
  });
  test('a {:footnotes} list is replaced by the notes (or by nothing)', (t) => assertLikeKramdown(t, [
    '* here\n{:footnotes}\n\nText[^1].\n\n[^1]: Note\n\nAfter.\n',
    '* here\n{:footnotes}\n\nNo notes.\n',
    '1. first\n{:footnotes}\n\n* second\n{:footnotes}\n\nA[^n].\n\n[^n]: n\n',
  ], assert.deepEqual));
  test('{::options footnote_nr /} in a post numbers all its notes', (t) => assertLikeKramdown(t, [
    'A[^a].\n\n{::options footnote_nr="10" /}\n\nB[^b].\n\n[^a]: a\n[^b]: b\n',
    '{::options footnote_prefix="p-" footnote_backlink="back" /}\n\n' + NOTES,
  ], assert.deepEqual));
  test('block IALs under a definition go to no other block', (t) => assertLikeKramdown(t, [
    '[^a]:\n{:.e}\n***\n', 'A[^fn].\n\n[^fn]: text\n{: .class}\n{: #id}\n> quote\n', 'A[^fn].\n\n[^fn]: text\n{:ref: .x}\n{:ref}\n> quote\n',
  ], assert.deepEqual));

  test('ids carry the prefix and the back link text is escaped', () => {
    const html = oursHtml(NOTES, { footnote_prefix: 'x1-', footnote_backlink: '<b>&</b>' });
    assert.match(html, /<sup id="fnref:x1-ab" role="doc-noteref"><a href="#fn:x1-ab"/);
    assert.match(html, /<li id="fn:x1-bc" role="doc-endnote">/);
    assert.match(html, /class="reversefootnote" role="doc-backlink">&lt;b&gt;&amp;&lt;\/b&gt;<\/a>/);
  });
});
