import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../../src/core/frontmatter/check';
import { defaultsFor, parseSiteConfig } from '../../../src/core/site/config';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { findSites, siteRootFor } from '../../../src/core/site/findSites';
import { documentUrl } from '../../../src/core/site/permalink';
import { loadSite, SiteIndex, tagValues } from '../../../src/core/site/siteIndex';

/** A memory file system holding `files` under the folder `root`. */
const under = (root: string, files: Record<string, string>) => new MemoryFileSystem(Object.fromEntries(Object.entries(files).map(([k, v]) => [`${root}/${k}`, v])));

describe('site config', () => {
  test('reads defaults, future, permalink, timezone, markdown, baseurl, theme', () => {
    const c = parseSiteConfig('future: true\npermalink: pretty\ntimezone: Europe/Berlin\nmarkdown: GFM\nbaseurl: /blog/\nremote_theme: pages-themes/minimal\ndefaults:\n  - scope: {path: "", type: posts}\n    values: {layout: post, comments: true}\n  - scope: {path: "_posts/linux"}\n    values: {layout: linux}\n  - bad\n');
    assert.equal(c.future, true);
    assert.equal(c.permalink, 'pretty');
    assert.equal(c.timezone, 'Europe/Berlin');
    assert.equal(c.markdown, 'GFM');
    assert.equal(c.baseurl, '/blog');
    assert.equal(c.theme, 'pages-themes/minimal');
    assert.equal(c.defaults.length, 2);
    assert.deepEqual(defaultsFor(c, '_posts/2021-01-01-a.md', 'posts'), { layout: 'post', comments: true });
    assert.deepEqual(defaultsFor(c, '_posts/linux/2021-01-01-a.md', 'posts'), { layout: 'linux', comments: true });
    assert.deepEqual(defaultsFor(c, 'about.md', 'pages'), {});
  });

  test('missing or broken _config.yml falls back to Jekyll defaults; Hexo is recognised', () => {
    assert.equal(parseSiteConfig(undefined).future, false);
    const broken = parseSiteConfig('a: [\n');
    assert.equal(broken.permalink, 'date');
    assert.equal(broken.errors.length, 1);
    const hexo = parseSiteConfig('new_post_name: :title.md\nsource_dir: source\n');
    assert.equal(hexo.profile, 'hexo');
    assert.deepEqual(hexo.formats, ['yaml', 'json']);
  });
});

describe('findSites', () => {
  test('folders holding _config.yml, several and nested, ignoring gems and build output', () => {
    const roots = findSites(['blog/_config.yml', 'blog/_posts/a.md', 'docs/site/_config.yml', 'vendor/bundle/gems/x/_config.yml', 'node_modules/t/_config.yml', '_config.yml']);
    assert.deepEqual(roots, ['.', 'blog', 'docs/site']);
    assert.equal(siteRootFor(roots, 'docs/site/_posts/a.md'), 'docs/site');
    assert.equal(siteRootFor(roots, 'blog/x.md'), 'blog');
    assert.equal(siteRootFor(['blog'], 'other/x.md'), undefined);
  });

  test('any site marker makes a candidate: hugo.toml, config.toml, Hugo\'s config/_default/; not in public/', () => {
    const roots = findSites(['h/hugo.toml', 'h/content/posts/a.md', 'd/config/_default/hugo.yaml', 'c/config.toml', 'h/public/x/hugo.toml', 'h/themes/t/hugo.toml']);
    assert.deepEqual(roots, ['c', 'd', 'h', 'h/themes/t']);
  });
});

describe('SiteIndex', () => {
  test('tag counts update incrementally per file', async () => {
    const files = {
      '_config.yml': '',
      '_layouts/post.html': '',
      '_posts/2021-01-01-a.md': '---\ntags: [CloudNative, ebpf]\n---\n',
      '_posts/2021-01-02-b.md': '---\ntags: [CloudNative]\n---\n',
    };
    const { index } = await loadSite(under('/ws/blog', files), '/ws/blog');
    assert.deepEqual(index.spellingsOf('tags', 'cloud-native'), [{ value: 'CloudNative', count: 2 }]);
    const mine = '---\nlayout: post\ntitle: c\ntags: [cloudnative]\n---\n';
    index.updateFile('_posts/2021-01-03-c.md', mine);
    assert.deepEqual(checkDocument({ path: '/ws/blog/_posts/2021-01-03-c.md', text: mine, site: index }).map((p) => p.rule), ['tag-case-variant']);
    // Re-typing the post replaces its old tags rather than adding to them.
    index.updateFile('_posts/2021-01-03-c.md', mine.replace('cloudnative', 'CloudNative'));
    assert.deepEqual(index.spellingsOf('tags', 'CloudNative'), [{ value: 'CloudNative', count: 3 }]);
    index.removeFile('_posts/2021-01-01-a.md');
    index.removeFile('_posts/2021-01-02-b.md');
    index.updateFile('_posts/2021-01-03-c.md', mine);
    assert.deepEqual(index.suggestions('tags'), [{ value: 'cloudnative', count: 1 }]);
    assert.equal(index.documentCount(), 1);
  });

  test('paths: relative and absolute; kinds; layouts; checkable files; nested sites excluded', async () => {
    const { index } = await loadSite(under('/ws', {
      '_config.yml': 'exclude: [drafts-old]\n', '_layouts/post.html': '', '_layouts/sub/wide.html': '', '_posts/2021-01-01-a.md': '', '_drafts/b.md': '', 'about.md': '',
      '_includes/x.md': '', 'drafts-old/c.md': '', 'docs/_config.yml': '', 'docs/index.md': '', 'img/a.png': '',
    }), '/ws');
    assert.equal(index.relative('/ws/_posts/x.md'), '_posts/x.md');
    assert.equal(index.relative('/elsewhere/x.md'), undefined);
    assert.equal(index.relative('about.md'), 'about.md');
    assert.deepEqual(index.layouts(), ['post', 'sub/wide']);
    assert.deepEqual(index.checkablePaths(), ['_drafts/b.md', '_posts/2021-01-01-a.md', 'about.md']);
    assert.equal(index.kindOf('_posts/img.png'), 'other');
    assert.equal(index.hasFile('img/a.png'), true);
    index.removePath('img/a.png');
    assert.equal(index.hasFile('img/a.png'), false);
  });

  test('tags as Jekyll reads them', () => {
    assert.deepEqual(tagValues({ tags: 'a b  c' }, 'tags'), ['a', 'b', 'c']);
    assert.deepEqual(tagValues({ tag: 'a b', tags: ['x'] }, 'tags'), ['a b']);
    assert.deepEqual(tagValues({ category: ['TodayILearn'] }, 'categories'), ['TodayILearn']);
    assert.deepEqual(tagValues({ tags: [1, [2], null] }, 'tags'), ['1', '2']);
    assert.deepEqual(new SiteIndex('', '', []).suggestions('tags'), []);
  });
});

describe('permalinks', () => {
  const c = (permalink: string) => parseSiteConfig(`permalink: ${permalink}\n`);
  const post = { relPath: '_posts/2021-08-19-ebpf-summit.md', kind: 'post' as const, date: { year: 2021, month: 8, day: 19 } };
  test('styles and templates', () => {
    assert.equal(documentUrl(c('date'), { ...post, data: { categories: ['TIL'] } }), '/til/2021/08/19/ebpf-summit.html');
    assert.equal(documentUrl(c('pretty'), { ...post, data: {} }), '/2021/08/19/ebpf-summit/');
    assert.equal(documentUrl(c('/:title/'), { ...post, data: {} }), '/ebpf-summit/');
    assert.equal(documentUrl(c('/:title/'), { ...post, data: { permalink: '/custom/x.html' } }), '/custom/x.html');
    assert.equal(documentUrl(c('date'), { relPath: 'docs/index.md', kind: 'page', data: {} }), '/docs/');
    assert.equal(documentUrl(c('date'), { relPath: 'about.md', kind: 'page', data: {} }), '/about.html');
  });
});
