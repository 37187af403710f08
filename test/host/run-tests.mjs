// Runs extension integration tests in a real VS Code (code-server + headless Chromium), offline.
// Usage: node test/host/run-tests.mjs --extension <dir> --tests <compiled tests index, no .js>
//          --workspace <dir> [--extensions-dir <dir>] [--locale zh-tw] [--restricted] [--timeout-ms N]
// --restricted: Workspace Trust on and the folder not trusted (Restricted Mode).
// Exit code: the test run's (0 = all passed), 2 on time-out, 3 when the host itself failed,
// 130/143/129 on SIGINT/SIGTERM/SIGHUP.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { format, parseArgs } from 'node:util';
import { ensureHost } from './ensure.mjs';
import { launchBrowser, startCodeServer, vscodeVersion } from './vscode-host.mjs';

// The workbench's own start-up info lines arrive through the same channel as the tests' console
// output (codeAutomationLog), indistinguishable but by their text: drop the known ones.
const WORKBENCH_CHATTER = new RegExp('^(' + [
  'Resolving connection token', 'Resolved connection token', 'Creating a socket',
  'Ignoring fetching additional builtin extensions', 'Updating additional builtin extensions cache',
  '\\[Service Worker\\]', 'ChatSessionStore:',
].join('|') + ')');

const say = (msg) => console.log(`[vscode-host] ${msg}`);
const fail = (msg) => { console.error(`[vscode-host] ${msg}`); process.exit(3); };

let args;
try {
  ({ values: args } = parseArgs({
    options: {
      extension: { type: 'string' },
      tests: { type: 'string' },
      workspace: { type: 'string' },
      'extensions-dir': { type: 'string' },
      locale: { type: 'string' },
      restricted: { type: 'boolean', default: false },
      'timeout-ms': { type: 'string', default: '900000' },
    },
  }));
} catch (e) {
  fail(e.message);
}
for (const name of ['extension', 'tests', 'workspace']) {
  if (!args[name]) fail(`--${name} is required (see the usage at the top of ${path.basename(import.meta.url)})`);
}
const timeoutMs = Number(args['timeout-ms']);
if (!(timeoutMs > 0)) fail(`--timeout-ms must be a positive number, got ${args['timeout-ms']}`);
const testsIndex = path.resolve(args.tests).replace(/\.js$/, '');
if (!fs.existsSync(testsIndex + '.js')) fail(`no compiled tests index at ${testsIndex}.js`);
if (!fs.existsSync(path.join(args.extension, 'package.json'))) fail(`no extension (package.json) in ${args.extension}`);
if (!fs.statSync(args.workspace, { throwIfNoEntry: false })?.isDirectory()) fail(`no workspace folder ${args.workspace}`);

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;

let starting;
let browser;
let finished = false;
const aborter = new globalThis.AbortController(); // stops a code-server that is still starting
async function cleanup() {
  aborter.abort();
  const srv = await starting?.catch(() => null);
  await browser?.close().catch(() => {});
  await srv?.stop();
}
async function finish(code) {
  if (finished) return;
  finished = true;
  await cleanup();
  process.exit(code);
}
process.once('SIGINT', () => { say('interrupted, cleaning up'); finish(130); });
process.once('SIGTERM', () => { say('terminated, cleaning up'); finish(143); });
process.once('SIGHUP', () => finish(129));

try {
  await ensureHost();
  starting = startCodeServer({
    extensionDevelopmentPath: args.extension,
    extensionTestsPath: testsIndex,
    workspace: args.workspace,
    extensionsDir: args['extensions-dir'],
    locale: args.locale,
    restricted: args.restricted,
    signal: aborter.signal,
  });
  const server = await starting;
  say(`VS Code ${vscodeVersion()} (code-server) up at ${server.origin} after ${elapsed()}`);

  browser = await launchBrowser({ tmp: server.tmp });
  const page = await browser.newPage();
  let onExit;
  const testsExited = new Promise((resolve) => { onExit = resolve; });
  // Must be exposed before navigating: the workbench looks for them once, at start-up.
  await page.exposeFunction('codeAutomationLog', (level, parts) => {
    const text = Array.isArray(parts) ? format(...parts) : String(parts);
    if (level === 'info' && WORKBENCH_CHATTER.test(text) && !process.env.VSCODE_HOST_VERBOSE) return;
    (level === 'error' || level === 'warn' ? process.stderr : process.stdout).write(text + '\n');
  });
  await page.exposeFunction('codeAutomationExit', (code) => onExit(code));
  if (process.env.VSCODE_HOST_VERBOSE) page.on('console', (m) => console.log(`[page] ${m.text()}`));
  page.on('pageerror', (e) => { if (process.env.VSCODE_HOST_VERBOSE) console.log(`[pageerror] ${e.message}`); });
  const crashed = new Promise((resolve) => page.once('crash', () => resolve('crash')));

  let timer;
  const timedOut = new Promise((resolve) => { timer = setTimeout(() => resolve('timeout'), timeoutMs); });
  // 'commit': the run's own time-out, not the page's load, bounds everything from here on.
  await page.goto(server.url, { waitUntil: 'commit', timeout: timeoutMs });
  const result = await Promise.race([testsExited, timedOut, crashed]);
  clearTimeout(timer);

  if (result === 'timeout') {
    // Outside the run's temp dir, which cleanup removes.
    const shot = path.join(os.tmpdir(), `techblog-vscode-timeout-${Date.now()}.png`);
    await page.screenshot({ path: shot }).catch(() => {});
    console.error(`[vscode-host] TIME-OUT: the tests did not finish within ${timeoutMs} ms; screenshot: ${shot}`);
    await finish(2);
  } else if (result === 'crash') {
    console.error('[vscode-host] the workbench page crashed');
    await finish(3);
  } else {
    const code = Number.isInteger(result) ? result : 1;
    say(`tests exited with code ${code} after ${elapsed()}`);
    await finish(code);
  }
} catch (e) {
  if (!finished) console.error(`[vscode-host] ${e.stack || e.message}`);
  await finish(3);
}
