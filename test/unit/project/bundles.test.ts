// Light activation (issue 13/14): opening any Markdown file loads dist/extension.js only, so it must stay
// small: wiring, no library, no part of the preview or of the features; the features' bundle is required
// after activation, the preview's on first use, and both ship.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../repoRoot';

interface Bundle { outfile: string; bytes: number; owners: Map<string, number>; imports: string[] }
interface BundleLib { measureBundles(outfiles?: string[]): Promise<Bundle[]>; previewPartsIn(b: Bundle): string[] }
// A real dynamic import (tsc would turn `import()` into require, which cannot load .mjs).
const load = new Function('u', 'return import(u)') as (u: string) => Promise<BundleLib>;

const ACTIVATION_BUDGET = 400 * 1024;
/** The wiring alone (src/extension.ts, the preview's commands, the deferred features): no library fits in it. */
const WIRING_BUDGET = 16 * 1024;

test('the activation bundle (dist/extension.js as shipped) is at most 400 KB and holds no part of the preview; the preview\'s bundle holds no renderer', { timeout: 120_000 }, async () => {
  const lib = await load(pathToFileURL(path.join(repoRoot, 'scripts/lib/bundleSizes.mjs')).href);
  const [extension, preview, hostRenderer] = await lib.measureBundles(['dist/extension.js', 'dist/preview.js', 'dist/hostRenderer.js']);
  const largest = [...extension.owners].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([o, n]) => `${o} ${(n / 1024).toFixed(0)} KB`).join(', ');
  assert.ok(extension.bytes <= ACTIVATION_BUDGET, `dist/extension.js is ${(extension.bytes / 1024).toFixed(0)} KB (budget 400 KB); largest parts: ${largest}`);
  assert.deepEqual(lib.previewPartsIn(extension), [], 'dist/extension.js must not bundle the preview (markdown-it, KaTeX, Liquid, the highlighter, the sanitizer)');
  // It reaches the preview only through the lazy require of its own bundle …
  assert.ok(extension.imports.includes('./preview.js'), `dist/extension.js should require ./preview.js, imports: ${extension.imports.join(', ')}`);
  // … which on the desktop holds no renderer either (sites on disk render in the worker): it requires the host's
  // renderer, dist/hostRenderer.js, only when the host renders (a virtual workspace) or follows a link …
  assert.deepEqual(lib.previewPartsIn(preview), [], 'dist/preview.js must not bundle the renderer (markdown-it, KaTeX, Liquid, the highlighter, the sanitizer)');
  assert.ok(preview.imports.includes('./hostRenderer.js'), `dist/preview.js should require ./hostRenderer.js, imports: ${preview.imports.join(', ')}`);
  // … which does hold them (otherwise the checks above prove nothing).
  const inRenderer = lib.previewPartsIn(hostRenderer);
  for (const part of ['markdown-it', 'katex', 'src/core/render/renderer.ts', 'src/core/render/sanitize.ts']) assert.ok(inRenderer.includes(part), `dist/hostRenderer.js should hold ${part}`);
});

test('dist/extension.js is wiring only: no library and no feature, which are in dist/features.js, required after activation', { timeout: 120_000 }, async () => {
  const lib = await load(pathToFileURL(path.join(repoRoot, 'scripts/lib/bundleSizes.mjs')).href);
  const [extension, features] = await lib.measureBundles(['dist/extension.js', 'dist/features.js']);
  const owners = [...extension.owners.keys()];
  assert.ok(extension.bytes <= WIRING_BUDGET, `dist/extension.js is ${(extension.bytes / 1024).toFixed(1)} KB (wiring budget 16 KB): ${owners.join(', ')}`);
  assert.deepEqual(owners.filter((o) => !o.startsWith('src/')), [], 'dist/extension.js bundles no npm package');
  assert.deepEqual(owners.filter((o) => /^src\/(core\/(frontmatter|paste|authoring|links|site|theme)|host\/(frontmatter|paste|authoring|links|site|theme))\//.test(o)), [], 'dist/extension.js holds no feature');
  assert.ok(extension.imports.includes('./features.js'), `dist/extension.js should require ./features.js, imports: ${extension.imports.join(', ')}`);
  // The features' bundle holds them (otherwise the checks above prove nothing), and none of the preview.
  for (const part of ['yaml', 'src/core/frontmatter/check.ts', 'src/host/frontmatter/diagnostics.ts', 'src/host/paste/imagePasteProvider.ts', 'src/host/authoring/postsView.ts']) assert.ok(features.owners.has(part), `dist/features.js should hold ${part}`);
  assert.deepEqual(lib.previewPartsIn(features), [], 'dist/features.js must not bundle the preview');
});

test('every bundle dist/extension.js requires ships in the .vsix (.vscodeignore allow-list)', () => {
  const allowed = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  for (const file of ['dist/extension.js', 'dist/features.js', 'dist/preview.js', 'dist/hostRenderer.js', 'dist/renderWorker.js', 'dist/imageWorker.js', 'dist/wasm/*.wasm', 'dist/sass.js']) assert.ok(allowed.includes(`!${file}`), `.vscodeignore does not ship ${file}`);
});
