// The web extension (package.json `browser`, issue 14): dist/web/extension.js as shipped runs in VS Code's web worker
// extension host, where no Node module exists — so none may reach it, not even through a dependency — and it ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import { builtinModules } from 'node:module';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import * as vm from 'node:vm';
import { repoRoot } from '../repoRoot';

interface Bundle { outfile: string; bytes: number; owners: Map<string, number>; imports: string[]; text: string }
interface BundleLib { measureBundles(outfiles?: string[]): Promise<Bundle[]>; sizeLine(b: Bundle): string }
// A real dynamic import (tsc would turn `import()` into require, which cannot load .mjs).
const load = new Function('u', 'return import(u)') as (u: string) => Promise<BundleLib>;

const WEB = 'dist/web/extension.js';

/** The web preview (run by the web bundle on the first preview) and Dart Sass's browser build (on the first .scss; the desktop's Sass too). */
const WEB_CHUNKS = ['dist/web/preview.js', 'dist/sass.js'];

test('the web bundle and its chunks import no Node module and nothing but `vscode`', { timeout: 240_000 }, async () => {
  const lib = await load(pathToFileURL(path.join(repoRoot, 'scripts/lib/bundleSizes.mjs')).href);
  const node = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
  for (const web of await lib.measureBundles([WEB, ...WEB_CHUNKS])) {
    console.log(lib.sizeLine(web));
    assert.deepEqual(web.imports.filter((i) => i.startsWith('node:') || node.has(i)), [], `${web.outfile} imports Node modules`);
    assert.deepEqual(web.imports.filter((i) => i !== 'vscode'), [], `${web.outfile} imports more than vscode`);
    // Nothing in it may touch Node's globals either (they are undefined in a web worker).
    assert.deepEqual([...web.owners.keys()].filter((o) => /^(process|buffer|util|events|stream)$/.test(o)), [], `${web.outfile}: no Node polyfill packages`);
  }
});

test('the web activation bundle holds no part of the preview: it runs dist/web/preview.js on the first preview', { timeout: 240_000 }, async () => {
  const lib = await load(pathToFileURL(path.join(repoRoot, 'scripts/lib/bundleSizes.mjs')).href) as BundleLib & { previewPartsIn(b: Bundle): string[] };
  const [web, preview] = await lib.measureBundles([WEB, WEB_CHUNKS[0]]);
  assert.deepEqual(lib.previewPartsIn(web), [], `${WEB} must not bundle the preview (markdown-it, KaTeX, Liquid, the highlighter, the sanitizer)`);
  for (const part of ['markdown-it', 'katex', 'liquidjs', 'src/core/render/renderer.ts']) assert.ok(lib.previewPartsIn(preview).includes(part), `${WEB_CHUNKS[0]} should hold ${part}`);
  assert.ok(!preview.owners.has('sass'), `${WEB_CHUNKS[0]} must not hold Dart Sass (dist/sass.js, loaded on the first .scss)`);
});

test('the browser entry points at the web bundle, which ships in the .vsix', () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { browser?: string };
  assert.equal(pkg.browser, `./${WEB}`);
  const allowed = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  for (const file of [WEB, ...WEB_CHUNKS]) assert.ok(allowed.includes(`!${file}`), `.vscodeignore does not ship ${file}`);
});

test('the web bundle loads where Node\'s globals are missing: no `process`, `Buffer` or `require` but of `vscode` at module level', { timeout: 240_000 }, async () => {
  const lib = await load(pathToFileURL(path.join(repoRoot, 'scripts/lib/bundleSizes.mjs')).href);
  const [web] = await lib.measureBundles([WEB]);
  // A stand-in for the `vscode` module: any property, call or `new` gives the stand-in again.
  const stub: unknown = new Proxy(function vscodeStub() { /* stand-in */ }, {
    get: (_t, key) => (key === Symbol.toPrimitive ? () => '' : stub),
    // esbuild's interop makes an object whose prototype is the module's: lookups then reach the stand-in.
    getPrototypeOf: () => stub as object,
    apply: () => stub,
    construct: () => stub as object,
  });
  const module = { exports: {} as Record<string, unknown> };
  const context = vm.createContext({
    module, exports: module.exports, console, setTimeout, clearTimeout, queueMicrotask, performance, TextEncoder, TextDecoder, URL,
    require: (id: string) => { if (id === 'vscode') return stub; throw new Error(`the web bundle requires "${id}"`); },
  });
  vm.runInContext(web.text, context, { filename: WEB });
  assert.equal(typeof module.exports.activate, 'function', `${WEB} exports activate`);
});
