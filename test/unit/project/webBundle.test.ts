// The web extension (package.json `browser`, issue 14): dist/web/extension.js as shipped runs in VS Code's web worker
// extension host, where no Node module exists — so none may reach it, not even through a dependency — and it ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../repoRoot';

interface Bundle { outfile: string; bytes: number; owners: Map<string, number>; imports: string[] }
interface BundleLib { measureBundles(outfiles?: string[]): Promise<Bundle[]>; sizeLine(b: Bundle): string }
// A real dynamic import (tsc would turn `import()` into require, which cannot load .mjs).
const load = new Function('u', 'return import(u)') as (u: string) => Promise<BundleLib>;

const WEB = 'dist/web/extension.js';

test('the web bundle imports no Node module and nothing but `vscode`', { timeout: 120_000 }, async () => {
  const lib = await load(pathToFileURL(path.join(repoRoot, 'scripts/lib/bundleSizes.mjs')).href);
  const [web] = await lib.measureBundles([WEB]);
  console.log(lib.sizeLine(web));
  const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  assert.deepEqual(web.imports.filter((i) => i.startsWith('node:') || node.has(i)), [], `${WEB} imports Node modules`);
  assert.deepEqual(web.imports.filter((i) => i !== 'vscode'), [], `${WEB} imports more than vscode`);
  // Nothing in it may touch Node's globals either (they are undefined in a web worker).
  assert.deepEqual([...web.owners.keys()].filter((o) => /^(process|buffer|util|events|stream)$/.test(o)), [], 'no Node polyfill packages');
});

test('the browser entry points at the web bundle, which ships in the .vsix', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { browser?: string };
  assert.equal(pkg.browser, `./${WEB}`);
  const allowed = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  assert.ok(allowed.includes(`!${WEB}`), `.vscodeignore does not ship ${WEB}`);
});
