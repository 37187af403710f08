// The renderer's API as the VS Code host uses it: one SiteRenderer per site, re-rendering while typing,
// data-line for scroll sync (through Liquid that changes line counts), and keeping its caches true.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { renderPost, SiteRenderer } from '../../../src/core/render/renderer';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { loadSite } from '../../../src/core/site/siteIndex';
import { memorySite, renderFile, sampleBlog } from './helpers';

const lineOf = (html: string, needle: string) => Number(new RegExp(`data-line="(\\d+)"[^>]*>${needle}`).exec(html)?.[1]);

describe('renderer API', () => {
  test('the sample blog post in site mode: layout header, title, body, CSS, no notices', async () => {
    const r = await renderFile(sampleBlog, '_posts/2021-08-20-ebpf-summit-day2-notes.md');
    assert.equal(r.mode, 'site');
    assert.equal(r.title, '[TIL] eBPF Summit 2021 Day 2 筆記');
    assert.match(r.html, /^<!DOCTYPE html>\n<html lang="zh-TW">/);
    assert.match(r.html, /<a class="site-title" href="\/">Gopher 與 Pod 的筆記本<\/a>/);
    assert.match(r.html, /<h1 id="摘要" data-line="\d+">摘要<\/h1>/);
    assert.ok(r.html.includes(r.bodyHtml));
    assert.ok(r.css.length === 2 && r.theme === 'site');
    assert.deepEqual(r.notices, []);
    // The iframe and the {% include youtube.html %} both show as cards.
    assert.equal((r.bodyHtml.match(/techblog-embed-card/g) ?? []).length, 2);
  });

  test('data-line is the 0-based line of the source file, also after Liquid changed the line count', async () => {
    const site = await memorySite({ '_includes/three.html': '<div>\n1\n2\n3\n</div>' });
    const text = [
      '---', 'title: Lines', 'layout: post', '---', // 0-3
      '# First', // 4
      '', '{% include three.html %}', '', // 5-7
      '{% raw %}', '{{ kept }}', '{% endraw %}', '', // 8-11
      '## After', // 12
      '', 'Para {{ page.title }}', // 13-14
    ].join('\n');
    const r = await site.render({ path: '_posts/2024-01-01-lines.md', text });
    assert.equal(lineOf(r.bodyHtml, 'First'), 4);
    assert.equal(lineOf(r.bodyHtml, 'After'), 12);
    assert.equal(lineOf(r.bodyHtml, 'Para Lines'), 14);
    assert.match(r.bodyHtml, /<div data-line="6">/);
  });

  test('typing re-renders only the post: site data stays, a front-matter edit is seen', async () => {
    const site = await memorySite({ '_posts/2024-02-01-other.md': '---\ntitle: Other\n---\nx', '_layouts/post.html': '{{ site.posts | map: "title" | join: "," }}|{{ content }}' });
    const path = '_posts/2024-03-01-me.md';
    let r = await site.render({ path, text: '---\ntitle: Me\nlayout: post\n---\nv1' });
    assert.match(r.html, /Me,Other\|<p data-line="4">v1<\/p>/);
    r = await site.render({ path, text: '---\ntitle: Me\nlayout: post\n---\nv2 typed' });
    assert.match(r.html, /Me,Other\|<p data-line="4">v2 typed<\/p>/);
    r = await site.render({ path, text: '---\ntitle: Renamed\nlayout: post\n---\nv2' });
    assert.match(r.html, /Renamed,Other/);
  });

  test('fileChanged keeps caches true: a new image appears, an edited layout is used', async () => {
    const fs = new MemoryFileSystem({ '_config.yml': 'title: t\n', '_layouts/post.html': 'OLD {{ content }}' });
    const site = await SiteRenderer.open({ fs, root: '' });
    const text = '---\nlayout: post\n---\n![x](/images/new.png)';
    let r = await site.render({ path: '_posts/2024-01-01-a.md', text });
    assert.match(r.html, /^OLD .*Missing image: images\/new.png/s);
    fs.files.set('images/new.png', 'PNG');
    fs.files.set('_layouts/post.html', 'NEW {{ content }}');
    await site.fileChanged('images/new.png', 'created');
    await site.fileChanged('_layouts/post.html');
    r = await site.render({ path: '_posts/2024-01-01-a.md', text });
    assert.match(r.html, /^NEW <p data-line="3"><img src="\/images\/new.png" alt="x" \/><\/p>/);
  });

  test('a site index from the host answers for files, and renderPost opens a site in one call', async () => {
    const fs = new MemoryFileSystem({ '_config.yml': 'title: t\n', 'images/a.png': 'PNG' });
    const { index } = await loadSite(fs, '');
    const r = await renderPost({ site: { fs, root: '', index }, path: '_posts/2024-01-01-a.md', text: '---\n---\n![a](/images/a.png)', mode: 'content' });
    assert.match(r.bodyHtml, /<img src="\/images\/a.png"/);
    assert.ok(typeof r.timings.markdown === 'number');
  });

  test('links between posts map back to files (for the host\'s link handling)', async () => {
    const site = await memorySite({ '_config.yml': 'baseurl: /blog\npermalink: /:title/\n', '_posts/2024-01-01-hello.md': '---\ntitle: Hello\n---\n', '_posts/2024-01-02-other.md': '---\ntitle: Other\n---\n' });
    // The site opens lazily: urlOf reads the one post it is asked about…
    assert.equal(await site.urlOf('_posts/2024-01-01-hello.md'), '/hello/');
    assert.deepEqual(site.documentsRead, { read: 1, complete: false });
    assert.equal(await site.urlOf('_posts/2099-01-01-none.md'), undefined, 'no such post');
    // …and the host reads every document before asking which one a URL is.
    await site.readAllDocuments();
    assert.equal(site.pathOfUrl('/blog/hello/'), '_posts/2024-01-01-hello.md');
    assert.equal(site.pathOfUrl('/blog/hello/#part'), '_posts/2024-01-01-hello.md');
  });

  test('render calls are served one at a time, in order', async () => {
    const site = await memorySite({});
    const results = await Promise.all([1, 2, 3].map((n) => site.render({ path: '_posts/2024-01-01-a.md', text: `---\n---\nv${n}`, mode: 'content' })));
    assert.deepEqual(results.map((r) => /v(\d)/.exec(r.bodyHtml)?.[1]), ['1', '2', '3']);
  });
});
