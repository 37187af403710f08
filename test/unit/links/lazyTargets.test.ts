// `techblog check` builds its site index with lazy link targets (fragment ids, URLs and dates worked
// out only when a link asks): every link problem must be the one the editor's eager index gives.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../../src/core/frontmatter/check';
import type { Problem } from '../../../src/core/frontmatter/types';
import { loadSite, type SiteIndex } from '../../../src/core/site/siteIndex';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';

const NOW = new Date('2025-06-01T00:00:00Z');
const post = (title: string, body: string, extra = '') => `---\nlayout: post\ntitle: ${title}\n${extra}---\n${body}`;

const BLOG: Record<string, string> = {
  '_config.yml': 'title: t\npermalink: /:year/:month/:day/:title/\n',
  '_layouts/post.html': '{{ content }}',
  '_posts/2021-08-19-hello.md': post('Hello', '\n## Getting started\n\n## 安裝 Setup {#setup}\n\nUsage\n-----\n\n<a id="raw"></a>\n'),
  '_posts/2022-01-02-custom.md': post('Custom', '\n# Top\n', 'permalink: /custom/place.html\n'),
  '_posts/2022-01-03-twin.md': post('Twin', '\n# Twin top\n', 'permalink: /custom/place.html\n'),
  '_posts/2030-01-01-future.md': post('Future', '\n# Later\n'),
  '_posts/2021-09-01-hidden.md': post('Hidden', '\n# Gone\n', 'published: false\n'),
  '_drafts/wip.md': post('WIP', '\n# Draft\n'),
  'about.md': '---\nlayout: post\ntitle: About\n---\n\n## Contact me\n',
  '_posts/2023-03-03-linker.md': post('Linker', [
    '', '# Own header', '',
    '[a](/2021/08/19/hello/#getting-started) [b](/2021/08/19/hello/#nope) [c](/custom/place.html#top) [d](/custom/place.html#twin-top)',
    '{% post_url 2021-08-19-hello %}#setup {% post_url 2021-08-19-hello %}#usage {% post_url 2021-08-19-hello %}#raw {% post_url 2030-01-01-future %}',
    '[e](2021-09-01-hidden.md) [f]({% post_url wip %}) [g](../about.md#contact-me) [h](../about.md#contact) [i](#own-header) [j](#own)',
    '[k](/nothing/) [l](/2021/08/19/helo/) [m]({% link _posts/none.md %})', '',
  ].join('\n')),
};

const check = (index: SiteIndex, rel: string, text: string): Problem[] => checkDocument({ path: rel, text, site: index, now: NOW, throwInternalErrors: true });

async function both(files: Record<string, string>): Promise<[SiteIndex, SiteIndex]> {
  const eager = (await loadSite(new MemoryFileSystem(files), '')).index;
  const lazy = (await loadSite(new MemoryFileSystem(files), '', { lazyFragmentIds: true })).index;
  return [eager, lazy];
}

describe('lazy link targets (techblog check)', () => {
  test('give every post the same problems as the eager index', async () => {
    const [eager, lazy] = await both(BLOG);
    const linker = '_posts/2023-03-03-linker.md';
    const rules = check(eager, linker, BLOG[linker]).map((p) => p.rule);
    for (const r of ['broken-fragment', 'broken-link', 'unpublished-link'] as const) assert.ok(rules.includes(r), `the linker post shows ${r}: ${rules.join(', ')}`);
    for (const rel of Object.keys(BLOG).filter((k) => k.endsWith('.md'))) assert.deepEqual(check(lazy, rel, BLOG[rel]), check(eager, rel, BLOG[rel]), rel);
    assert.equal(lazy.links.atUrl('/custom/place.html')?.rel, eager.links.atUrl('/custom/place.html')?.rel, 'the later of two posts at one URL owns it in both');
  });

  test('stay the same after edits, renames of headers, moved URLs and removed posts', async () => {
    const [eager, lazy] = await both(BLOG);
    const linker = '_posts/2023-03-03-linker.md';
    const edits: [string, string | undefined][] = [
      ['_posts/2021-08-19-hello.md', post('Hello', '\n## Usage now\n\n## Getting started\n')],
      ['_posts/2022-01-03-twin.md', post('Twin', '\n# Twin top\n', 'permalink: /elsewhere/\n')],
      ['_posts/2022-01-02-custom.md', undefined],
      ['about.md', '---\nlayout: post\ntitle: About\npublished: false\n---\n\n## Contact\n'],
    ];
    for (const [rel, text] of edits) {
      for (const index of [eager, lazy]) if (text === undefined) index.removePath(rel); else index.updateFile(rel, text);
      assert.deepEqual(check(lazy, linker, BLOG[linker]), check(eager, linker, BLOG[linker]), `after changing ${rel}`);
      assert.equal(lazy.links.atUrl('/custom/place.html')?.rel, eager.links.atUrl('/custom/place.html')?.rel, `URL owner after changing ${rel}`);
    }
  });
});
