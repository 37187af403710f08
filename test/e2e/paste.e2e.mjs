// End-to-end: image paste (issue 4) in the real workbench — code-server + headless Chromium, the
// extension loaded in development mode, on a throwaway copy of examples/sample-blog, with default
// settings (no editor.pasteAs.preferences: our edit has to win over the built-in Markdown image
// paste by itself). A PNG goes on the browser clipboard and a real Ctrl+V does the rest.
//   node test/e2e/paste.e2e.mjs        (npm run build first; `npm test -- e2e` does both)
// Ends with "[e2e] N passed, M failed"; exit code 1 on any failure. KEEP_TMP=1 keeps the temp dirs.
/* global navigator, ClipboardItem, Blob, atob, createImageBitmap, OffscreenCanvas */
import fs from 'node:fs';
import path from 'node:path';
import { encodePng } from './png.mjs';
import {
  editorTextarea, log, openFile as open, palette as run, quickInput, quickRows as quickRowsOf, runE2E, waitFor, waitForActivation,
} from './workbench.mjs';

const POST = '2021-03-14-go-context-cancellation.md';
const UNUSED = 'images/2020/e2e-never-linked.png';
let page;
let workspace;
const palette = (command) => run(page, command);
const openFile = (name) => open(page, name);
const quickRows = () => quickRowsOf(page);

/**
 * The built-in Markdown extension is active once "Go to Symbol in Editor" lists the post's headings
 * (its language server provides them; its paste provider is registered before that). Without it the
 * precedence check would prove nothing.
 */
async function builtinMarkdownActive(heading) {
  await page.keyboard.press('Control+Shift+O');
  await quickInput(page).waitFor({ state: 'visible' });
  await page.waitForTimeout(300);
  const rows = await quickRows().allInnerTexts();
  await page.keyboard.press('Escape');
  await quickInput(page).waitFor({ state: 'hidden' });
  return rows.some((r) => r.includes(heading));
}

const visibleText = async () => (await page.locator('.editor-instance .monaco-editor .view-lines').first().innerText()).replace(/\u00a0/g, ' ');

function listImages(year) {
  const dir = path.join(workspace, 'images', String(year));
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
}

/** Decode both PNGs in the page (Chromium re-encodes clipboard images: compare pixels, not bytes). */
async function samePixels(a, b) {
  return page.evaluate(async ([x, y]) => {
    const decode = async (b64) => {
      const bitmap = await createImageBitmap(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
      const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
      const g = canvas.getContext('2d');
      g.drawImage(bitmap, 0, 0);
      return { w: bitmap.width, h: bitmap.height, data: g.getImageData(0, 0, bitmap.width, bitmap.height).data };
    };
    const p = await decode(x);
    const q = await decode(y);
    return p.w === q.w && p.h === q.h && p.data.every((v, i) => v === q.data[i]) ? `${p.w}x${p.h}` : '';
  }, [a.toString('base64'), b.toString('base64')]);
}

// ── the tests ─────────────────────────────────────────────────────────────────────────────────
await runE2E({
  name: 'paste',
  permissions: ['clipboard-read', 'clipboard-write'],
  prepare: (ws) => {
    fs.mkdirSync(path.join(ws, path.dirname(UNUSED)), { recursive: true });
    fs.writeFileSync(path.join(ws, UNUSED), encodePng(2, 2, () => [255, 0, 0, 255]));
  },
}, async (ctx) => {
  ({ page, workspace } = ctx);
  const { test } = ctx;
  const settingsFile = path.join(ctx.server.tmp, 'user-data', 'User', 'settings.json');
  if (/pasteAs/.test(fs.readFileSync(settingsFile, 'utf8'))) throw new Error('the e2e profile must not configure editor.pasteAs.*');

  await test('the extension activates by itself in the sample blog (its "TechBlog" output channel appears)', () => waitForActivation(page));

  let pasted; // { name, year, link, file }
  await test('Ctrl+V of a clipboard PNG in a post saves images/<year>/image-<17 digits>.png with the same pixels and inserts the Typora link', async () => {
    await openFile(POST);
    await waitFor('the built-in Markdown extension', () => builtinMarkdownActive('Mistake 1'), { timeout: 30_000, interval: 500 });
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    const png = encodePng(6, 4, (x, y) => [x * 40, y * 60, 200 - x * 20, 255]);
    await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      await navigator.clipboard.write([new ClipboardItem({ 'image/png': new Blob([bytes], { type: 'image/png' }) })]);
    }, png.toString('base64'));
    const year = new Date().getFullYear();
    const before = new Set(listImages(year));
    await editorTextarea(page).focus();
    const pressed = Date.now();
    await page.keyboard.press('Control+V');

    const name = await waitFor(`a new image in images/${year}/`, () => listImages(year).find((f) => !before.has(f)), { timeout: 20_000 });
    const m = /^(image-\d{17})\.png$/.exec(name);
    if (!m) throw new Error(`unexpected file name ${name}`);
    const file = path.join(workspace, 'images', String(year), name);
    const link = `![${m[1]}](../images/${year}/${name})`;
    await waitFor(`${link} in the editor`, async () => (await visibleText()).includes(link), { timeout: 10_000 });
    log(`  Ctrl+V → image on disk and link on screen: ${Date.now() - pressed} ms`);
    const dims = await samePixels(png, fs.readFileSync(file));
    if (!dims) throw new Error('the saved image does not have the pasted pixels');
    log(`  ${path.relative(workspace, file)}: ${fs.statSync(file).size} bytes, same pixels (${dims}); link ${link}`);
    pasted = { name, year, link, file };
  });

  await test('with default settings our edit wins: the paste widget lists our three link styles first, the built-in "Insert Markdown Image" after them', async () => {
    if (!pasted) throw new Error('needs the paste above');
    // The widget's button sits at the end of the pasted text; "Show paste options" is its command.
    await page.keyboard.press('Control+.');
    const rows = page.locator('.context-view .action-widget .monaco-list-row, .context-view .action-list-item, .action-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 5000 });
    const labels = (await rows.allInnerTexts()).map((s) => s.trim()).filter(Boolean);
    log(`  paste options: ${JSON.stringify(labels)}`);
    await page.keyboard.press('Escape');
    const ours = labels.map((l, i) => (/TechBlog/.test(l) ? i : -1)).filter((i) => i >= 0);
    if (ours.length !== 3 || ours[0] !== 0 || !/relative/i.test(labels[0])) throw new Error(`our three edits first, relative link first: ${JSON.stringify(labels)}`);
    // The built-in Markdown image paste did offer its edit (so ours won against it, not by default).
    const builtin = labels.indexOf('Insert Markdown Image');
    if (builtin < 3) throw new Error(`the built-in "Insert Markdown Image" should be offered after ours: ${JSON.stringify(labels)}`);
  });

  await test('Ctrl+S saves the link into the post on disk', async () => {
    if (!pasted) throw new Error('needs the paste above');
    await editorTextarea(page).focus();
    await page.keyboard.press('Control+S');
    const postFile = path.join(workspace, '_posts', POST);
    await waitFor('the saved post to hold the link', () => fs.readFileSync(postFile, 'utf8').includes(pasted.link), { timeout: 10_000 });
  });

  await test('Ctrl+Z undoes the paste: the link leaves the editor and the image file is deleted', async () => {
    if (!pasted) throw new Error('needs the paste above');
    await editorTextarea(page).focus();
    await page.keyboard.press('Control+Z');
    await waitFor(`${path.relative(workspace, pasted.file)} to be deleted`, () => !fs.existsSync(pasted.file), { timeout: 10_000 });
    await waitFor('the link to leave the editor', async () => !(await visibleText()).includes(pasted.link), { timeout: 10_000 });
  });

  await test('picking the built-in "Insert Markdown Image" in the paste widget instead leaves none of our files behind', async () => {
    const year = new Date().getFullYear();
    const before = new Set(listImages(year));
    await editorTextarea(page).focus();
    await page.keyboard.press('Control+V');
    const name = await waitFor(`a new image in images/${year}/`, () => listImages(year).find((f) => !before.has(f)), { timeout: 20_000 });
    const ours = `](../images/${year}/${name})`;
    await waitFor('our link in the editor', async () => (await visibleText()).includes(ours), { timeout: 10_000 });
    await page.keyboard.press('Control+.');
    const rows = page.locator('.action-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 5000 });
    const index = (await rows.allInnerTexts()).findIndex((l) => l.includes('Insert Markdown Image'));
    if (index < 0) throw new Error('no "Insert Markdown Image" option');
    // The list takes the keyboard (a pointer block sits over it for mouse clicks).
    for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await waitFor(`images/${year}/${name} to be removed`, () => !listImages(year).includes(name), { timeout: 10_000 });
    await waitFor('the built-in link instead of ours', async () => {
      const text = await visibleText();
      return !text.includes(ours) && /!\[[^\]]*\]\(image[^)]*\.png\)/.test(text);
    }, { timeout: 10_000 });
  });

  await test('"TechBlog: Find Unused Images" lists an image no post uses, and "Move to Trash" removes it', async () => {
    await palette('TechBlog: Find Unused Images');
    const row = quickRows().filter({ hasText: UNUSED });
    await row.first().waitFor({ timeout: 30_000 });
    const labels = await quickRows().allInnerTexts();
    log(`  unused images listed: ${JSON.stringify(labels.map((l) => l.split('\n')[0]))}`);
    if (labels.some((l) => l.includes('images/2021/image-20210314213045120.png'))) throw new Error('an image a post links was listed as unused');
    await row.first().click();
    await page.locator('.quick-input-widget .monaco-button', { hasText: 'OK' }).click();
    await page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Move to Trash' }).click();
    // Where the file system has no trash (remote, this web host) the command offers a permanent delete.
    const permanently = page.locator('.monaco-dialog-box .monaco-button', { hasText: 'Delete Permanently' });
    const unusedFile = path.join(workspace, UNUSED);
    await waitFor(`${UNUSED} to be removed`, async () => {
      if (await permanently.isVisible().catch(() => false)) {
        log('  no trash here: confirmed "Delete Permanently"');
        await permanently.click();
      }
      return !fs.existsSync(unusedFile);
    }, { timeout: 15_000, interval: 250 });
  });
});
