// The preview of a GitHub Pages site (GitHub Pages' default plugins and the tags of jekyll-seo-tag,
// jekyll-feed and jekyll-gist) and of a Jekyll site without `_config.yml` (Jekyll's defaults).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { SiteRenderer } from '../../../src/core/render/renderer';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { detectGenerator, markerRoot } from '../../../src/core/site/profile';
import { findSites } from '../../../src/core/site/findSites';
import { repoRoot } from '../repoRoot';
import { renderFile } from './helpers';

const noConfig = path.join(repoRoot, 'test', 'fixtures', 'sites', 'no-config');

const LAYOUTS = {
  '_layouts/default.html': '<!DOCTYPE html>\n<html><head>{% seo %}{% feed_meta %}</head><body><header class="site-header">{{ site.title }}</header>{{ content }}</body></html>',
  '_layouts/post.html': '---\nlayout: default\n---\n<article class="post"><h1 class="post-title">{{ page.title }}</h1>{{ content }}</article>',
  '_layouts/page.html': '---\nlayout: default\n---\n<article class="page"><h1 class="page-title">{{ page.title }}</h1>{{ content }}</article>',
};
const POST = '_posts/2023-06-01-hello.md';
const FILES = {
  ...LAYOUTS,
  [POST]: '---\ntitle: Hello\n---\nThanks @octocat :smile:\n\n{% gist octocat/6cad326836d38bd3a7ae %}\n',
  'docs/guide.md': '# The guide\n\nSee [about](../about.md#why).\n',
  'about.md': '---\ntitle: About\n---\n## Why\n',
  'README.md': '# Readme\n',
};

async function site(config: string, extra: Record<string, string> = {}): Promise<SiteRenderer> {
  // The site opens lazily: urlOf reads the document it is asked about.
  return SiteRenderer.open({ fs: new MemoryFileSystem({ '_config.yml': config, ...FILES, ...extra }), root: '' });
}
const render = (r: SiteRenderer, p: string, text = { ...FILES }[p] ?? '') => r.render({ path: p, text, mode: 'site' });

describe('a GitHub Pages site previews as GitHub Pages builds it', () => {
  test('default layout, seo tags, gist card, and the listed jemoji and mentions', async () => {
    const r = await site('title: Pages Notes\ndescription: Notes.\nplugins: [jemoji, jekyll-mentions]\n');
    const res = await render(r, POST);
    assert.equal(res.mode, 'site', res.notices.join('\n'));
    assert.match(res.html, /<article class="post"><h1 class="post-title">Hello<\/h1>/, 'jekyll-default-layout gave the post `post`');
    assert.match(res.html, /<title>Hello \| Pages Notes<\/title>/);
    assert.match(res.html, /<meta property="og:title" content="Hello" \/>/);
    assert.match(res.html, /<meta property="og:type" content="article" \/>/);
    assert.match(res.html, /<a href='https:\/\/github.com\/octocat' class='user-mention'>@octocat<\/a>/);
    assert.match(res.html, /<span class="emoji" title=":smile:" role="img" aria-label=":smile:">😄<\/span>/);
    assert.match(res.html, /techblog-embed-card techblog-embed-gist[^]*https:\/\/gist\.github\.com\/octocat\/6cad326836d38bd3a7ae/);
    assert.doesNotMatch(res.html, /techblog-liquid-marker/, 'seo and feed_meta are real tags, not markers');
    assert.doesNotMatch(res.html, /og:url/, 'no `url:` in _config.yml: site.url is nil, so no canonical URL (as jekyll build)');
  });

  test('jemoji and mentions work on the whole page body, layout text too, as their post_render hooks do', async () => {
    const r = await site('title: Pages Notes\nurl: https://notes.example.org\nplugins: [jemoji, jekyll-mentions]\n', {
      '_layouts/post.html': '---\nlayout: default\n---\n<article class="post">{{ content }}</article><footer>Theme by @pages-themes :sparkles:</footer>',
    });
    const res = await render(r, POST);
    assert.match(res.html, /<footer>Theme by <a href=["']https:\/\/github.com\/pages-themes["'] class=["']user-mention["']>@pages-themes<\/a> <span class="emoji" title=":sparkles:"/);
    assert.match(res.html, /<meta property="og:url" content="https:\/\/notes.example.org\/2023\/06\/01\/hello.html" \/>/);
    assert.equal((res.html.match(/user-mention/g) ?? []).length, 2, 'the body is not linked twice');
  });

  test('a Markdown page without front matter is a page, titled by its heading, with relative links made URLs', async () => {
    const r = await site('title: Pages Notes\n');
    assert.equal(await r.urlOf('docs/guide.md'), '/docs/guide.html');
    // jekyll-readme-index: the site has no index page, so its README is the home page, with `home`'s fallback layout.
    assert.equal(await r.urlOf('README.md'), '/');
    const readme = await render(r, 'README.md');
    assert.match(readme.html, /<article class="page"><h1 class="page-title">Readme<\/h1>/);
    const withIndex = await site('title: Pages Notes\n', { 'index.md': '---\n---\nHome\n' });
    assert.equal(await withIndex.urlOf('README.md'), undefined, 'with an index page the README stays out');
    assert.equal(await withIndex.urlOf('index.md'), '/');
    const res = await render(r, 'docs/guide.md');
    assert.equal(res.title, 'The guide');
    assert.match(res.html, /<article class="page"><h1 class="page-title">The guide<\/h1>/);
    assert.match(res.html, /<a href="\/about.html#why">about<\/a>/);
    assert.match(res.html, /<title>The guide \| Pages Notes<\/title>/);
  });

  test('titles_from_headings.collections: posts take their heading as title, even over `title:` (as the gem does)', async () => {
    const r = await site('title: Pages Notes\ntitles_from_headings:\n  collections: true\n', { [POST]: '---\ntitle: Explicit\n---\n# From the heading\n\nText\n' });
    const res = await render(r, POST, '---\ntitle: Explicit\n---\n# From the heading\n\nText\n');
    assert.match(res.html, /<h1 class="post-title">From the heading<\/h1>/);
  });

  test('strip_title: the heading that gave the title is not shown twice', async () => {
    const r = await site('title: Pages Notes\ntitles_from_headings:\n  strip_title: true\n');
    const res = await render(r, 'docs/guide.md');
    assert.match(res.html, /<h1 class="page-title">The guide<\/h1>/);
    assert.doesNotMatch(res.bodyHtml, /<h1/);
    assert.match(res.bodyHtml, /<p data-line="2">See/, 'lines below keep their numbers');
  });

  test('negative: a site that configures its own build gets none of that', async () => {
    const r = await site('title: Own build\nmarkdown: kramdown\n', { Gemfile: 'source "https://rubygems.org"\ngem "jekyll"\n' });
    const res = await render(r, POST);
    assert.equal(res.mode, 'content', 'no layout named, no jekyll-default-layout');
    assert.match(res.bodyHtml, /Thanks @octocat :smile:/);
    assert.equal(await r.urlOf('docs/guide.md'), undefined, 'a file without front matter is a static file');
    const about = await render(r, 'about.md');
    assert.doesNotMatch(about.html, /user-mention|class="emoji"/);
  });

  test('a Gemfile that appears ends GitHub Pages\' defaults; the preview follows it', async () => {
    const fs = new MemoryFileSystem({ '_config.yml': 'title: Pages Notes\n', ...FILES });
    const r = await SiteRenderer.open({ fs, root: '' });
    assert.equal((await render(r, POST)).mode, 'site');
    fs.files.set('Gemfile', 'source "https://rubygems.org"\ngem "jekyll"\n');
    await r.fileChanged('Gemfile', 'created');
    assert.equal((await render(r, POST)).mode, 'content', 'no jekyll-default-layout without GitHub Pages');
    fs.files.set('Gemfile', 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n');
    await r.fileChanged('Gemfile', 'changed');
    assert.equal((await render(r, POST)).mode, 'site', 'the github-pages gem: GitHub Pages again');
  });

  test('site.github from the git remote: a GitHub Pages theme\'s header and "View on GitHub" link', async () => {
    const r = await site('description: Notes.\n', {
      '.git/config': '[remote "origin"]\n\turl = https://github.com/octo-org/handbook.git\n', '.git/HEAD': 'ref: refs/heads/main\n',
      '_layouts/default.html': '<html><head>{% seo %}</head><body><header class="page-header"><h1 class="project-name">{{ site.title | default: site.github.repository_name }}</h1>' +
        '{% if site.github.is_project_page %}<a href="{{ site.github.repository_url }}" class="btn">View on GitHub</a>{% endif %}</header>{{ content }}' +
        '<footer>{{ site.github.repository_name }} is maintained by <a href="{{ site.github.owner_url }}">{{ site.github.owner_name }}</a></footer></body></html>',
    });
    const res = await render(r, POST);
    assert.match(res.html, /<h1 class="project-name">handbook<\/h1><a href="https:\/\/github.com\/octo-org\/handbook" class="btn">View on GitHub<\/a>/);
    assert.match(res.html, /handbook is maintained by <a href="https:\/\/github.com\/octo-org">octo-org<\/a>/);
    assert.match(res.html, /<title>Hello \| handbook<\/title>/, 'the title fallback reaches {% seo %}');
    const own = await site('title: Own\nmarkdown: kramdown\n', { Gemfile: 'gem "jekyll"\n', '.git/config': '[remote "origin"]\n\turl = https://github.com/octo-org/handbook.git\n' });
    assert.doesNotMatch((await render(own, 'about.md')).html, /handbook/, 'not a GitHub Pages site: no site.github');
  });

  test('plugins listed in plugins: work outside GitHub Pages too', async () => {
    const r = await site('markdown: kramdown\nplugins:\n  - jekyll-mentions\n  - jekyll-default-layout\n', { Gemfile: 'gem "jekyll"\n' });
    const res = await render(r, POST);
    assert.equal(res.mode, 'site');
    assert.match(res.html, /class='user-mention'>@octocat<\/a>/);
    assert.match(res.html, /Thanks <a[^>]*>@octocat<\/a> :smile:/, 'jemoji is not listed');
  });
});

describe('a folder with _posts/ and _layouts/ but no _config.yml', () => {
  test('is a Jekyll site, found by its layouts', () => {
    assert.deepEqual(detectGenerator({ files: ['_posts/', '_layouts/', 'index.html'], configs: {} })?.generator, 'jekyll');
    assert.equal(detectGenerator({ files: ['_layouts/', 'index.html'], configs: {} }), undefined, 'layouts alone: a theme, not a blog');
    assert.equal(detectGenerator({ files: ['_posts/'], configs: {} }), undefined);
    assert.equal(markerRoot('blog/_layouts/default.html'), 'blog');
    assert.equal(markerRoot('_layouts/'), '');
    assert.deepEqual(findSites(['blog/_layouts/default.html', 'blog/_posts/2023-01-01-a.md', 'node_modules/x/_layouts/a.html']), ['blog']);
  });

  test('previews in its own layouts with Jekyll\'s defaults', async () => {
    const res = await renderFile(noConfig, '_posts/2023-04-01-first-post.md');
    assert.equal(res.mode, 'site', res.notices.join('\n'));
    assert.equal(res.theme, 'site');
    assert.match(res.html, /<header class="site-header"><a class="site-title" href="\/">A site without _config.yml<\/a>/);
    assert.match(res.html, /<h1 class="post-title">First Post<\/h1>/, 'the title from the file name');
    const second = await renderFile(noConfig, '_posts/2023-05-10-second-post.md');
    assert.match(second.html, /<time datetime="2023-05-10T00:00:00\+00:00">May 10, 2023<\/time>/);
  });
});
