// The XSS detector shared by the end-to-end XSS runs (xss.e2e.mjs: sanitized pages without CSP;
// xss-preview.e2e.mjs: the real preview webview): hooks that report every script execution, and the
// events a visitor (or the page itself) would fire.
/* global window, document, navigator, MouseEvent, Event, FocusEvent, requestAnimationFrame */
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

export const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

/** The compiled corpus helpers (test/unit/render/xssCorpus.ts); without out/ the script fails with a hint. */
export function compiledCorpus(script) {
  const corpusJs = path.join(root, 'out/test/unit/render/xssCorpus.js');
  if (!fs.existsSync(corpusJs)) {
    console.log(`[e2e] ${script}: out/ is missing — run \`npx tsc -p tsconfig.json\` first`);
    console.log('[e2e] 0 passed, 1 failed');
    process.exit(1);
  }
  return createRequire(import.meta.url)(corpusJs);
}

// The hooks, installed in every frame before any of its scripts. Each call reports through the binding
// and is kept in the frame's own `window.__xssHits` (the sentinel a test can read back). `'subframes'`:
// install them only in frames, not in the top page (the workbench's webviews, not the workbench).
export const HOOKS = (scope) => {
  if (scope === 'subframes' && window.top === window) return;
  const hits = [];
  try { Object.defineProperty(window, '__xssHits', { value: hits, writable: false, configurable: false }); } catch { /* already there */ }
  const hit = (what) => { hits.push(what); try { window.__xssHit(what); } catch { /* the binding is gone with the page */ } };
  const wrap = (obj, key, what) => {
    const orig = obj[key];
    if (typeof orig !== 'function') return;
    const w = function (...args) { hit(what); return typeof orig === 'function' && what !== 'alert' && what !== 'confirm' && what !== 'prompt' && what !== 'print' ? orig.apply(this, args) : undefined; };
    try { Object.defineProperty(obj, key, { value: w, writable: false, configurable: false }); } catch { obj[key] = w; }
  };
  for (const k of ['alert', 'confirm', 'prompt', 'print', 'open', 'fetch']) wrap(window, k, k);
  // Playwright goes through eval too: page.evaluate with our probe functions (they carry a marker
  // comment) and the replies of its binding (__playwright__binding__controller__).
  const evalOrig = window.eval;
  const evalHook = function (src) {
    if (!(typeof src === 'string' && (src.includes('techblog-xss-probe') || src.includes('__playwright__binding__controller__')))) hit(`eval ${String(src).slice(0, 60)}`);
    return evalOrig(src);
  };
  try { Object.defineProperty(window, 'eval', { value: evalHook, writable: false, configurable: false }); } catch { window.eval = evalHook; }
  wrap(window.XMLHttpRequest.prototype, 'open', 'XMLHttpRequest');
  wrap(navigator, 'sendBeacon', 'sendBeacon');
  for (const k of ['WebSocket', 'EventSource', 'Function']) {
    const Orig = window[k];
    const P = new Proxy(Orig, { construct(target, args) { hit(k); return Reflect.construct(target, args); }, apply(target, self, args) { hit(k); return Reflect.apply(target, self, args); } });
    try { Object.defineProperty(window, k, { value: P, writable: false, configurable: false }); } catch { window[k] = P; }
  }
  for (const k of ['setTimeout', 'setInterval']) {
    const orig = window[k];
    window[k] = function (fn, ...rest) { if (typeof fn === 'string') hit(`${k}(string)`); return orig.call(this, fn, ...rest); };
  }
};

// Fires what a visitor (or the page itself) would: events on every element, a click on all but web links.
// `clickLinks: false` (the preview, whose link clicks open editors): links and the notice bar get no click.
export const TRIGGER = async ({ clickLinks = true } = {}) => {
  /* techblog-xss-probe */
  const events = ['mouseover', 'mouseenter', 'pointerenter', 'mousemove', 'focus', 'focusin', 'blur', 'error', 'load', 'toggle', 'input', 'change', 'animationstart', 'transitionend', 'beginEvent', 'start'];
  const isWeb = (el) => {
    const href = el.href && typeof el.href === 'object' ? el.href.baseVal : el.getAttribute('href') ?? el.getAttribute('xlink:href');
    try { return href !== null && ['http:', 'https:', 'mailto:', 'tel:', 'file:'].includes(new URL(href, document.baseURI).protocol); } catch { return false; }
  };
  // Web links are not followed (a click inside one bubbles to it); script URLs are, and must not run.
  document.addEventListener('click', (e) => { const a = e.target.closest?.('a[href], area[href], a[*|href]'); if (a && isWeb(a)) e.preventDefault(); }, true);
  for (const el of Array.from(document.querySelectorAll('*'))) {
    for (const type of events) {
      try { el.dispatchEvent(type.startsWith('mouse') || type.startsWith('pointer') ? new MouseEvent(type, { bubbles: true }) : type.startsWith('focus') || type === 'blur' ? new FocusEvent(type) : new Event(type)); } catch { /* ignore */ }
    }
    if (clickLinks || !el.closest('a, area, #techblog-notices')) { try { el.click?.(); } catch { /* ignore */ } }
    if (typeof el.focus === 'function') { try { el.focus(); } catch { /* ignore */ } }
  }
  await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
};

