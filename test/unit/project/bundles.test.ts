// Light activation (issue 13/14): opening any Markdown file loads dist/extension.js only, so it must stay
// small and hold no part of the preview; the preview's bundle is required on first use and ships.
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

test('the activation bundle (dist/extension.js as shipped) is at most 400 KB and holds no part of the preview', { timeout: 120_000 }, async () => {
  const lib = await load(pathToFileURL(path.join(repoRoot, 'scripts/lib/bundleSizes.mjs')).href);
  const [extension, preview] = await lib.measureBundles(['dist/extension.js', 'dist/preview.js']);
  const largest = [...extension.owners].sort((a, b) => b[1] - a[1]).slice(0, 8).map(([o, n]) => `${o} ${(n / 1024).toFixed(0)} KB`).join(', ');
  assert.ok(extension.bytes <= ACTIVATION_BUDGET, `dist/extension.js is ${(extension.bytes / 1024).toFixed(0)} KB (budget 400 KB); largest parts: ${largest}`);
  assert.deepEqual(lib.previewPartsIn(extension), [], 'dist/extension.js must not bundle the preview (markdown-it, KaTeX, Liquid, the highlighter, the sanitizer)');
  // It reaches the preview only through the lazy require of its own bundle …
  assert.ok(extension.imports.includes('./preview.js'), `dist/extension.js should require ./preview.js, imports: ${extension.imports.join(', ')}`);
  // … which does hold them (otherwise the check above proves nothing).
  const inPreview = lib.previewPartsIn(preview);
  for (const part of ['markdown-it', 'katex', 'src/core/render/renderer.ts', 'src/core/render/sanitize.ts']) assert.ok(inPreview.includes(part), `dist/preview.js should hold ${part}`);
});

test('every bundle dist/extension.js requires ships in the .vsix (.vscodeignore allow-list)', () => {
  const allowed = fs.readFileSync(path.join(repoRoot, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim());
  for (const file of ['dist/extension.js', 'dist/preview.js', 'dist/renderWorker.js', 'dist/imageWorker.js', 'dist/wasm/*.wasm', 'dist/sass.js']) assert.ok(allowed.includes(`!${file}`), `.vscodeignore does not ship ${file}`);
});
