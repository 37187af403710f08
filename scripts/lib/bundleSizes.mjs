// The bundles as they ship (scripts/build.mjs's options with --production: minified, no map), built in
// memory with esbuild's metafile: each bundle's size and what it holds. Used by the bundle test
// (test/unit/project/bundles.test.ts) and the activation bench (test/bench/activation.bench.ts).
import * as esbuild from 'esbuild';
import { builds } from '../build.mjs';

/** The npm packages and src/core/render parts that belong in dist/preview.js, never at activation. */
export const PREVIEW_ONLY = ['markdown-it', 'katex', 'liquidjs', 'highlight.js', 'htmlparser2', 'sass', 'src/core/render/renderer.ts', 'src/core/render/liquid/', 'src/core/render/kramdown/', 'src/core/render/math/', 'src/core/render/highlight/', 'src/core/render/sanitize.ts'];

/** The package (node_modules/<name>) or source file an esbuild input path stands for. */
export function inputOwner(input) {
  const m = input.match(/node_modules\/((?:@[^/]+\/)?[^/]+)\//);
  return m ? m[1] : input.replace(/^(\.\.\/)+/, '');
}

/** `outfiles` (default: the Node bundles of the host) → { outfile, bytes, owners: Map<package or file, bytes>, imports, text (minified) }. */
export async function measureBundles(outfiles = ['dist/extension.js', 'dist/features.js', 'dist/preview.js', 'dist/hostRenderer.js', 'dist/renderWorker.js']) {
  const results = [];
  for (const outfile of outfiles) {
    const b = builds.find((x) => x.outfile === outfile);
    if (!b) throw new Error(`scripts/build.mjs has no bundle ${outfile}`);
    const r = await esbuild.build({ ...b, write: false, metafile: true, minify: true, sourcemap: false, logLevel: 'silent' });
    const [, out] = Object.entries(r.metafile.outputs).find(([k]) => k.endsWith('.js'));
    const owners = new Map();
    for (const [input, { bytesInOutput }] of Object.entries(out.inputs)) {
      const owner = inputOwner(input);
      owners.set(owner, (owners.get(owner) ?? 0) + bytesInOutput);
    }
    const text = r.outputFiles.find((f) => f.path.endsWith('.js'))?.text ?? '';
    results.push({ outfile, bytes: out.bytes, owners, imports: out.imports.map((i) => i.path), text });
  }
  return results;
}

/**
 * Small pure parts of the kramdown dialect that validation shares (one source of truth): the link rules check a
 * `#fragment` against the header ids kramdown would give the target, which depend on the site's `kramdown:` options.
 */
export const SHARED_WITH_VALIDATION = ['src/core/render/kramdown/headerIds.ts', 'src/core/render/kramdown/options.ts', 'src/core/render/highlight/options.ts'];

/** "dist/web/extension.js 531.2 KB (yaml 190 KB, src/core/frontmatter 85 KB, ...)": one line per bundle, for logs. */
export function sizeLine(bundle, parts = 4) {
  const largest = [...bundle.owners].sort((a, b) => b[1] - a[1]).slice(0, parts).map(([o, n]) => `${o} ${(n / 1024).toFixed(0)} KB`).join(', ');
  return `[bundle] ${bundle.outfile} ${(bundle.bytes / 1024).toFixed(1)} KB minified (${largest})`;
}

/** The PREVIEW_ONLY parts a bundle holds. */
export function previewPartsIn(bundle) {
  return [...bundle.owners.keys()].filter((o) => !SHARED_WITH_VALIDATION.includes(o) && PREVIEW_ONLY.some((p) => (p.includes('/') ? o.startsWith(p) : o === p)));
}

// `node scripts/lib/bundleSizes.mjs`: a size line for each bundle of scripts/build.mjs, as shipped.
if (import.meta.url === `file://${process.argv[1]}`) {
  for (const b of await measureBundles(builds.map((x) => x.outfile))) console.log(sizeLine(b));
}
