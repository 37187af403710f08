// The site model loads lazily (issue 13): a post whose Liquid and layouts do not list the site's posts
// renders after reading only the config, its templates, `_data` and the CSS; one that lists them (a
// "recent posts" sidebar, `post_url`, `page.next`) reads them when asked, and renders exactly what a site
// read eagerly renders.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { SiteRenderer } from '../../../src/core/render/renderer';
import type { RenderRequest } from '../../../src/core/render/types';
import { MemoryFileSystem, type SiteFileSystem } from '../../../src/core/site/fileSystem';
import { sampleBlog } from './helpers';

const NOW = new Date('2026-01-01T00:00:00Z');

/** A file system that notes every file read (through the interface core reads sites with). */
class CountingFileSystem implements SiteFileSystem {
  readonly reads: string[] = [];
  constructor(private readonly inner: SiteFileSystem) {}
  readFile(p: string): Promise<string | undefined> { this.reads.push(p); return this.inner.readFile(p); }
  listFiles(dir: string): Promise<string[]> { return this.inner.listFiles(dir); }
  postsRead(except?: string): string[] { return this.reads.filter((p) => p.includes('_posts/') && p !== except); }
}

function open(fsys: SiteFileSystem, eagerSite: boolean): Promise<SiteRenderer> {
  return SiteRenderer.open({ fs: fsys, root: '', eagerSite, fallbackCss: 'body{}' });
}

/** What a user sees of a render (the page, its body and notices). */
async function seen(site: SiteRenderer, rel: string, text: string, req: Partial<RenderRequest> = {}): Promise<{ html: string; body: string; notices: string[] }> {
  const r = await site.render({ path: rel, text, now: NOW, resolveResource: (p) => `/res/${p}`, waitForCss: false, ...req });
  return { html: r.html, body: r.bodyHtml, notices: r.notices };
}

function post(i: number, extra = ''): string {
  const day = String(1 + (i % 28)).padStart(2, '0');
  return `---\nlayout: post\ntitle: "Post ${i}"\ndate: 2020-0${1 + (i % 9)}-${day} 10:00:00 +0000\ntags: [t${i % 3}]\n---\n\nBody of post ${i}.\n${extra}`;
}

function blog(count: number, files: Record<string, string> = {}): Record<string, string> {
  const out: Record<string, string> = {
    '_config.yml': 'title: Lazy\npermalink: /:year/:title/\n',
    '_layouts/default.html': '<html><head><title>{{ page.title }} | {{ site.title }}</title></head><body>{{ content }}</body></html>',
    '_layouts/post.html': '---\nlayout: default\n---\n<article><h1>{{ page.title }}</h1>{{ content }}</article>',
    '_data/nav.yml': '- Home\n- About\n',
    'about.md': '---\nlayout: default\ntitle: About\n---\nAbout {{ site.data.nav[0] }}.\n',
  };
  for (let i = 0; i < count; i++) out[`_posts/2020-01-${String(1 + (i % 28)).padStart(2, '0')}-post-${i}.md`] = post(i);
  return { ...out, ...files };
}

describe('lazy site model', () => {
  test('a post whose layouts do not list the posts renders without reading any other post', async () => {
    const files = blog(40);
    const counting = new CountingFileSystem(new MemoryFileSystem(files));
    const lazy = await open(counting, false);
    const rel = '_posts/2020-01-05-post-4.md';
    const got = await seen(lazy, rel, files[rel]);
    assert.match(got.html, /<h1>Post 4<\/h1>/);
    assert.match(got.html, /<title>Post 4 \| Lazy<\/title>/);
    assert.deepEqual(counting.postsRead(), [], 'no post read for the first render');
    assert.ok(counting.reads.includes('_config.yml') && counting.reads.includes('_layouts/post.html') && counting.reads.includes('_data/nav.yml'));
    assert.equal(lazy.documentsRead.complete, false);
    assert.deepEqual(got, await seen(await open(new MemoryFileSystem(files), true), rel, files[rel]));
  });

  test('a layout chain that lists site.posts (an include), site.tags and the pager reads them and equals the eager render', async () => {
    const files = blog(30, {
      '_includes/recent.html': '<ul class="recent">{% for p in site.posts limit: 3 %}<li><a href="{{ p.url }}">{{ p.title }}</a></li>{% endfor %}</ul>',
      '_layouts/default.html': '<html><body>{{ content }}<aside>{% include recent.html %}{% for t in site.tags %}<b>{{ t[0] }}: {{ t[1].size }}</b>{% endfor %}</aside></body></html>',
      '_layouts/post.html': '---\nlayout: default\n---\n<article><h1>{{ page.title }}</h1>{{ content }}<nav>{{ page.previous.title }} / {{ page.next.title }}</nav></article>',
    });
    const counting = new CountingFileSystem(new MemoryFileSystem(files));
    const lazy = await open(counting, false);
    const eager = await open(new MemoryFileSystem(files), true);
    for (const rel of ['_posts/2020-01-10-post-9.md', '_posts/2020-01-02-post-1.md', 'about.md']) {
      const got = await seen(lazy, rel, files[rel]);
      assert.deepEqual(got, await seen(eager, rel, files[rel]), rel);
      assert.match(got.html, /<ul class="recent"><li><a href="\/2020\/[^"]+">Post \d+<\/a><\/li>/);
    }
    assert.equal(lazy.documentsRead.complete, true);
    // Each post was read once (the store-less file system here shows every read).
    const posts = counting.postsRead();
    assert.equal(new Set(posts).size, posts.length);
  });

  test('Liquid the scan cannot foresee (post_url, link, the page through another name) renders as eagerly read', async () => {
    const files = blog(12, {
      '_posts/2020-02-01-tricky.md': '---\nlayout: post\ntitle: Tricky\n---\n' +
        'See [one]({% post_url 2020-01-02-post-1 %}) and [about]({% link about.md %}).\n\n{% assign pg = page %}Older: {{ pg.previous.title }}\n',
      '_posts/2020-02-02-by-name.md': '---\nlayout: post\ntitle: By name\n---\n{% assign pg = page %}Newer: {{ pg.next.title }}, older: {{ pg.previous.title }}\n',
    });
    for (const rel of ['_posts/2020-02-01-tricky.md', '_posts/2020-02-02-by-name.md']) {
      const got = await seen(await open(new MemoryFileSystem(files), false), rel, files[rel]);
      assert.deepEqual(got, await seen(await open(new MemoryFileSystem(files), true), rel, files[rel]), rel);
    }
    // The second post's Liquid names the page otherwise: the render that missed the posts is done again.
    const byName = await (await open(new MemoryFileSystem(files), false)).render({ path: '_posts/2020-02-02-by-name.md', text: files['_posts/2020-02-02-by-name.md'], now: NOW, waitForCss: false });
    assert.ok(byName.timings.readSite !== undefined, 'rendered again after reading the posts');
    assert.match(byName.bodyHtml, /Newer: Post 1, older: Tricky/);
    const tricky = await seen(await open(new MemoryFileSystem(files), false), '_posts/2020-02-01-tricky.md', files['_posts/2020-02-01-tricky.md']);
    assert.match(tricky.body, /href="\/res\/|href="\/2020\/post-1\/"|post-1/);
    assert.match(tricky.body, /Older: Post \d+/);
  });

  test('a body that reached the posts unforeseen before its layout had them read renders again', async () => {
    const files = blog(10, {
      '_layouts/post.html': '---\nlayout: default\n---\n<article>{{ content }}<p class="count">{{ site.posts.size }} posts</p></article>',
      '_posts/2020-03-01-unforeseen.md': '---\nlayout: post\ntitle: Unforeseen\n---\n{% assign pg = page %}Older: {{ pg.previous.title }}\n',
    });
    const rel = '_posts/2020-03-01-unforeseen.md';
    const got = await seen(await open(new MemoryFileSystem(files), false), rel, files[rel]);
    assert.deepEqual(got, await seen(await open(new MemoryFileSystem(files), true), rel, files[rel]));
    assert.match(got.html, /Older: Post \d+/);
    assert.match(got.html, /<p class="count">11 posts<\/p>/);
  });

  test('posts created, changed and deleted before the posts were read show when they are', async () => {
    const files = blog(8, {
      'index.html': '---\nlayout: default\n---\n<ol>{% for p in site.posts %}<li>{{ p.title }}</li>{% endfor %}</ol>',
    });
    const mem = new MemoryFileSystem(files);
    const lazy = await open(mem, false);
    await seen(lazy, '_posts/2020-01-01-post-0.md', files['_posts/2020-01-01-post-0.md']);
    mem.files.set('_posts/2021-01-01-new.md', '---\ntitle: Brand new\n---\nNew.\n');
    await lazy.fileChanged('_posts/2021-01-01-new.md', 'created');
    mem.files.set('_posts/2020-01-03-post-2.md', post(2).replace('Post 2', 'Post two, renamed'));
    await lazy.fileChanged('_posts/2020-01-03-post-2.md', 'changed');
    mem.files.delete('_posts/2020-01-04-post-3.md');
    await lazy.fileChanged('_posts/2020-01-04-post-3.md', 'deleted');
    assert.equal(lazy.documentsRead.complete, false);
    const got = await seen(lazy, 'index.html', files['index.html']);
    assert.match(got.html, /<li>Brand new<\/li>/);
    assert.match(got.html, /<li>Post two, renamed<\/li>/);
    assert.doesNotMatch(got.html, /<li>Post 3<\/li>/);
    assert.deepEqual(got, await seen(await open(new MemoryFileSystem(mem.files), true), 'index.html', files['index.html']));
  });

  test('the sample blog: every post, draft and page renders the same lazily as eagerly', async () => {
    const docs = ['about.md', 'index.html', ...fs.readdirSync(path.join(sampleBlog, '_posts')).map((f) => `_posts/${f}`),
      ...fs.readdirSync(path.join(sampleBlog, '_drafts')).map((f) => `_drafts/${f}`)];
    const eager = await open(new NodeFileSystem(sampleBlog), true);
    for (const rel of docs) {
      const text = fs.readFileSync(path.join(sampleBlog, rel), 'utf8');
      // A fresh site each time: the first render of each document is the lazy one.
      const lazy = await open(new NodeFileSystem(sampleBlog), false);
      assert.deepEqual(await seen(lazy, rel, text), await seen(eager, rel, text), rel);
    }
  });
});
