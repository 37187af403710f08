import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/commands';
import { repoRoot } from '../repoRoot';

function capture(): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []; const stderr: string[] = [];
  return { stdout, stderr, cwd: repoRoot, out: (s) => stdout.push(s), err: (s) => stderr.push(s) };
}

test('techblog --version prints the package version', async () => {
  const io = capture();
  assert.equal(await main(['--version'], io), 0);
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
  assert.deepEqual(io.stdout, [pkg.version]);
});

test('techblog --help lists usage and exits 0', async () => {
  const io = capture();
  assert.equal(await main(['--help'], io), 0);
  assert.match(io.stdout.join('\n'), /^Usage: techblog <command>/);
});

test('techblog with no arguments prints usage and exits 2 (bad usage)', async () => {
  const io = capture();
  assert.equal(await main([], io), 2);
  assert.match(io.stdout.join('\n'), /Usage: techblog/);
});

test('an unknown command is bad usage: message on stderr, exit 2', async () => {
  const io = capture();
  assert.equal(await main(['frobnicate'], io), 2);
  assert.match(io.stderr.join('\n'), /unknown command 'frobnicate'/);
});
