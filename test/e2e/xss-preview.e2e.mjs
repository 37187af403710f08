// End-to-end: the XSS corpus (test/fixtures/xss/corpus.txt, every entry) through the REAL preview webview
// in the workbench (code-server + Chromium), with the preview's own CSP, remote images off. The post
// entries go into a few long posts whose layout puts the body into attributes too (`alt="{{ content }}"`,
// `href`, `title`) as well as into the page; each layout entry becomes a layout of its own, grouped into
// posts, with a hostile body. The preview opens on the first post (a new page: the full-parse path) and
// follows the editor through the others (patches: the morphdom path).
// Detector: HOOKS (xssProbe.mjs) in every webview frame before its scripts — alert/confirm/prompt/print,
// open, fetch, XHR, WebSocket, EventSource, sendBeacon, eval, Function, string timers — report through a
// binding and into the frame's `window.__xssHits` (the sentinel). Every request of the page and its frames
// is watched (Playwright request events): anything that is not the workbench's or the webview's own
// resources counts, and is aborted. Each post gets its events fired (TRIGGER, no link clicks: the preview
// opens links in editors), settles, and must show 0 executions, 0 requests, 0 CSP violations (the
// sanitizer holds alone; the CSP had nothing to block) and an inert DOM.
// Controls in the same webview frame, injected through devtools evaluate: a call to alert() must reach
// the detector, an injected handler must be reported as a CSP violation, and an image request the test
// makes must be seen by the request watcher.
//   node test/e2e/xss-preview.e2e.mjs     (after `npx tsc -p tsconfig.json` and `node scripts/build.mjs`)
// Ends with "[e2e] N passed, M failed".
/* global window, document, requestAnimationFrame, Image */
import fs from 'node:fs';
import path from 'node:path';
import { log, openFile, palette, previewFrame as findPreviewFrame, runE2E, waitFor, waitForActivation } from './workbench.mjs';
import { compiledCorpus, HOOKS, TRIGGER } from './xssProbe.mjs';

const { loadCorpus, dangers, HOSTILE_BODY } = compiledCorpus('xss-preview');

const POSTS_PER_CHUNK = 70;
const LAYOUTS_PER_POST = 6;
const corpus = loadCorpus();
const postEntries = corpus.filter((e) => e.kind === 'post');
const layoutEntries = corpus.filter((e) => e.kind === 'layout');
/** The posts the run opens, in order: [file name, end marker, entries]. */
const posts = [];
const endMarker = (i) => `XSS-CHUNK-${i}`;

function writeCorpusSite(ws) {
  const dir = (...p) => path.join(ws, ...p);
  // The body in attributes (alt, href, title) and in the page, under the sample blog's default layout.
  // The marker (the post's title) comes first: a payload may swallow what follows it, and the webview
  // applies a rendering at once, so the new marker means the new page is there.
  fs.writeFileSync(dir('_layouts', 'xss-attr.html'), '---\nlayout: default\n---\n' +
    '<p class="xss-marker">{{ page.title }}</p><article class="post"><img alt="{{ content }}" src="/images/x.png"><a href="{{ content }}" title="{{ content }}">attr</a>' +
    '<div class="post-content">{{ content }}</div></article>\n');
  for (let i = 0, n = 0; i < postEntries.length; i += POSTS_PER_CHUNK, n++) {
    const chunk = postEntries.slice(i, i + POSTS_PER_CHUNK);
    const name = `2020-01-${String(n + 1).padStart(2, '0')}-xss-corpus-${n}.md`;
    const body = chunk.map((e) => e.text).join('\n\n');
    fs.writeFileSync(dir('_posts', name), `---\nlayout: xss-attr\ntitle: ${endMarker(posts.length)}\n---\n${body}\n`);
    posts.push([name, endMarker(posts.length), chunk]);
  }
  for (let i = 0, n = 0; i < layoutEntries.length; i += LAYOUTS_PER_POST, n++) {
    const group = layoutEntries.slice(i, i + LAYOUTS_PER_POST);
    const layout = `xss-layouts-${n}`;
    // The marker first, outside every entry's context.
    const marker = endMarker(posts.length);
    fs.writeFileSync(dir('_layouts', `${layout}.html`), '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>t</title></head><body>\n' +
      `<p class="xss-marker">${marker}</p>\n` + group.map((e) => `<section>${e.text}</section>`).join('\n') + '\n</body></html>\n');
    const name = `2020-02-${String(n + 1).padStart(2, '0')}-xss-layouts-${n}.md`;
    fs.writeFileSync(dir('_posts', name), `---\nlayout: ${layout}\ntitle: XSS layouts ${n}\n---\n${HOSTILE_BODY}\n`);
    posts.push([name, marker, group]);
  }
}

await runE2E({
  name: 'xss-preview',
  prepare: writeCorpusSite,
  // The corpus's policy: no remote images (an https: image would be a request by design otherwise).
  // The corpus has U+2028/U+2029: no dialog offering to remove them.
  settings: { 'techblog.preview.remoteImages': false, 'editor.unusualLineTerminators': 'off' },
}, async ({ page, server, test }) => {
  const context = page.context();
  // Hits from the preview's frames only (the workbench's own frames get no hooks).
  const hits = [];
  const requests = [];
  const own = (url) => url.startsWith(server.origin + '/') || /^(data|blob|about):/.test(url) || /^https:\/\/[^/]*\.vscode-(resource|cdn)\.[^/]*\//.test(url) || /^https:\/\/[^/]*vscode-cdn\.net\//.test(url);
  // Only hits from a preview document count: the webview's host frame (VS Code's) has hooks too.
  const inPreviewDocument = (frame) => { try { return !!frame?.parentFrame()?.url().includes('extensionId=techblog.techblog'); } catch { return false; } };
  await context.exposeBinding('__xssHit', ({ frame }, what) => { if (inPreviewDocument(frame)) hits.push({ what }); });
  await context.addInitScript(HOOKS, 'subframes');
  context.on('request', (r) => requests.push(r.url()));
  await context.route((url) => !own(url.href), (route) => route.abort());
  page.on('dialog', (d) => { hits.push({ what: `dialog ${d.type()}` }); void d.dismiss(); });

  const previewFrame = (file) => findPreviewFrame(page, file);
  /** Waits until `fn` returns something truthy in the preview of `file`; resolves with it and the frame. */
  const inPreview = (file, what, fn, arg, timeout = 60_000) => waitFor(what, async () => {
    const frame = await previewFrame(file);
    const value = frame && await frame.evaluate(fn, arg).catch(() => undefined);
    return value ? { frame, value } : undefined;
  }, { timeout, interval: 100 });

  /** Fires the events, lets images settle, and reads back what ran, what the CSP blocked, and the DOM. */
  async function probe(frame) {
    await frame.evaluate(TRIGGER, { clickLinks: false });
    return frame.evaluate(() => new Promise((resolve) => {
      /* techblog-xss-probe */
      const settled = () => [...document.images].every((i) => i.complete);
      const done = () => resolve({
        sentinel: window.__xssHits ? [...window.__xssHits] : undefined,
        violations: [...(window.__e2eViolations ?? ['NOT ARMED'])],
        samePage: window.__e2eSamePage === true,
        href: window.location.href,
        body: document.body.outerHTML,
      });
      const tick = (n) => (settled() || n > 200 ? requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(done, 0))) : setTimeout(() => tick(n + 1), 10));
      tick(0);
    }));
  }
  const arm = (frame) => frame.evaluate(() => {
    /* techblog-xss-probe */
    if (window.__e2eSamePage) return;
    window.__e2eSamePage = true;
    window.__e2eViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__e2eViolations.push(`${e.violatedDirective} ${e.blockedURI} ${e.sample}`));
  });

  await test('the extension activates by itself in the sample blog', async () => {
    await waitForActivation(page);
    await palette(page, 'View: Hide Panel');
  });

  const totals = { payloads: postEntries.length + layoutEntries.length, executions: 0, requests: 0, violations: 0, domFindings: 0 };
  const findings = [];
  let firstFrame;
  await test(`the corpus (${postEntries.length} post payloads in ${Math.ceil(postEntries.length / POSTS_PER_CHUNK)} posts with attribute layouts, ${layoutEntries.length} layout contexts in ${Math.ceil(layoutEntries.length / LAYOUTS_PER_POST)} posts) through the real preview: 0 executions, 0 requests, 0 CSP violations, inert DOM`, async () => {
    const order = [...posts, posts[0]]; // the first post again at the end: as a patch, with violations armed
    let sentinelBefore = 0;
    for (const [i, [file, marker]] of order.entries()) {
      const hitsBefore = hits.length;
      const requestsBefore = requests.length;
      if (i === 0) {
        await openFile(page, file);
        await palette(page, 'TechBlog: Open Preview to the Side');
      } else if (i === order.length - 1) {
        // Back to the first post's editor (its tab is far left by now): the preview follows it.
        await page.keyboard.press('Control+1');
        await palette(page, 'View: Open First Editor in Group');
      } else {
        await page.keyboard.press('Control+1');
        await openFile(page, file);
      }
      const { frame } = await inPreview(file, `${file} rendered in the preview`, (m) => /* techblog-xss-probe */ document.querySelector('.xss-marker')?.textContent === m, marker);
      if (i === 0) firstFrame = frame;
      await arm(frame);
      const r = await probe(frame);
      if (!r.sentinel) throw new Error(`${file}: the preview frame has no hooks (the detector would see nothing): ${frame.url()} ${r.href}`);
      // The binding's reports, or the frame's own record when a report could not get out.
      const reported = hits.slice(hitsBefore).map((h) => h.what);
      const recorded = r.sentinel.slice(r.samePage || i === 0 ? sentinelBefore : 0);
      sentinelBefore = r.sentinel.length;
      const ran = reported.length >= recorded.length ? reported : recorded;
      const left = requests.slice(requestsBefore).filter((u) => !own(u));
      const violations = i === 0 ? [] : r.violations; // armed after the first page was parsed
      const dom = dangers(r.body).filter((d) => !/data-techblog-preview/.test(d));
      totals.executions += ran.length;
      totals.requests += left.length;
      totals.violations += violations.length;
      totals.domFindings += dom.length;
      if (i > 0 && !r.samePage) findings.push(`${file}: the preview page was replaced (violations before arming are not seen)`);
      if (ran.length || left.length || violations.length || dom.length) findings.push(`${file}: ran ${JSON.stringify(ran)} requested ${JSON.stringify(left)} CSP ${JSON.stringify(violations)} dom ${JSON.stringify(dom)}`);
      log(`  ${file}: ${ran.length} executions, ${left.length} requests, ${violations.length} CSP violations, ${dom.length} DOM findings${dom.length ? ` ${JSON.stringify(dom.slice(0, 10))}` : ''}`);
    }
    log(`  corpus through the preview: ${totals.payloads} payloads, ${totals.executions} executions, ${totals.requests} requests, ${totals.violations} CSP violations, ${totals.domFindings} DOM findings`);
    if (findings.length) throw new Error(findings.slice(0, 20).join('\n'));
  });

  await test('control in the same webview frame: the detector sees an alert(), a CSP-blocked handler, and a request the page makes', async () => {
    const file = posts[0][0];
    const frame = (await previewFrame(file)) ?? firstFrame;
    if (!frame) throw new Error('no preview frame');
    const hitsBefore = hits.length;
    const requestsBefore = requests.length;
    const control = await frame.evaluate(async () => {
      /* techblog-xss-probe */
      const violationsBefore = window.__e2eViolations.length;
      window.alert('control');
      document.body.insertAdjacentHTML('beforeend', '<img id="xss-control" src="data:," onerror="window.__controlRan = 1">');
      // An image of the preview's own (its stylesheet's URL), with a marker the request watcher must see.
      const own = document.querySelector('link[rel="stylesheet"]')?.href;
      const img = new Image();
      if (own) img.src = `${own}${own.includes('?') ? '&' : '?'}xss-control=1`;
      await new Promise((r) => { img.onload = img.onerror = r; setTimeout(r, 5000); });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      document.getElementById('xss-control')?.remove();
      return { sentinel: [...window.__xssHits], violation: window.__e2eViolations.length > violationsBefore, ran: window.__controlRan === 1, own: !!own };
    });
    const seen = { binding: hits.slice(hitsBefore).map((h) => h.what), ...control, request: requests.slice(requestsBefore).some((u) => u.includes('xss-control=1')) };
    log(`  ${JSON.stringify(seen)}`);
    const problems = [];
    if (!seen.binding.includes('alert')) problems.push('the binding did not report the alert');
    if (!seen.sentinel.includes('alert')) problems.push('the frame\'s sentinel did not record the alert');
    if (!seen.violation || seen.ran) problems.push('the injected handler was not reported as a CSP violation (or it ran)');
    if (!seen.own || !seen.request) problems.push('the request watcher did not see the page\'s own image request');
    if (problems.length) throw new Error(problems.join('; '));
  });
});
