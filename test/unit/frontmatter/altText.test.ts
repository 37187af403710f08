import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../../src/core/frontmatter/check';
import { fixAllSafe } from '../../../src/core/frontmatter/fixes';
import { altTextSource, isDefaultAlt } from '../../../src/core/frontmatter/rules/altText';
import type { Problem } from '../../../src/core/frontmatter/types';
import { findImageAlts } from '../../../src/core/text/markdownText';
import { memorySite } from './helpers';

const POST = '_posts/2021-08-19-notes.md';
const fm = (body: string) => `---\nlayout: post\ntitle: Notes\n---\n${body}`;
const at = (text: string, p: Problem) => text.split('\n')[p.range.start.line].slice(p.range.start.character, p.range.end.character);

async function check(text: string, settings?: Parameters<typeof checkDocument>[0]['settings']): Promise<Problem[]> {
  const site = await memorySite({ 'images/2021/image-20210819150523189.png': '', 'images/Screen Shot 2021.png': '', 'images/shot.png': '' });
  return checkDocument({ path: POST, text, site, settings, throwInternalErrors: true }).filter((p) => p.rule === 'image-alt-default');
}

describe('image-alt-default', () => {
  test('reports Typora names and file base names at the alt text itself, as info, in Markdown, reference and HTML images', async () => {
    const text = fm([
      '',
      'Intro ![image-20210819150523189](/images/2021/image-20210819150523189.png) inline.',
      '![image-20210819150523189-2](/images/2021/image-20210819150523189.png)',
      '![Screen Shot 2021](/images/Screen%20Shot%202021.png)',
      '![shot][ref]',
      '<img src="/images/shot.png" alt="shot" width="300">',
      '',
      '[ref]: /images/shot.png',
      '',
    ].join('\n'));
    const ps = await check(text);
    assert.deepEqual(ps.map((p) => [p.range.start.line, at(text, p)]), [
      [5, 'image-20210819150523189'], [6, 'image-20210819150523189-2'], [7, 'Screen Shot 2021'], [8, 'shot'], [9, 'shot'],
    ]);
    assert.equal(ps[0].range.start.character, 8);
    assert.ok(ps.every((p) => p.severity === 'info'));
    assert.match(ps[0].message, /The alt text "image-20210819150523189" is the image's file name/);
  });

  test('negative: real words, empty (decorative) alt, code, a name that only looks alike, the rule off', async () => {
    const text = fm([
      '',
      '![Latency before and after the fix](/images/shot.png)',
      '![](/images/shot.png)',
      '<img src="/images/shot.png" alt="">',
      '`![image-20210819150523189](/images/x.png)`',
      '',
      '```',
      '![image-20210819150523189](/images/x.png)',
      '```',
      '![image-2021](/images/shot.png)',
      '![shot diagram](/images/shot.png)',
      '',
    ].join('\n'));
    assert.deepEqual(await check(text), []);
    assert.deepEqual(await check(fm('\n![image-20210819150523189](/i.png)\n'), { severities: { 'image-alt-default': 'off' } }), []);
  });

  test('the quick fix asks (no edits of its own), so fix-all and --fix leave the alt alone', async () => {
    const text = fm('\n![image-20210819150523189](/images/2021/image-20210819150523189.png)\n');
    const [p] = await check(text);
    assert.equal(p.fixes.length, 1);
    assert.deepEqual(p.fixes[0].edits, []);
    assert.equal(p.fixes[0].safe, false);
    assert.deepEqual(p.fixes[0].ask, { kind: 'alt-text', current: 'image-20210819150523189', syntax: 'markdown' });
    const site = await memorySite({});
    assert.equal(fixAllSafe({ path: POST, text, site }).text, text);
  });

  test('isDefaultAlt: escapes undone, query and fragment ignored, Liquid base URL; remote and data: names never', () => {
    assert.equal(isDefaultAlt('my\\_shot', '/img/my_shot.png?v=2#x'), true);
    assert.equal(isDefaultAlt('shot', '{{ site.baseurl }}/img/shot.webp'), true);
    assert.equal(isDefaultAlt('a &amp; b', 'a & b.png', 'html'), true);
    assert.equal(isDefaultAlt('png', 'data:image/png;base64,AAAA'), false);
    assert.equal(isDefaultAlt('x', 'https://example.com/x.png'), false, 'a remote file\'s name is not one the blog gave it');
    assert.equal(isDefaultAlt('image-20210819150523189', 'https://example.com/a.png'), true);
    assert.equal(isDefaultAlt('image-20210819150523189', undefined), true);
    assert.equal(isDefaultAlt('  ', '/x.png'), false);
  });

  test('altTextSource keeps the answer alt text where it goes: escaped in […], an attribute value in HTML', () => {
    assert.equal(altTextSource('  The [p99] latency\n*after*  ', 'markdown'), 'The \\[p99\\] latency \\*after\\*');
    assert.equal(altTextSource('Tom & "Jerry" <3', 'html'), 'Tom &amp; &quot;Jerry&quot; &lt;3');
  });

  test('findImageAlts gives the offsets of each alt and its target', () => {
    const text = '![a b](x.png) and <IMG alt=\'c\' src="y.png"> ![d][r]\n\n[r]: <z w.png>\n';
    assert.deepEqual(findImageAlts(text).map((a) => [a.alt, text.slice(a.start, a.end), a.url, a.syntax]), [
      ['a b', 'a b', 'x.png', 'markdown'], ['c', 'c', 'y.png', 'html'], ['d', 'd', 'z w.png', 'markdown'],
    ]);
  });
});
