// HTML tags in a paragraph paired as kramdown's span parser pairs them (render/kramdown/htmlSpans.ts),
// with Debian's kramdown as the oracle; reproducers the differential fuzzer found among the cases.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = ['</d>', 'a </span> b', '<em>', 'a <em>b c', 'x </em> y', 'a <span>b</span>', 'a <br> b <img src="x"> c', '<span><em>a</span></em>', '<kbd>Ctrl</kbd>+<kbd>C</kbd>'];

// Content models: raw elements, block tags in a paragraph, the markdown attribute, parse_span_html.
const MODELS = [
  'This is raw <kbd>--version</kbd> and <samp>--x</samp> and <var>"a"</var> and\n<code>---version</code>.',
  'A <p>block tag</p>.', 'A <div>x</div> y', 'This <some:url name:spac=\'hallo\'>doit</some:url> test', 'This <SoMe>doit</some> test',
  'This is <span markdown="0">*text*</span>', 'This is <span markdown="1">*text*</span>', 'This is <kbd markdown="1">*text*</kbd>',
  'This is <kbd markdown="span">*text*</kbd>',
  // markdown="1" on an element nested in raw content turns Markdown back on for its content (parse_raw_html).
  'This is <span markdown="0">*nothing* <strong markdown="1">to *fear*</strong> about</span>.', '<kbd>*a* <em markdown="span">*b*</em> *c*</kbd>', 'a <kbd>x <b>y</b> </i> z</kbd> --w', '<code>a &amp; b &copy; *c*</code>', 'a <kbd>b',
  'This is an {::options parse_span_html="false" /} option <span>*true*</span>!',
  'This is <? a PI ?>.', 'a <!DOCTYPE x> b', 'a <![CDATA[x]]> b', 'a <!-- c --> b', "- <br>'", '<br>` `', '<br>  \ne', '<img src="x"> *a*', '<input type="checkbox"/> **b**',
];

describe('HTML spans as kramdown pairs them', () => {
  test('content models as kramdown reads them', (t) => assertLikeKramdown(t, MODELS, assert.deepEqual));

  test('parse_span_html: false leaves span elements\' content raw', (t) => assertLikeKramdown(t, ['a <span>*b*</span> <em>--c</em>'], assert.deepEqual, { parse_span_html: false }));

  test('a raw element\'s text is not typeset, and the markdown attribute is dropped', () => {
    assert.match(oursHtml('<kbd>--version</kbd>'), /<kbd>--version<\/kbd>/);
    assert.match(oursHtml('<span markdown="0">*a*</span>'), /<span>\*a\*<\/span>/);
  });

  test('each case has kramdown\'s elements and text', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('a stray end tag is text; an open element closes at the end of the paragraph', () => {
    assert.match(oursHtml('a </span> b'), /<p>a &lt;\/span&gt; b<\/p>/);
    assert.match(oursHtml('a <em>b c'), /<p>a <em>b c<\/em><\/p>/);
  });
});
