// The GitHub Pages plugins against Debian's Jekyll (the oracle): builds test/fixtures/sites/gh-pages
// with `jekyll build` at test time and compares what the fidelity stage's block comparison does not
// look at: the <title> and <meta> tags `{% seo %}` writes, the `{% feed_meta %}` link and the canonical
// URL, and every link in the page body (jekyll-mentions, jekyll-relative-links). Skips with a printed
// line when jekyll or one of the plugins (Debian's ruby-jekyll-* packages) is missing. jemoji has no
// Debian package: test/unit/render/plugins.test.ts states its behaviour instead.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DomUtils, parseDocument } from 'htmlparser2';
import { NodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { absoluteUrl } from '../../../src/core/render/liquid/jekyllLiquid';
import { feedMeta } from '../../../src/core/render/plugins/feed';
import { SiteRenderer } from '../../../src/core/render/renderer';
import { repoRoot } from '../repoRoot';

const SITE = path.join(repoRoot, 'test', 'fixtures', 'sites', 'gh-pages');
const URL_BASE = 'https://notes.example.org';

type Node = ReturnType<typeof parseDocument>['children'][number];
interface El { name: string; attribs: Record<string, string>; children: Node[] }
const els = (html: string, name: string, inside?: string): El[] => {
  const dom = parseDocument(html);
  const scope = inside ? DomUtils.findOne((n) => n.name === inside, dom.children as never) : undefined;
  return DomUtils.findAll((n) => n.name === name, (scope ? scope.children : dom.children) as never) as unknown as El[];
};
const text = (e: El) => DomUtils.textContent(e as never).replace(/\s+/g, ' ').trim();

/** What a reader and a search engine get from the head: the title and the meta tags. */
function head(html: string): string[] {
  const out = els(html, 'title').map((e) => `title|${text(e)}`);
  for (const m of els(html, 'meta')) if (m.attribs.name || m.attribs.property) out.push(`${m.attribs.name ?? m.attribs.property}|${m.attribs.content}`);
  return out;
}

/** Links in the body, except the preview's own cards (a gist is a <script> to Jekyll, a card to us). */
function links(html: string): string[] {
  return els(html, 'a', 'body').filter((a) => !/techblog-/.test(a.attribs.class ?? '')).map((a) => `${a.attribs.href}|${a.attribs.class ?? ''}|${text(a)}`);
}

function build(site = SITE): string | undefined {
  if (spawnSync('jekyll', ['--version']).status !== 0) {
    console.log('[gh-pages oracle] skipped: jekyll is not installed (Debian: apt-get install jekyll)');
    return undefined;
  }
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-ghpages-'));
  const r = spawnSync('jekyll', ['build', '-s', site, '-d', dest, '--disable-disk-cache', '--quiet'], { encoding: 'utf8', timeout: 120_000 });
  if (/Dependency Error/.test(r.stdout + r.stderr)) {
    console.log('[gh-pages oracle] skipped: a plugin the fixture lists is missing (Debian: apt-get install ruby-jekyll-mentions ruby-jekyll-relative-links ruby-jekyll-titles-from-headings ruby-jekyll-optional-front-matter ruby-jekyll-default-layout ruby-jekyll-readme-index ruby-jekyll-gist)');
    return undefined;
  }
  assert.equal(r.status, 0, r.stdout + r.stderr);
  return dest;
}

describe('GitHub Pages plugins against Debian\'s Jekyll', () => {
  test('title, meta tags and body links of every page agree with jekyll build', { timeout: 180_000 }, async (t) => {
    const dest = build();
    if (!dest) { t.skip('no oracle'); return; }
    const jekyll0 = () => fs.readFileSync(path.join(dest, 'about.html'), 'utf8');
    try {
      const renderer = await SiteRenderer.open({ fs: new NodeFileSystem(SITE), root: '' });
      const docs = ['_posts/2023-06-01-hello-pages.md', '_posts/2023-06-15-second.md', 'index.md', 'about.md', 'docs/guide.md', 'docs/README.md'];
      let compared = 0;
      for (const rel of docs) {
        const url = await renderer.urlOf(rel);
        assert.ok(url, `${rel} is published`);
        const jekyll: string = fs.readFileSync(path.join(dest, url.endsWith('/') ? url + 'index.html' : url), 'utf8');
        const ours = await renderer.render({ path: rel, text: fs.readFileSync(path.join(SITE, rel), 'utf8'), mode: 'site', resolveResource: (p) => `/${p}` });
        assert.equal(ours.mode, 'site', ours.notices.join('\n'));
        assert.deepEqual(head(ours.html), head(jekyll), `${rel}: head`);
        assert.deepEqual(links(ours.html), links(jekyll), `${rel}: body links`);
        // The sanitized preview drops <link> elements: compare what the tags wrote through the values they use.
        const canonical = els(jekyll, 'link').find((l) => l.attribs.rel === 'canonical')?.attribs.href;
        assert.equal(canonical, absoluteUrl(url, URL_BASE, '').replace(/\/index\.html$/, '/'), `${rel}: canonical`);
        compared++;
      }
      // The layout's own text is mentionified too (the hooks work on the whole page body).
      assert.ok(links(jekyll0()).includes('https://github.com/octocat|user-mention|@octocat'));
      const feed = /<link type="application\/atom\+xml"[^>]*\/>/.exec(fs.readFileSync(path.join(dest, 'index.html'), 'utf8'))?.[0];
      assert.equal(feedMeta({ title: 'Pages Notes', url: URL_BASE }, { absoluteUrl: (u) => absoluteUrl(u, URL_BASE, '') }), feed);
      assert.equal(compared, 6);
      // Sanity: the comparison can fail (the oracle really linked the mention and rewrote the .md link).
      const hello = fs.readFileSync(path.join(dest, '2023/06/01/hello-pages.html'), 'utf8');
      assert.ok(links(hello).includes('https://github.com/octocat|user-mention|@octocat'));
      assert.ok(links(fs.readFileSync(path.join(dest, 'index.html'), 'utf8')).includes('/docs/guide.html||the guide'));
    } finally {
      fs.rmSync(dest, { recursive: true, force: true });
    }
  });

  test('without `url:` in _config.yml, {% seo %} writes no canonical URL, as jekyll build', { timeout: 180_000 }, async (t) => {
    const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-ghpages-nourl-'));
    fs.cpSync(SITE, copy, { recursive: true });
    fs.writeFileSync(path.join(copy, '_config.yml'), fs.readFileSync(path.join(SITE, '_config.yml'), 'utf8').replace(/^url:.*\n/m, ''));
    const dest = build(copy);
    try {
      if (!dest) { t.skip('no oracle'); return; }
      const renderer = await SiteRenderer.open({ fs: new NodeFileSystem(copy), root: '' });
      for (const [rel, out] of [['about.md', 'about.html'], ['_posts/2023-06-15-second.md', '2023/06/15/second.html']]) {
        const jekyll: string = fs.readFileSync(path.join(dest, out), 'utf8');
        const ours = await renderer.render({ path: rel, text: fs.readFileSync(path.join(copy, rel), 'utf8'), mode: 'site' });
        assert.deepEqual(head(ours.html), head(jekyll), rel);
        assert.ok(!head(jekyll).some((h) => h.startsWith('og:url')), 'the oracle wrote no og:url');
      }
    } finally {
      fs.rmSync(copy, { recursive: true, force: true });
      if (dest) fs.rmSync(dest, { recursive: true, force: true });
    }
  });
});
