// The theme layer under the site, as Jekyll 4.3 merges a gem theme: the site's layouts (by name),
// includes, Sass partials and assets win; the theme fills in the rest, its _config.yml under the site's.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiteRenderer } from '../../../src/core/render/renderer';
import { mergeThemeConfig, type ThemeLayer } from '../../../src/core/render/theme/themeLayer';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';

const THEME: Record<string, string> = {
  '_layouts/default.html': '<html><head><link rel="stylesheet" href="{{ "/assets/main.css" | relative_url }}"></head><body>{% include header.html %}{{ content }}{% include footer.html %}</body></html>',
  '_layouts/post.html': '---\nlayout: default\n---\n<article class="theme-post">{{ content }}</article>',
  '_layouts/page.html': '---\nlayout: default\n---\n<div class="theme-page">{{ content }}</div>',
  '_includes/header.html': '<header class="theme-header">{{ site.title }} — {{ site.tagline }}</header>',
  '_includes/footer.html': '<footer class="theme-footer">theme footer</footer>',
  '_sass/theme.scss': '@import "theme/colors"; body { color: $ink; }',
  '_sass/theme/_colors.scss': '$ink: #111111 !default;',
  '_sass/_vars.scss': '$pad: 1px;',
  'assets/main.scss': '---\n---\n@import "vars"; @import "theme"; .logo { background: url("logo.png"); padding: $pad; }',
  'assets/logo.png': 'PNG',
  '_config.yml': 'tagline: from the theme\ntitle: Theme title\npermalink: /theme/:title/\n',
};

async function site(siteFiles: Record<string, string>, themeFiles: Record<string, string> = THEME): Promise<SiteRenderer> {
  const files: Record<string, string> = { '_config.yml': 'title: My blog\n', ...siteFiles };
  const all: Record<string, string> = { ...Object.fromEntries(Object.entries(files).map(([k, v]) => [`site/${k}`, v])), ...Object.fromEntries(Object.entries(themeFiles).map(([k, v]) => [`gems/t-1.0.0/${k}`, v])) };
  const fs = new MemoryFileSystem(all);
  const theme: ThemeLayer = { root: 'gems/t-1.0.0', name: 't', version: '1.0.0', fs, files: Object.keys(themeFiles) };
  return SiteRenderer.open({ fs, root: 'site', theme });
}

const POST = '---\ntitle: Hello\nlayout: post\n---\nBody text.\n';

describe('theme layer', () => {
  test('the theme\'s layouts, includes, Sass and assets fill in what the site does not have', async () => {
    const r = await (await site({})).render({ path: '_posts/2024-01-01-hello.md', text: POST, resolveThemeResource: (p) => `theme://${p}` });
    assert.equal(r.mode, 'site', r.notices.join('\n'));
    assert.match(r.html, /<header class="theme-header">My blog — from the theme<\/header><article class="theme-post">/);
    assert.match(r.html, /<footer class="theme-footer">theme footer<\/footer>/);
    assert.equal(r.theme, 'site');
    assert.match(r.css.join('\n'), /color: #111111/);
    assert.match(r.css.join('\n'), /url\("?theme:\/\/assets\/logo\.png"?\)/, 'the theme\'s image is served from the theme');
  });

  test('the site wins: an include, a layout of the same name (any extension), a Sass partial, an asset', async () => {
    const r = await (await site({
      '_includes/header.html': '<header class="site-header">mine</header>',
      '_layouts/post.htm': '---\nlayout: default\n---\n<article class="site-post">{{ content }}</article>',
      '_sass/_vars.scss': '$pad: 7px;',
      'assets/logo.png': 'PNG',
    })).render({ path: '_posts/2024-01-01-hello.md', text: POST, resolveResource: (p) => `site://${p}`, resolveThemeResource: (p) => `theme://${p}` });
    assert.match(r.html, /<header class="site-header">mine<\/header><article class="site-post">/);
    assert.doesNotMatch(r.html, /theme-header|theme-post/);
    assert.match(r.html, /theme-footer/, 'what the site does not override still comes from the theme');
    const css = r.css.join('\n');
    assert.match(css, /padding: 7px/);
    assert.match(css, /site:\/\/assets\/logo\.png/);
  });

  test('Sass: a theme partial\'s relative import finds the theme\'s sibling first, as libsass does (Jekyll ignores a site copy of it)', async () => {
    const r = await (await site({ '_sass/theme/_colors.scss': '$ink: #222222;' })).render({ path: '_posts/2024-01-01-hello.md', text: POST });
    const css = r.css.join('\n');
    assert.match(css, /color: #111111/);
    assert.doesNotMatch(css, /#222222/);
    // …while the site's copy of the partial the entry imports through the load path wins.
    const own = await (await site({ '_sass/theme.scss': '@import "theme/colors"; body { color: $ink; border: 0; }', '_sass/theme/_colors.scss': '$ink: #333333;' }))
      .render({ path: '_posts/2024-01-01-hello.md', text: POST });
    assert.match(own.css.join('\n'), /color: #333333;\s*border: 0/);
  });

  test('the site\'s own entry stylesheet replaces the theme\'s', async () => {
    const r = await (await site({ 'assets/main.scss': '---\n---\n@import "theme"; .mine { margin: 0; }' })).render({ path: '_posts/2024-01-01-hello.md', text: POST });
    const css = r.css.join('\n');
    assert.match(css, /\.mine/);
    assert.doesNotMatch(css, /\.logo/);
  });

  test('a remote theme\'s _config.yml is not read (jekyll-remote-theme sets the theme after the config)', async () => {
    const files: Record<string, string> = { 'site/_config.yml': 'title: My blog\n' };
    for (const [k, v] of Object.entries(THEME)) files[`gh/t/${k}`] = v;
    const fs = new MemoryFileSystem(files);
    const renderer = await SiteRenderer.open({ fs, root: 'site', theme: { root: 'gh/t', name: 'o/t', fs, files: Object.keys(THEME), readConfig: false } });
    const r = await renderer.render({ path: '_posts/2024-01-01-hello.md', text: POST });
    assert.match(r.html, /<header class="theme-header">My blog — <\/header>/);
  });

  test('the theme\'s _data files the site lacks are in site.data', async () => {
    const r = await (await site({ '_data/links.yml': 'home: /mine/\n', '_layouts/page.html': '<p class="d">{{ site.data.links.home }} {{ site.data.ui.more }}</p>{{ content }}' },
      { ...THEME, '_data/links.yml': 'home: /theirs/\n', '_data/ui.yml': 'more: Read more\n' })).render({ path: 'about.md', text: '---\nlayout: page\n---\nx\n' });
    assert.match(r.html, /<p class="d">\/mine\/ Read more<\/p>/);
  });

  test('a layout in neither: content mode, the notice names the theme', async () => {
    const r = await (await site({})).render({ path: '_posts/2024-01-01-hello.md', text: POST.replace('layout: post', 'layout: wide') });
    assert.equal(r.mode, 'content');
    assert.ok(r.notices.some((n) => n.includes('"wide"') && n.includes('"t"')), r.notices.join('\n'));
  });

  test('_config.yml: the theme\'s keys under the site\'s, without Jekyll\'s own defaults; ignore_theme_config honoured', () => {
    const merged = mergeThemeConfig('title: Mine\nnested:\n  a: 1\n', 'title: Theirs\ntagline: t\npermalink: /x/\nnested:\n  a: 2\n  b: 3\n') ?? '';
    assert.match(merged, /title: Mine/);
    assert.match(merged, /tagline: t/);
    assert.doesNotMatch(merged, /permalink/);
    assert.match(merged, /a: 1/);
    assert.match(merged, /b: 3/);
    assert.equal(mergeThemeConfig('ignore_theme_config: true\n', 'tagline: t\n'), 'ignore_theme_config: true\n');
    assert.equal(mergeThemeConfig('bad: [yaml', 'tagline: t\n'), 'bad: [yaml', 'a site config that does not parse is kept as it is');
  });
});
