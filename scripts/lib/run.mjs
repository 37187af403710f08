// Small process helpers shared by the project's scripts.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Run a command, streaming its output, and resolve with its exit code and everything it printed. */
export function run(cmd, args, { cwd = root, env = process.env, quiet = false } = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const onData = (stream) => (d) => { output += d; if (!quiet) stream.write(d); };
    child.stdout.on('data', onData(process.stdout));
    child.stderr.on('data', onData(process.stderr));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), output }));
  });
}

export const nodeBin = (pkgBin) => path.join(root, 'node_modules', '.bin', pkgBin);

/** A throwaway copy of a folder (tests may edit the sample blog; the repo's copy stays clean). */
export function copyToTemp(dir, prefix) {
  const base = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), prefix));
  const dest = path.join(base, path.basename(dir));
  fs.cpSync(dir, dest, { recursive: true });
  return dest;
}
