// A real VS Code without internet: code-server (VS Code's server + web workbench, installed by
// setup.sh) with the extension loaded in development mode, plus Debian's Chromium through
// playwright-core to show the workbench. Call ensureHost() (ensure.mjs) before using this.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const HOST_DIR = path.dirname(fileURLToPath(import.meta.url));
export const CODE_SERVER_BIN =
  process.env.CODE_SERVER_BIN || path.join(HOST_DIR, 'node_modules', '.bin', 'code-server');
export const CHROMIUM_BIN = process.env.CHROMIUM_BIN || '/usr/bin/chromium';

const READY_TIMEOUT_MS = 60_000;
const verbose = () => !!process.env.VSCODE_HOST_VERBOSE;

/** The VS Code version code-server bundles, e.g. "1.100.3" (read from disk: no process start). */
export function vscodeVersion() {
  const pkg = path.join(HOST_DIR, 'node_modules', 'code-server', 'lib', 'vscode', 'package.json');
  return JSON.parse(fs.readFileSync(pkg, 'utf8')).version;
}

/** Resolves `preferred` if that port is free on 127.0.0.1, else (or when 0) a free one. */
export async function freePort(preferred = 0) {
  const tryListen = (port) => new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(null));
    srv.listen(port, '127.0.0.1', () => {
      const { port: got } = srv.address();
      srv.close(() => resolve(got));
    });
  });
  return (preferred && (await tryListen(preferred))) || tryListen(0);
}

// Settings that keep a throwaway profile quiet and offline.
export const BASE_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'security.workspace.trust.enabled': false,
  'chat.commandCenter.enabled': false,
  // The sample blog sits inside this repository: without this, VS Code's Git asks whether to open
  // "the git repository in parent folders" on every start.
  'git.openRepositoryInParentFolders': 'never',
};

// Workspace Trust on, the folder not trusted yet, and no dialog or banner asking: Restricted Mode.
const RESTRICTED_SETTINGS = {
  'security.workspace.trust.enabled': true,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'security.workspace.trust.untrustedFiles': 'open',
};

// code-server writes its config, logs and heartbeat under XDG dirs, which default into $HOME; and
// it must not try the extension gallery (unreachable here).
function isolatedEnv(tmp) {
  // code-server lets $PORT override --bind-addr's port: the caller's PORT is not meant for it.
  const { PORT: _port, ...env } = process.env;
  return {
    ...env,
    XDG_CONFIG_HOME: path.join(tmp, 'xdg-config'),
    XDG_DATA_HOME: path.join(tmp, 'xdg-data'),
    XDG_CACHE_HOME: path.join(tmp, 'xdg-cache'),
    EXTENSIONS_GALLERY: '{}',
  };
}

/**
 * VS Code falls back to English for a locale no installed language pack provides, and Microsoft's
 * packs come from the Marketplace (unreachable here). What makes VS Code run in a locale is the
 * language-pack index in the user-data folder: register an empty pack for `locale` there, so the
 * workbench and the extension host run in that locale (VS Code's own UI stays English, while
 * extensions get their package.nls.<locale>.json and l10n bundles, which is what we test).
 */
function useLocale(userData, locale) {
  const id = locale.toLowerCase();
  const translations = path.join(userData, 'test-language-pack', 'main.i18n.json');
  fs.mkdirSync(path.dirname(translations), { recursive: true });
  fs.writeFileSync(translations, JSON.stringify({ version: '1.0.0', contents: {} }));
  fs.writeFileSync(path.join(userData, 'languagepacks.json'), JSON.stringify({
    [id]: {
      hash: `techblog-test-${id}`, label: id,
      extensions: [{ extensionIdentifier: { id: `techblog-test.language-pack-${id}` }, version: '0.0.1' }],
      translations: { vscode: translations },
    },
  }));
}

/**
 * Starts code-server on 127.0.0.1 (a secure context, which webviews need) with a throwaway profile.
 * @param {object} o
 * @param {string} o.extensionDevelopmentPath  folder of the extension under development
 * @param {string} [o.extensionTestsPath]  compiled tests index without ".js"; omit for a normal window
 * @param {string} o.workspace  folder to open
 * @param {object} [o.settings]  user settings on top of quiet defaults
 * @param {string} [o.extensionsDir]  installed extensions (default: empty dir in the temp dir)
 * @param {number} [o.port]  port to listen on (default: a free one)
 * @param {AbortSignal} [o.signal]  aborting it while starting stops code-server and rejects
 * @param {string} [o.locale]  display language, e.g. "zh-tw" (see useLocale)
 * @param {boolean} [o.restricted]  open the folder untrusted (Workspace Trust on, Restricted Mode, no prompt)
 * @returns {Promise<{url: string, origin: string, host: string, port: number, tmp: string,
 *   pid: number, output: () => string, exited: Promise<number|null>, stop: () => Promise<void>}>}
 */
export async function startCodeServer({
  extensionDevelopmentPath, extensionTestsPath, workspace, settings = {}, extensionsDir, port, signal, locale, restricted = false,
}) {
  if (!extensionDevelopmentPath || !workspace) {
    throw new Error('startCodeServer: extensionDevelopmentPath and workspace are required');
  }
  const extDir = path.resolve(extensionDevelopmentPath);
  const folder = path.resolve(workspace);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-vscode-'));
  const userData = path.join(tmp, 'user-data');
  fs.mkdirSync(path.join(userData, 'User'), { recursive: true });
  fs.writeFileSync(path.join(userData, 'User', 'settings.json'),
    JSON.stringify({ ...BASE_SETTINGS, ...(restricted ? RESTRICTED_SETTINGS : {}), ...settings }, null, 2));
  fs.writeFileSync(path.join(tmp, 'config.yaml'), 'auth: none\n');
  if (locale) useLocale(userData, locale);
  const extensions = extensionsDir ? path.resolve(extensionsDir) : path.join(tmp, 'extensions');
  fs.mkdirSync(extensions, { recursive: true });

  const listenPort = port || (await freePort());
  const host = `127.0.0.1:${listenPort}`;
  const origin = `http://${host}`;

  const child = spawn(CODE_SERVER_BIN, [
    '--config', path.join(tmp, 'config.yaml'), '--auth', 'none', '--bind-addr', host,
    '--user-data-dir', userData, '--extensions-dir', extensions,
    '--disable-telemetry', '--disable-update-check', ...(restricted ? [] : ['--disable-workspace-trust']),
    '--disable-getting-started-override', '--ignore-last-opened',
    ...(locale ? ['--locale', locale] : []),
    folder,
  ], {
    // Own process group, so stop() also ends the extension host and other helpers it forks.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: isolatedEnv(tmp),
  });

  let out = '';
  const onData = (d) => {
    const s = d.toString();
    out += s;
    if (verbose()) process.stderr.write(s.replace(/^(?=.)/gm, '[code-server] '));
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  const exited = new Promise((resolve) => child.once('exit', (code) => resolve(code)));

  let stopping;
  const stop = () => (stopping ??= (async () => {
    // No pid: spawning failed, there is nothing to end.
    if (child.pid && child.exitCode === null && child.signalCode === null) {
      const kill = (sig) => { try { process.kill(-child.pid, sig); } catch { /* already gone */ } };
      kill('SIGTERM');
      const timer = new Promise((r) => setTimeout(() => r('timeout'), 5000).unref());
      if ((await Promise.race([exited, timer])) === 'timeout') {
        kill('SIGKILL');
        await exited;
      }
    }
    if (!process.env.KEEP_TMP) fs.rmSync(tmp, { recursive: true, force: true });
  })());

  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(
        `code-server did not start within ${READY_TIMEOUT_MS / 1000} s:\n${out}`)), READY_TIMEOUT_MS);
      const check = () => {
        if (/HTTP server listening/.test(out)) { clearTimeout(timer); resolve(); }
      };
      child.stdout.on('data', check);
      child.stderr.on('data', check);
      child.once('error', (e) => { clearTimeout(timer); reject(e); });
      exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`code-server exited early (code ${code}):\n${out}`));
      });
      if (signal?.aborted) reject(new Error('aborted'));
      signal?.addEventListener('abort', () => { clearTimeout(timer); reject(new Error('aborted')); });
    });
  } catch (e) {
    await stop();
    throw e;
  }

  // code-server's CLI rejects --extensionDevelopmentPath; the workbench takes it from the URL.
  const remote = (p) => `vscode-remote://${host}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extDir)], ['skipWelcome', 'true']];
  if (extensionTestsPath) {
    const tests = path.resolve(extensionTestsPath).replace(/\.js$/, '');
    payload.push(['extensionTestsPath', remote(tests)]);
  }
  const url = `${origin}/?folder=${encodeURIComponent(folder)}` +
    `&payload=${encodeURIComponent(JSON.stringify(payload))}`;

  return { url, origin, host, port: listenPort, tmp, pid: child.pid, output: () => out, exited, stop };
}

/**
 * Launches Debian's Chromium (headless by default) through playwright-core. Signals are left to
 * the caller: close the browser on SIGINT/SIGTERM/SIGHUP.
 * @param {{tmp?: string, headless?: boolean}} [o]  tmp: where Chromium keeps its config/cache dirs
 */
export async function launchBrowser({ tmp, headless = true } = {}) {
  const { chromium } = await import('playwright-core');
  const dir = tmp || fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-chromium-'));
  const browser = await chromium.launch({
    executablePath: CHROMIUM_BIN,
    headless,
    // Playwright would otherwise exit the process on these, before the caller stops code-server.
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
    // Chromium's crashpad/config dirs otherwise land in ~/.config/chromium.
    env: { ...process.env, XDG_CONFIG_HOME: path.join(dir, 'xdg-config'), XDG_CACHE_HOME: path.join(dir, 'xdg-cache') },
    // The background-networking flags stop Chromium calling Google services (unreachable here).
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
      '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
  });
  if (!tmp) browser.on('disconnected', () => fs.rmSync(dir, { recursive: true, force: true }));
  return browser;
}

/** Installs a .vsix into `extensionsDir` with code-server's CLI; throws with its output on failure. */
export async function installVsix(vsixPath, extensionsDir) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-vsix-'));
  try {
    const child = spawn(CODE_SERVER_BIN, [
      '--user-data-dir', path.join(tmp, 'user-data'),
      '--extensions-dir', path.resolve(extensionsDir),
      '--install-extension', path.resolve(vsixPath),
    ], { stdio: ['ignore', 'pipe', 'pipe'], env: isolatedEnv(tmp) });
    let out = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { out += d; });
    const code = await new Promise((resolve, reject) => {
      child.once('error', reject);
      child.once('close', resolve);
    });
    if (code !== 0) throw new Error(`code-server --install-extension ${vsixPath} failed (exit ${code}):\n${out}`);
    return out;
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}
