// Link completion: where the cursor is, and what is offered there.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { linkCompletionContext, linkCompletions } from '../../../src/core/links/completion';
import type { LinkSite } from '../../../src/core/links/resolve';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { loadSite } from '../../../src/core/site/siteIndex';
import { BLOG } from './rules.test';

const NOW = new Date('2025-06-01T00:00:00Z');

async function site(): Promise<LinkSite> {
  const { index } = await loadSite(new MemoryFileSystem(BLOG), '');
  return { config: index.config, links: index.links, hasFile: (r) => index.hasFile(r), kindOf: (r) => index.kindOf(r) };
}

describe('link completion', () => {
  test('contexts: `](/`, `](` relative, `{% link `, `#` after a link or a tag', () => {
    assert.deepEqual(linkCompletionContext('See [x](/20'), { where: 'url', typed: '/20', replaceStart: 8 });
    assert.deepEqual(linkCompletionContext('See [x](../ab'), { where: 'relative', typed: '../ab', replaceStart: 8 });
    assert.deepEqual(linkCompletionContext('{% link _po'), { where: 'link_tag', typed: '_po', replaceStart: 8 });
    assert.equal(linkCompletionContext('[x](/a/#se')?.link?.target, '/a/');
    assert.deepEqual(linkCompletionContext('See [x]({% post_url 2021-0'), { where: 'post_url', typed: '2021-0', replaceStart: 20 });
    assert.deepEqual(linkCompletionContext('{%- post_url '), { where: 'post_url', typed: '', replaceStart: 13 });
    assert.deepEqual(linkCompletionContext('{% post_url 2021-08-19-hello %}#'), { where: 'fragment', typed: '', replaceStart: 32, link: { kind: 'post_url', target: '2021-08-19-hello' } });
    assert.equal(linkCompletionContext('[x](https://e'), undefined);
    assert.equal(linkCompletionContext('plain text'), undefined);
  });

  test('URLs of published posts and pages only (no draft, future or unpublished post), newest post first', async () => {
    const items = linkCompletions(await site(), 'about.md', linkCompletionContext('[x](/')!, undefined, NOW);
    assert.deepEqual(items.sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label), ['/custom/place.html', '/2021/08/19/hello/', '/about.html', '/docs/guide/']);
  });

  test('`{% post_url `: published posts by the name post_url takes (no draft, future or `published: false` post: the build would fail), newest first, matched by title too', async () => {
    const blog = { ...BLOG, '_posts/2020/2020-02-02-nested.md': '---\ntitle: Nested one\n---\n' };
    const { index } = await loadSite(new MemoryFileSystem(blog), '');
    const nested: LinkSite = { config: index.config, links: index.links, hasFile: (r) => index.hasFile(r), kindOf: (r) => index.kindOf(r) };
    const items = linkCompletions(nested, 'about.md', linkCompletionContext('{% post_url ')!, undefined, NOW).sort((a, b) => a.sortText.localeCompare(b.sortText));
    assert.deepEqual(items.map((i) => i.label), ['2022-01-02-custom', '2021-08-19-hello', '2020/2020-02-02-nested']);
    assert.deepEqual(items.map((i) => i.detail), ['Custom', 'Hello', 'Nested one']);
    assert.equal(items[0].filterText, '2022-01-02-custom Custom');
    // On a site with `future: true` the future post is published, so it is offered.
    const { index: f } = await loadSite(new MemoryFileSystem({ ...BLOG, '_config.yml': BLOG['_config.yml'] + 'future: true\n' }), '');
    const future: LinkSite = { config: f.config, links: f.links, hasFile: (r) => f.hasFile(r), kindOf: (r) => f.kindOf(r) };
    assert.ok(linkCompletions(future, 'about.md', linkCompletionContext('{% post_url ')!, undefined, NOW).some((i) => i.label === '2030-01-01-future'));
  });

  test('relative source paths, link tag paths, and the target\'s header ids', async () => {
    const s = await site();
    const rel = linkCompletions(s, '_posts/2021-08-19-hello.md', linkCompletionContext('[x](')!, undefined, NOW).map((i) => i.label);
    assert.ok(rel.includes('../about.md') && rel.includes('2022-01-02-custom.md'), rel.join());
    assert.ok(linkCompletions(s, 'about.md', linkCompletionContext('{% link ')!, undefined, NOW).some((i) => i.label === '_posts/2021-08-19-hello.md'));
    const ids = linkCompletions(s, 'about.md', linkCompletionContext('{% post_url 2021-08-19-hello %}#')!, undefined, NOW).map((i) => i.label);
    assert.deepEqual(ids, ['getting-started', 'setup', 'getting-started-1', 'usage']);
    const own = linkCompletions(s, 'about.md', linkCompletionContext('[x](#')!, '# One\n\n## Two words\n', NOW).map((i) => `${i.label}:${i.detail}`);
    assert.deepEqual(own, ['one:One', 'two-words:Two words']);
  });
});
