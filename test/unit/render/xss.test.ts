// The XSS corpus through the whole renderer (post HTML, kramdown attribute lists in every position,
// layouts that put the body in attributes and raw text, Liquid output, CSS escapes): no handler, no
// script, no script URL, no remote resource, no @import survives. The same pages run in Chromium in
// test/e2e/xss.e2e.mjs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { standaloneCsp, standaloneHtml } from '../../../src/core/render/standalone';
import { cleanCss, sanitizeHtml } from '../../../src/core/render/sanitize';
import { memorySite } from './helpers';
import { dangers, loadCorpus, renderCorpus } from './xssCorpus';

describe('XSS corpus', () => {
  test('the corpus has at least 150 payloads in every family', () => {
    const corpus = loadCorpus();
    assert.ok(corpus.length >= 150, `${corpus.length} payloads`);
    for (const family of ['script-', 'handler-', 'url-', 'svg-math-', 'mxss-', 'css-', 'ial-', 'ald-', 'layout-', 'liquid-']) {
      assert.ok(corpus.some((e) => e.name.startsWith(family)), family);
    }
  });

  test('the checker fires on the raw payloads (it can fail)', () => {
    const raw = loadCorpus().filter((e) => e.kind === 'post' && !e.name.startsWith('ial-') && !e.name.startsWith('ald-') && !e.name.startsWith('liquid-'));
    const caught = raw.filter((e) => dangers(e.text).length > 0).length;
    assert.ok(caught >= raw.length * 0.8, `the checker sees ${caught} of ${raw.length} raw payloads`);
  });

  test('every rendered page is inert', async () => {
    const rendered = await renderCorpus();
    const bad = rendered.map((r) => ({ name: r.entry.name, found: dangers(r.html) })).filter((r) => r.found.length);
    assert.deepEqual(bad, [], bad.map((b) => `${b.name}: ${b.found.join('; ')}`).join('\n'));
  });

  test('kramdown attribute lists keep the attributes kramdown users write', async () => {
    const [r] = await renderCorpus([{ kind: 'post', name: 'ok', text: 'para\n{: #p .a .b style="color: red" title="t" lang="en" dir="rtl" data-x="1" aria-label="l" width="3"}\n\n| a |\n|---|\n| 1 |\n{: align="center"}' }]);
    assert.match(r.bodyHtml, /<p id="p" class="a b" style="color: red" title="t" lang="en" dir="rtl" data-x="1" aria-label="l" width="3"/);
    assert.match(r.bodyHtml, /<table align="center"/);
  });

  test('CSS escapes and comments are decoded before matching; legitimate CSS is kept', () => {
    assert.equal(cleanCss('color: red; content: "\\201C"'), 'color: red; content: "\u201C"');
    assert.doesNotMatch(cleanCss('@\\69mport "x.css"'), /@import/i);
    assert.match(cleanCss('background: u\\rl(https://e.example/x.png)', (u) => (u.startsWith('https:') ? { missing: u, blocked: 'remote' } : undefined)), /background: none/);
    assert.match(cleanCss('background: image-set("https://e.example/x.png" 1x)', () => ({ missing: 'x', blocked: 'remote' })), /image-set\(none 1x\)/);
    assert.doesNotMatch(cleanCss('width: exp/**/ression(alert(1))'), /expression/);
    assert.equal(cleanCss('a { content: "\\"" }'), 'a { content: "\\"" }');
    // A theme's selectors for highlighted code keep their pseudo-classes; a script URL as a value does not survive.
    assert.equal(cleanCss('code.language-javascript:hover, .javascript::before { color: red }'), 'code.language-javascript:hover, .javascript::before { color: red }');
    assert.doesNotMatch(cleanCss('behavior: url(x); cursor: javascript:alert(1)'), /javascript:/);
  });

  test('a layout with the body in an attribute or a textarea: the body cannot break out', async () => {
    for (const r of await renderCorpus(loadCorpus().filter((e) => e.kind === 'layout'))) {
      assert.deepEqual(dangers(r.html), [], r.entry.name);
    }
  });

  test('a layout with the body in an attribute: the page is sanitized whole, and the body\'s site images stay', async () => {
    const site = await memorySite({
      'img/a.png': 'png',
      '_layouts/odd.html': '<!DOCTYPE html><html><head><title>t</title></head><body><img alt="{{ content }}" src="/img/a.png"><main>{{ content }}</main></body></html>',
    });
    const text = '---\nlayout: odd\ntitle: Odd\n---\n![pic](/img/a.png)\n\n<b onclick="alert(1)">x</b>\n';
    // Site files map to https: URLs, as in the webview: they must not count as remote images.
    const r = await site.render({ path: '_posts/2024-01-01-odd.md', text, remoteImages: false, resolveResource: (p) => `https://file.cdn.example/site/${p}` });
    assert.deepEqual(dangers(r.html).filter((d) => !d.includes('https://file.cdn.example/site/')), []);
    assert.match(r.html, /<main><p data-line="\d+"><img src="https:\/\/file\.cdn\.example\/site\/img\/a\.png" alt="pic" \/>/);
    assert.doesNotMatch(r.html, /techblog-missing-image/);
  });

  test('the standalone page carries the CSP first in <head>: no script, no connections', () => {
    const page = standaloneHtml({ html: '<!DOCTYPE html><html><head><title>x</title></head><body><p>x</p></body></html>', css: ['p{}'] });
    const meta = /<head>\n<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(page);
    assert.ok(meta, page.slice(0, 300));
    assert.equal(meta[1], standaloneCsp());
    assert.match(meta[1], /default-src 'none'; script-src 'none';/);
    assert.match(meta[1], /connect-src 'none'/);
    assert.ok(page.indexOf('Content-Security-Policy') < page.indexOf('<style>'));
    assert.doesNotMatch(standaloneCsp({ remoteImages: false }), /https:/);
  });

  test('sanitizeHtml alone: data: only for raster images, never SVG or HTML', () => {
    assert.match(sanitizeHtml('<img src="data:image/png;base64,AAAA">'), /src="data:image\/png/);
    assert.doesNotMatch(sanitizeHtml('<img src="data:image/svg+xml,<svg onload=alert(1)>">'), /src=/);
    assert.doesNotMatch(sanitizeHtml('<a href="data:text/html,x">x</a>'), /href=/);
  });
});
