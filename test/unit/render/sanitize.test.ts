// The post's HTML is sanitized: XSS payloads from the usual cheat sheets come out inert, and embeds
// become cards. (The integration suite checks in a real webview that none of them runs.)
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { embedCard, gistEmbed, iframeEmbed } from '../../../src/core/render/embeds';
import { safeCss, safeLinkUrl, sanitizeHtml } from '../../../src/core/render/sanitize';
import { DomUtils, parseDocument } from 'htmlparser2';
import { memorySite } from './helpers';

const PAYLOADS = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=https://evil.example/x.js></SCRIPT>',
  '<img src=x onerror=alert(1)>',
  '<img src="x" ONERROR="alert(1)">',
  '<svg onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>',
  '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
  '<svg><set attributeName="href" to="javascript:alert(1)"/></svg>',
  '<svg><use href="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+"/></svg>',
  '<svg><foreignObject><iframe srcdoc="<script>alert(1)</script>"></iframe></foreignObject></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)></style></mglyph></table></mtext></math>',
  '<a href="javascript:alert(1)">x</a>',
  '<a href="jav&#x09;ascript:alert(1)">x</a>',
  '<a href=" JaVaScRiPt:alert(1)">x</a>',
  '<a href="vbscript:msgbox(1)">x</a>',
  '<a href="data:text/html,<script>alert(1)</script>">x</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  '<embed src="javascript:alert(1)">',
  '<form action="javascript:alert(1)"><button formaction="javascript:alert(1)">go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>',
  '<body onload=alert(1)>',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<div style="background:url(javascript:alert(1))">x</div>',
  '<div style="width: expression(alert(1))">x</div>',
  '<style>@import "https://evil.example/x.css"; body{background:url(javascript:alert(1))}</style>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>"></noscript>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<textarea><script>alert(1)</script></textarea>',
  '<template><script>alert(1)</script></template>',
  '<video><source onerror="alert(1)"></video>',
  '<a href="#" onclick="alert(1)" onmouseover=alert(1)>x</a>',
];

/** Nothing that could run, as a browser would parse it: no script elements, no handlers, no script URLs. */
function assertInert(html: string): void {
  const dom = parseDocument(html);
  const els = DomUtils.findAll(() => true, dom.children);
  for (const el of els) {
    assert.ok(!/^(script|iframe|object|embed|base|meta|form|template|foreignobject|animate|set|frame|frameset)$/i.test(el.name), `element <${el.name}>`);
    for (const [k, v] of Object.entries(el.attribs)) {
      assert.ok(!/^on/i.test(k), `handler ${k} on <${el.name}>`);
      assert.ok(k !== 'srcdoc', `srcdoc on <${el.name}>`);
      if (/^(href|src|xlink:href|action|formaction|data|poster|background)$/i.test(k)) {
        // Browsers ignore control characters inside a URL scheme, so strip them as they do.
        // eslint-disable-next-line no-control-regex
        assert.ok(!/^\s*((java|vb)script|data:text\/html)/i.test(v.replace(/[\u0000-\u0020]/g, '')), `${k}="${v}" on <${el.name}>`);
      }
      if (k === 'style') assert.ok(!/expression\(|javascript:/i.test(v), `style on <${el.name}>`);
    }
    if (el.name === 'style') assert.ok(!/javascript:|@import|</i.test(DomUtils.textContent(el)), 'style element');
  }
}

describe('sanitizer', () => {
  for (const p of PAYLOADS) {
    test(`inert: ${p}`, () => assertInert(sanitizeHtml(p)));
  }

  test('the payloads inside a post (raw HTML blocks, inline HTML, nomarkdown) are inert too', async () => {
    const site = await memorySite({});
    for (const p of PAYLOADS) {
      const text = `---\ntitle: XSS\nlayout: post\n---\n${p}\n\nInline ${p} text.\n\n{::nomarkdown}\n${p}\n{:/nomarkdown}\n`;
      assertInert((await site.render({ path: '_posts/2024-01-01-xss.md', text })).html);
    }
  });

  test('Markdown links and images with script URLs are refused', async () => {
    const site = await memorySite({});
    const r = await site.render({ path: '_posts/2024-01-01-xss.md', text: '---\ntitle: XSS\n---\n[link](javascript:alert(1)) ![i](javascript:alert(1)) [d](data:text/html;base64,PHNjcmlwdD4=)\n', mode: 'content' });
    assertInert(r.bodyHtml);
    assert.match(r.bodyHtml, /\[link\]\(javascript:alert\(1\)\)/);
  });

  test('ordinary HTML, SVG and MathML survive', () => {
    const ok = '<div class="note" id="n1" data-x="1"><p>Text <b>bold</b> <a href="https://example.com" title="t">link</a> <a href="/about/">about</a> <a href="mailto:a@b.c">mail</a></p>' +
      '<table><tr><td colspan="2">c</td></tr></table><details open=""><summary>s</summary>d</details><svg viewbox="0 0 10 10"><path d="M0 0L10 10"></path></svg></div>';
    const out = sanitizeHtml(ok);
    for (const s of ['class="note"', 'data-x="1"', 'href="https://example.com"', 'href="/about/"', 'href="mailto:a@b.c"', 'colspan="2"', '<details open="">', '<path d="M0 0L10 10"', '<svg viewbox="0 0 10 10">']) {
      assert.ok(out.includes(s), `${s} in ${out}`);
    }
  });

  test('target=_blank links get rel=noopener, inputs are disabled, buttons do not submit', () => {
    const out = sanitizeHtml('<a href="https://x.org" target="_blank">x</a><input type="checkbox" checked><button type="submit">b</button>');
    assert.match(out, /<a href="https:\/\/x.org" target="_blank" rel="noopener noreferrer">/);
    assert.match(out, /<input type="checkbox" checked="" disabled="disabled" \/>/);
    assert.match(out, /<button type="button">b<\/button>/);
  });

  test('URL and CSS checks', () => {
    for (const u of ['https://x', 'http://x', '/a', 'a/b', '#x', 'mailto:a@b', '?q']) assert.ok(safeLinkUrl(u), u);
    for (const u of ['javascript:x', ' javascript:x', 'java\nscript:x', 'vbscript:x', 'data:text/html,x', 'file:///etc/passwd', 'vscode:command']) assert.ok(!safeLinkUrl(u), u);
    assert.ok(!/expression\(|javascript:|@import|</i.test(safeCss('x:expression(1);y:url(javascript:1);@import "a";</style>')));
  });

  test('a split block keeps its halves (the open tag of a markdown="1" div, then its closing tag)', () => {
    assert.equal(sanitizeHtml('<div class="x">\n'), '<div class="x">\n');
    assert.equal(sanitizeHtml('</div>\n'), '</div>\n');
  });

  test('the first element of an HTML block gets the block\'s data-line', () => {
    assert.equal(sanitizeHtml('<div><p>x</p></div>', { dataLine: 7 }), '<div data-line="7"><p>x</p></div>');
  });
});

describe('embeds', () => {
  test('YouTube and Vimeo iframes become offline cards with the title and a link', () => {
    const yt = sanitizeHtml('<iframe width="560" height="315" src="https://www.youtube.com/embed/ZNtVedFsD-k" title="Day 2" allowfullscreen></iframe>');
    assert.match(yt, /<div class="techblog-embed-card techblog-embed-youtube"><a class="techblog-embed-link" href="https:\/\/www.youtube.com\/watch\?v=ZNtVedFsD-k">▶ Day 2<\/a>/);
    assert.ok(!yt.includes('<iframe'));
    const vimeo = sanitizeHtml('<iframe src="https://player.vimeo.com/video/76979871"></iframe>');
    assert.match(vimeo, /href="https:\/\/vimeo.com\/76979871"/);
    assert.deepEqual(iframeEmbed('https://www.youtube-nocookie.com/embed/Kp3PHPuFkaA'), { kind: 'youtube', url: 'https://www.youtube.com/watch?v=Kp3PHPuFkaA', frameable: true });
  });

  test('with embeds allowed, video frames are real (sandboxed, only their own attributes); other iframes stay cards', () => {
    const out = sanitizeHtml('<iframe src="https://www.youtube.com/embed/abcdefghijk" onload="x()" srcdoc="y" width="560"></iframe><iframe src="https://evil.example/"></iframe>', { allowEmbeds: true });
    assert.match(out, /^<iframe src="https:\/\/www.youtube.com\/embed\/abcdefghijk" width="560" sandbox="[^"]*"><\/iframe>/);
    assert.ok(!/onload|srcdoc/.test(out));
    assert.match(out, /techblog-embed-frame/);
  });

  test('a gist script becomes a card linking the gist; other scripts vanish', () => {
    const out = sanitizeHtml('<script src="https://gist.github.com/octocat/6cad326836d38bd3a7ae.js"></script><script src="https://evil.example/x.js"></script>');
    assert.equal(out, embedCard(gistEmbed('https://gist.github.com/octocat/6cad326836d38bd3a7ae.js')!, undefined));
    assert.match(out, /href="https:\/\/gist.github.com\/octocat\/6cad326836d38bd3a7ae"/);
  });
});
