// Theme CSS: the stylesheets the layouts link (href through Liquid, baseurl, relative_url), Sass entry
// files with front matter compiled against _sass/ partials, url() rewritten, the bundled fallback.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { rewriteCssUrls, stylesheetSource } from '../../../src/core/render/theme/stylesheets';
import { kramdownSite, memorySite, renderFile, renderFixture, sampleBlog } from './helpers';

describe('CSS discovery', () => {
  const files = new Set(['assets/css/main.scss', 'assets/css/syntax.css', 'css/plain.css', 'assets/app.sass']);
  const has = (p: string) => files.has(p);
  test('an href maps to the .scss/.sass Jekyll compiles, or the static .css', () => {
    assert.equal(stylesheetSource('/assets/css/main.css', '', has), 'assets/css/main.scss');
    assert.equal(stylesheetSource('/blog/assets/css/main.css', '/blog', has), 'assets/css/main.scss');
    assert.equal(stylesheetSource('/assets/css/syntax.css?v=3', '', has), 'assets/css/syntax.css');
    assert.equal(stylesheetSource('../../css/plain.css', '', has, '/posts/x/'), 'css/plain.css');
    assert.equal(stylesheetSource('/assets/app.css', '', has), 'assets/app.sass');
    assert.equal(stylesheetSource('https://fonts.example.com/css', '', has), undefined);
    assert.equal(stylesheetSource('/nope.css', '', has), undefined);
  });

  test('the sample blog: hrefs written with relative_url and {{ site.baseurl }} are both found, in order, Sass compiled', async () => {
    const r = await renderFile(sampleBlog, '_posts/2021-10-09-python-asyncio-retry.md');
    assert.equal(r.theme, 'site');
    assert.equal(r.css.length, 2);
    // main.scss → _sass/_base.scss: the values the integration tests check.
    assert.match(r.css[0], /font-family: "Noto Sans TC"/);
    assert.match(r.css[0], /color: #0a7d6e/);
    assert.match(r.css[0], /\.note,[^{]*\{[^}]*background: #fff6d6/);
    assert.match(r.css[1], /\.highlight \.k,/);
  });

  test('Sass with front matter, Liquid inside, partials from _sass/, url() pointing at site files', async () => {
    const r = await renderFile(kramdownSite, '_posts/2024-01-15-images.md');
    assert.equal(r.theme, 'site');
    const expected = fs.readFileSync(renderFixture('kramdown-expected', 'site.css'), 'utf8');
    // dart-sass keeps darken()'s exact channels (rgb(58.95%, …)); Jekyll's converter rounds to hex: the same colour.
    const hex = (p: string) => Math.round(Number(p) * 2.55).toString(16).padStart(2, '0');
    const rules = (css: string) => css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/rgb\(([\d.]+)%, ([\d.]+)%, ([\d.]+)%\)/g, (_m, r: string, g: string, b: string) => `#${hex(r)}${hex(g)}${hex(b)}`).replace(/\s+/g, ' ').trim();
    // Same rules as Jekyll's own compile, except url() now points where the host says the file is.
    assert.equal(rules(r.css[0]), rules(expected));
  });

  test('url() in CSS is rewritten relative to the stylesheet, only for files that exist', () => {
    const site = { baseurl: '/blog', has: (p: string) => p === 'assets/fonts/a.woff2' || p === 'images/bg.png', resource: (p: string) => `vscode-resource:/${p}` };
    const css = rewriteCssUrls('a{src:url(../fonts/a.woff2)} b{background:url("/blog/images/bg.png")} c{background:url(data:image/png;base64,xx)} d{x:url(missing.png)}', 'assets/css/main.css', site);
    assert.match(css, /url\("vscode-resource:\/assets\/fonts\/a.woff2"\)/);
    assert.match(css, /url\("vscode-resource:\/images\/bg.png"\)/);
    assert.match(css, /url\(data:image\/png;base64,xx\)/);
    assert.match(css, /url\(missing.png\)/);
    // What Sass leaves of `@import "syntax.css"`: loaded from the site like any url().
    const imported = rewriteCssUrls('@import "syntax.css";\n@import url(https://fonts.example.com/x.css);', 'assets/css/main.css', { ...site, has: (p) => p === 'assets/css/syntax.css' });
    assert.match(imported, /@import url\("vscode-resource:\/assets\/css\/syntax.css"\);/);
    assert.match(imported, /@import url\(https:\/\/fonts.example.com\/x.css\);/);
  });

  test('no stylesheet in the site: the bundled theme, with a notice', async () => {
    const site = await memorySite({}, { fallbackCss: '/* bundled */' });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: '---\ntitle: T\nlayout: post\n---\nx' });
    assert.equal(r.theme, 'fallback');
    assert.deepEqual(r.css, ['/* bundled */']);
    assert.ok(r.notices.some((n) => /bundled theme/.test(n)));
  });

  test('Sass that does not compile: the bundled theme and a notice naming the file', async () => {
    const site = await memorySite({
      '_layouts/default.html': '<html><head><link rel="stylesheet" href="{{ "/assets/style.css" | relative_url }}"></head><body>{{ content }}</body></html>',
      'assets/style.scss': '---\n---\n@import "minima";\n.own { color: red }\n',
    }, { fallbackCss: '/* bundled */' });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: '---\ntitle: T\nlayout: default\n---\nx' });
    assert.equal(r.theme, 'fallback');
    assert.ok(r.notices.some((n) => /assets\/style\.scss could not be compiled \(Can't find stylesheet to import/.test(n)), r.notices.join('\n'));
    assert.ok(!r.notices.some((n) => /libsass/.test(n)), 'a missing partial is not a libsass difference');
  });

  test('a theme whose layouts we cannot see: its conventional entry stylesheet is still tried', async () => {
    const site = await memorySite({ '_config.yml': 'theme: x\n', 'assets/main.scss': '---\n---\nbody { color: red; }' }, { noLayouts: true });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: '---\ntitle: T\nlayout: post\n---\nx' });
    assert.equal(r.theme, 'site');
    assert.match(r.css[0], /color: red/);
  });
});
