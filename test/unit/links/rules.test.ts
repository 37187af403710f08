// The link rules on a small blog with permalinks, a draft, a future post, `published: false` and fragments.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../../src/core/frontmatter/check';
import type { Problem } from '../../../src/core/frontmatter/types';
import { applyEdits } from '../../../src/core/text/textEdit';
import { memorySite } from '../frontmatter/helpers';

const NOW = new Date('2025-06-01T00:00:00Z');
const post = (title: string, body: string, extra = '') => `---\nlayout: post\ntitle: ${title}\n${extra}---\n${body}`;

export const BLOG: Record<string, string> = {
  '_config.yml': 'title: t\npermalink: /:year/:month/:day/:title/\n',
  '_posts/2021-08-19-hello.md': post('Hello', '\n## Getting started\n\nText.\n\n## 安裝 Setup {#setup}\n\n## Getting started\n\nUsage\n-----\n'),
  '_posts/2022-01-02-custom.md': post('Custom', '\n# Top\n', 'permalink: /custom/place.html\n'),
  '_posts/2030-01-01-future.md': post('Future', '\nSoon.\n'),
  '_posts/2021-09-01-hidden.md': post('Hidden', '\nNo.\n', 'published: false\n'),
  '_drafts/wip.md': post('WIP', '\nDraft.\n'),
  'about.md': '---\nlayout: page\ntitle: About\n---\n\n## Contact me\n',
  'docs/guide/index.md': '---\nlayout: page\n---\n\n## Install\n',
  'files/report.pdf': '%PDF',
};

async function problems(body: string, rel = '_posts/2023-03-03-linker.md'): Promise<{ text: string; ps: Problem[] }> {
  const text = post('Linker', body);
  const site = await memorySite({ ...BLOG, [rel]: text });
  return { text, ps: checkDocument({ path: rel, text, site, now: NOW, throwInternalErrors: true }) };
}

const at = (text: string, p: Problem) => text.split('\n')[p.range.start.line].slice(p.range.start.character, p.range.end.character);
const summary = (text: string, ps: Problem[]) => ps.filter((p) => /link|fragment/.test(p.rule)).map((p) => `${p.rule}:${at(text, p)}`);

describe('link rules', () => {
  test('links that reach published posts, pages and files are fine, in every form', async () => {
    const { text, ps } = await problems([
      '[a](/2021/08/19/hello/) [b](/2021/08/19/hello) [c](/custom/place.html) [d](/about.html) [e](/docs/guide/)',
      '[f](2021-08-19-hello.md) [g](../about.md) [h]({% post_url 2021-08-19-hello %}) [i]({% link about.md %})',
      '[j](/files/report.pdf) [k](https://example.com/x) [l](mailto:a@b.c) [m]({{ site.baseurl }}/2021/08/19/hello/)',
      '[n](../../../../2021/08/19/hello/) [o](/feed.xml) [p](/tags/)',
      '```', '[in code](/nope/)', '```', '`[inline](/nope/)`', '',
    ].join('\n'));
    assert.deepEqual(summary(text, ps), []);
  });

  test('broken-link: absolute, relative .md, post_url and link targets that do not exist, on the target text', async () => {
    const { text, ps } = await problems('[a](/2021/08/19/helo/) [b](missing.md)\n\n{% post_url 2021-08-19-nope %} {% link nope.md %}\n');
    assert.deepEqual(summary(text, ps), ['broken-link:/2021/08/19/helo/', 'broken-link:missing.md', 'broken-link:2021-08-19-nope', 'broken-link:nope.md']);
    const pu = ps.find((p) => at(text, p) === '2021-08-19-nope')!;
    assert.match(pu.message, /no post "2021-08-19-nope" for post_url; the build fails/);
  });

  test('permalink-aware: `../` climbs the published URL, not the source folder', async () => {
    // Published at /2023/03/03/linker/: four levels up is the root; from the source folder `_posts/` one would do.
    const { text, ps } = await problems('[up4](../../../../2021/08/19/hello/) [up3](../../../2021/08/19/hello/) [src](../2021/08/19/hello/)\n');
    assert.deepEqual(summary(text, ps), ['broken-link:../../../2021/08/19/hello/', 'broken-link:../2021/08/19/hello/']);
    assert.match(ps.find((p) => p.rule === 'broken-link')!.message, /looked for 2023\/2021\/08\/19\/hello\/index\.html/);
  });

  test('a renamed post: the quick fix links to the post of the same slug', async () => {
    const { text, ps } = await problems('[a](/2020/01/01/hello/#getting-started)\n');
    const p = ps.find((x) => x.rule === 'broken-link')!;
    assert.equal(p.fixes[0].title, 'Link to /2021/08/19/hello/#getting-started');
    const lines = text.split('\n');
    assert.equal(applyEdits(text, p.fixes[0].edits).split('\n')[p.range.start.line], '[a](/2021/08/19/hello/#getting-started)');
    assert.ok(lines.length > 0);
  });

  test('unpublished-link: a draft, a future post, published: false', async () => {
    const { text, ps } = await problems('{% post_url 2030-01-01-future %} [d]({% link _drafts/wip.md %}) [h](/2021/09/01/hidden/) [w](../_drafts/wip.md)\n{% post_url 2024-01-01-wip %}\n');
    assert.deepEqual(summary(text, ps), ['unpublished-link:2030-01-01-future', 'unpublished-link:_drafts/wip.md', 'unpublished-link:/2021/09/01/hidden/', 'unpublished-link:../_drafts/wip.md', 'unpublished-link:2024-01-01-wip']);
    assert.match(ps[0].message, /dated in the future \(2030-01-01\)/);
    assert.match(ps[1].message, /is a draft \(_drafts\/wip\.md\)/);
    assert.match(ps[2].message, /published: false/);
  });

  test('future posts are fine on a site with `future: true`', async () => {
    const text = post('Linker', '{% post_url 2030-01-01-future %}\n');
    const site = await memorySite({ ...BLOG, '_config.yml': BLOG['_config.yml'] + 'future: true\n', '_posts/2023-03-03-linker.md': text });
    assert.deepEqual(checkDocument({ path: '_posts/2023-03-03-linker.md', text, site, now: NOW }).filter((p) => p.rule.includes('link')), []);
  });

  test('broken-fragment: against kramdown (GFM) header ids of the target, duplicates numbered, {#id} kept', async () => {
    const { text, ps } = await problems([
      '[ok](/2021/08/19/hello/#getting-started) [ok2](/2021/08/19/hello/#getting-started-1) [ok3]({% post_url 2021-08-19-hello %}#setup)',
      '[ok4](/2021/08/19/hello/#usage) [ok5](../../../../about.html#contact-me) [self](#my-own) [ok6](2021-08-19-hello.md#setup)',
      '[bad](/2021/08/19/hello/#getting-startd) [bad2]({% post_url 2021-08-19-hello %}#Setup) [bad3](#nope)',
      '', '## My own', '',
    ].join('\n'));
    assert.deepEqual(summary(text, ps), ['broken-fragment:getting-startd', 'broken-fragment:Setup', 'broken-fragment:nope']);
    const [bad, bad2] = ps.filter((p) => p.rule === 'broken-fragment');
    assert.match(bad.message, /_posts\/2021-08-19-hello\.md has no header with the id "getting-startd" \(its ids: #getting-started, #setup, #getting-started-1, #usage\)/);
    assert.equal(bad2.fixes[0].title, 'Use #setup');
  });

  test('kramdown input: ids follow plain kramdown (ASCII only) when _config.yml says `input: kramdown`', async () => {
    const target = post('K', '\n## 1. Café au lait\n');
    const text = post('Linker', '[a](/2021/08/20/k/#caf-au-lait) [b](/2021/08/20/k/#café-au-lait)\n');
    const site = await memorySite({ ...BLOG, '_config.yml': BLOG['_config.yml'] + 'kramdown:\n  input: kramdown\n', '_posts/2021-08-20-k.md': target, '_posts/2023-03-03-linker.md': text });
    const ps = checkDocument({ path: '_posts/2023-03-03-linker.md', text, site, now: NOW });
    assert.deepEqual(summary(text, ps), ['broken-fragment:café-au-lait']);
  });

  test('rules can be turned off, and a site without them reports nothing', async () => {
    const text = post('Linker', '[a](/nope/)\n');
    const site = await memorySite({ ...BLOG, '_posts/2023-03-03-linker.md': text });
    assert.deepEqual(checkDocument({ path: '_posts/2023-03-03-linker.md', text, site, now: NOW, settings: { severities: { 'broken-link': 'off' } } }).filter((p) => p.rule === 'broken-link'), []);
    assert.deepEqual(checkDocument({ path: 'x.md', text, now: NOW }).filter((p) => p.rule === 'broken-link'), []);
  });
});
