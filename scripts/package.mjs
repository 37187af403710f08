// npm run package: a production build packed by vsce into techblog-<version>.vsix; prints its size.
import fs from 'node:fs';
import path from 'node:path';
import { root, run, nodeBin } from './lib/run.mjs';

export async function packageVsix({ quiet = false } = {}) {
  const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const out = path.join(root, `${pkg.name}-${pkg.version}.vsix`);
  // Plain `vsce package`: package.json's "vsce" field says what flags would (no node_modules: the bundles
  // hold every dependency; README links as written: there is no public repository to rewrite them to).
  const { code, output } = await run(nodeBin('vsce'), ['package', '--out', out], { quiet });
  if (code !== 0) throw new Error(`vsce package failed (exit ${code}):\n${output}`);
  const bytes = fs.statSync(out).size;
  console.log(`[package] ${path.relative(root, out)}: ${(bytes / 1024).toFixed(1)} KiB`);
  return { path: out, bytes };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  packageVsix().catch((e) => { console.error(e.message); process.exit(1); });
}
