// The preview page's Content Security Policy, with and without remote images and the site's scripts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { contentSecurityPolicy, previewPage, siteScriptSources } from '../../../src/host/preview/previewHtml';

// What VS Code's webview.cspSource is in code-server and in the desktop app.
const CSP_SOURCE = "'self' https://*.vscode-cdn.net";
const SITE_ROOT = 'https://file%2B.vscode-resource.vscode-cdn.net/home/me/my%20blog';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split(';').map((d) => d.trim()).filter(Boolean).map((d) => {
    const [name, ...values] = d.split(/\s+/);
    return [name, values];
  }));
}

describe('contentSecurityPolicy', () => {
  test('default: our nonce\'d script only, https: images, no network, no eval, no frames', () => {
    const d = directives(contentSecurityPolicy({ cspSource: CSP_SOURCE, nonce: 'N', allowEmbeds: false }));
    assert.deepEqual(d.get('default-src'), ["'none'"]);
    assert.deepEqual(d.get('script-src'), ["'nonce-N'"]);
    assert.deepEqual(d.get('img-src'), ["'self'", 'https://*.vscode-cdn.net', 'data:', 'https:']);
    assert.deepEqual(d.get('media-src'), ["'self'", 'https://*.vscode-cdn.net', 'https:']);
    assert.deepEqual(d.get('connect-src'), ["'none'"]);
    assert.deepEqual(d.get('frame-src'), ["'none'"]);
    assert.deepEqual(d.get('object-src'), ["'none'"]);
    assert.deepEqual(d.get('base-uri'), ["'none'"]);
  });

  test('remote images off: images from the webview resources and data: only (http: never in any case)', () => {
    const csp = contentSecurityPolicy({ cspSource: CSP_SOURCE, nonce: 'N', allowEmbeds: false, remoteImages: false });
    assert.deepEqual(directives(csp).get('img-src'), ["'self'", 'https://*.vscode-cdn.net', 'data:']);
    assert.deepEqual(directives(csp).get('media-src'), ["'self'", 'https://*.vscode-cdn.net']);
    assert.doesNotMatch(csp, /http:/);
  });

  test('site scripts: the script nonce apart from the style nonce, plus the site folder only; still no eval, inline, network', () => {
    const sources = siteScriptSources(CSP_SOURCE, SITE_ROOT);
    assert.deepEqual(sources, ['https://*.vscode-cdn.net/home/me/my%20blog/']);
    const csp = contentSecurityPolicy({ cspSource: CSP_SOURCE, nonce: 'STYLE', scriptNonce: 'SCRIPT', allowEmbeds: false, siteScriptSources: sources });
    const d = directives(csp);
    assert.deepEqual(d.get('script-src'), ["'nonce-SCRIPT'", 'https://*.vscode-cdn.net/home/me/my%20blog/']);
    assert.ok(d.get('style-src-elem')?.includes("'nonce-STYLE'"));
    assert.doesNotMatch(csp, /unsafe-eval|strict-dynamic|script-src[^;]*(unsafe-inline|'self'|https:(?!\/\/\*\.vscode-cdn\.net\/home\/me\/my%20blog\/))/);
    assert.deepEqual(d.get('connect-src'), ["'none'"]);
    assert.deepEqual(d.get('worker-src'), ["'none'"]);
  });

  test('siteScriptSources: never \'self\' (the workbench\'s origin in a browser), characters that would split a source encoded', () => {
    assert.deepEqual(siteScriptSources("'self'", SITE_ROOT), []);
    assert.deepEqual(siteScriptSources(CSP_SOURCE, 'https://file%2B.vscode-resource.vscode-cdn.net/a;b,c\'d/'), ['https://*.vscode-cdn.net/a%3Bb%2Cc%27d/']);
    assert.deepEqual(siteScriptSources(CSP_SOURCE, 'not a url'), []);
  });

  test('the page: the script carries the script nonce, the <style> elements the style nonce', () => {
    const html = previewPage({
      parts: { lang: 'en', head: '<style>a{}</style>', body: '<body><p>x</p></body>' },
      csp: 'default-src \'none\'', nonce: 'STYLE', scriptNonce: 'SCRIPT', css: ['b{}'], baseStyles: [], chromeStyles: [], script: 'void 0',
      settings: { state: { resource: 'file:///x.md', locked: false }, scrollSync: true, siteScripts: true, styleNonce: 'STYLE', strings: { noticesTitle: '', moreNotices: '', fewerNotices: '' } },
    });
    assert.match(html, /<script nonce="SCRIPT" data-techblog-preview>/);
    assert.equal([...html.matchAll(/<style nonce="STYLE"/g)].length, 2);
    assert.doesNotMatch(html, /<style(?! nonce="STYLE")[\s>]/);
  });
});
