// The preview page's script (bundled into media/preview.js, inlined into the page with its nonce). It patches
// the DOM to each new rendering with morphdom (no reload: scroll position, loaded images and focus
// stay), keeps the notice bar, syncs scrolling with the editor through `data-line`, and hands clicks on
// links and double-clicks to the extension. Browser code only: no vscode, no Node.
// With `techblog.preview.siteScripts` the site's own script files run on the page too (deferred, after
// this script): the host API stays in this script's closure, and the DOM they build survives patches.
import morphdom from 'morphdom';
import {
  BLOCK_MARK, isPreviewActionId, type HostToWebview, type PatchMessage, type PreviewAction, type PreviewSettings, type PreviewState, type UpdateMessage,
  type WebviewToHost,
} from '../core/protocol/previewMessages';
import { playRuns } from '../core/protocol/blockRuns';
import type { Notice } from '../core/render/notices';

interface VsCodeApi {
  postMessage(message: WebviewToHost): void;
  getState(): unknown;
  setState(state: PreviewState): void;
}
declare function acquireVsCodeApi(): VsCodeApi;

/** When this script began and the page loaded (wall clock), for the first-preview trace (see logFirst). */
const scriptAt = performance.timeOrigin + performance.now();
let loadAt: number | undefined;
window.addEventListener('load', () => { loadAt = performance.timeOrigin + performance.now(); }, { once: true });

// The host API is taken first and kept in this closure; the global goes, so no other script on the page
// (the site's own, when they run) can reach the extension host except through what this script sends.
const vscode = acquireVsCodeApi();
try {
  delete (globalThis as { acquireVsCodeApi?: unknown }).acquireVsCodeApi;
} catch { /* not configurable: VS Code's one-acquire rule still stops a second caller */ }
const NOTICES_ID = 'techblog-notices';

function readSettings(): PreviewSettings {
  const el = document.getElementById('techblog-preview-settings');
  try {
    return JSON.parse(el?.getAttribute('data-settings') ?? '') as PreviewSettings;
  } catch {
    return { state: { resource: '', locked: false }, scrollSync: true, siteScripts: false, styleNonce: '', strings: { noticesTitle: '{0}', moreNotices: '+{0}', fewerNotices: '−' } };
  }
}

const settings = readSettings();
/** The nonce of the page's <style> elements, for the site CSS added later (never the script's own). */
const nonce = settings.styleNonce;
const siteScripts = settings.siteScripts === true;

// ── the site's scripts ───────────────────────────────────────────────────────────────────────────
// They are deferred: they run after the page is parsed, before DOMContentLoaded, in order. Before they
// run, this script hides its own nonce (its element and the CSP <meta> that names it; the policy stays in
// force) and notes every element the rendering made, so that patches keep what the scripts add.
const rendered = new WeakSet<Node>();
function noteRendered(node: Node): void {
  rendered.add(node);
  if (node instanceof Element) for (const el of node.querySelectorAll('*')) rendered.add(el);
}
if (siteScripts) {
  document.currentScript?.remove();
  document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.remove();
  const noteBody = () => { if (document.body) noteRendered(document.body); };
  if (document.readyState === 'loading') {
    document.addEventListener('readystatechange', () => { if (document.readyState === 'interactive') noteBody(); }, { once: true });
  } else noteBody();
}

let scrollSync = settings.scrollSync;
let state: PreviewState = settings.state;
const saved = vscode.getState() as PreviewState | undefined;
if (saved && saved.resource === state.resource && typeof saved.line === 'number') state = { ...state, line: saved.line };
vscode.setState(state);

// VS Code puts its own default styles (editor colours for body, links, code) into every webview; the
// preview shows the site's look instead.
document.getElementById('_defaultStyles')?.remove();

// ── notices ──────────────────────────────────────────────────────────────────────────────────────

let notices: Notice[] = [];
let actions: PreviewAction[] = [];
let noticesExpanded = false;

function format(template: string, n: number): string {
  return template.replace('{0}', String(n));
}

/**
 * The first notice (the most important: why the theme is not shown, when it is not) is always shown in
 * full, wrapped; the others are behind "+N more".
 */
function renderNotices(): void {
  const bar = document.getElementById(NOTICES_ID);
  if (!bar) return;
  bar.hidden = notices.length === 0;
  bar.classList.toggle('techblog-notices-expanded', noticesExpanded);
  bar.title = notices.length > 1 ? format(settings.strings.noticesTitle, notices.length) : '';
  bar.replaceChildren();
  const shown = noticesExpanded ? notices : notices.slice(0, 1);
  for (const n of shown) {
    const line = document.createElement('span');
    line.className = `techblog-notice techblog-notice-${n.kind}`;
    line.textContent = n.text;
    bar.append(line);
    // The first notice's buttons (a missing theme's "Download theme") follow it, also when collapsed.
    if (n === notices[0] && actions.length) {
      // It explains the rest (a missing theme): readable in full without a click.
      line.classList.add('techblog-notice-primary');
      for (const a of actions) {
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'techblog-notice-action';
        button.dataset.action = a.id;
        button.textContent = a.label;
        bar.append(button);
      }
    }
  }
  if (notices.length > 1) {
    const more = document.createElement('span');
    more.className = 'techblog-notices-more';
    more.setAttribute('role', 'button');
    more.tabIndex = 0;
    more.setAttribute('aria-expanded', String(noticesExpanded));
    more.textContent = noticesExpanded ? settings.strings.fewerNotices : format(settings.strings.moreNotices, notices.length - 1);
    bar.append(more);
  }
}

function ensureNoticeBar(): void {
  if (document.getElementById(NOTICES_ID)) return;
  const bar = document.createElement('div');
  bar.id = NOTICES_ID;
  bar.className = 'techblog-notices';
  bar.setAttribute('role', 'status');
  bar.hidden = true;
  document.body.prepend(bar);
}

// ── scroll sync ──────────────────────────────────────────────────────────────────────────────────

interface LineEntry { line: number; el: HTMLElement }
let lineCache: LineEntry[] | undefined;

/** Elements carrying a source line, in document order, lines increasing (nested repeats dropped). */
function lineEntries(): LineEntry[] {
  if (lineCache) return lineCache;
  const out: LineEntry[] = [];
  for (const el of document.querySelectorAll<HTMLElement>('[data-line]')) {
    const line = Number(el.getAttribute('data-line'));
    if (!Number.isFinite(line)) continue;
    if (out.length && line <= out[out.length - 1].line) continue;
    if (el.offsetParent === null && el.getClientRects().length === 0) continue; // not displayed
    out.push({ line, el });
  }
  lineCache = out;
  return out;
}

const pageTop = (el: HTMLElement) => el.getBoundingClientRect().top + window.scrollY;

/** Until this time, scroll events are ours (following the editor), not the user's. */
let ignoreScrollUntil = 0;

function scrollToLine(line: number): void {
  const entries = lineEntries();
  let y = 0;
  if (entries.length && line >= entries[0].line) {
    let i = entries.length - 1;
    while (i > 0 && entries[i].line > line) i--;
    const prev = entries[i];
    const next = entries[i + 1];
    const top = pageTop(prev.el);
    y = next ? top + (pageTop(next.el) - top) * Math.min(1, (line - prev.line) / (next.line - prev.line)) : top + (line - prev.line) * 16;
  }
  ignoreScrollUntil = performance.now() + 200;
  window.scrollTo({ top: Math.max(0, y - 4), behavior: 'instant' as ScrollBehavior });
  state = { ...state, line };
  vscode.setState(state);
}

/** The (fractional) source line at the top of the viewport. */
function lineAtTop(): number | undefined {
  const entries = lineEntries();
  if (!entries.length) return undefined;
  const y = window.scrollY + 4;
  let i = -1;
  for (let k = 0; k < entries.length; k++) {
    if (pageTop(entries[k].el) <= y) i = k;
    else break;
  }
  if (i < 0) return 0;
  const prev = entries[i];
  const next = entries[i + 1];
  if (!next) return prev.line;
  const a = pageTop(prev.el);
  const b = pageTop(next.el);
  return prev.line + (b > a ? ((y - a) / (b - a)) * (next.line - prev.line) : 0);
}

let scrollFrame = 0;
window.addEventListener('scroll', () => {
  if (scrollFrame) return;
  scrollFrame = requestAnimationFrame(() => {
    scrollFrame = 0;
    if (performance.now() < ignoreScrollUntil) return;
    const line = lineAtTop();
    if (line === undefined) return;
    state = { ...state, line };
    vscode.setState(state);
    if (scrollSync) vscode.postMessage({ type: 'revealLine', line });
  });
}, { passive: true });

window.addEventListener('resize', () => { lineCache = undefined; });

// ── updates ──────────────────────────────────────────────────────────────────────────────────────

function replaceSiteCss(sheets: string[]): void {
  // The theme's CSS arriving after the first frame moves everything: the line at the top stays there.
  const line = window.scrollY > 0 ? lineAtTop() : undefined;
  for (const old of document.head.querySelectorAll('style[data-techblog-site-css]')) old.remove();
  const before = document.head.querySelector('link[data-techblog-chrome]');
  for (const css of sheets) {
    const style = document.createElement('style');
    style.nonce = nonce;
    style.setAttribute('data-techblog-site-css', '');
    style.textContent = css;
    document.head.insertBefore(style, before);
  }
  lineCache = undefined;
  if (line !== undefined) scrollToLine(line);
}

const parser = new DOMParser();

function applyUpdate(m: UpdateMessage): void {
  const t0 = performance.now();
  if (m.css) replaceSiteCss(m.css);
  if (m.lang !== undefined && document.documentElement.lang !== m.lang) document.documentElement.lang = m.lang;
  // Another post (the preview follows the editor) has another title; the text decodes inertly.
  if (m.title !== undefined) {
    const title = parser.parseFromString(`<!DOCTYPE html><title>${m.title}</title>`, 'text/html').title;
    if (document.title !== title) document.title = title;
  }
  ensureNoticeBar();
  // No body: the webview shows it already (the page was just built with it).
  if (m.body !== undefined) {
    // An inert document: nothing in it loads or runs while it is parsed (its scripts never run, moved or not).
    const next = parser.parseFromString(`<!DOCTYPE html><html><head></head>${m.body}</html>`, 'text/html').body;
    const placeholder = next.ownerDocument.createElement('div');
    placeholder.id = NOTICES_ID;
    next.prepend(placeholder);
    morphdom(document.body, next, {
      onBeforeElUpdated: (from, to) => from.id !== NOTICES_ID && !from.isEqualNode(to),
      // What the site's scripts added (a table of contents, a toggle) stays; the rendering's own parts follow the text.
      onBeforeNodeDiscarded: (node) => !(siteScripts && node instanceof Element && !rendered.has(node)),
      onNodeAdded: (node) => { if (siteScripts) noteRendered(node); return node; },
    });
    marks = undefined;
  }
  lineCache = undefined;
  notices = m.notices;
  actions = m.actions ?? [];
  renderNotices();
  state = { ...m.state, ...(state.resource === m.state.resource && state.line !== undefined ? { line: state.line } : {}) };
  if (m.line !== undefined) scrollToLine(m.line);
  else vscode.setState(state);
  vscode.postMessage({ type: 'patched', version: m.version, ms: performance.now() - t0 });
}

// ── block patches ────────────────────────────────────────────────────────────────────────────────

/** The comments that start the body's blocks (by id), the ids in page order, and the one after the last, found once per body. */
let marks: { byId: Map<number, Comment>; order: number[]; end: Comment } | undefined;

function findMarks(): typeof marks {
  const byId = new Map<number, Comment>();
  const order: number[] = [];
  let end: Comment | undefined;
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_COMMENT);
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    const data = (n as Comment).data;
    if (!data.startsWith(BLOCK_MARK)) continue;
    const id = data.slice(BLOCK_MARK.length);
    if (id === 'end') end = n as Comment;
    else {
      byId.set(Number(id), n as Comment);
      order.push(Number(id));
    }
  }
  return end ? { byId, order, end } : undefined;
}

/** A block's nodes: its mark and what follows it up to the next mark. */
function blockNodes(mark: Comment): Node[] {
  const nodes: Node[] = [mark];
  for (let n = mark.nextSibling; n && !(n instanceof Comment && n.data.startsWith(BLOCK_MARK)); n = n.nextSibling) nodes.push(n);
  return nodes;
}

/** Adds `by` to the `data-line` of a block's elements. */
function shiftLines(nodes: Node[], by: number): void {
  for (const n of nodes) {
    if (!(n instanceof Element)) continue;
    if (n.hasAttribute('data-line')) n.setAttribute('data-line', String(Number(n.getAttribute('data-line')) + by));
    for (const el of n.querySelectorAll('[data-line]')) el.setAttribute('data-line', String(Number(el.getAttribute('data-line')) + by));
  }
}

/**
 * Applies the patch's runs (playRuns): removes the blocks in no run, inserts the new ones, moves the
 * kept ones not in place and shifts the `data-line`s of runs that moved in the source; blocks in place
 * are not walked. False when the page does not have the blocks the patch keeps.
 */
function applyBlocks(m: PatchMessage): boolean {
  marks ??= findMarks();
  if (!marks) return false;
  const { byId, order, end } = marks;
  const parent = end.parentNode;
  if (!parent || m.shown !== order.length || order.some((id) => byId.get(id)?.parentNode !== parent)) return false;
  const at = (i: number): Node => (i < 0 ? end : byId.get(order[i])!);
  let replaced = 0;
  const ok = playRuns(m.order, order.length, m.blocks.length, {
    remove: (i) => {
      for (const n of blockNodes(byId.get(order[i])!)) parent.removeChild(n);
      byId.delete(order[i]);
    },
    insert: (k, before) => {
      const b = m.blocks[k];
      // A new block named like a kept one (the host never does that): the whole body again.
      if (byId.has(b.id)) throw new Error(`block ${b.id} is on the page already`);
      // Parsed inert (a template's content): nothing in it loads or runs until it is in the page.
      const template = document.createElement('template');
      template.innerHTML = b.html;
      const mark = document.createComment(BLOCK_MARK + b.id);
      parent.insertBefore(mark, at(before));
      parent.insertBefore(template.content, at(before));
      byId.set(b.id, mark);
      replaced++;
    },
    move: (i, before) => { for (const n of blockNodes(byId.get(order[i])!)) parent.insertBefore(n, at(before)); },
    shift: (i, by) => shiftLines(blockNodes(byId.get(order[i])!), by),
  });
  if (!ok) return false;
  const next: number[] = [];
  let k = 0;
  for (let j = 0; j < m.order.length; j += 3) {
    const [start, count] = [m.order[j], m.order[j + 1]];
    for (let i = 0; i < count; i++) next.push(start === -1 ? m.blocks[k++].id : order[start + i]);
  }
  marks.order = next;
  lastBlocks = replaced;
  return true;
}

let lastBlocks: number | undefined;

function applyPatch(m: PatchMessage): void {
  const t0 = performance.now();
  if (!applyBlocks(m)) {
    // The page does not hold what the host thinks it does: ask for the whole body again.
    marks = undefined;
    vscode.postMessage({ type: 'ready' });
    return;
  }
  lineCache = undefined;
  if (m.title !== undefined) {
    const title = parser.parseFromString(`<!DOCTYPE html><title>${m.title}</title>`, 'text/html').title;
    if (document.title !== title) document.title = title;
  }
  notices = m.notices;
  actions = m.actions ?? [];
  renderNotices();
  state = { ...m.state, ...(state.resource === m.state.resource && state.line !== undefined ? { line: state.line } : {}) };
  vscode.setState(state);
  vscode.postMessage({ type: 'patched', version: m.version, ms: performance.now() - t0, blocks: lastBlocks });
}

/** With the host's trace (TECHBLOG_PREVIEW_TRACE=1): one console line per update, for the e2e keystroke bench. */
function logTrace(m: UpdateMessage | PatchMessage, received: number): void {
  if (!m.trace) return;
  const now = performance.timeOrigin + performance.now();
  console.log(`[techblog-trace] ${JSON.stringify({ ...m.trace, version: m.version, kind: m.type, received, applied: now })}`);
}

/**
 * With the host's trace of a first frame: one `[techblog-first]` console line once the page has loaded
 * (the e2e first-preview bench reads it): the host's stamps and the page's own (wall-clock ms): its
 * navigation start, when VS Code's webview service worker took the frame's request and its empty page was
 * parsed (ours is written into it then), this script's start, DOMContentLoaded (the body parsed), the first contentful paint,
 * the load event (stylesheets, fonts and images in) and when the update after `ready` was applied.
 */
function logFirst(m: UpdateMessage | PatchMessage, received: number): void {
  const first = m.trace?.first;
  if (!first) return;
  const applied = performance.timeOrigin + performance.now();
  const log = () => {
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime;
    // The frame's own navigation: VS Code loads an empty page into it (a request its webview service worker
    // handles first), then writes our page into that document.
    const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming | undefined;
    const wall = (ms: number | undefined) => (ms ? performance.timeOrigin + ms : undefined);
    console.log(`[techblog-first] ${JSON.stringify({
      ...m.trace, navigation: performance.timeOrigin, worker: wall(nav?.workerStart), empty: wall(nav?.domContentLoadedEventEnd), script: scriptAt, dom: domAt, paint: fcp === undefined ? undefined : performance.timeOrigin + fcp,
      load: loadAt, fonts: fontsAt, received, applied,
    })}`);
  };
  let fontsAt: number | undefined;
  // Once the page has loaded (stylesheets) and its fonts are in.
  const whenLoaded = new Promise<void>((resolve) => { if (document.readyState === 'complete') resolve(); else window.addEventListener('load', () => resolve(), { once: true }); });
  void whenLoaded.then(() => document.fonts.ready).then(() => { fontsAt = performance.timeOrigin + performance.now(); setTimeout(log); });
}

function onHostMessage(m: HostToWebview): void {
  const received = performance.timeOrigin + performance.now();
  if (m.type === 'patch' || m.type === 'update') queueMicrotask(() => { logTrace(m, received); logFirst(m, received); });
  switch (m.type) {
    case 'patch':
      try {
        applyPatch(m);
      } catch (e) {
        console.error('[techblog preview] could not apply a patch', e);
        marks = undefined;
        vscode.postMessage({ type: 'ready' });
      }
      break;
    case 'update':
      try {
        applyUpdate(m);
      } catch (e) {
        console.error('[techblog preview] could not apply an update', e);
      }
      break;
    case 'scrollToLine':
      if (scrollSync) scrollToLine(m.line);
      break;
    case 'settings':
      scrollSync = m.scrollSync;
      state = { ...m.state, line: state.line };
      vscode.setState(state);
      break;
  }
}

window.addEventListener('message', (event: MessageEvent<HostToWebview>) => {
  const m = event.data;
  if (!m || typeof m !== 'object') return;
  // The script runs in <head>, before the body exists (see start below).
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => onHostMessage(m), { once: true });
  else onHostMessage(m);
});

// ── clicks ───────────────────────────────────────────────────────────────────────────────────────

function onLinkClick(event: MouseEvent): void {
  const target = event.target instanceof Element ? event.target : null;
  const action = target?.closest<HTMLElement>('.techblog-notice-action')?.dataset.action;
  if (isPreviewActionId(action)) {
    vscode.postMessage({ type: 'action', id: action });
    return;
  }
  const bar = target?.closest(`#${NOTICES_ID}`);
  if (bar) {
    // The first notice is readable as it is; a click on the bar (or "+N more") shows or hides the rest.
    if (notices.length > 1 && !window.getSelection()?.toString()) {
      noticesExpanded = !noticesExpanded;
      renderNotices();
    }
    return;
  }
  const a = target?.closest('a');
  if (!a) return;
  event.preventDefault();
  const href = a.getAttribute('href');
  if (href === null || href === '') return;
  if (href.startsWith('#')) {
    const id = decodeURIComponent(href.slice(1));
    const dest = id ? document.getElementById(id) ?? document.getElementsByName(id)[0] : document.body;
    dest?.scrollIntoView({ block: 'start' });
    return;
  }
  // Only the user opens things outside the page: a click made up by a script (`a.click()`) does not.
  if (!event.isTrusted) return;
  vscode.postMessage({ type: 'openLink', href });
}

document.addEventListener('click', onLinkClick);
document.addEventListener('auxclick', (e) => { if (e.button === 1) onLinkClick(e); });

document.addEventListener('keydown', (event) => {
  if ((event.key === 'Enter' || event.key === ' ') && event.target instanceof Element && event.target.classList.contains('techblog-notices-more')) {
    event.preventDefault();
    noticesExpanded = !noticesExpanded;
    renderNotices();
    (document.querySelector(`#${NOTICES_ID} .techblog-notices-more`) as HTMLElement | null)?.focus();
  }
});

document.addEventListener('dblclick', (event) => {
  if (!event.isTrusted) return;
  const target = event.target instanceof Element ? event.target : null;
  if (!target || target.closest('a') || target.closest(`#${NOTICES_ID}`)) return;
  const el = target.closest('[data-line]');
  if (!el) return;
  const line = Number(el.getAttribute('data-line'));
  if (Number.isFinite(line)) vscode.postMessage({ type: 'openLine', line });
});

// ── start ────────────────────────────────────────────────────────────────────────────────────────

// The host inlines this script at the top of <head>, before any stylesheet, so that nothing it has to
// load can hold it up; the body is there once the document is parsed, stylesheets or not.
let domAt: number | undefined;

function start(): void {
  domAt = performance.timeOrigin + performance.now();
  ensureNoticeBar();
  if (state.line !== undefined) {
    const line = state.line;
    // After layout (images without sizes move things): once now, once when everything has loaded.
    scrollToLine(line);
    window.addEventListener('load', () => { if (performance.now() < ignoreScrollUntil + 2000) scrollToLine(line); }, { once: true });
  }
  vscode.postMessage({ type: 'ready' });
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
else start();
