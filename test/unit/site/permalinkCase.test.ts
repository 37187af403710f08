// `:title` and `:slug` in permalinks as Jekyll's Utils.slugify makes them, with Debian's jekyll as the
// oracle in the test run: `{% post_url 2019-03-01-Intro-to-GANs %}` keeps the file name's case.
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { parseSiteConfig } from '../../../src/core/site/config';
import { documentUrl } from '../../../src/core/site/permalink';

const NAMES = ['Intro-to-GANs', 'C++ & Rust_tips', '中文 標題 Notes', 'a  b--c', "it's (v2.0)!", 'Ünïcode Café', '-lead-trail-'];

function jekyllSlugs(names: string[]): Array<{ title: string; slug: string }> | undefined {
  const script = `require 'json'; require 'jekyll'
print JSON.generate(JSON.parse($stdin.read).map { |n| { 'title' => Jekyll::Utils.slugify(n, mode: 'pretty', cased: true), 'slug' => Jekyll::Utils.slugify(n) } })`;
  const r = spawnSync('ruby', ['-e', script], { input: JSON.stringify(names), encoding: 'utf8' });
  return r.error || r.status !== 0 ? undefined : JSON.parse(r.stdout) as Array<{ title: string; slug: string }>;
}

describe('permalinks keep the case Jekyll keeps', () => {
  const url = (template: string, name: string) =>
    documentUrl(parseSiteConfig(`permalink: ${template}\n`), { relPath: `_posts/2019-03-01-${name}.md`, kind: 'post', data: {}, date: { year: 2019, month: 3, day: 1 } });

  test('`:title` keeps the file name\'s letters as written', () => {
    assert.equal(url('/:title/', 'Intro-to-GANs'), '/Intro-to-GANs/');
    assert.equal(url('/:slug/', 'Intro-to-GANs')?.toLowerCase(), url('/:slug/', 'Intro-to-GANs'));
  });

  test('`:title` and `:slug` equal Jekyll::Utils.slugify', (t) => {
    const expected = jekyllSlugs(NAMES);
    if (!expected) return t.skip('ruby with the jekyll gem is not installed: skipped');
    NAMES.forEach((name, i) => {
      assert.equal(url('/:title/', name), `/${expected[i].title}/`, name);
      assert.equal(url('/:slug/', name), `/${expected[i].slug}/`, name);
    });
  });
});
