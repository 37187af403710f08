// End-to-end: the "Get Started with TechBlog" walkthrough ticks a step however the user does it (issue 14,
// "First run") — read from the walkthrough page's DOM, as the user sees it. The real workbench (code-server +
// headless Chromium, the extension in development mode, a fresh copy of examples/sample-blog): the walkthrough
// is opened from the Command Palette ("Welcome: Open Walkthrough..."), and each step is done WITHOUT its
// buttons — the preview from the Command Palette, an image pasted with Ctrl+V, a quick fix chosen with Ctrl+. —
// then the walkthrough shows that step's checkmark. Paste and fix have no command VS Code could see
// (their completionEvents are `onContext:` keys set by src/host/walkthrough/walkthroughProgress.ts). "Open your
// blog" is ticked on the first opening: its key, set on activation before the walkthrough registered, ticks through
// `techblog.hasBlog && activeEditor == gettingStartedPage` (see CONTRIBUTING, "Walkthrough"). The walkthrough is
// closed after each look, so its page cannot take the focus from a later Quick Open.
//
// The same run takes the walkthrough's pictures of the real extension (media/walkthrough/*.png: the preview
// beside a post, the paste widget after Ctrl+V, a quick fix with the Problems panel):
//   node test/e2e/walkthrough.e2e.mjs                 (npm run build first; `npm test -- e2e` does both)
//   npm run screenshots                               (= build, then this script with --screenshots: rewrites
//                                                      media/walkthrough/{preview,paste,fix}.png, oxipng-compressed)
// Without --screenshots the pictures go to the temp dir (their paths are logged). Ends with
// "[e2e] N passed, M failed"; exit code 1 on any failure. KEEP_TMP=1 keeps the temp dirs.
/* global document, navigator, ClipboardItem, Blob, atob, WebAssembly */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { encodePng } from './png.mjs';
import {
  editorTextarea, log, openFile, palette, previewFrame, quickInput, quickRows, root, runE2E, waitFor, waitForActivation,
} from './workbench.mjs';

const WRITE_MEDIA = process.argv.includes('--screenshots') || process.env.TECHBLOG_SCREENSHOTS === '1';
const MEDIA = path.join(root, 'media/walkthrough');
const POST = '2021-03-14-go-context-cancellation.md';
const POST_TITLE = 'Go context cancellation: three mistakes I keep making';
/** A post of the sample blog with a tag that has a leading space (DEFECTS.json: tag-whitespace, line 7). */
const DEFECTIVE = '2021-09-03-otel-collector-first-look.md';
const STEPS = ['openBlog', 'paste', 'preview', 'fix'];
const stepId = (step) => `techblog.techblog#gettingStarted#${step}`;
let page;

/**
 * The walkthrough's steps as shown: for each step, whether its checkbox (VS Code's `[data-done-step-id]`
 * element) is ticked — `aria-checked="true"` and the `complete` class; undefined when it is not on screen.
 */
function shownTicks() {
  return page.evaluate(([steps, ids]) => Object.fromEntries(steps.map((s, i) => {
    const el = [...document.querySelectorAll('[data-done-step-id]')].find((e) => e.getAttribute('data-done-step-id') === ids[i]);
    const box = el?.getBoundingClientRect();
    if (!el || !box.width || !box.height) return [s, undefined];
    return [s, el.getAttribute('aria-checked') === 'true' && el.classList.contains('complete')];
  })), [STEPS, STEPS.map(stepId)]);
}

/** Opens our walkthrough the way a user finds it: Command Palette → "Welcome: Open Walkthrough..." → its title. */
async function openWalkthrough() {
  await palette(page, 'Open Walkthrough...');
  const row = quickRows(page).filter({ hasText: 'Get Started with TechBlog' }).first();
  await row.waitFor({ timeout: 30_000 });
  await row.click();
  return waitFor('the walkthrough\'s four steps on screen', async () => {
    const t = await shownTicks();
    return STEPS.every((s) => t[s] !== undefined) && t;
  }, { timeout: 30_000, interval: 200 });
}

/**
 * Closes the walkthrough's tab with its close button (a click: no Quick Open or palette involved) and waits until
 * the tab is gone. The page moves the keyboard focus to its selected step a moment after it opens (a timer of its
 * own, later on a loaded machine); a focus steal while Quick Open or the palette is up closes them, and a page
 * still open in the post's group takes that group back. Once closed, its page is disposed and cannot do either,
 * so no later step of this test depends on when that timer fires.
 */
async function closeWalkthrough() {
  const tab = page.locator('.tabs-container .tab').filter({ hasText: 'Walkthrough' });
  await tab.first().locator('.tab-actions .action-label').first().click();
  await waitFor('the walkthrough tab to close', async () => (await tab.count()) === 0, { timeout: 30_000, interval: 100 });
}

const showTicks = (t) => STEPS.map((s) => `${s} ${t[s] ? '✔' : '·'}`).join(', ');

/** Opens the walkthrough, waits for `step`'s checkmark (VS Code updates the page on each completion event), closes it. */
async function expectTicked(step) {
  await openWalkthrough();
  const t = await waitFor(`the "${step}" step's checkmark in the walkthrough`, async () => {
    const now = await shownTicks();
    return now[step] && now;
  }, { timeout: 30_000, interval: 200 }).catch(async (e) => { throw new Error(`${e.message}; shown: ${JSON.stringify(await shownTicks())}`); });
  log(`  the walkthrough shows: ${showTicks(t)}`);
  await closeWalkthrough();
  return t;
}

/** A picture of the workbench as it is: into media/walkthrough/ with --screenshots (compressed), else the temp dir. */
async function picture(name) {
  const raw = await page.screenshot({ type: 'png' });
  if (!WRITE_MEDIA) {
    const file = path.join(os.tmpdir(), `techblog-e2e-walkthrough-${name}.png`);
    fs.writeFileSync(file, raw);
    log(`  picture ${name}: ${file} (${(raw.length / 1024).toFixed(0)} KB; --screenshots writes it to media/walkthrough/)`);
    return;
  }
  const oxipng = await import('@jsquash/oxipng/optimise.js');
  await oxipng.init(await WebAssembly.compile(fs.readFileSync(path.join(root, 'node_modules/@jsquash/oxipng/codec/pkg/squoosh_oxipng_bg.wasm'))));
  const small = Buffer.from(await oxipng.default(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.byteLength), { level: 3 }));
  const file = path.join(MEDIA, `${name}.png`);
  fs.writeFileSync(file, small);
  log(`  picture ${name}: ${path.relative(root, file)} (${(raw.length / 1024).toFixed(0)} KB → ${(small.length / 1024).toFixed(0)} KB)`);
}

const visibleText = async () => (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

await runE2E({
  name: 'walkthrough',
  permissions: ['clipboard-read', 'clipboard-write'],
  // Small enough for pictures that keep the .vsix light, large enough for a post beside its preview.
  viewport: { width: 1024, height: 640 },
  settings: { 'editor.minimap.enabled': false },
}, async (ctx) => {
  ({ page } = ctx);
  const { test, workspace } = ctx;

  await test('the extension activates by itself in the sample blog (its "TechBlog" output channel appears)', async () => {
    await waitForActivation(page);
    await page.keyboard.press('Escape');
    await palette(page, 'View: Hide Panel');
    // Room for a post beside its preview in the pictures.
    await palette(page, 'View: Close Primary Side Bar');
  });

  await test('"Get Started with TechBlog" opens from the Command Palette with "Open your blog" ticked (a blog is open), paste, preview and fix not', async () => {
    // `techblog.hasBlog` was set on activation, before the walkthrough registered (on this first open): the
    // step ticks on `techblog.hasBlog && activeEditor == gettingStartedPage`, which turns true as the page opens.
    const t = await expectTicked('openBlog');
    const early = STEPS.filter((s) => s !== 'openBlog' && t[s]);
    if (early.length) throw new Error(`ticked before the user did anything: ${early.join(', ')}`);
  });

  await test('"Preview": "TechBlog: Open Preview to the Side" from the Command Palette ticks it', async () => {
    await openFile(page, POST);
    await palette(page, 'TechBlog: Open Preview to the Side');
    // The preview's page with the post's title: what the picture shows.
    await waitFor(`the preview of ${POST}`, async () => {
      const f = await previewFrame(page, POST);
      const h1 = await f?.evaluate(() => document.querySelector('article.post h1.post-title')?.textContent.trim()).catch(() => undefined);
      return h1 === POST_TITLE;
    }, { timeout: 180_000, interval: 200 });
    await waitFor('the theme\'s CSS in the preview', async () => {
      const f = await previewFrame(page, POST);
      return f?.evaluate(() => document.querySelectorAll('style[data-techblog-site-css]').length > 0).catch(() => false);
    }, { timeout: 180_000, interval: 200 });
    await picture('preview');
    await expectTicked('preview');
  });

  await test('"Paste": Ctrl+V of a clipboard PNG in a post (no command, no walkthrough button) ticks it', async () => {
    await openFile(page, POST);
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    const png = encodePng(48, 32, (x, y) => [40 + x * 4, 90 + y * 3, 200 - x * 2, 255]);
    await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
    }, png.toString('base64'));
    const year = new Date().getFullYear();
    const dir = path.join(workspace, 'images', String(year));
    const before = new Set(fs.existsSync(dir) ? fs.readdirSync(dir) : []);
    await editorTextarea(page).focus();
    await page.keyboard.press('Control+V');
    const name = await waitFor(`a new image in images/${year}/`, () => (fs.existsSync(dir) ? fs.readdirSync(dir) : []).find((f) => !before.has(f)), { timeout: 30_000 });
    // Markdown wraps long lines: look for the link's text without the line breaks. The editor does not always
    // scroll the wrapped end of the link into view after the paste (seen once, load 16): Ctrl+End, with the cursor
    // already at the end of the post, only scrolls to it (the paste widget stays).
    await waitFor('the link in the editor', async () => {
      if ((await visibleText()).replace(/\n/g, '').includes(`(../images/${year}/${name})`)) return true;
      await page.keyboard.press('Control+End');
      return false;
    }, { timeout: 15_000, interval: 500 });
    // The preview beside the post shows the pasted image (loaded from the file the paste wrote).
    await waitFor('the pasted image in the preview', async () => {
      const f = await previewFrame(page, POST);
      return f?.evaluate((n) => [...document.images].some((i) => decodeURIComponent(i.src).includes(n) && i.complete && i.naturalWidth > 0), name).catch(() => false);
    }, { timeout: 60_000, interval: 250 });
    // The paste widget: our link styles, what the picture shows.
    await page.keyboard.press('Control+.');
    await page.locator('.action-widget .monaco-list-row').first().waitFor({ timeout: 10_000 });
    await picture('paste');
    await page.keyboard.press('Escape');
    await expectTicked('paste');
  });

  await test('"Fix a warning": a quick fix picked with Ctrl+. on a problem ticks it', async () => {
    await openFile(page, DEFECTIVE);
    // The Problems panel beside the post, as a user fixing warnings has it (what the picture shows).
    await palette(page, 'View: Focus Problems (Errors, Warnings, Infos)');
    await page.locator('.markers-panel .monaco-list-row').first().waitFor({ timeout: 60_000 });
    await page.keyboard.press('Control+1');
    // Line 7: tags: ["opentelemetry", " observability", …] — column 27 is inside " observability".
    await page.keyboard.press('Control+G');
    await quickInput(page).waitFor({ state: 'visible' });
    await quickInput(page).fill(':7:27');
    await page.keyboard.press('Enter');
    await quickInput(page).waitFor({ state: 'hidden' });
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row');
    await rows.filter({ hasText: 'Trim the tag' }).first().waitFor({ timeout: 30_000 });
    await picture('fix');
    // The actions, without the group headers ("Quick Fix"); the list focuses the first action.
    const actions = await page.locator('.action-widget .monaco-list-row:not(.group-header)').allInnerTexts();
    const index = actions.findIndex((l) => l.includes('Trim the tag'));
    log(`  quick fixes: ${JSON.stringify(actions.map((l) => l.trim()))}`);
    // The list takes the keyboard (a pointer block sits over it for mouse clicks).
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitFor('the tag trimmed in the editor', async () => /"opentelemetry",\s*"observability"/.test((await visibleText()).replace(/\n/g, '')), { timeout: 15_000 });
    const t = await expectTicked('fix');
    const missing = STEPS.filter((s) => !t[s]);
    if (missing.length) throw new Error(`the steps done so far should all be ticked, not: ${missing.join(', ')}`);
  });
});
