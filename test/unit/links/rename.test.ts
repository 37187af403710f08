// Renaming or moving posts, pages and images: every link to them is rewritten, in its own form.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { expandMoves, linkEditsForMoves, type Move } from '../../../src/core/links/rename';
import type { LinkSite } from '../../../src/core/links/resolve';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { loadSite } from '../../../src/core/site/siteIndex';
import { applyOffsetEdits } from '../../../src/core/text/textEdit';

const post = (title: string, body: string, extra = '') => `---\nlayout: post\ntitle: ${title}\n${extra}---\n${body}`;

async function renamed(files: Record<string, string>, moves: Move[]): Promise<Record<string, string>> {
  const { index, texts } = await loadSite(new MemoryFileSystem({ '_config.yml': 'permalink: pretty\nbaseurl: /blog\n', ...files }), '');
  const site: LinkSite = { config: index.config, links: index.links, hasFile: (r) => index.hasFile(r), kindOf: (r) => index.kindOf(r) };
  const out: Record<string, string> = {};
  for (const { rel, edits } of linkEditsForMoves(site, texts, expandMoves(moves, index.allPaths()))) {
    out[rel] = applyOffsetEdits(texts.get(rel)!, edits);
  }
  return out;
}

const FILES: Record<string, string> = {
  '_posts/2021-08-19-hello.md': post('Hello', '\n## Setup\n\n![shot](/images/shot.png) [rel](../about.md) [up](../../../../about/)\n'),
  '_posts/2021-09-01-a.md': post('A', '\nSee [hello](/blog/2021/08/19/hello/#setup) and [again]({{ site.baseurl }}/2021/08/19/hello).\n'),
  '_posts/2021-09-02-b.md': post('B', '\n{% post_url 2021-08-19-hello %} and [t]({% link _posts/2021-08-19-hello.md %}#setup)\n\n[ref]: 2021-08-19-hello.md\n'),
  '_posts/2021-09-03-c.md': post('C', '\n[x](../../../../2021/08/19/hello/) <a href="/blog/2021/08/19/hello/">h</a> <img src="/images/shot.png">\n'),
  'about.md': '---\nlayout: page\n---\n[home](_posts/2021-08-19-hello.md) ![s](images/shot.png)\n',
  'images/shot.png': 'PNG',
};

describe('links follow a rename', () => {
  test('renaming a post rewrites every link to it across the blog, each in its own form', async () => {
    const out = await renamed(FILES, [{ from: '_posts/2021-08-19-hello.md', to: '_posts/2021-08-20-hello-world.md' }]);
    assert.deepEqual(Object.keys(out).sort(), ['_posts/2021-09-01-a.md', '_posts/2021-09-02-b.md', '_posts/2021-09-03-c.md', 'about.md']);
    assert.match(out['_posts/2021-09-01-a.md'], /\[hello\]\(\/blog\/2021\/08\/20\/hello-world\/#setup\) and \[again\]\(\{\{ site\.baseurl \}\}\/2021\/08\/20\/hello-world\/\)/);
    assert.match(out['_posts/2021-09-02-b.md'], /\{% post_url 2021-08-20-hello-world %\} and \[t\]\(\{% link _posts\/2021-08-20-hello-world\.md %\}#setup\)\n\n\[ref\]: 2021-08-20-hello-world\.md\n/);
    assert.match(out['_posts/2021-09-03-c.md'], /\[x\]\(\.\.\/\.\.\/\.\.\/08\/20\/hello-world\/\) <a href="\/blog\/2021\/08\/20\/hello-world\/">/);
    assert.match(out['about.md'], /\[home\]\(_posts\/2021-08-20-hello-world\.md\)/);
  });

  test('the moved post keeps its own relative links working from its new place', async () => {
    const out = await renamed(FILES, [{ from: '_posts/2021-08-19-hello.md', to: '_posts/2021/2021-08-19-hello.md' }]);
    // Same URL (pretty permalink from the date and slug), new source folder: only the source-relative link changes.
    assert.match(out['_posts/2021-08-19-hello.md'], /\[rel\]\(\.\.\/\.\.\/about\.md\) \[up\]\(\.\.\/\.\.\/\.\.\/\.\.\/about\/\)/);
    assert.equal(out['_posts/2021-09-01-a.md'], undefined);
    assert.match(out['_posts/2021-09-02-b.md'], /post_url 2021\/2021-08-19-hello %/);
  });

  test('moving an image (or its folder) rewrites image links', async () => {
    const out = await renamed(FILES, [{ from: 'images', to: 'assets/img' }]);
    assert.match(out['_posts/2021-08-19-hello.md'], /!\[shot\]\(\/assets\/img\/shot\.png\)/);
    assert.match(out['_posts/2021-09-03-c.md'], /<img src="\/assets\/img\/shot\.png">/);
    assert.match(out['about.md'], /!\[s\]\(assets\/img\/shot\.png\)/);
  });

  test('nothing to do when nothing links to the moved file', async () => {
    assert.deepEqual(await renamed(FILES, [{ from: '_posts/2021-09-01-a.md', to: '_posts/2021-09-01-aa.md' }]), {});
  });
});
