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
export async function ensureHost({ prefix = '[vscode-host setup] ' } = {}) {
  if (hostIsReady()) return;
  console.log(`${prefix}installing the VS Code test host (first run only: a few minutes)`);
  const child = spawn('bash', [SETUP], { cwd: HOST_DIR, stdio: ['ignore', 'pipe', 'pipe'] });
  const tail = [];
  const forward = (stream, out) => readline.createInterface({ input: stream }).on('line', (line) => {
    tail.push(line);
    if (tail.length > 40) tail.shift();
    out.write(prefix + line + '\n');
  });
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  const code = await new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', resolve);
  });
  if (code !== 0) {
    throw new Error(`Installing the VS Code test host failed: \`bash ${path.relative(process.cwd(), SETUP)}\` ` +
      `exited with ${code}. Its last lines:\n${tail.join('\n')}`);
  }
  if (!hostIsReady()) throw new Error(`${SETUP} succeeded but the host is still not ready (is ${CHROMIUM_BIN} there?)`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  ensureHost().then(
    () => console.log('[vscode-host] test host ready'),
    (e) => { console.error(`[vscode-host] ${e.message}`); process.exit(1); },
  );
}
