// Restricted Mode (an untrusted workspace): the renderer shows the post body as Markdown with the
// bundled theme, and none of the site's code runs: no Liquid, no layouts, no Sass, no site scripts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memorySite } from './helpers';

const BUNDLED = '/* bundled theme */ body { color: #111; }';

const site = () => memorySite({
  '_includes/secret.html': 'SECRET-INCLUDE',
  '_sass/base.scss': '$c: #f00; .sass-ran { color: $c; }',
  'assets/main.scss': '---\n---\n@import "base";\n',
  'assets/site.js': 'window.siteScript = 1;',
  '_layouts/default.html': '<!DOCTYPE html><html><head><link rel="stylesheet" href="/assets/main.css"><script src="/assets/site.js"></script></head>' +
    '<body><header class="site-header">LAYOUT-HEADER</header>{{ content }}</body></html>',
}, { fallbackCss: BUNDLED });

const text = '---\ntitle: Stranger\nlayout: post\n---\nHello **world**.\n\n{% include secret.html %}\n\n{% for i in (1..3) %}loop{{ i }}{% endfor %}\n';

describe('Restricted Mode rendering', () => {
  test('trusted: Liquid, layouts and the site\'s Sass all run (the control)', async () => {
    const r = await (await site()).render({ path: '_posts/2024-01-01-x.md', text, siteScripts: true });
    assert.equal(r.mode, 'site');
    assert.match(r.html, /SECRET-INCLUDE/);
    assert.match(r.html, /LAYOUT-HEADER/);
    assert.match(r.html, /loop1loop2loop3/);
    assert.ok(r.css.some((c) => c.includes('.sass-ran')), 'the site\'s Sass compiled');
  });

  test('restricted: the body as Markdown in content mode, Liquid as text, the bundled theme, no scripts', async () => {
    const r = await (await site()).render({ path: '_posts/2024-01-01-x.md', text, restricted: true, mode: 'site', siteScripts: true });
    assert.equal(r.mode, 'content');
    assert.match(r.bodyHtml, /Hello <strong>world<\/strong>\./);
    assert.doesNotMatch(r.html, /SECRET-INCLUDE/);
    assert.doesNotMatch(r.html, /LAYOUT-HEADER/);
    assert.doesNotMatch(r.html, /loop1/);
    assert.match(r.bodyHtml, /\{% include secret\.html %\}/);
    assert.doesNotMatch(r.html, /<script/i);
    assert.deepEqual(r.css, [BUNDLED]);
    assert.equal(r.theme, 'fallback');
    assert.deepEqual(r.notices, []);
  });

  test('after trust is granted the same renderer renders the whole site again', async () => {
    const s = await site();
    await s.render({ path: '_posts/2024-01-01-x.md', text, restricted: true });
    const r = await s.render({ path: '_posts/2024-01-01-x.md', text });
    assert.equal(r.mode, 'site');
    assert.match(r.html, /LAYOUT-HEADER/);
    assert.ok(r.css.some((c) => c.includes('.sass-ran')));
  });
});
