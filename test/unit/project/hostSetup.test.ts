// `npm start` and the integration runs on a first run: the offline host's install says it is alive,
// and the throwaway profile asks nothing about the git repository the sample blog sits in.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../repoRoot';

interface EnsureLib { ensureHost(o: { prefix?: string; setup?: string; isReady?: () => boolean }): Promise<void> }
interface HostLib { BASE_SETTINGS: Record<string, unknown> }
// A real dynamic import (tsc would turn `import()` into require, which cannot load .mjs).
const load = new Function('u', 'return import(u)') as <T>(u: string) => Promise<T>;

describe('offline host set-up', () => {
  test('the profile npm start and the tests use never offers to open the git repository in parent folders', async () => {
    const host = await load<HostLib>(pathToFileURL(path.join(repoRoot, 'test/host/vscode-host.mjs')).href);
    assert.equal(host.BASE_SETTINGS['git.openRepositoryInParentFolders'], 'never');
  });

  test('a quiet install gets "still installing" lines with the time so far, then "installed in"', { timeout: 60_000 }, async () => {
    process.env.TECHBLOG_SETUP_HEARTBEAT_MS = '300';
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-setup-'));
    const setup = path.join(dir, 'setup.sh');
    // A stand-in for setup.sh: one line, then silence like npm ci, then the last line.
    fs.writeFileSync(setup, 'echo "[setup] step 2 of 2: npm ci"\nsleep 2\necho "[setup] done"\n');
    const lines: string[] = [];
    const write = process.stdout.write.bind(process.stdout);
    const log = console.log;
    console.log = (...a: unknown[]) => { lines.push(a.join(' ')); };
    process.stdout.write = ((chunk: string | Uint8Array) => { lines.push(String(chunk)); return true; }) as typeof process.stdout.write;
    let checks = 0;
    try {
      const ensure = await load<EnsureLib>(`${pathToFileURL(path.join(repoRoot, 'test/host/ensure.mjs')).href}?heartbeat`);
      // Not ready before the stand-in runs, ready after (the real setup.sh writes its stamp last).
      await ensure.ensureHost({ prefix: '[t] ', setup, isReady: () => checks++ > 0 });
    } finally {
      console.log = log;
      process.stdout.write = write;
      fs.rmSync(dir, { recursive: true, force: true });
      delete process.env.TECHBLOG_SETUP_HEARTBEAT_MS;
    }
    const text = lines.join('\n');
    assert.match(text, /\[t\] installing the VS Code test host/);
    assert.match(text, /\[t\] \[setup\] step 2 of 2: npm ci/);
    assert.match(text, /\[t\] … still installing \(\d+ s so far\)/);
    assert.match(text, /\[t\] \[setup\] done/);
    assert.match(text, /\[t\] installed in \d+ s/);
  });
});
