// Links, images and link definitions as kramdown parses them (render/kramdown/links.ts and
// linkDefinitions.ts), with Debian's kramdown as the oracle.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, kramdownHtml, kramdownMissing, oursHtml } from './kramdownOracle';

const CASES = [
  '[a](with spaces.html)', '[a](with spaces.html "t")', "[a](with (spaces).html 'x')", '[a](/to(do))', '[a](/to(do "doit")',
  '[a](  spaces.html  )', '[a](<some spaces.html>)', '[a](<x> "t")', "[a](x.html '')", '[a](x(new.html)', '[a]()',
  '[simple URL with [no](link.html) inside](something.html)', '[a [b] c](d)', '[![i](s.png)](h)', '![a [b](c)](d)',
  '[a]\n\n[a]: x.html', '[A] [1]\n\n[1]: one.html', '[x][]\n\n[x]: y', '[x][nope]\n\n[x]: y', '[a b\nc]\n\n[a b c]: z',
  '[a]: some spaces.html\n\n[a]', '[a]: u\n  "title"\n\n[a]', '[a]: u "t" junk\n\n[a]', 'para\n[a]: u\n\n[a]',
  '[1]: first\n[1]: second\n\n[1]', '[a]: u\n{: .c}\n\n[a] and ![a]', '[a](b "t\nu")', '*[a*](b)', '[`]`](c)',
  '[a](b)c](d)', '[a\\]](b)', '[a](b\\_c)',
];

describe('links as kramdown parses them', () => {
  test('each case has kramdown\'s elements and text', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('the link_defs option gives definitions every post has; a post\'s own win', (t) => assertLikeKramdown(
    t, ['[predefined] and [URI] and [Other]', '[uri]\n\n[URI]: mine.html'], assert.deepEqual,
    { link_defs: { predefined: ['p.html'], URI: ['u.html', 'My URI'], other: ['o.html'] } },
  ));

  test('a url with spaces, and a title, as kramdown writes them', (t) => {
    const why = kramdownMissing();
    if (why) return t.skip(why);
    const text = "[a](with (spaces).html 'x')";
    const ours = /<a [^>]*>/.exec(oursHtml(text))?.[0];
    assert.equal(ours?.replace('%20', ' '), /<a [^>]*>/.exec(kramdownHtml([text])[0])?.[0]);
  });

  test('an IAL on a link definition goes to the links that use it', () => {
    assert.match(oursHtml('[a]\n\n[a]: http://e.com\n{: .test hreflang="en"}'), /<a class="test" hreflang="en" href="http:\/\/e.com">a<\/a>/);
  });

  test('runs of unclosed links take linear time', () => {
    for (const hostile of ['[a]('.repeat(30000), '[a](b "'.repeat(20000), '['.repeat(50000) + ']('.repeat(20000), '[a] ['.repeat(30000)]) {
      const started = Date.now();
      oursHtml(hostile);
      assert.ok(Date.now() - started < 5000, `${hostile.slice(0, 8)}…: ${Date.now() - started} ms`);
    }
  });
});
