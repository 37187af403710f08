// What a layout or post references besides `src`: url(…) in style attributes and <style> elements
// (header background images), remote images by the user's policy, the site's own scripts only when
// asked for, and the notices in the order a user should read them.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mapCssUrls } from '../../../src/core/render/resources/cssUrls';
import { orderNotices } from '../../../src/core/render/notices';
import { sanitizeHtml } from '../../../src/core/render/sanitize';
import type { RenderRequest } from '../../../src/core/render/types';
import { memorySite } from './helpers';

const RESOURCE = (p: string) => `https://file+.vscode-resource.vscode-cdn.net/site/${p}`;
const POST = '_posts/2024-03-01-refs.md';

/** A site with `baseurl: /blog`, a header with a background image from its inline style, and some images. */
function site(layout: string, extra: Record<string, string> = {}) {
  return memorySite({
    '_config.yml': 'title: Refs\nbaseurl: /blog\n',
    '_layouts/default.html': `<!DOCTYPE html>\n<html><head><title>{{ page.title }}</title></head><body>${layout}{{ content }}</body></html>`,
    'img/bg.jpg': 'jpg',
    'img/style.png': 'png',
    'assets/js/toc.js': 'js',
    'assets/js/data.json': '{}',
    '_posts/p.png': 'png',
    'assets/css/main.css': 'body { margin: 0 }',
    ...extra,
  });
}

async function render(layout: string, body = 'Text.', req: Partial<RenderRequest> = {}) {
  const s = await site(layout);
  return s.render({ path: POST, text: `---\ntitle: Refs\nlayout: default\n---\n${body}\n`, resolveResource: RESOURCE, ...req });
}

describe('url(…) in a layout\'s style attributes and <style> elements', () => {
  test('{{ site.baseurl }}/img/bg.jpg in a header\'s inline style resolves to the site file', async () => {
    const r = await render(`<header class="site-header" style="background-image: url('{{ site.baseurl }}/img/bg.jpg')">H</header>`);
    assert.match(r.html, /<header class="site-header" style="background-image: url\(&quot;https:\/\/file\+\.vscode-resource\.vscode-cdn\.net\/site\/img\/bg\.jpg&quot;\)">/);
    assert.deepEqual(r.notices, []);
  });

  test('a site path, a path relative to the page, unquoted and double-quoted forms; data: and fragments stay', async () => {
    const r = await render([
      '<div id="a" style="background:url(/img/bg.jpg) center / cover">a</div>',
      '<div id="b" style=\'background-image:url("img/style.png")\'>b</div>',
      '<div id="c" style="background:url(data:image/png;base64,AAAA)">c</div>',
      '<svg><rect style="fill:url(#grad)"/></svg>',
    ].join(''));
    assert.match(r.html, /id="a" style="background:url\(&quot;https:[^"]*\/site\/img\/bg\.jpg&quot;\) center \/ cover"/);
    assert.match(r.html, /id="b" style="background-image:url\(&quot;https:[^"]*\/site\/img\/style\.png&quot;\)"/);
    assert.match(r.html, /id="c" style="background:url\(data:image\/png;base64,AAAA\)"/);
    assert.match(r.html, /style="fill:url\(#grad\)"/);
  });

  test('a <style> element of the layout: its url(…) resolve too', async () => {
    const r = await render('<style>.site-header { background: #333 url("{{ site.baseurl }}/img/bg.jpg") no-repeat; } .x{background:url(/img/style.png)}</style><header class="site-header">H</header>');
    assert.match(r.html, /<style>\.site-header \{ background: #333 url\("https:[^"]*\/site\/img\/bg\.jpg"\) no-repeat; \} \.x\{background:url\("https:[^"]*\/site\/img\/style\.png"\)\}<\/style>/);
  });

  test('a missing image becomes `none` (no request the page would fail on) and is named in a notice', async () => {
    const r = await render('<header style="background-image: url(/img/gone.jpg)">H</header><style>.y{background:url(\'/img/gone2.png\')}</style>');
    assert.match(r.html, /<header style="background-image: none">/);
    assert.match(r.html, /\.y\{background:none\}/);
    assert.ok(r.notices.includes('Image not found: img/gone.jpg (linked as /img/gone.jpg).'), r.notices.join('\n'));
    assert.ok(r.notices.includes('Image not found: img/gone2.png (linked as /img/gone2.png).'), r.notices.join('\n'));
  });

  test('remote: https kept (remote images on), `none` when off; insecure http never', async () => {
    const layout = '<header id="h" style="background-image:url(https://example.com/bg.jpg)">H</header><div id="i" style="background:url(http://example.com/bg.jpg)">i</div>';
    const on = await render(layout);
    assert.match(on.html, /id="h" style="background-image:url\(https:\/\/example\.com\/bg\.jpg\)"/);
    assert.match(on.html, /id="i" style="background:none"/);
    assert.ok(on.noticeDetails.some((n) => n.kind === 'info' && /http: image not loaded.*http:\/\/example\.com\/bg\.jpg/.test(n.text)), on.notices.join('\n'));
    const off = await render(layout, 'Text.', { remoteImages: false });
    assert.match(off.html, /id="h" style="background-image:none"/);
    assert.ok(off.notices.some((n) => /remoteImages is off/.test(n)), off.notices.join('\n'));
  });

  test('a post\'s inline style: relative to the post file (Typora) and to the site root', async () => {
    const r = await render('', '<div class="hero" style="background-image: url(p.png)">x</div>\n\n<p style="background: url(\'/blog/img/bg.jpg\')">y</p>');
    assert.match(r.bodyHtml, /class="hero" style="background-image: url\(&quot;https:[^"]*\/site\/_posts\/p\.png&quot;\)"/);
    assert.match(r.bodyHtml, /style="background: url\(&quot;https:[^"]*\/site\/img\/bg\.jpg&quot;\)"/);
  });

  test('a post\'s missing url() image: `none` and the notice', async () => {
    const r = await render('', '<div style="background-image: url(../images/nope.png)">x</div>');
    assert.match(r.bodyHtml, /style="background-image: none"/);
    assert.ok(r.notices.some((n) => /Image not found: \S*images\/nope\.png \(linked as \.\.\/images\/nope\.png\)/.test(n)), r.notices.join('\n'));
  });

  test('what the sanitizer still removes from CSS: script URLs, expressions, @import', () => {
    const out = sanitizeHtml('<div style="background:url(javascript:alert(1)); width: expression(alert(1))">x</div><style>@import url(/x.css); a{background:url("java\\73 cript:alert(1)")}</style>', {
      document: true, resource: (u) => ({ src: u }),
    });
    assert.doesNotMatch(out, /javascript:|expression\(|@import/i);
  });
});

describe('mapCssUrls', () => {
  test('quoted URLs may hold parentheses and escaped quotes; escapes are undone before resolving', () => {
    const seen: string[] = [];
    mapCssUrls('a{b:url("x(1).png")} c{d:url(\'it\\\'s.png\')} e{f:url(sp\\ ace.png)} g{h:URL( "u.png" )}', (u) => { seen.push(u); return undefined; });
    assert.deepEqual(seen, ['x(1).png', "it's.png", 'sp ace.png', 'u.png']);
  });
  test('the new URL is written as a safe CSS string; `none` replaces the whole url(…)', () => {
    assert.equal(mapCssUrls('a{b:url(x.png)}', () => ({ url: 'https://h/a"b\\c.png' })), 'a{b:url("https://h/a\\22 b\\5c c.png")}');
    assert.equal(mapCssUrls('a{b:url( x.png ) no-repeat}', () => ({ none: true })), 'a{b:none no-repeat}');
  });
});

describe('remote images (the img element)', () => {
  test('https: shown with its src by default; the placeholder when remote images are off; http: never', async () => {
    const layout = '<img id="avatar" src="https://example.com/me.png" alt="me"><img id="old" src="http://example.com/old.png" alt="old">';
    const on = await render(layout, '![badge](https://img.shields.io/badge/x-y-green.svg)');
    assert.match(on.html, /<img id="avatar" src="https:\/\/example\.com\/me\.png" alt="me" \/>/);
    assert.match(on.bodyHtml, /<img src="https:\/\/img\.shields\.io\/badge\/x-y-green\.svg" alt="badge"/);
    assert.doesNotMatch(on.html, /<img id="old"/);
    assert.match(on.html, /techblog-blocked-image" title="Insecure http: image not loaded[^"]*http:\/\/example\.com\/old\.png"/);
    const off = await render(layout, '![badge](https://img.shields.io/badge/x-y-green.svg)', { remoteImages: false });
    assert.doesNotMatch(off.html, /<img[^>]+https:/);
    assert.match(off.html, /techblog-missing-image techblog-blocked-image" title="Remote images are turned off \(techblog\.preview\.remoteImages\): https:\/\/example\.com\/me\.png"/);
    assert.match(off.bodyHtml, /Remote image not loaded: https:\/\/img\.shields\.io\/badge\/x-y-green\.svg/);
  });
});

describe('the site\'s own scripts', () => {
  const layout = [
    '<script src="{{ site.baseurl }}/assets/js/toc.js"></script>',
    '<script type="module" src="/assets/js/toc.js?v=2"></script>',
    '<script src="https://code.jquery.com/jquery-3.7.1.min.js"></script>',
    '<script src="/assets/js/data.json"></script>',
    '<script type="text/template" src="/assets/js/toc.js"></script>',
    '<script>document.body.dataset.inline = "ran"</script>',
    '<button onclick="alert(1)">b</button>',
  ].join('\n');

  test('off (default): no script at all', async () => {
    const r = await render(layout);
    assert.doesNotMatch(r.html, /<script/);
  });

  test('on: only files of the site, deferred (modules stay modules); inline scripts and handlers never; the rest named in a notice', async () => {
    const r = await render(layout, 'Text.', { siteScripts: true });
    const scripts = [...r.html.matchAll(/<script\b[^>]*>[^<]*<\/script>/g)].map((m) => m[0]);
    assert.deepEqual(scripts, [
      '<script src="https://file+.vscode-resource.vscode-cdn.net/site/assets/js/toc.js" defer></script>',
      '<script src="https://file+.vscode-resource.vscode-cdn.net/site/assets/js/toc.js?v=2" type="module"></script>',
    ]);
    assert.doesNotMatch(r.html, /onclick|inline = /);
    const note = r.noticeDetails.find((n) => /Scripts that are not files of the site/.test(n.text));
    assert.equal(note?.kind, 'info');
    assert.match(note!.text, /https:\/\/code\.jquery\.com\/jquery-3\.7\.1\.min\.js/);
  });

  test('scripts in a post are dropped even when site scripts run (only the layouts\' own files run)', async () => {
    const r = await render('', '<script src="/assets/js/toc.js"></script>\n\nText.', { siteScripts: true });
    assert.doesNotMatch(r.bodyHtml, /<script/);
  });
});

describe('notices: why the theme is not shown comes first', () => {
  test('content mode (a layout that is not there) leads, before the page\'s own problems', async () => {
    const s = await site('');
    const r = await s.render({ path: POST, text: '---\ntitle: T\nlayout: nowhere\n---\n![gone](/img/gone.png)\n', resolveResource: RESOURCE });
    assert.ok(r.noticeDetails.length >= 2, r.notices.join('\n'));
    assert.equal(r.noticeDetails[0].kind, 'theme');
    assert.match(r.noticeDetails[0].text, /Layout "nowhere" does not exist .* showing content mode/);
    assert.deepEqual(r.notices, r.noticeDetails.map((n) => n.text));
  });

  test('orderNotices: theme, error, warning, info; equal kinds keep their order', () => {
    const order = orderNotices([
      { kind: 'info', text: 'i' }, { kind: 'warning', text: 'w1' }, { kind: 'theme', text: 't' }, { kind: 'error', text: 'e' }, { kind: 'warning', text: 'w2' },
    ]).map((n) => n.text);
    assert.deepEqual(order, ['t', 'e', 'w1', 'w2', 'i']);
  });
});
