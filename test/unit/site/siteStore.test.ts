// One site model per site (issue 13): validation's index, the preview's `site.*` model and the Posts view
// read a site's posts through one SiteStore — each post read once and its front matter parsed once.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readPostEntry } from '../../../src/core/authoring/posts';
import { SiteRenderer } from '../../../src/core/render/renderer';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { loadSite } from '../../../src/core/site/siteIndex';
import { SiteStore } from '../../../src/core/site/siteStore';

/** An in-memory site that counts reads per file. */
class CountingFileSystem extends MemoryFileSystem {
  readonly reads = new Map<string, number>();
  override async readFile(path: string): Promise<string | undefined> {
    this.reads.set(path, (this.reads.get(path) ?? 0) + 1);
    return super.readFile(path);
  }
}

const POSTS = 40;

function blog(): CountingFileSystem {
  const files: Record<string, string> = {
    'blog/_config.yml': 'title: Counting\npermalink: /:year/:title/\n',
    'blog/_layouts/default.html': '<main>{{ content }}</main><p>{{ site.posts.size }} posts</p>',
    'blog/_layouts/post.html': '---\nlayout: default\n---\n<article>{{ content }}</article>',
    'blog/about.md': '---\ntitle: About\nlayout: default\n---\nAbout {{ site.title }}.\n',
  };
  for (let i = 0; i < POSTS; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    files[`blog/_posts/2024-01-${day}-post-${i}.md`] = `---\nlayout: post\ntitle: Post ${i}\ntags: [t${i % 5}, shared]\n---\nBody of post ${i} with **bold**.\n`;
  }
  return new CountingFileSystem(files);
}

const postPaths = (fs: CountingFileSystem) => [...fs.files.keys()].filter((p) => p.includes('/_posts/'));

describe('site store', () => {
  test('validation, the preview and the Posts view read each post once, and parse its front matter once', async () => {
    const disk = blog();
    const store = new SiteStore(disk);
    const { index } = await loadSite(store, 'blog');
    assert.equal(index.documentCount(), POSTS + 1);
    const renderer = await SiteRenderer.open({ fs: store, root: 'blog', index });
    const entries = postPaths(disk).map((p) => {
      const rel = p.slice('blog/'.length);
      const text = disk.files.get(p)!;
      return readPostEntry(rel, 'post', text, '_posts', false, store.frontMatter(p, text, index.config.formats));
    });
    assert.equal(entries.length, POSTS);
    const r = await renderer.render({ path: '_posts/2024-01-01-post-0.md', text: disk.files.get('blog/_posts/2024-01-01-post-0.md')! });
    // What a user sees: the site model knows every post, the post is rendered in its layouts.
    assert.match(r.html, new RegExp(`${POSTS} posts`));
    assert.match(r.html, /<strong>bold<\/strong>/);
    for (const p of postPaths(disk)) assert.equal(disk.reads.get(p), 1, `${p} read ${disk.reads.get(p)} times`);
    assert.equal(store.stats.reads, POSTS + 1 + 2 /* about.md, two layouts */);
    assert.equal(store.stats.parses, POSTS + 1, 'one front-matter parse per document');
    // Tags the Posts view shows come from the same parse validation counted.
    assert.deepEqual(entries.find((e) => e.title === 'Post 3')?.tags, ['t3', 'shared']);
    assert.equal(index.spellingsOf('tags', 'shared')[0].count, POSTS);
  });

  test('a file event makes the next read go to the disk, once for every feature', async () => {
    const disk = blog();
    const store = new SiteStore(disk);
    const { index } = await loadSite(store, 'blog');
    const path = 'blog/_posts/2024-01-02-post-1.md';
    disk.files.set(path, '---\ntitle: Renamed\n---\nNew body.\n');
    assert.match((await store.readFile(path))!, /title: Post 1/, 'no event yet: the store keeps what it read');
    store.changed(path);
    const [a, b] = await Promise.all([store.readFile(path), store.readFile(path)]);
    assert.equal(a, b);
    assert.match(a!, /Renamed/);
    assert.equal(disk.reads.get(path), 2);
    index.updateFile('_posts/2024-01-02-post-1.md', a!, store.frontMatter(path, a!, index.config.formats));
    assert.equal(store.frontMatter(path, a!, index.config.formats), store.frontMatter(path, a!, index.config.formats));
  });

  test('texts kept are bounded by size: the oldest are read again', async () => {
    const disk = blog();
    const store = new SiteStore(disk, 2 * 1024);
    await loadSite(store, 'blog');
    assert.ok(store.stats.bytes <= 2 * 1024);
    await store.readFile('blog/_posts/2024-01-01-post-0.md');
    assert.equal(disk.reads.get('blog/_posts/2024-01-01-post-0.md'), 2);
  });
});
