// End-to-end: renaming a post updates the links to it, through *Preview Changes* (issue 15, "Links").
// The real workbench (code-server + headless Chromium, the extension in development mode, a fresh copy
// of examples/sample-blog with a target post and three posts that link to it, default settings, so
// `techblog.links.updateOnFileMove` is `prompt`). What a user does, by mouse and keyboard:
//   1. renames the post in the Explorer (F2), clicks **Preview Changes** in our notification, sees the
//      three linking posts in VS Code's Refactor Preview (their edits unticked: they need confirmation),
//      ticks each file's box and clicks **Apply** → the three posts' links are rewritten on disk;
//   2. renames it again with *TechBlog: Rename Post to Match Its Date/Title*, clicks **Preview Changes**,
//      then **Discard** → the post is moved, no other post changes.
// The integration suite (test/integration/suite/links.test.ts) covers **Update Links** and dismissing
// the question; the Refactor Preview's checkboxes and buttons are reachable only from the workbench's DOM.
//   node test/e2e/linkRenames.e2e.mjs        (npm run build first; `npm test -- test/e2e/linkRenames.e2e.mjs` does both)
import fs from 'node:fs';
import path from 'node:path';
import { extensionLog, log, openFile, palette, quickInput, runE2E, waitFor, waitForActivation } from './workbench.mjs';

// The sample blog publishes posts at /:title/.
const TARGET = '2024-01-10-link-target.md';
const BY_HAND = '2024-01-10-renamed-by-hand.md';
const BY_COMMAND = '2024-01-10-links-moved-here.md'; // what Rename Post names it, from its title
const TARGET_TEXT = '---\nlayout: post\ntitle: "Links Moved Here"\n---\n\n## Usage\n\nText.\n';
const LINKERS = {
  '2024-01-11-linker-a.md': '---\nlayout: post\ntitle: A\n---\n\nSee [the target](/link-target/#usage) and [again](/link-target/).\n',
  '2024-01-12-linker-b.md': '---\nlayout: post\ntitle: B\n---\n\nSee [it]({% post_url 2024-01-10-link-target %}) for more.\n',
  '2024-01-13-linker-c.md': '---\nlayout: post\ntitle: C\n---\n\nSee [the source](2024-01-10-link-target.md#usage).\n',
};
/** Each linking post after the rename to BY_HAND: every link in the form it was written in. */
const AFTER_BY_HAND = {
  '2024-01-11-linker-a.md': 'See [the target](/renamed-by-hand/#usage) and [again](/renamed-by-hand/).',
  '2024-01-12-linker-b.md': 'See [it]({% post_url 2024-01-10-renamed-by-hand %}) for more.',
  '2024-01-13-linker-c.md': 'See [the source](2024-01-10-renamed-by-hand.md#usage).',
};

let page;
let workspace;
const posts = () => path.join(workspace, '_posts');
const read = (name) => fs.readFileSync(path.join(posts(), name), 'utf8');
const readLinkers = () => Object.fromEntries(Object.keys(LINKERS).map((n) => [n, read(n)]));

/** Our question in a notification toast, found by its text ("<file> moved. Update 4 links to it in 3 files?"). */
const question = (file) => page.locator('.notification-toast').filter({ hasText: `${file} moved. Update 4 links to it in 3 files?` });

/** The Refactor Preview view and its rows for files (not their edits). */
const refactorPreview = () => page.locator('.bulk-edit-panel');
const fileRow = (name) => refactorPreview().locator('.monaco-list-row').filter({ hasText: name }).filter({ hasNot: page.locator('.textedit') });

/** Lines of the extension's log (its TechBlog output channel) matching `re`. */
const logged = (server, re) => extensionLog(server.tmp).split('\n').filter((l) => re.test(l));

/** Clicks **Preview Changes** on the question about `file` and waits for the three linking posts in Refactor Preview. */
async function previewChanges(file) {
  const toast = question(file);
  await toast.waitFor({ timeout: 60_000 });
  await toast.getByRole('button', { name: 'Preview Changes' }).click();
  await refactorPreview().waitFor({ state: 'visible', timeout: 30_000 });
  for (const name of Object.keys(LINKERS)) await fileRow(name).first().waitFor({ timeout: 30_000 });
}

await runE2E({
  name: 'link-renames',
  prepare: (ws) => {
    fs.writeFileSync(path.join(ws, '_posts', TARGET), TARGET_TEXT);
    for (const [name, text] of Object.entries(LINKERS)) fs.writeFileSync(path.join(ws, '_posts', name), text);
  },
}, async (ctx) => {
  ({ page, workspace } = ctx);
  const { test, server } = ctx;

  await test('the extension activates by itself in the sample blog (its "TechBlog" output channel appears)', () => waitForActivation(page));

  await test('Explorer rename → Preview Changes: nothing written, the three posts unticked in Refactor Preview; ticked by click and applied, their links point to the new name on disk', async () => {
    const before = readLinkers();
    await openFile(page, TARGET);
    await palette(page, 'File: Reveal Active File in Explorer View');
    const row = page.locator(`.explorer-folders-view .monaco-list-row[aria-label="${TARGET}"]`);
    await row.waitFor({ timeout: 30_000 });
    const nameBox = page.locator('.explorer-folders-view .monaco-inputbox input');
    const renameItem = page.locator('.context-view .monaco-menu .action-item').filter({ hasText: /^Rename/ }).first();
    // The context menu can swallow a click that comes while it is still opening (seen under load): the
    // menu stays open with the item highlighted. Click again until the Explorer's name box is there.
    await waitFor('the Explorer\'s rename box', async () => {
      if (await nameBox.isVisible()) return true;
      if (await renameItem.isVisible()) await renameItem.click({ timeout: 5_000 }).catch(() => {});
      else await row.click({ button: 'right', timeout: 5_000 }).catch(() => {});
      return nameBox.isVisible();
    }, { timeout: 60_000, interval: 500 });
    await nameBox.fill(BY_HAND);
    await page.keyboard.press('Enter');
    await waitFor(`${BY_HAND} on disk`, () => fs.existsSync(path.join(posts(), BY_HAND)) && !fs.existsSync(path.join(posts(), TARGET)));

    await previewChanges(BY_HAND);
    // The question is answered; VS Code shows the edits, which need confirmation, unticked; nothing is written yet.
    const boxes = refactorPreview().locator('input.edit-checkbox');
    const states = await boxes.evaluateAll((els) => els.map((e) => e.checked));
    if (!states.length || states.some(Boolean)) throw new Error(`expected every edit unticked in Refactor Preview, got ${JSON.stringify(states)}`);
    if (JSON.stringify(readLinkers()) !== JSON.stringify(before)) throw new Error('a linking post changed before anything was applied');

    for (const name of Object.keys(LINKERS)) {
      const box = fileRow(name).first().locator('input.edit-checkbox');
      await box.click();
      await waitFor(`${name} ticked`, () => box.isChecked());
    }
    await refactorPreview().locator('.buttons .monaco-button').filter({ hasText: 'Apply' }).click();
    await waitFor('the three posts\' links updated on disk', () => Object.entries(AFTER_BY_HAND).every(([n, line]) => read(n).includes(line)), { timeout: 30_000 });
    await waitFor('the extension\'s count of the update in its log', () => logged(server, /Updated 4 links in 3 files after a move\./).length === 1);
    for (const [name, line] of Object.entries(AFTER_BY_HAND)) if (read(name) !== LINKERS[name].replace(/^See .*$/m, line)) throw new Error(`${name} changed beyond its links:\n${read(name)}`);
    // The author's own post moved with its text; the updated posts were saved (no unsaved editors left behind).
    if (read(BY_HAND) !== TARGET_TEXT) throw new Error(`${BY_HAND} changed:\n${read(BY_HAND)}`);
    await waitFor('no unsaved editor', async () => (await page.locator('.tabs-container .tab.dirty').count()) === 0);
  });

  await test('Rename Post → Preview Changes → Discard: the post moves, no other post changes', async () => {
    const before = readLinkers();
    await openFile(page, BY_HAND);
    await palette(page, 'TechBlog: Rename Post to Match Its Date/Title');
    await waitFor(`${BY_COMMAND} on disk`, () => fs.existsSync(path.join(posts(), BY_COMMAND)) && !fs.existsSync(path.join(posts(), BY_HAND)), { timeout: 30_000 });

    await previewChanges(BY_COMMAND);
    if (JSON.stringify(readLinkers()) !== JSON.stringify(before)) throw new Error('a linking post changed before anything was applied');
    await refactorPreview().locator('.buttons .monaco-button').filter({ hasText: 'Discard' }).click();
    // The extension has settled once it logs that nothing was applied; only then is "nothing changed" a finding.
    await waitFor('the extension\'s note that nothing was applied', () => logged(server, /nothing applied from Refactor Preview/).length === 1, { timeout: 30_000 });
    await waitFor('Refactor Preview emptied', async () => (await refactorPreview().locator('input.edit-checkbox').count()) === 0);
    const after = readLinkers();
    for (const name of Object.keys(LINKERS)) if (after[name] !== before[name]) throw new Error(`${name} changed after Discard:\n${after[name]}`);
    if (read(BY_COMMAND) !== TARGET_TEXT) throw new Error(`${BY_COMMAND} changed:\n${read(BY_COMMAND)}`);
    if (await quickInput(page).isVisible()) throw new Error('an input box is still open');
    log(`  ${logged(server, /Link update|links in \d+ files/).map((l) => l.replace(/^\S+ \S+ /, '')).join(' | ')}`);
  });
});
