// The harness of the end-to-end scripts (test/e2e/*.e2e.mjs): a throwaway copy of
// examples/sample-blog, code-server with the extension in development mode, headless Chromium through
// Playwright, named tests that keep going after a failure (with a screenshot), an overall time-out,
// clean-up on signals, and the closing "[e2e] N passed, M failed" line the test runner counts.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureHost } from '../host/ensure.mjs';
import { launchBrowser, startCodeServer } from '../host/vscode-host.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const t0 = Date.now();
export const log = (...a) => console.log(`[e2e ${((Date.now() - t0) / 1000).toFixed(1)}s]`, ...a);

export async function waitFor(what, fn, { timeout = 30_000, interval = 100 } = {}) {
  const end = Date.now() + timeout;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeout} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, interval));
  }
}

/**
 * Runs `body` against a fresh workbench and exits the process with the summary line.
 * @param {object} o
 * @param {string} o.name  short name for the temp dirs and screenshots
 * @param {(workspace: string) => void} [o.prepare]  changes to the workspace copy before start-up
 * @param {object} [o.settings]  user settings
 * @param {string[]} [o.permissions]  browser permissions for the workbench origin
 * @param {boolean} [o.restricted]  open the workspace untrusted (Restricted Mode)
 * @param {{width: number, height: number}} [o.viewport]  the browser window (default 1400×900)
 * @param {(ctx: {page: import('playwright-core').Page, server: object, workspace: string,
 *   test: (name: string, fn: () => Promise<void>) => Promise<boolean>}) => Promise<void>} body
 */
export async function runE2E({ name, prepare, settings, permissions = [], restricted = false, viewport = { width: 1400, height: 900 } }, body) {
  const timeoutMs = Number(process.env.TECHBLOG_E2E_TIMEOUT_MS || 240_000);
  if (!fs.existsSync(path.join(root, 'dist/extension.js'))) {
    console.error('[e2e] dist/extension.js is missing: run `npm run build` first.');
    process.exit(1);
  }
  await ensureHost();
  const runDir = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), `techblog-e2e-${name}-`));
  const workspace = path.join(runDir, 'sample-blog');
  fs.cpSync(path.join(root, 'examples/sample-blog'), workspace, { recursive: true });
  prepare?.(workspace);

  let server;
  let browser;
  let page;
  let cleaned = false;
  const cleanup = async () => {
    if (cleaned) return;
    cleaned = true;
    await browser?.close().catch(() => {});
    await server?.stop().catch(() => {});
    if (!process.env.KEEP_TMP) fs.rmSync(runDir, { recursive: true, force: true });
    else log(`kept ${runDir}`);
  };
  // Screenshots go next to the run dir, not into it: they must outlive the clean-up.
  const screenshot = async (what) => {
    const file = path.join(os.tmpdir(), `techblog-e2e-${name}-${what}-${Date.now()}.png`);
    try {
      await page?.screenshot({ path: file });
      return file;
    } catch {
      return '(no screenshot)';
    }
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(sig, async () => { log(`${sig}: cleaning up`); await cleanup(); process.exit(130); });
  }
  const overall = setTimeout(async () => {
    console.error(`[e2e] TIME-OUT after ${timeoutMs} ms; screenshot: ${await screenshot('timeout')}`);
    console.log('[e2e] 0 passed, 1 failed');
    await cleanup();
    process.exit(2);
  }, timeoutMs);

  const results = [];
  const test = async (title, fn) => {
    const start = Date.now();
    try {
      await fn();
      results.push({ title, ok: true });
      log(`✔ ${title} (${Date.now() - start} ms)`);
      return true;
    } catch (e) {
      results.push({ title, ok: false });
      log(`✘ ${title}\n${e.stack || e}`);
      log(`  screenshot: ${await screenshot('failure')}`);
      return false;
    }
  };

  try {
    server = await startCodeServer({ extensionDevelopmentPath: root, workspace, settings, restricted });
    log(`code-server up at ${server.origin}`);
    browser = await launchBrowser({ tmp: server.tmp });
    const context = await browser.newContext({ viewport });
    if (permissions.length) await context.grantPermissions(permissions, { origin: server.origin });
    page = await context.newPage();
    if (process.env.SHOW_CONSOLE) page.on('console', (m) => console.log(`[page] ${m.text()}`));
    // A shared machine under load can take longer than Playwright's default 30 s to load the workbench.
    await page.goto(server.url, { timeout: 120_000 });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
    log('workbench up');
    await body({ page, server, workspace, test });
  } catch (e) {
    results.push({ title: 'set-up', ok: false });
    console.error(`[e2e] ${e.stack || e}`);
    console.error(`[e2e] screenshot: ${await screenshot('setup')}`);
  } finally {
    clearTimeout(overall);
    await cleanup();
  }
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  console.log(`[e2e] ${passed} passed, ${failed} failed`);
  process.exit(failed ? 1 : 0);
}

// ── workbench helpers ─────────────────────────────────────────────────────────────────────────
export const quickInput = (page) => page.locator('.quick-input-widget input');
export const quickRows = (page) => page.locator('.quick-input-widget .quick-input-list .monaco-list-row');

/** Runs a command from the Command Palette by its title. */
export async function palette(page, command) {
  await page.keyboard.press('F1');
  await quickInput(page).waitFor({ state: 'visible' });
  await quickInput(page).fill(`>${command}`);
  await quickRows(page).filter({ hasText: command }).first().waitFor();
  await page.keyboard.press('Enter');
}

/** Opens a file by name with Quick Open and waits for its focused editor. */
export async function openFile(page, name) {
  await page.keyboard.press('Control+P');
  await quickInput(page).waitFor({ state: 'visible' });
  await quickInput(page).fill(name);
  await quickRows(page).filter({ hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  // By resource name: a preview tab "Preview <name>" must not match.
  await page.locator(`.tabs-container .tab.active[data-resource-name="${name}"]`).waitFor();
  await page.locator('.editor-instance .monaco-editor.focused').waitFor();
}

/** The extension's own log (its "TechBlog" output channel, a file under the host's user data). */
export function extensionLog(serverTmp) {
  const dir = path.join(serverTmp, 'user-data', 'logs');
  const files = fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true }).map(String).filter((f) => /TechBlog\.log$/.test(f)) : [];
  return files.map((f) => fs.readFileSync(path.join(dir, f), 'utf8')).join('\n');
}

/** The extension has activated once the Output view lists its "TechBlog" channel (created first thing). */
export async function waitForActivation(page) {
  await palette(page, 'Output: Focus on Output View');
  const channels = () => page.locator('.part.panel select option').allInnerTexts().catch(() => []);
  await waitFor('the TechBlog output channel', async () => (await channels()).includes('TechBlog'), { timeout: 60_000, interval: 500 });
}

export const editorTextarea = (page) => page.locator('.editor-instance .monaco-editor textarea.inputarea').first();

/** The preview's document: the `active-frame` of our extension's webview titled "Preview <file>" ("[Preview] <file>" locked). */
export async function previewFrame(page, file, { locked = false } = {}) {
  const title = locked ? `[Preview] ${file}` : `Preview ${file}`;
  for (const f of page.frames()) {
    if (!f.parentFrame()?.url().includes('extensionId=techblog.techblog')) continue;
    const el = await f.frameElement().catch(() => null);
    if (el && (await el.getAttribute('id')) === 'active-frame' && (await el.getAttribute('title')) === title) return f;
  }
  return undefined;
}
