// Image links as bloggers write them all reach the workspace file; a missing one shows a placeholder.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ResourceResolver } from '../../../src/core/render/resources/resourceResolver';
import { memorySite } from './helpers';

const FILES = ['images/2021/a.png', 'images/my shot.png', 'images/IMG_0001.JPG', 'images/中文.png', '_posts/img/local.png'];

function resolver(baseurl = '') {
  const set = new Set(FILES);
  return new ResourceResolver({ has: (p) => set.has(p), all: () => set.values(), version: () => 1 }, baseurl);
}

describe('resource resolution', () => {
  const doc = '_posts/2021-08-19-x.md';
  const url = '/x/';
  const cases: Array<[string, string, string?]> = [
    ['../images/2021/a.png', 'images/2021/a.png'], // Typora, against the file (and the /:title/ URL)
    ['/images/2021/a.png', 'images/2021/a.png'],
    ['images/2021/a.png', 'images/2021/a.png', '/'], // relative to a page at the root
    ['/blog/images/2021/a.png', 'images/2021/a.png'], // {{ site.baseurl }}/images/… after Liquid
    ['/images/my%20shot.png', 'images/my shot.png'],
    ['../images/%E4%B8%AD%E6%96%87.png', 'images/中文.png'],
    ['/images/IMG_0001.JPG', 'images/IMG_0001.JPG'],
    ['/images/img_0001.jpg', 'images/IMG_0001.JPG'], // written in another case: found, like on a case-insensitive disk
    ['img/local.png', '_posts/img/local.png', '/2021/08/19/x.html'], // next to the post file
    ['/images/2021/a.png?v=2#top', 'images/2021/a.png'],
  ];
  for (const [src, sitePath, pageUrl] of cases) {
    test(`${src} → ${sitePath}`, () => {
      assert.deepEqual(resolver('/blog').resolve(src, doc, pageUrl ?? url), { sitePath });
    });
  }
  test('remote, data and fragment URLs are left alone', () => {
    for (const src of ['https://example.com/a.png', '//cdn.example.com/a.png', 'data:image/png;base64,AAA', '#x']) {
      assert.deepEqual(resolver().resolve(src, doc, url), { external: src });
    }
  });
  test('a missing file names its site path', () => {
    assert.deepEqual(resolver().resolve('../images/2022/gone.png', doc, url), { missing: 'images/2022/gone.png' });
  });
});

describe('images in rendered posts', () => {
  const site = () => memorySite({
    '_config.yml': 'baseurl: /blog\npermalink: /:title/\n',
    'images/2021/a.png': 'PNG', 'images/my shot.png': 'PNG', 'images/IMG_0001.JPG': 'JPG',
  });
  const render = async (md: string) => (await (await site()).render({
    path: '_posts/2021-08-19-x.md', text: `---\ntitle: T\n---\n${md}\n`, mode: 'content', resolveResource: (p) => `webview://site/${p}`,
  }));

  test('Markdown, Liquid {{ site.baseurl }}, percent-encoded and raw <img> all get the host\'s URL for the file', async () => {
    const r = await render([
      '![a](../images/2021/a.png)', '![b]({{ site.baseurl }}/images/2021/a.png)', '![c](/images/my%20shot.png)', '![d](/images/IMG_0001.JPG)',
      '<img src="../images/2021/a.png" style="zoom:50%;" />',
    ].join('\n\n'));
    const srcs = [...r.bodyHtml.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]);
    assert.deepEqual(srcs, ['webview://site/images/2021/a.png', 'webview://site/images/2021/a.png', 'webview://site/images/my shot.png', 'webview://site/images/IMG_0001.JPG', 'webview://site/images/2021/a.png']);
    // Typora's zoom survives, so the image shows at that size.
    assert.match(r.bodyHtml, /<img src="webview:\/\/site\/images\/2021\/a.png" style="zoom:50%;" \/>/);
  });

  test('a missing image is a visible placeholder naming the path, and a notice', async () => {
    const r = await render('![shot](../images/2022/gone.png)\n\n<img src="/images/also-gone.png" alt="raw">');
    assert.match(r.bodyHtml, /<span class="techblog-missing-image" title="Image not found: images\/2022\/gone.png"><span class="techblog-missing-image-label">Missing image: images\/2022\/gone.png<\/span> <span class="techblog-missing-image-alt">\(shot\)<\/span><\/span>/);
    assert.match(r.bodyHtml, /Missing image: images\/also-gone.png/);
    assert.ok(r.notices.some((n) => /images\/2022\/gone.png/.test(n)));
  });
});
