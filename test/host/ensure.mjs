// Installs the offline VS Code test host on demand: a no-op while node_modules/.techblog-stamp
// matches package-lock.json, otherwise runs setup.sh. Usable as `node test/host/ensure.mjs`.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { pathToFileURL } from 'node:url';
import { CHROMIUM_BIN, HOST_DIR } from './vscode-host.mjs';

const STAMP = path.join(HOST_DIR, 'node_modules', '.techblog-stamp');
const LOCKFILE = path.join(HOST_DIR, 'package-lock.json');
const SETUP = path.join(HOST_DIR, 'setup.sh');
/** Silence longer than this during the install gets a "still installing" line. */
const HEARTBEAT_MS = Number(process.env.TECHBLOG_SETUP_HEARTBEAT_MS || 15_000);

/** True when setup.sh has completed for the current lockfile and the browser is still there. */
export function hostIsReady() {
  try {
    const want = createHash('sha256').update(fs.readFileSync(LOCKFILE)).digest('hex');
    return fs.readFileSync(STAMP, 'utf8').trim() === want && fs.existsSync(CHROMIUM_BIN);
  } catch {
    return false;
  }
}

/** Runs setup.sh unless the host is ready; its output is streamed with a prefix. */
export async function ensureHost({ prefix = '[vscode-host setup] ', setup = SETUP, isReady = hostIsReady } = {}) {
  if (isReady()) return;
  console.log(`${prefix}installing the VS Code test host (first run only: 2–4 minutes, about 320 MB)`);
  const t0 = Date.now();
  const elapsed = () => `${Math.round((Date.now() - t0) / 1000)} s`;
  const child = spawn('bash', [setup], { cwd: HOST_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  let quietSince = Date.now();
  const forward = (stream, out) => readline.createInterface({ input: stream }).on('line', (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    quietSince = Date.now();
    out.write(prefix + line + '\n');
  });
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  // npm ci prints nothing for minutes while it builds code-server's native modules: say it is alive.
  const heartbeat = setInterval(() => {
    if (Date.now() - quietSince < HEARTBEAT_MS) return;
    quietSince = Date.now();
    console.log(`${prefix}… still installing (${elapsed()} so far)`);
  }, HEARTBEAT_MS / 3);
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => clearInterval(heartbeat));
  if (code === 0) console.log(`${prefix}installed in ${elapsed()}`);
  if (code !== 0) {
    throw new Error(`Installing the VS Code test host failed: \`bash ${path.relative(process.cwd(), setup)}\` ` +
      `exited with ${code}. Its last lines:\n${tail.join('\n')}`);
  }
  if (!isReady()) throw new Error(`${setup} succeeded but the host is still not ready (is ${CHROMIUM_BIN} there?)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  ensureHost().then(
    () => console.log('[vscode-host] test host ready'),
    (e) => { console.error(`[vscode-host] ${e.message}`); process.exit(1); },
  );
}
