import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path/posix';
import MarkdownIt from 'markdown-it';
import { decodeLinkTarget, defaultAlt, encodeLinkPath, escapeAlt, linkFor, type LinkStyle } from '../../../src/core/paste/link';

const site = '/home/me/blog';
const post = `${site}/_posts/2021-08-19-ebpf-summit-day1.md`;
const seedImage = `${site}/images/2021/image-20210819150523189.png`;

function md(imagePath: string, style: LinkStyle = 'relative', alt?: string, documentPath = post): string {
  const r = linkFor({ imagePath, documentPath, siteRoot: site, style, alt });
  assert.ok(r.ok, r.ok ? '' : r.error);
  return r.markdown;
}

/** File names that have broken image links in other tools. */
const awkwardNames = [
  'Screen Shot 2021-08-19 at 15.05.23.png',
  '截圖 2021-08-19 下午3.05.23.png',
  '스크린샷.png',
  'a%20b.png', // a real percent sign in the name
  'x(1).png',
  'unbalanced).png',
  'a#b?c.png',
  "it's [here].png",
  'a|b`c{d}.png',
  'tab\there.png',
  'ideographic\u3000space.png',
];

describe('linkFor', () => {
  test('relative link exactly as Typora wrote it in the seed post', () => {
    assert.equal(md(seedImage), '![image-20210819150523189](../images/2021/image-20210819150523189.png)');
  });
  test('root and baseurl styles', () => {
    assert.equal(md(seedImage, 'root'), '![image-20210819150523189](/images/2021/image-20210819150523189.png)');
    assert.equal(md(seedImage, 'baseurl'), '![image-20210819150523189]({{ site.baseurl }}/images/2021/image-20210819150523189.png)');
  });
  test('relative links from other folders', () => {
    assert.equal(md(`${site}/_posts/x.png`), '![x](x.png)');
    assert.equal(md(`${site}/images/x.png`, 'relative', undefined, `${site}/_posts/2021/deep/p.md`), '![x](../../../images/x.png)');
    assert.equal(md(`${site}/images/x.png`, 'relative', undefined, `${site}/about.md`), '![x](images/x.png)');
  });
  test('root and baseurl are refused for an image outside the site', () => {
    const r = linkFor({ imagePath: '/home/me/other/x.png', documentPath: post, siteRoot: site, style: 'root' });
    assert.ok(!r.ok);
    assert.match(r.error, /outside the site/);
  });
  test('alt: the selection, else the base name without extension', () => {
    assert.equal(md(seedImage, 'relative', 'eBPF summit keynote'), '![eBPF summit keynote](../images/2021/image-20210819150523189.png)');
    assert.equal(md(seedImage, 'relative', '   '), md(seedImage));
    assert.equal(defaultAlt('/a/b/截圖 1.final.png'), '截圖 1.final');
  });
  test('alt escaping: brackets, backslashes, table pipes, code, HTML, emphasis, line breaks', () => {
    assert.equal(escapeAlt('a ] b [c] \\d'), 'a \\] b \\[c\\] \\\\d');
    assert.equal(escapeAlt('a|b `c` <d> *e*'), 'a\\|b \\`c\\` \\<d> \\*e\\*');
    assert.equal(escapeAlt('my_shot_1 _it_'), 'my_shot_1 \\_it\\_');
    assert.equal(escapeAlt('line one\r\n\r\n  line two'), 'line one line two');
    assert.equal(md(seedImage, 'relative', 'see [1]'), '![see \\[1\\]](../images/2021/image-20210819150523189.png)');
  });
  test('spaces are %20, CJK stays readable, % and URL characters are encoded', () => {
    assert.equal(md(`${site}/images/2021/Screen Shot 1.png`), '![Screen Shot 1](../images/2021/Screen%20Shot%201.png)');
    assert.equal(md(`${site}/images/2021/截圖 1.png`), '![截圖 1](../images/2021/截圖%201.png)');
    assert.equal(encodeLinkPath('a%20b(1)#?<>[]"\'\\|`{}.png'), 'a%2520b%281%29%23%3F%3C%3E%5B%5D%22%27%5C%7C%60%7B%7D.png');
    assert.equal(encodeLinkPath('tab\there\u3000.png'), 'tab%09here%E3%80%80.png');
    assert.equal(md(`${site}/images/x y.png`, 'baseurl'), '![x y]({{ site.baseurl }}/images/x%20y.png)');
  });
  test('decodeLinkTarget inverts encodeLinkPath for awkward names', () => {
    for (const name of awkwardNames) {
      assert.equal(decodeLinkTarget(encodeLinkPath(`../images/${name}`)), `../images/${name}`, name);
    }
    assert.equal(decodeLinkTarget('<../a b.png>'), '../a b.png');
    assert.equal(decodeLinkTarget('../a.png?v=2#top'), '../a.png');
    assert.equal(decodeLinkTarget('bad%zz%E6.png'), 'bad%zz%E6.png'); // invalid escapes are left alone
  });
  test('markdown-it (the preview) resolves every awkward name to the file, alt text intact', () => {
    const it = new MarkdownIt();
    const docs = [...awkwardNames.map((n) => md(`${site}/images/2021/${n}`)), ...awkwardAlts.map((a) => md(seedImage, 'relative', a))];
    const images = rendered(docs.map((d) => it.render(d)).join('\n'));
    assert.deepEqual(images, expected());
  });
  test('kramdown (Jekyll) resolves them the same way', (t) => {
    const probe = spawnSync('ruby', ['-rkramdown', '-e', 'print Kramdown::VERSION'], { encoding: 'utf8' });
    if (probe.status !== 0) {
      t.skip('ruby with kramdown is not installed');
      return;
    }
    const docs = [...awkwardNames.map((n) => md(`${site}/images/2021/${n}`)), ...awkwardAlts.map((a) => md(seedImage, 'relative', a))];
    const out = spawnSync('ruby', ['-rkramdown', '-e', 'print Kramdown::Document.new($stdin.read).to_html'], { input: docs.join('\n\n'), encoding: 'utf8' });
    assert.equal(out.status, 0, out.stderr);
    assert.deepEqual(rendered(out.stdout), expected());
  });
});

/** Selected texts that change meaning in Markdown if written as is. */
const awkwardAlts = ['a | b', 'x `y` z', '*bold* and _it_', 'snake_case_name', '<b>tag</b>', 'see [1] \\ done'];

function expected(): { file: string; alt: string }[] {
  return [
    ...awkwardNames.map((n) => ({ file: `${site}/images/2021/${n}`, alt: defaultAlt(n) })),
    ...awkwardAlts.map((a) => ({ file: seedImage, alt: a })),
  ];
}

/** The file each `<img>` loads (relative to the post) and its alt text. */
function rendered(html: string): { file: string; alt: string }[] {
  return [...html.matchAll(/<img src="([^"]*)" alt="([^"]*)"/g)].map((m) => ({
    file: path.resolve(path.dirname(post), decodeURIComponent(unescapeHtml(m[1]))),
    alt: unescapeHtml(m[2]),
  }));
}

function unescapeHtml(s: string): string {
  return s.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
}
