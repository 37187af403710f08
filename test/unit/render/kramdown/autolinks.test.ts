// Autolinks as kramdown parses them (render/kramdown/autolinks.ts), with Debian's kramdown as the oracle.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  '<http://example.com/percent%20percent>', '<mailto:john.doe@example.com>', '<john_doe@example.com>', '<übung@macht.den.meister.de>',
  '<http://a.com/?doit&amp;x=&quot;y&z=y>', '<ftp://a.b/c>', '<ftps://a.b>', '<irc://a.b>', '<http://a.com/--x...>', '<http://a.com/*x*>',
  '<[me@example.com](mailtos:me@example.com)>', 'a <http://x.y/ b> c', '<a@b', '<http://a\nb>', '**<http://x.y>**',
];

describe('autolinks as kramdown parses them', () => {
  test('each case has kramdown\'s elements and text', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('the text is the address as written, and a bare address links to mailto:', () => {
    assert.match(oursHtml('<http://e.com/a%20b>'), />http:\/\/e\.com\/a%20b<\/a>/);
    assert.match(oursHtml('<a@b.c>'), /<a href="mailto:a@b\.c">a@b\.c<\/a>/);
  });
});
