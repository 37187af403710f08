// The Jekyll plugins the preview runs (src/core/render/plugins/), each as its gem documents it, and
// the GitHub Pages rule that turns GitHub Pages' default plugins on. Where Debian's Jekyll has the
// plugin, test/unit/render/ghPagesOracle.test.ts compares with its output too; jemoji has no Debian
// package, so its behaviour is stated here only.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultLayout } from '../../../src/core/render/plugins/defaultLayout';
import { feedMeta } from '../../../src/core/render/plugins/feed';
import { gistScript } from '../../../src/core/render/plugins/gist';
import { githubNamespace, githubRepository, headBranch, withGithubMetadata } from '../../../src/core/render/plugins/githubMetadata';
import { emojify } from '../../../src/core/render/plugins/jemoji';
import { mentionBase, mentionify } from '../../../src/core/render/plugins/mentions';
import { optionalFrontMatterApplies, pageWithoutFrontMatter } from '../../../src/core/render/plugins/optionalFrontMatter';
import { readmeIndexUrl } from '../../../src/core/render/plugins/readmeIndex';
import { relativeLinksApply, replaceRelativeLinks } from '../../../src/core/render/plugins/relativeLinks';
import { escapeOnce, seoValues } from '../../../src/core/render/plugins/seo';
import { blankTitle, stripTitle, titleFromHeading, titlesApply } from '../../../src/core/render/plugins/titlesFromHeadings';
import { parseSiteConfig } from '../../../src/core/site/config';
import { githubPagesReason, sitePlugins } from '../../../src/core/site/githubPages';

describe('GitHub Pages rule', () => {
  const reason = (config: string | undefined, gemfile?: string) => githubPagesReason(parseSiteConfig(config), gemfile);
  test('a config that sets nothing of the build, without a Gemfile, is a GitHub Pages site', () => {
    assert.match(reason('title: Notes\n')!, /no Gemfile/);
    assert.match(reason('title: Notes\ntheme: jekyll-theme-cayman\n')!, /no Gemfile/);
    assert.match(reason('remote_theme: pages-themes/cayman@v0.2.0\nmarkdown: kramdown\n', 'gem "jekyll"\n')!, /remote_theme/);
    assert.match(reason('markdown: kramdown\n', 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n')!, /github-pages gem/);
  });
  test('negative: a site that configures its own build, or has no _config.yml, gets Jekyll\'s plain defaults', () => {
    assert.equal(reason('title: Notes\nmarkdown: kramdown\n'), undefined);
    assert.equal(reason('title: Notes\ntheme: minimal-mistakes-jekyll\n'), undefined);
    assert.equal(reason('title: Notes\n', 'gem "jekyll", "~> 4.3"\n# gem "github-pages", group: :jekyll_plugins\n'), undefined, 'a commented-out github-pages gem does not count');
    assert.equal(reason(undefined), undefined, 'no _config.yml');
  });
  test('GitHub Pages enables its default plugins; any site enables what plugins: and gems: list', () => {
    const pages = sitePlugins(parseSiteConfig('title: x\nplugins: [jemoji]\n'), undefined);
    for (const p of ['jekyll-default-layout', 'jekyll-gist', 'jekyll-optional-front-matter', 'jekyll-titles-from-headings', 'jekyll-relative-links', 'jemoji']) assert.ok(pages.enabled.has(p), p);
    assert.ok(!pages.enabled.has('jekyll-mentions'), 'mentions is not a GitHub Pages default: it must be listed');
    const own = sitePlugins(parseSiteConfig('markdown: kramdown\ngems: [jekyll-mentions]\n'), 'gem "jekyll"\n');
    assert.deepEqual([...own.enabled], ['jekyll-mentions']);
    assert.equal(own.githubPages, undefined);
  });
});

describe('jemoji', () => {
  test(':smile: becomes the emoji with class emoji and the name as its title', () => {
    assert.equal(emojify('<p>Done :tada: :+1:</p>'),
      '<p>Done <span class="emoji" title=":tada:" role="img" aria-label=":tada:">🎉</span> <span class="emoji" title=":+1:" role="img" aria-label=":+1:">👍</span></p>');
  });
  test('negative: code, pre and tt keep the text; unknown names stay as typed', () => {
    assert.equal(emojify('<p><code>:smile:</code> <tt>:smile:</tt> :no-such-emoji:</p><pre>:smile:</pre>'), '<p><code>:smile:</code> <tt>:smile:</tt> :no-such-emoji:</p><pre>:smile:</pre>');
    assert.match(emojify('<p>a:b:smile:</p>'), /a:b<span class="emoji" title=":smile:"/, 'an unknown name gives its colon back');
    assert.equal(emojify('<a title=":smile:">x</a>'), '<a title=":smile:">x</a>', 'attributes are not text');
  });
});

describe('jekyll-mentions', () => {
  test('@user links to the GitHub profile the way html-pipeline writes it', () => {
    assert.equal(mentionify('<p>Thanks @octocat and @jekyll-bot.</p>'),
      "<p>Thanks <a href='https://github.com/octocat' class='user-mention'>@octocat</a> and <a href='https://github.com/jekyll-bot' class='user-mention'>@jekyll-bot</a>.</p>");
    assert.equal(mentionify('<p>@me</p>', mentionBase({ base_url: 'https://gitlab.example' })), "<p><a href='https://gitlab.example/me' class='user-mention'>@me</a></p>");
    assert.equal(mentionBase('https://x.example/'), 'https://x.example/');
  });
  test('negative: emails, code, links, and @mention stay as they are', () => {
    for (const html of ['<p>mail someone@example.org</p>', '<p><code>@octocat</code></p>', '<pre>@octocat</pre>', '<p><a href="/x">@octocat</a></p>', '<p>@mention</p>', '<p>@octocat/repo</p>']) {
      assert.equal(mentionify(html), html, html);
    }
  });
});

describe('jekyll-relative-links', () => {
  const urls: Record<string, string> = { 'about.md': '/about.html', 'docs/guide.md': '/docs/guide.html', '_posts/2023-06-01-hello.md': '/2023/06/01/hello.html', 'images/a.png': '/images/a.png' };
  const replace = (src: string, path = 'docs/index.md') => replaceRelativeLinks(src, { path, urlOf: (p) => urls[p], relativeUrl: (u) => '/blog' + u });
  test('inline and reference links to site files become their URLs, with fragment and title', () => {
    assert.equal(replace('[About](../about.md#why "The about page")'), '[About](/blog/about.html#why "The about page")');
    assert.equal(replace('See [the guide](guide.md) and ![a](../images/a.png).'), 'See [the guide](/blog/docs/guide.html) and ![a](/blog/images/a.png).');
    assert.equal(replace('[p]: /_posts/2023-06-01-hello.md'), '\n[p]: /blog/2023/06/01/hello.html');
    assert.equal(replace('[sp](my%20guide.md)', 'docs/x.md'), '[sp](my%20guide.md)', 'no such file: as written');
  });
  test('negative: URLs, fragments, missing files and paths above the site stay as written', () => {
    for (const src of ['[x](https://example.org/a.md)', '[x](#top)', '[x](missing.md)', '[x](../../outside.md)', '[x](mailto:a@b.c)']) assert.equal(replace(src), src);
  });
  test('pages only, unless collections: true; enabled: false turns it off', () => {
    assert.deepEqual([relativeLinksApply(undefined, 'page'), relativeLinksApply(undefined, 'post'), relativeLinksApply({ collections: true }, 'post'), relativeLinksApply({ enabled: false }, 'page')], [true, false, true, false]);
  });
});

describe('jekyll-titles-from-headings', () => {
  const plain = (md: string) => md.replace(/[*_`]/g, '');
  test('a page starting with an ATX or Setext heading takes its text as title', () => {
    assert.equal(titleFromHeading('\n# The *guide*\n\nText', { config: undefined, plain }), 'The guide');
    assert.equal(titleFromHeading('Setext title\n============\n\nText', { config: undefined, plain }), 'Setext title');
    assert.equal(titleFromHeading('### Third level\n', { config: undefined, plain }), 'Third level');
  });
  test('negative: no heading first, or a fourth-level heading, gives no title', () => {
    assert.equal(titleFromHeading('Text first.\n\n# Later\n', { config: undefined, plain }), undefined);
    assert.equal(titleFromHeading('#### Deep\n', { config: undefined, plain }), undefined);
  });
  test('strip_title removes the heading; posts only with collections: true', () => {
    assert.equal(stripTitle('# Title\n\nBody\n', {}, { strip_title: true }), 'Body');
    assert.equal(stripTitle('# Title\n\nBody\n', { strip_title: false }, { strip_title: true }), '# Title\n\nBody\n');
    assert.equal(blankTitle('\n# Title\n\nBody\n'), '\n\n\nBody\n', 'the preview keeps line numbers');
    assert.deepEqual([titlesApply(undefined, 'page'), titlesApply(undefined, 'post'), titlesApply({ collections: true }, 'post'), titlesApply({ enabled: false }, 'page')], [true, false, true, false]);
  });
});

describe('jekyll-default-layout', () => {
  const all = (n: string) => ['home', 'page', 'post', 'default'].includes(n);
  test('home for the index, page for pages, post for posts, else default', () => {
    assert.equal(defaultLayout({ kind: 'page', url: '/', data: {} }, all), 'home');
    assert.equal(defaultLayout({ kind: 'page', url: '/about.html', data: {} }, all), 'page');
    assert.equal(defaultLayout({ kind: 'post', url: '/2023/a.html', data: {} }, all), 'post');
    assert.equal(defaultLayout({ kind: 'post', url: '/2023/a.html', data: {} }, (n) => n === 'default'), 'default');
  });
  test('negative: a layout already named (even null) stays; no layout at all gives none', () => {
    assert.equal(defaultLayout({ kind: 'post', url: '/a', data: { layout: null } }, all), undefined);
    assert.equal(defaultLayout({ kind: 'post', url: '/a', data: {} }, () => false), undefined);
  });
});

describe('jekyll-optional-front-matter', () => {
  test('Markdown files without front matter are pages, except README, LICENSE and the like', () => {
    assert.equal(pageWithoutFrontMatter('docs/guide.md'), true);
    for (const p of ['README.md', 'docs/readme.markdown', 'LICENSE.md', 'CONTRIBUTING.md', 'CODE_OF_CONDUCT.md']) assert.equal(pageWithoutFrontMatter(p), false, p);
    assert.equal(optionalFrontMatterApplies({}), true);
    assert.equal(optionalFrontMatterApplies({ require_front_matter: true }), false);
    assert.equal(optionalFrontMatterApplies({ optional_front_matter: { enabled: false } }), false);
  });
});

describe('jekyll-readme-index', () => {
  test('a README without front matter is the index of a folder that has none', () => {
    const files = new Set(['index.md', 'docs/README.md', 'docs/guide.md', 'api/index.html', 'api/README.md']);
    const has = (p: string) => files.has(p);
    assert.equal(readmeIndexUrl('docs/README.md', false, {}, has), '/docs/');
    assert.equal(readmeIndexUrl('README.md', false, {}, () => false), '/');
    assert.equal(readmeIndexUrl('README.md', false, {}, has), undefined, 'the site has index.md');
    assert.equal(readmeIndexUrl('api/README.md', false, {}, has), undefined, 'api/ has index.html');
    // Any Markdown extension Jekyll reads makes a page published as the folder's index.
    assert.equal(readmeIndexUrl('notes/README.md', false, {}, (p) => p === 'notes/index.mkd'), undefined, 'notes/ has index.mkd');
  });
  test('negative: with front matter only with with_frontmatter; enabled: false; other files', () => {
    assert.equal(readmeIndexUrl('docs/readme.md', true, {}, () => false), undefined);
    assert.equal(readmeIndexUrl('docs/readme.md', true, { readme_index: { with_frontmatter: true } }, () => false), '/docs/');
    assert.equal(readmeIndexUrl('docs/README.md', false, { readme_index: { enabled: false } }, () => false), undefined);
    assert.equal(readmeIndexUrl('docs/READTHIS.md', false, {}, () => false), undefined);
  });
});

describe('jekyll-github-metadata (offline: what the git remote tells)', () => {
  const CONFIG = '[core]\n\tbare = false\n[remote "upstream"]\n\turl = https://github.com/someone/else.git\n[remote "origin"]\n\turl = git@github.com:octo-org/handbook.git\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n';
  test('owner and name from the origin remote, in HTTPS or SSH form', () => {
    assert.deepEqual(githubRepository(CONFIG), { owner: 'octo-org', name: 'handbook' });
    assert.deepEqual(githubRepository('[remote "origin"]\n  url = https://github.com/octocat/octocat.github.io\n'), { owner: 'octocat', name: 'octocat.github.io' });
    assert.equal(githubRepository('[remote "origin"]\n  url = https://gitlab.com/a/b.git\n'), undefined);
    assert.equal(headBranch('ref: refs/heads/main\n'), 'main');
    assert.equal(headBranch('4b825dc642cb6eb9a060e54bf8d69288fbee4904\n'), undefined, 'a detached HEAD names no branch');
  });
  test('project and user pages: names, URLs and the title fallback', () => {
    const project = githubNamespace({ owner: 'octo-org', name: 'handbook', branch: 'main' });
    assert.deepEqual([project.repository_url, project.owner_url, project.zip_url, project.is_project_page, project.url, project.baseurl],
      ['https://github.com/octo-org/handbook', 'https://github.com/octo-org', 'https://github.com/octo-org/handbook/zipball/main', true, 'https://octo-org.github.io/handbook', '/handbook']);
    const user = githubNamespace({ owner: 'octocat', name: 'octocat.github.io' });
    assert.deepEqual([user.is_user_page, user.url, user.baseurl], [true, 'https://octocat.github.io', '']);
    const site: Record<string, unknown> = { github: { repository_name: 'Renamed' } };
    withGithubMetadata(site, project);
    assert.equal((site.github as Record<string, unknown>).repository_name, 'Renamed', 'github: in _config.yml merges over');
    assert.equal(site.title, 'handbook', 'no title: the repository name (a project page)');
    const named: Record<string, unknown> = { title: 'Mine' };
    withGithubMetadata(named, user);
    assert.equal(named.title, 'Mine');
  });
});

describe('jekyll-gist, jekyll-feed, jekyll-seo-tag values', () => {
  test('gist script and feed link as the gems write them', () => {
    assert.equal(gistScript('parkr/931c1c8d465a04042403', 'file.rb'), '<script src="https://gist.github.com/parkr/931c1c8d465a04042403.js?file=file.rb"> </script>');
    const abs = (u: unknown) => 'https://x.example' + '/' + String(u).replace(/^\//, '');
    assert.equal(feedMeta({ title: 'A & B' }, { absoluteUrl: abs }), '<link type="application/atom+xml" rel="alternate" href="https://x.example/feed.xml" title="A &amp; B" />');
    assert.equal(feedMeta({ feed: { path: 'atom.xml' } }, { absoluteUrl: abs }), '<link type="application/atom+xml" rel="alternate" href="https://x.example/atom.xml" />');
  });
  test('seo title: page | site; the home page: site | description; escape_once', () => {
    const s = { markdownify: (t: string) => `<p>${t}</p>`, absoluteUrl: (u: unknown) => 'https://x.example' + String(u) };
    const post = seoValues({ title: 'Site', description: 'Words' }, { title: 'Post', url: '/p.html' }, '', s);
    assert.deepEqual([post.title, post.page_title, post.description, post.canonical_url], ['Post | Site', 'Post', 'Words', 'https://x.example/p.html']);
    const home = seoValues({ title: 'Site', description: 'Words' }, { url: '/index.html' }, ' title=false ', s);
    assert.deepEqual([home.title, home.title_shown, home.canonical_url], ['Site | Words', false, 'https://x.example/']);
    assert.equal(escapeOnce('a & b &amp; <c>'), 'a &amp; b &amp; &lt;c&gt;');
  });
});
