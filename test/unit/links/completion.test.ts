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
    assert.deepEqual(linkCompletionContext('{% post_url 2021-08-19-hello %}#'), { where: 'fragment', typed: '', replaceStart: 32, link: { kind: 'post_url', target: '2021-08-19-hello' } });
    assert.equal(linkCompletionContext('[x](https://e'), undefined);
    assert.equal(linkCompletionContext('plain text'), undefined);
  });

  test('URLs of published posts and pages only (no draft, future or unpublished post), newest post first', async () => {
    const items = linkCompletions(await site(), 'about.md', linkCompletionContext('[x](/')!, undefined, NOW);
    assert.deepEqual(items.sort((a, b) => a.sortText.localeCompare(b.sortText)).map((i) => i.label), ['/custom/place.html', '/2021/08/19/hello/', '/about.html', '/docs/guide/']);
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
