import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findUnusedImages } from '../../../src/core/paste/unusedImages';

const site = '/home/me/blog';
const img = (p: string) => `${site}/images/${p}`;

describe('findUnusedImages', () => {
  test('every way a post can reference an image counts as used', () => {
    const names = [
      '2021/image-20210819150523189.png', // relative, as Typora writes it
      '2021/root.png', // /images/…
      '2021/baseurl.png', // {{ site.baseurl }}/images/…
      '2021/html.png', // <img src="…">
      '2021/ref-def.png', // [ref]: …
      '2021/Screen Shot 1.png', // percent-encoded
      '2021/截圖 2.png', // CJK, raw space in <…>
      '2021/截圖%203.png', // a literal % in the name, encoded as %25
      '2021/front-matter.png', // image: in front matter
      '2021/liquid-filter.png', // {{ "/images/…" | relative_url }}
      '2021/srcset-2x.png', // srcset
      '2021/layout-logo.svg', // referenced from a layout
      '2021/css-bg.jpg', // CSS url()
      '2021/deep.png', // ../../images from a nested page
      '2021/x(1).png', // unencoded balanced parentheses
      '2021/query.png', // with ?v=2
      '2021/absolute-url.png', // https://me.example/images/…
      '2021/unused.png',
      '2020/also-unused.gif',
    ];
    const post = `---
image: /images/2021/front-matter.png
---
![image-20210819150523189](../images/2021/image-20210819150523189.png)
![a](/images/2021/root.png "title")
![b]({{ site.baseurl }}/images/2021/baseurl.png)
<img src="../images/2021/html.png" alt="x">
<img srcset="/images/2021/srcset-1x.png 1x, /images/2021/srcset-2x.png 2x">
![c][ref]
![d](../images/2021/Screen%20Shot%201.png)
![e](<../images/2021/截圖 2.png>)
![f](../images/2021/截圖%25203.png)
![g]({{ "/images/2021/liquid-filter.png" | relative_url }})
![h](../images/2021/x(1).png)
![i](/images/2021/query.png?v=2#frag)
![j](https://me.example/images/2021/absolute-url.png)

[ref]: ../images/2021/ref-def.png
`;
    const result = findUnusedImages({
      siteRoot: site,
      imagePaths: names.map(img),
      texts: [
        { path: `${site}/_posts/2021-08-19-ebpf-summit-day1.md`, text: post },
        { path: `${site}/_layouts/default.html`, text: '<link rel="icon" href="{{ \'/images/2021/layout-logo.svg\' | relative_url }}">' },
        { path: `${site}/assets/main.scss`, text: 'body { background: url("../images/2021/css-bg.jpg"); }' },
        { path: `${site}/docs/guide/page.md`, text: '![x](../../images/2021/deep.png)' },
      ],
    });
    assert.deepEqual(result, [img('2020/also-unused.gif'), img('2021/unused.png')]);
  });

  test('a link to a same-named image in another folder does not keep this one', () => {
    const result = findUnusedImages({
      siteRoot: site,
      imagePaths: [img('2021/a.png'), img('2022/a.png')],
      texts: [{ path: `${site}/_posts/p.md`, text: '![a](../images/2021/a.png)' }],
    });
    assert.deepEqual(result, [img('2022/a.png')]);
  });

  test('links in other posts\' folders resolve against their own folder', () => {
    const result = findUnusedImages({
      siteRoot: site,
      imagePaths: [`${site}/_posts/2021/pic.png`, `${site}/pic.png`],
      texts: [{ path: `${site}/_posts/2021/p.md`, text: '![p](pic.png)' }],
    });
    // `pic.png` from _posts/2021 is _posts/2021/pic.png; the root pic.png is kept too, as a
    // root-relative page might mean it (deleting is the expensive mistake).
    assert.deepEqual(result, []);
  });

  test('data: URIs and mailto: are not references; images outside the site are ignored', () => {
    const result = findUnusedImages({
      siteRoot: site,
      imagePaths: [img('a.png'), '/elsewhere/b.png'],
      texts: [{ path: `${site}/p.md`, text: '![x](data:image/png;base64,AAAA) [m](mailto:a@b.c)' }],
    });
    assert.deepEqual(result, [img('a.png')]);
  });

  test('a name that really contains %20, linked literally, is kept (in doubt: used)', () => {
    const result = findUnusedImages({
      siteRoot: site,
      imagePaths: [img('a%20b.png'), img('a b.png'), img('c d.png')],
      texts: [{ path: `${site}/_posts/p.md`, text: '![x](../images/a%20b.png)' }],
    });
    assert.deepEqual(result, [img('c d.png')]);
  });

  test('no texts: everything is unused, sorted', () => {
    assert.deepEqual(findUnusedImages({ siteRoot: site, imagePaths: [img('b.png'), img('a.png')], texts: [] }), [img('a.png'), img('b.png')]);
  });
});
