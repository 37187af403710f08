// kramdown's remove_line_breaks_for_cjk (render/kramdown/cjkLineBreaks.ts), with Debian's kramdown as
// the oracle (the option given as a site's `kramdown:` map gives it).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, kramdownHtml, kramdownMissing, oursHtml } from './kramdownOracle';

const OPTION = { remove_line_breaks_for_cjk: true };
const CASES = ['一\n二\n三', 'あ\nい', 'カ\nキ', '中文\nEnglish\n中文', '漢字\n\n漢字', '一 \n二', '*一*\n二', '一\n*二*', '一。\n二', 'a\nb'];

describe('line breaks between CJK characters (remove_line_breaks_for_cjk)', () => {
  test('each case has kramdown\'s elements and text', (t) => assertLikeKramdown(t, CASES, assert.deepEqual, OPTION));

  test('with hard_wrap every line break stays a <br />', (t) => assertLikeKramdown(t, CASES, assert.deepEqual, { ...OPTION, hard_wrap: true }));

  test('the lines of a Chinese paragraph join without a line break, as kramdown writes them', (t) => {
    const why = kramdownMissing();
    if (why) return t.skip(why);
    const text = '第一行\n第二行\nthird';
    assert.equal(oursHtml(text, OPTION), kramdownHtml([text], OPTION)[0]);
    assert.match(oursHtml(text, OPTION), /<p>第一行第二行\nthird<\/p>/);
  });

  test('without the option the line break stays', () => {
    assert.match(oursHtml('一\n二'), /<p>一\n二<\/p>/);
  });
});
