// `npm start [-- <blog folder>]`: build TechBlog, then open a blog (default examples/sample-blog)
// with the extension loaded in development mode in a real VS Code, until Ctrl+C.
// - desktop: the `code` CLI on PATH opens an Extension Development Host window.
// - offline: code-server from test/host (installed on first use) serves VS Code on 127.0.0.1.
// TECHBLOG_HOST=offline|desktop forces one; PORT picks the offline port (default 8080).
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const say = (msg) => console.log(`[start] ${msg}`);
const die = (msg) => { console.error(`[start] ${msg}`); process.exit(1); };

const folder = path.resolve(process.argv[2] ?? path.join(root, 'examples', 'sample-blog'));
if (!fs.statSync(folder, { throwIfNoEntry: false })?.isDirectory()) {
  die(`No blog folder at ${folder}. ` +
    (process.argv[2] ? 'Pass an existing folder: npm start -- <folder>' : 'Pass one: npm start -- <folder>'));
}

const hostChoice = process.env.TECHBLOG_HOST;
if (hostChoice && !['offline', 'desktop'].includes(hostChoice)) {
  die(`TECHBLOG_HOST must be "offline" or "desktop", not "${hostChoice}".`);
}
const hasCode = spawnSync('code', ['--version'], { encoding: 'utf8' });
const codeVersion = hasCode.status === 0 ? hasCode.stdout.split('\n')[0] : null;
const mode = hostChoice ?? (codeVersion ? 'desktop' : 'offline');
if (mode === 'desktop' && !codeVersion) {
  die('TECHBLOG_HOST=desktop, but the VS Code `code` command is not on PATH ' +
    '(VS Code: Command Palette > "Shell Command: Install \'code\' command in PATH").');
}

// Build first, so the window loads the current code.
if (fs.existsSync(path.join(root, 'scripts', 'build.mjs'))) {
  say('building (npm run build)');
  const build = spawnSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) die(`npm run build failed (exit ${build.status ?? build.signal}).`);
} else {
  say('warning: scripts/build.mjs does not exist yet; starting without building');
}

// Both modes run until Ctrl+C (or the window closes), then stop what they started.
let stopping = false;
const onSignals = (stop) => {
  const shutdown = async (code) => {
    if (stopping) return;
    stopping = true;
    say('stopping');
    await stop();
    process.exit(code);
  };
  for (const [sig, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.once(sig, () => shutdown(code));
  }
  // Under `npm start` we run in `sh -c`, and npm forwards SIGINT/SIGTERM only to that shell, which
  // dies and leaves us behind (a terminal's Ctrl+C reaches us directly). Losing the parent = stop.
  if (process.env.npm_lifecycle_event) {
    const parent = process.ppid;
    setInterval(() => { if (process.ppid !== parent) shutdown(129); }, 500).unref();
  }
};

if (mode === 'desktop') {
  // With --extensionDevelopmentPath, VS Code opens a new window; --wait returns when it closes.
  const child = spawn('code', ['--new-window', '--wait', `--extensionDevelopmentPath=${root}`, folder], {
    stdio: 'inherit',
  });
  say(`TechBlog is running in VS Code ${codeVersion} (desktop), in the new "Extension Development Host" window.`);
  say('Close that window or press Ctrl+C to stop.');
  onSignals(async () => { child.kill('SIGTERM'); });
  child.on('exit', (code) => { if (!stopping) process.exit(code ?? 0); });
} else {
  const { ensureHost } = await import('../test/host/ensure.mjs');
  try {
    await ensureHost();
  } catch (e) {
    die(e.message);
  }
  const { freePort, startCodeServer, vscodeVersion } = await import('../test/host/vscode-host.mjs');
  const wanted = Number(process.env.PORT || 8080);
  const port = await freePort(wanted);
  if (port !== wanted) say(`port ${wanted} is busy, using ${port}`);

  const aborter = new globalThis.AbortController();
  let starting;
  onSignals(async () => {
    aborter.abort();
    await (await starting?.catch(() => null))?.stop();
  });
  starting = startCodeServer({ extensionDevelopmentPath: root, workspace: folder, port, signal: aborter.signal });
  const server = await starting.catch((e) => {
    if (!stopping) die(e.message);
    return null; // interrupted while starting: the signal handler exits
  });
  if (server) announce(server, vscodeVersion());
}

function announce(server, version) {
  console.log(`\nTechBlog is running in VS Code ${version} at: ${server.url}\n`);
  console.log(`(opened ${folder}, with the extension from ${root})`);
  console.log('Press Ctrl+C to stop.');
  server.exited.then(async (code) => {
    if (stopping) return;
    console.error(`[start] code-server stopped unexpectedly (exit ${code}):\n${server.output().slice(-2000)}`);
    await server.stop(); // removes its temp dir
    process.exit(1);
  });
}
