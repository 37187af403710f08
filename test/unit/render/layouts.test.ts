// The layout chain (post → default …) around the body, and the fallbacks to content mode.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memorySite, renderFile, sampleBlog } from './helpers';

const post = (fm: string, body = 'Hello **world**.') => `---\n${fm}\n---\n${body}\n`;

describe('layout chain', () => {
  test('post → default: both layouts wrap the body; page, site and layout variables are there', async () => {
    const site = await memorySite({
      '_config.yml': 'title: Chain site\n',
      '_layouts/default.html': '---\nskin: dark\n---\n<html><body class="{{ layout.skin }}"><header>{{ site.title }}</header>{{ content }}</body></html>',
      '_layouts/post.html': '---\nlayout: default\nwide: yes\n---\n<article data-wide="{{ layout.wide }}"><h1>{{ page.title }}</h1>{{ content }}</article>',
    });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: post('title: Chained\nlayout: post') });
    assert.equal(r.mode, 'site');
    assert.match(r.html, /<body class="dark"><header>Chain site<\/header><article data-wide="true"><h1>Chained<\/h1><p data-line="4">Hello <strong>world<\/strong>.<\/p>\n<\/article><\/body>/);
    assert.deepEqual(r.notices.filter((n) => /layout/i.test(n)), []);
  });

  test('page.excerpt is there in the layouts (a theme\'s meta description, its summary)', async () => {
    const site = await memorySite({ '_layouts/post.html': '<p class="summary">{{ page.excerpt | strip_html | strip }}</p>{{ content }}' });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: post('title: T\nlayout: post', 'First paragraph.\n\nSecond paragraph.') });
    assert.match(r.html, /<p class="summary">First paragraph\.<\/p>/);
  });

  test('site.related_posts is the post\'s: the newest other posts, never the post itself', async () => {
    const site = await memorySite({
      '_posts/2024-01-01-a.md': post('title: A'), '_posts/2024-02-01-b.md': post('title: B'),
      '_layouts/post.html': '<p class="related">{{ site.related_posts | map: "title" | join: "," }}</p>{{ content }}',
    });
    const r = await site.render({ path: '_posts/2024-02-01-b.md', text: post('title: B\nlayout: post') });
    assert.match(r.html, /<p class="related">A<\/p>/);
  });

  test('defaults: in _config.yml give posts their layout', async () => {
    const r = await renderFile(sampleBlog, '_posts/2023-02-18-sqlite-wal-mode.md');
    assert.equal(r.mode, 'site');
    assert.match(r.html, /<header class="site-header">/);
    assert.match(r.html, /<article class="post"/);
    assert.match(r.html, /<footer class="site-footer">/);
  });

  test('includes in layouts get their parameters', async () => {
    const site = await memorySite({
      '_layouts/default.html': '<html><body>{{ content }}{% include foot.html year=2024 %}</body></html>',
      '_includes/foot.html': '<footer>© {{ include.year }}</footer>',
    });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: post('title: T\nlayout: default') });
    assert.match(r.html, /<footer>© 2024<\/footer>/);
  });

  test('a layout that does not exist: content mode with a one-line notice', async () => {
    const r = await renderFile(sampleBlog, '_posts/2023-05-20-nginx-rate-limit.md');
    assert.equal(r.mode, 'content');
    assert.ok(r.notices.some((n) => /Layout "poost" does not exist/.test(n) && /content mode/.test(n)), r.notices.join('\n'));
    assert.match(r.html, /<body class="techblog-content-mode">/);
    // Content mode still uses the site's CSS.
    assert.equal(r.theme, 'site');
  });

  test('a layout from a theme gem we cannot see: content mode, the notice names the theme', async () => {
    const site = await memorySite({ '_config.yml': 'theme: minima\n' }, { noLayouts: true });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: post('title: T\nlayout: post') });
    assert.equal(r.mode, 'content');
    assert.ok(r.notices.some((n) => /theme "minima"/.test(n)));
  });

  test('a layout tag that fails costs that tag only: the layout keeps its header, the notice names file:line', async () => {
    const site = await memorySite({
      '_layouts/post.html': '---\nlayout: default\n---\n<article>\n{% for x in %}{{ content }}</article>',
      '_layouts/default.html': '<header class="site-header">Site</header>\n{{ page.title | nosuchfilter }}{{ 1 | divided_by: 0 }}\n{{ content }}',
    });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: post('title: T\nlayout: post') });
    assert.equal(r.mode, 'site');
    assert.match(r.html, /<header class="site-header">Site<\/header>/);
    assert.match(r.html, /<article>/);
    assert.match(r.html, /techblog-liquid-error[^>]*>\{% for x in %\}/);
    assert.ok(r.notices.some((n) => n.startsWith('_layouts/post.html:5: Liquid syntax error')), r.notices.join('\n'));
    assert.ok(r.notices.some((n) => n.startsWith('_layouts/default.html:2: Liquid error: divided by 0')), r.notices.join('\n'));
  });

  test('layouts that include each other stop with a notice', async () => {
    const site = await memorySite({ '_layouts/a.html': '---\nlayout: b\n---\n{{ content }}', '_layouts/b.html': '---\nlayout: a\n---\n{{ content }}' });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: post('title: T\nlayout: a') });
    assert.equal(r.mode, 'content');
    assert.ok(r.notices.some((n) => /includes itself/.test(n)));
  });

  test('content mode on request: the body in a minimal page, the layouts not rendered', async () => {
    const r = await renderFile(sampleBlog, '_posts/2021-03-14-go-context-cancellation.md', { mode: 'content' });
    assert.equal(r.mode, 'content');
    assert.ok(!r.html.includes('site-header'));
    assert.match(r.html, /<h1 class="post-title">Go context cancellation: three mistakes I keep making<\/h1>/);
    assert.equal(r.css.length, 2, 'main.scss and syntax.css');
  });

  test('layouts cannot run scripts: script tags and handlers are removed from them too', async () => {
    const site = await memorySite({
      '_layouts/default.html': '<html><head><script>alert(1)</script><script src="https://cdn.example/x.js"></script></head><body onload="alert(2)">{{ content }}<a href="javascript:alert(3)">x</a></body></html>',
    });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: post('title: T\nlayout: default') });
    assert.ok(!/<script|onload|javascript:/i.test(r.html), r.html);
  });
});
