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

/** `outfiles` (default: the Node bundles of the host) → { outfile, bytes, owners: Map<package or file, bytes> }. */
export async function measureBundles(outfiles = ['dist/extension.js', 'dist/features.js', 'dist/preview.js', 'dist/renderWorker.js']) {
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
    results.push({ outfile, bytes: out.bytes, owners, imports: out.imports.map((i) => i.path) });
  }
  return results;
}

/**
 * Small pure parts of the kramdown dialect that validation shares (one source of truth): the link rules check a
 * `#fragment` against the header ids kramdown would give the target, which depend on the site's `kramdown:` options.
 */
export const SHARED_WITH_VALIDATION = ['src/core/render/kramdown/headerIds.ts', 'src/core/render/kramdown/options.ts', 'src/core/render/highlight/options.ts'];

/** The PREVIEW_ONLY parts a bundle holds. */
export function previewPartsIn(bundle) {
  return [...bundle.owners.keys()].filter((o) => !SHARED_WITH_VALIDATION.includes(o) && PREVIEW_ONLY.some((p) => (p.includes('/') ? o.startsWith(p) : o === p)));
}
