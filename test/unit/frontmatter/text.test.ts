import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveAgainst } from '../../../src/core/frontmatter/rules/site';
import { typoCandidates } from '../../../src/core/frontmatter/rules/structure';
import { editDistance } from '../../../src/core/text/editDistance';
import { findImageLinks, firstParagraphText, truncatePlain } from '../../../src/core/text/markdownText';
import { formatJekyllDate, instantOf, parseJekyllDate, zoneOffsetMinutes } from '../../../src/core/text/time';

describe('text helpers', () => {
  test('edit distance counts a transposition as one', () => {
    assert.equal(editDistance('layuot', 'layout'), 1);
    assert.equal(editDistance('descripton', 'description'), 1);
    assert.equal(editDistance('abc', 'xyz', 1), 2);
  });

  test('typo candidates: near-misses only, plurals are not typos', () => {
    assert.deepEqual(typoCandidates('catagories', ['categories', 'category']), ['categories']);
    assert.deepEqual(typoCandidates('images', ['image']), []);
    assert.deepEqual(typoCandidates('authors', ['author']), []);
    assert.deepEqual(typoCandidates('subtitle', ['title']), []);
  });

  test('resolveAgainst', () => {
    assert.equal(resolveAgainst('_posts', '../images/a.png'), 'images/a.png');
    assert.equal(resolveAgainst('', '../a.png'), '../a.png');
    assert.equal(resolveAgainst('a/b', './c/../d.png'), 'a/b/d.png');
    assert.equal(resolveAgainst('.', '/x/y.png'), 'x/y.png');
  });

  test('first paragraph skips images, headings, lists, HTML and code; plain text', () => {
    const body = '\n![x](a.png)\n\n# Title\n\n```\ncode\n```\n\n- item\n\n<div>html</div>\n\nThe **first** [para](x) with `code`\nand a second line.\n\nNext.\n';
    assert.equal(firstParagraphText(body), 'The first para with code and a second line.');
    assert.equal(firstParagraphText('# only a heading\n'), undefined);
  });

  test('truncatePlain keeps at most the limit in code points', () => {
    assert.equal(truncatePlain('short', 160), 'short');
    const cjk = '觀'.repeat(200);
    const t = truncatePlain(cjk, 160);
    assert.equal(Array.from(t).length, 160);
    assert.ok(t.endsWith('…'));
    assert.equal(truncatePlain('One sentence here. ' + 'x '.repeat(100), 40), 'One sentence here.');
    assert.ok(Array.from(truncatePlain('😀'.repeat(300), 160)).length <= 160);
  });

  test('image links with offsets', () => {
    const text = 'a ![x](one.png "t") <img src="two.png"> ![y][r]\n\n[r]: <three.png>\n';
    assert.deepEqual(findImageLinks(text).map((l) => [l.url, text.slice(l.start, l.end)]), [['one.png', 'one.png'], ['two.png', 'two.png'], ['three.png', 'three.png']]);
  });

  test('dates and zones', () => {
    const d = parseJekyllDate('2021-08-19 23:30:00 -0700');
    assert.ok(typeof d === 'object');
    if (typeof d === 'object') {
      assert.equal(d.day, 19);
      assert.equal(d.offsetMinutes, -420);
      assert.equal(new Date(instantOf(d)).toISOString(), '2021-08-20T06:30:00.000Z');
    }
    assert.equal(parseJekyllDate('2021-02-29'), 'invalid');
    assert.equal(typeof parseJekyllDate('2020-02-29'), 'object');
    assert.equal(zoneOffsetMinutes('Asia/Taipei', Date.UTC(2021, 0, 1)), 480);
    assert.equal(zoneOffsetMinutes('Nowhere/Else', 0), undefined);
    assert.equal(formatJekyllDate(new Date('2021-01-01T00:00:00Z'), 'America/New_York'), '2020-12-31 19:00:00 -0500');
  });
});
