// End-to-end: the XSS corpus (test/fixtures/xss/corpus.txt) rendered by the real renderer, loaded in real
// Chromium WITHOUT any CSP from a 127.0.0.1 server, one page per payload. alert/confirm/prompt/print,
// window.open, fetch, XHR, WebSocket, EventSource, sendBeacon, eval, new Function and string timers are
// hooked (in every frame, before any page script); every request that is not to the local server is
// recorded and aborted. Each page gets its events fired (mouseover, focus, error, load, toggle, a click
// on anything that is not a web link) and must show 0 executions and 0 external requests, and the DOM
// as Chromium built it must hold no handler, script or script URL (mXSS). A CONTROL page with raw
// payloads proves the detector fires with the same procedure. Last, `techblog render` writes a hostile
// post as a standalone page: it carries the CSP meta, runs nothing, and a payload planted into the file
// after sanitizing (a sanitizer miss) is still blocked by that CSP.
//   node test/e2e/xss.e2e.mjs     (after `npx tsc -p tsconfig.json`)
// Ends with "[e2e] N passed, M failed".
/* global document, requestAnimationFrame */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { launchBrowser } from '../host/vscode-host.mjs';
import { compiledCorpus, HOOKS, root, TRIGGER } from './xssProbe.mjs';

const { renderCorpus, loadCorpus, dangers } = compiledCorpus('xss');
const { main } = createRequire(import.meta.url)(path.join(root, 'out/src/cli/main.js'));

let passed = 0;
let failed = 0;
const t0 = Date.now();
const log = (...a) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);
function check(name, ok, detail = '') {
  if (ok) passed++; else failed++;
  log(`${ok ? 'PASS' : 'FAIL'} ${name}${ok || !detail ? '' : `: ${detail}`}`);
}

const pages = new Map();
const served = [];
const server = http.createServer((req, res) => {
  served.push(req.url);
  const html = pages.get(req.url.replace(/[?#].*$/, ''));
  if (html === undefined) { res.writeHead(404, { 'content-type': 'text/plain' }); res.end('no'); return; }
  // No CSP header: the sanitizer has to hold alone.
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
  res.end(html);
});
await new Promise((r) => server.listen(0, '127.0.0.1', r));
const origin = `http://127.0.0.1:${server.address().port}`;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-xss-e2e-'));
const browser = await launchBrowser({ tmp: path.join(tmp, 'chromium') });
const cleanup = async () => { await browser.close().catch(() => undefined); server.close(); fs.rmSync(tmp, { recursive: true, force: true }); };
for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(sig, () => { void cleanup().then(() => process.exit(130)); });

try {
  const context = await browser.newContext();
  let hits = [];
  let external = [];
  await context.exposeBinding('__xssHit', (_src, what) => { hits.push(what); });
  await context.addInitScript(HOOKS);
  await context.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(origin + '/') || url.startsWith('file:') || url.startsWith('data:')) return route.continue();
    external.push(url);
    return route.abort();
  });
  // Counted where a request would leave for the network (a request the page's CSP blocked is announced
  // by Chromium too, but never reaches the route).
  context.on('dialog', (d) => { hits.push(`dialog ${d.type()}`); void d.dismiss(); });
  const page = await context.newPage();
  page.on('pageerror', () => undefined);

  /** Loads `url`, fires the triggers, settles; returns what ran and what left the machine. */
  async function probe(url) {
    hits = [];
    external = [];
    await page.goto(url, { waitUntil: 'load', timeout: 20_000 }).catch((e) => hits.push(`navigation failed: ${e.message.split('\n')[0]}`));
    const landed = page.url();
    await page.evaluate(TRIGGER).catch(() => undefined);
    // Image errors and SVG animations fire on their own after load: wait until every image has loaded or failed
    // and two frames have been drawn (an animation's begin, a transition's end), then one more task for the
    // handlers those queued. The control page shows the detector sees them within this.
    await page.evaluate(() => new Promise((resolve) => {
      /* techblog-xss-probe */
      const settled = () => [...document.images].every((i) => i.complete);
      const tick = (n) => (settled() || n > 200 ? requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(resolve, 0))) : setTimeout(() => tick(n + 1), 10));
      tick(0);
    })).catch(() => undefined);
    // A click may follow a fragment link; leaving for a script or data URL is what counts.
    if (page.url() !== landed && /^(javascript|data|vbscript):/i.test(page.url())) hits.push(`navigated to ${page.url()}`);
    const dom = await page.evaluate(() => /* techblog-xss-probe */ document.documentElement.outerHTML).catch(() => '');
    return { hits: [...hits], external: [...external], dom };
  }

  // CONTROL: raw payloads, not sanitized — the detector must see executions and requests.
  pages.set('/control', '<!DOCTYPE html><html><body><img src=x onerror=alert(1)><a id=j href="javascript:confirm(2)">j</a>' +
    '<svg><animate onbegin=prompt(3) attributeName=x dur=1s /></svg><div onmouseover="eval(\'1\')">m</div>' +
    '<script>fetch("https://evil.example/c").catch(() => 0)</script><img src="https://evil.example/x.png"><p style="background:u\\rl(https://evil.example/css.png)">c</p></body></html>');
  const control = await probe(`${origin}/control`);
  check('control: the detector sees executions of raw payloads', ['alert', 'confirm', 'prompt', 'fetch', 'eval 1'].every((k) => control.hits.includes(k)), JSON.stringify(control.hits));
  check('control: the detector sees external requests', control.external.some((u) => u.includes('evil.example/x.png')) && control.external.some((u) => u.includes('evil.example/c')), JSON.stringify(control.external));
  check('control: the DOM checker sees the handlers', dangers(control.dom).length >= 3, JSON.stringify(dangers(control.dom)));

  // The corpus, sanitized by the renderer, one page each.
  const rendered = (await renderCorpus(loadCorpus())).slice(0, Number(process.env.XSS_LIMIT) || undefined);
  const bad = [];
  let executions = 0;
  let requests = 0;
  for (const [i, r] of rendered.entries()) {
    pages.set(`/p/${i}`, r.html);
    const res = await probe(`${origin}/p/${i}`);
    executions += res.hits.length;
    requests += res.external.length;
    const domDangers = dangers(res.dom);
    if (res.hits.length || res.external.length || domDangers.length) bad.push(`${r.entry.name}: ran ${JSON.stringify(res.hits)} requested ${JSON.stringify(res.external)} dom ${JSON.stringify(domDangers)}`);
    pages.delete(`/p/${i}`);
  }
  log(`corpus: ${rendered.length} pages, ${executions} executions, ${requests} external requests, ${bad.length} pages with findings`);
  check(`corpus: ${rendered.length} sanitized pages in Chromium without CSP: 0 executions, 0 external requests, inert DOM`, bad.length === 0, bad.slice(0, 20).join('\n'));

  // The standalone page of `techblog render` for a hostile post and a hostile layout.
  const site = path.join(tmp, 'site');
  fs.mkdirSync(path.join(site, '_posts'), { recursive: true });
  fs.mkdirSync(path.join(site, '_layouts'), { recursive: true });
  fs.writeFileSync(path.join(site, '_config.yml'), 'title: Hostile\n');
  fs.writeFileSync(path.join(site, '_layouts', 'default.html'), '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{{ page.title }}</title></head>\n' +
    '<body><img alt="{{ content }}" src="x.png"><a href="{{ content }}">a</a><textarea>{{ content }}</textarea><main>{{ content }}</main></body></html>\n');
  const sample = loadCorpus().filter((e) => e.kind === 'post').filter((_e, i) => i % 6 === 0).map((e) => e.text).join('\n\n');
  fs.writeFileSync(path.join(site, '_posts', '2024-01-01-hostile.md'), `---\nlayout: default\ntitle: Hostile\n---\n${sample}\n`);
  const outFile = path.join(tmp, 'out', 'hostile.html');
  fs.mkdirSync(path.dirname(outFile), { recursive: true });
  const stderr = [];
  const code = await main(['render', path.join(site, '_posts', '2024-01-01-hostile.md'), '-o', outFile], { cwd: tmp, out: () => undefined, err: (s) => stderr.push(s) });
  check('techblog render writes the hostile post', code === 0 && fs.existsSync(outFile), stderr.join('\n'));
  const standalone = fs.readFileSync(outFile, 'utf8');
  const fileRun = await probe(pathToFileURL(outFile).href);
  const csp = await page.evaluate(() => /* techblog-xss-probe */ document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '');
  check('standalone: the CSP meta is the first element of <head>', /^default-src 'none'; script-src 'none';/.test(csp) && /<head>\s*<meta http-equiv="Content-Security-Policy"/.test(standalone), `${page.url()} ${csp} ${standalone.slice(0, 300)}`);
  check('standalone: 0 executions, 0 external requests', !fileRun.hits.length && !fileRun.external.length, JSON.stringify(fileRun));
  // A sanitizer miss, simulated: raw payloads planted in the written file. The CSP alone must stop them.
  const planted = outFile.replace(/\.html$/, '-planted.html');
  const plant = (html) => html.replace(/<body([^>]*)>/i, '<body$1><img src=x onerror=alert(1)><script>alert(2)</script><img src="https://evil.example/p.png"><div style="background:url(https://evil.example/bg.png)">b</div>');
  fs.writeFileSync(planted, plant(standalone));
  const plantedRun = await probe(pathToFileURL(planted).href);
  check('standalone with planted payloads: the CSP blocks scripts and remote loads', plantedRun.hits.length === 0 && plantedRun.external.length === 0, JSON.stringify(plantedRun));
  // The same file without its CSP meta runs them: the wall above is the CSP.
  const bare = outFile.replace(/\.html$/, '-no-csp.html');
  fs.writeFileSync(bare, plant(standalone.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/, '')));
  const bareRun = await probe(pathToFileURL(bare).href);
  check('control: the planted file without the CSP meta runs the payloads', bareRun.hits.includes('alert') && bareRun.external.length > 0, JSON.stringify({ hits: bareRun.hits, external: bareRun.external }));
} catch (e) {
  failed++;
  log('FAIL', e.stack || e);
} finally {
  await cleanup();
}
console.log(`[e2e] ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
