// The site's `liquid:` settings (error_mode, strict_filters, strict_variables) and error isolation: a tag
// that cannot parse or render costs that tag only — the layout keeps its header, and the notice names
// the file and line.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { memorySite, renderFile } from './helpers';
import { repoRoot } from '../repoRoot';

const POST = '_posts/2024-01-01-x.md';
const post = '---\ntitle: T\nlayout: post\ntags: [a]\n---\nBody text.\n';

async function render(config: string, files: Record<string, string>) {
  const site = await memorySite({ '_config.yml': `title: Site\n${config}`, ...files });
  return site.render({ path: POST, text: post });
}

const layout = (body: string) => ({
  '_layouts/default.html': '<html><body><header class="site-header"><nav>Home</nav></header>\n{{ content }}\n<footer>Foot</footer></body></html>',
  '_layouts/post.html': `---\nlayout: default\n---\n<article>${body}{{ content }}</article>`,
});

describe('liquid: error_mode', () => {
  const tpl = '{% if page.tags | size > 0 %}<p class="tagged">T</p>{% endif %}';

  test('warn (Jekyll\'s default) parses laxly: a filter in a condition renders as Ruby Liquid renders it', async () => {
    const r = await render('', layout(tpl));
    assert.equal(r.mode, 'site');
    assert.match(r.html, /<p class="tagged">T<\/p>/);
    assert.ok(!r.notices.some((n) => /Liquid/.test(n)), r.notices.join('\n'));
  });

  test('lax renders the same', async () => {
    const r = await render('liquid:\n  error_mode: lax\n', layout(tpl));
    assert.match(r.html, /<p class="tagged">T<\/p>/);
  });

  test('strict rejects the tag: a marker and a notice naming file:line, the page keeps header and footer', async () => {
    const r = await render('liquid:\n  error_mode: strict\n', layout(tpl));
    assert.equal(r.mode, 'site');
    assert.match(r.html, /<header class="site-header"><nav>Home<\/nav><\/header>/);
    assert.match(r.html, /<footer>Foot<\/footer>/);
    assert.match(r.html, /techblog-liquid-error/);
    assert.doesNotMatch(r.html, /class="tagged"/);
    assert.ok(r.notices.some((n) => n.startsWith('_layouts/post.html:4: Liquid syntax error')), r.notices.join('\n'));
  });
});

describe('liquid: strict_filters and strict_variables', () => {
  test('an unknown filter gives back its input unless strict_filters is set', async () => {
    const files = layout('<p class="f">{{ "kept" | no_such_filter }}</p>');
    const lax = await render('', files);
    assert.match(lax.html, /<p class="f">kept<\/p>/);
    const strict = await render('liquid:\n  strict_filters: true\n', files);
    assert.match(strict.html, /<header class="site-header">/);
    assert.ok(strict.notices.some((n) => /^_layouts\/post\.html:4: Liquid error: undefined filter no_such_filter/.test(n)), strict.notices.join('\n'));
  });

  test('an undefined variable is empty unless strict_variables is set', async () => {
    const files = layout('<p class="v">[{{ page.nope }}]</p>');
    const lax = await render('', files);
    assert.match(lax.html, /<p class="v">\[\]<\/p>/);
    const strict = await render('liquid:\n  strict_variables: true\n', files);
    assert.match(strict.html, /<footer>Foot<\/footer>/);
    assert.ok(strict.notices.some((n) => /^_layouts\/post\.html:4: Liquid error: undefined variable nope/.test(n)), strict.notices.join('\n'));
  });
});

describe('a failing tag costs that tag only', () => {
  test('in an include: the notice names the include and its line; the rest of the layout chain renders', async () => {
    const head = ['<head>', ...Array.from({ length: 10 }, (_, i) => `<meta name="m${i}" content="{{ site.title }}">`), '{% for x in %}', '<title>{{ page.title }}</title>', '</head>'].join('\n');
    const r = await render('', {
      '_includes/head.html': head,
      '_layouts/default.html': '<html>{% include head.html %}<body><header class="site-header"><nav>Home</nav></header>{{ content }}</body></html>',
      '_layouts/post.html': '---\nlayout: default\n---\n<article>{{ content }}</article>',
    });
    assert.equal(r.mode, 'site');
    assert.match(r.html, /<nav>Home<\/nav>/);
    assert.match(r.html, /<article>/);
    assert.match(r.html, /Body text\./);
    assert.ok(r.notices.some((n) => n.startsWith('_includes/head.html:12: Liquid syntax error')), r.notices.join('\n'));
  });

  test('a render error (divided by 0) in the post body: the marker in place, the other paragraphs render', async () => {
    const site = await memorySite({ '_config.yml': 'title: Site\n' });
    const r = await site.render({ path: POST, text: '---\ntitle: T\nlayout: post\n---\nBefore.\n\n{{ 1 | divided_by: 0 }}\n\nAfter {{ site.title }}.\n' });
    assert.match(r.bodyHtml, /Before\./);
    assert.match(r.bodyHtml, /After Site\./);
    assert.match(r.bodyHtml, /techblog-liquid-error/);
    assert.ok(r.notices.some((n) => n.startsWith(`${POST}:7: Liquid error: divided by 0`)), r.notices.join('\n'));
  });
});

describe('a tag that outputs nothing fails silently in the page, as in Ruby', () => {
  test('a failing assign leaves no marker, but a notice names it', async () => {
    const r = await render('', layout('{% assign n = 1 | divided_by: 0 %}<p class="n">[{{ n }}]</p>'));
    assert.match(r.html, /<p class="n">\[\]<\/p>/);
    assert.doesNotMatch(r.html, /techblog-liquid-error/);
    assert.ok(r.notices.includes('_layouts/post.html:4: Liquid error: divided by 0'), r.notices.join('\n'));
  });

  test('{% liquid %} lines report the line they are on', async () => {
    const r = await render('', layout('{% liquid\n  assign a = 1\n  echo a | divided_by: 0\n%}'));
    assert.match(r.html, /<footer>Foot<\/footer>/);
    assert.ok(r.notices.some((n) => n.startsWith('_layouts/post.html:6: Liquid error: divided by 0')), r.notices.join('\n'));
  });
});

describe('plugin block tags', () => {
  test('a plugin\'s block inside an if: both of its tags are markers, the if and its other content render', async () => {
    const r = await render('', layout('{% if page.tags %}<p class="a">A</p>{% tabs demo %}<p class="b">B</p>{% endtabs %}<p class="c">C</p>{% endif %}'));
    assert.match(r.html, /<p class="a">A<\/p><span class="techblog-liquid-marker techblog-liquid-tag"[^>]*>\{% tabs demo %\}<\/span><p class="b">B<\/p><span[^>]*>\{% endtabs %\}<\/span><p class="c">C<\/p>/);
    assert.deepEqual(r.notices.filter((n) => /plugin/.test(n)), ['Liquid tag {% tabs %} comes from a plugin the preview does not have; it is shown as a marker.']);
  });
});

describe('runaway templates are stopped, and cost their tag only', () => {
  test('an include that includes itself', { timeout: 60_000 }, async () => {
    const r = await render('', {
      '_includes/loop.html': 'L{% include loop.html %}',
      '_layouts/default.html': '<html><body><header class="site-header">H</header>{% include loop.html %}{{ content }}<footer>Foot</footer></body></html>',
      '_layouts/post.html': '---\nlayout: default\n---\n{{ content }}',
    });
    assert.match(r.html, /<footer>Foot<\/footer>/);
    assert.ok(r.notices.some((n) => /^_layouts\/default\.html:1: Liquid error: Nesting too deep/.test(n)), r.notices.join('\n'));
  });

  // Before the tokenizer scanned by hand, this took minutes (each unclosed `{%` searched the rest again).
  test('tens of thousands of unclosed {% and {{ stay fast', { timeout: 60_000 }, async () => {
    const site = await memorySite({ '_config.yml': 'title: Site\n' });
    const r = await site.render({ path: POST, text: `---\ntitle: T\n---\n${'{% '.repeat(30000)}x ${'{{ '.repeat(30000)}\n`, mode: 'content' });
    assert.ok((r.timings?.liquid ?? 0) < 20_000, `Liquid took ${r.timings?.liquid} ms`);
    assert.match(r.bodyHtml, /techblog-liquid-error/);
  });

  test('a string doubled in a loop stops at the memory limit', { timeout: 60_000 }, async () => {
    const r = await render('', layout('{% assign s = "abcdefghij" %}{% for i in (1..40) %}{% assign s = s | append: s %}{% endfor %}<p class="n">{{ s | size }}</p>'));
    assert.match(r.html, /<footer>Foot<\/footer>/);
    assert.ok(r.notices.some((n) => /^_layouts\/post\.html:4: Liquid error: .*limit/.test(n)), r.notices.join('\n'));
  });
});

describe('the lax-liquid-theme fixture (a theme relying on lax parsing)', () => {
  const site = path.join(repoRoot, 'test', 'fixtures', 'sites', 'lax-liquid-theme');
  test('previews in its own theme: header, navigation, footer and its CSS, without Liquid notices', async () => {
    const r = await renderFile(site, '_posts/2024-02-10-lax-parsing.md');
    assert.equal(r.mode, 'site');
    assert.equal(r.theme, 'site');
    assert.match(r.html, /<header class="site-header">/);
    // What each element says is compared with Jekyll's own build in the fidelity stage; here: they are there.
    assert.match(r.html, /<nav class="site-nav"[^>]*>[\s\S]*href="\/about\/"[\s\S]*<\/nav>/);
    assert.match(r.html, /<p class="post-tags">/);
    assert.match(r.html, /<footer class="site-footer">/);
    assert.ok(r.css.some((c) => c.includes('.site-header')));
    assert.ok(!r.notices.some((n) => /Liquid|layout/i.test(n)), r.notices.join('\n'));
  });
});
