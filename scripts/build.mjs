// esbuild: the bundles from one script.
//   dist/extension.js  the extension host code loaded at activation (cjs, `vscode` external): wiring only,
//                      src/extension.ts and the preview's commands (checked by test/unit/project/bundles.test.ts)
//   dist/features.js   the features (sites, validation, paste, authoring, themes), required by dist/extension.js
//                      in the task after activation (src/host/activation/featuresEntry.ts)
//   dist/preview.js    the preview on the host (panels, the site and theme lookup, the render worker's client),
//                      required by dist/extension.js on the first preview (src/host/preview/previewEntry.ts)
//   dist/hostRenderer.js  the renderer on the host (Liquid, markdown-it, KaTeX, highlighter, sanitizer), required
//                      by dist/preview.js only when the host renders (a virtual workspace) or follows a link in
//                      the preview (src/host/preview/hostRendererEntry.ts); sites on disk render in the worker
//   dist/renderWorker.js  the preview's render worker (a worker_threads thread the host starts with a
//                      time and memory limit: Liquid, Markdown, KaTeX, Sass and the sanitizer run there)
//   dist/imageWorker.js  the image worker (a worker_threads thread: decode, resize, encode with the
//                      @jsquash WebAssembly codecs, whose .wasm files are copied to dist/wasm/)
//   dist/cli.js        the `techblog` command line (cjs, runs on plain Node)
//   dist/sass.js       Dart Sass (the `sass` package's browser build, the one Sass in the .vsix), required by the
//                      preview, the render worker and the CLI only when a site has .scss/.sass (it is three quarters
//                      of their size: activation does not load it), and run by the web preview the same way
//   media/preview.js   the preview's browser script (iife), inlined into the preview page with a nonce
//   dist/web/extension.js  the web extension (package.json `browser`: vscode.dev, github.dev), cjs for VS Code's
//                      web worker extension host, browser platform: no `node:` module may reach it (checked by
//                      test/unit/project/webBundle.test.ts); a module with a `.web.ts` sibling is replaced by it
//   dist/web/preview.js  the preview for the web extension (the panels, the renderer; no render worker: posts render
//                      on the web host), read and run by dist/web/extension.js on the first preview
//                      (src/host/preview/previewChunk.web.ts); no Node module either
// Usage: node scripts/build.mjs [--watch] [--production]
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const watch = process.argv.includes('--watch');
const production = process.argv.includes('--production');

const common = {
  absWorkingDir: root,
  bundle: true,
  minify: production,
  sourcemap: production ? false : 'linked',
  logLevel: 'warning',
};

/** `import('sass')` in the bundles becomes `require('./sass.js')`, next to them in dist/ (Dart Sass's browser build:
 *  it needs no Node module, so the web extension runs the same file; our importers give it every file it loads). */
const sassApart = {
  name: 'sass-apart',
  setup(build) {
    build.onResolve({ filter: /^sass$/ }, () => ({ path: './sass.js', external: true }));
  },
};

/** `import('./previewEntry')` in the host becomes `require('./preview.js')`, `import('./featuresEntry')`
 *  `require('./features.js')` (the build's `supported` turns `import()` into a plain require, resolved by the
 *  extension host like the bundle's own): bundles of their own, loaded when first needed. */
const LAZY_BUNDLES = { previewEntry: './preview.js', featuresEntry: './features.js', hostRendererEntry: './hostRenderer.js' };
const lazyApart = {
  name: 'lazy-apart',
  setup(build) {
    build.onResolve({ filter: /\/(previewEntry|featuresEntry|hostRendererEntry)$/ }, (a) => (a.kind === 'dynamic-import' ? { path: LAZY_BUNDLES[a.path.split('/').pop()], external: true } : undefined));
  },
};

/** In the web bundle, `./x` resolves to `./x.web.ts` where that file exists (the web host's own version of a module). */
const webVariants = {
  name: 'web-variants',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\// }, (a) => {
      const variant = path.join(a.resolveDir, a.path + '.web.ts');
      return fs.existsSync(variant) ? { path: variant } : undefined;
    });
  },
};

/** In the web preview, `import('sass')` never runs: the host hands Dart Sass (dist/sass.js) in (src/core/render/theme/sassModule.ts). */
const sassProvided = {
  name: 'sass-provided',
  setup(build) {
    build.onResolve({ filter: /^sass$/ }, () => ({ path: 'sass', namespace: 'sass-provided' }));
    build.onLoad({ filter: /.*/, namespace: 'sass-provided' }, () => ({ contents: "throw new Error('Dart Sass is handed in by the web extension host (provideSass).');", loader: 'js' }));
  },
};

export const builds = [
  { ...common, entryPoints: ['src/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [sassApart, lazyApart], supported: { 'dynamic-import': false } },
  { ...common, entryPoints: ['src/host/activation/featuresEntry.ts'], outfile: 'dist/features.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [sassApart] },
  { ...common, entryPoints: ['src/host/preview/previewEntry.ts'], outfile: 'dist/preview.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [sassApart, lazyApart], supported: { 'dynamic-import': false } },
  { ...common, entryPoints: ['src/host/preview/hostRendererEntry.ts'], outfile: 'dist/hostRenderer.js', platform: 'node', format: 'cjs', target: 'node20', external: ['vscode'], plugins: [sassApart] },
  { ...common, entryPoints: ['src/worker/renderWorker.ts'], outfile: 'dist/renderWorker.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [sassApart] },
  { ...common, entryPoints: ['src/worker/imageWorker.ts'], outfile: 'dist/imageWorker.js', platform: 'node', format: 'cjs', target: 'node20', supported: { 'dynamic-import': false },
    // The codecs' Emscripten glue computes `new URL('x.wasm', import.meta.url)` even when handed the compiled module.
    define: { 'import.meta.url': '__techblogModuleUrl' }, banner: { js: "var __techblogModuleUrl = require('node:url').pathToFileURL(__filename).href;" } },
  { ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [sassApart] },
  // The `sass` package's browser build (its `default` export: no Node module), by path since `exports` names no
  // such subpath; built for the node platform only for esbuild's export-names annotation, which lets the desktop
  // bundles' `import('./sass.js')` see the named exports (web bundles run it as CommonJS, no annotation needed).
  { ...common, entryPoints: ['./node_modules/sass/sass.default.js'], outfile: 'dist/sass.js', platform: 'node', format: 'cjs', target: 'es2022' },
  { ...common, entryPoints: ['src/webview/preview.ts'], outfile: 'media/preview.js', platform: 'browser', format: 'iife', target: 'es2022' },
  { ...common, entryPoints: ['src/extension-web.ts'], outfile: 'dist/web/extension.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], plugins: [webVariants] },
  { ...common, entryPoints: ['src/host/preview/previewEntry.ts'], outfile: 'dist/web/preview.js', platform: 'browser', format: 'cjs', target: 'es2022', external: ['vscode'], plugins: [webVariants, sassProvided] },
].filter((b) => !b.entryPoints[0].startsWith('src/') || fs.existsSync(path.join(root, b.entryPoints[0])));

/** The codecs' .wasm files, beside dist/imageWorker.js (read from disk by src/worker/imageCodecs.ts, never fetched). */
export function copyCodecWasm() {
  const list = fs.readFileSync(path.join(root, 'src/worker/imageCodecs.ts'), 'utf8');
  const files = [...list.matchAll(/^\s*'([\w.]+\.wasm)': '(@jsquash\/[^']+)'/gm)];
  if (!files.length) throw new Error('no .wasm list found in src/worker/imageCodecs.ts');
  fs.mkdirSync(path.join(root, 'dist/wasm'), { recursive: true });
  for (const [, name, from] of files) fs.copyFileSync(path.join(root, 'node_modules', from), path.join(root, 'dist/wasm', name));
}

// Imported by tests and the bench for the bundles' options; builds only when run as a script.
const main = import.meta.url === `file://${process.argv[1]}`;
if (main && watch) {
  for (const b of builds) {
    const ctx = await esbuild.context({ ...b, plugins: [...(b.plugins ?? []), reportRebuilds(b.outfile)] });
    await ctx.watch();
  }
  copyCodecWasm();
  console.log('[build] watching for changes (Ctrl+C to stop)');
} else if (main) {
  const t0 = Date.now();
  // A production bundle has no map: drop one a development build left, or vsce ships it beside media/**.
  if (production) for (const b of builds) fs.rmSync(path.join(root, b.outfile + '.map'), { force: true });
  await Promise.all(builds.map((b) => esbuild.build(b)));
  // A production build writes no source maps: drop those of an earlier development build, which
  // would otherwise be packed (media/ is on the .vsix allow-list as a whole).
  if (production) for (const b of builds) fs.rmSync(path.join(root, b.outfile + '.map'), { force: true });
  copyCodecWasm();
  fs.chmodSync(path.join(root, 'dist/cli.js'), 0o755);
  console.log(`[build] ${builds.map((b) => b.outfile).join(', ')} in ${Date.now() - t0} ms`);
}

function reportRebuilds(outfile) {
  return {
    name: 'report',
    setup(build) {
      build.onEnd((r) => console.log(`[build] ${outfile}: ${r.errors.length ? `${r.errors.length} error(s)` : 'ok'} ${new Date().toLocaleTimeString()}`));
    },
  };
}
