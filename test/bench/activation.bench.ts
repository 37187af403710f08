// `npm run bench` part: light activation (issues 13/14).
//   - each host bundle's size as shipped (minified, from scripts/build.mjs's options), and the activation
//     bundle against the same entry with the features and the preview bundled in (no lazy bundle), target ≤ 400 KB
//   - require + activate of both in a fresh Node process with a stub `vscode` (test/bench/activationProbe.ts),
//     and the time until the features are registered (the promise `activate` returns), medians of
//     TECHBLOG_BENCH_ACTIVATIONS runs (default 7), interleaved
//   - VS Code's own measure in the real offline host, on a production build (the bundles as they ship; a later
//     `npm run build` brings the source maps back): test/bench/activationHost.mjs reads Developer: Show Running
//     Extensions in the first window and after TECHBLOG_BENCH_HOST_RELOADS window reloads (default 5), each a new
//     extension host, and prints the median against the 30 ms target with what our own code took of each figure
//   - then command → first preview: test/e2e/firstPreview.e2e.mjs --bench (about 3 min;
//     TECHBLOG_BENCH_FIRST_PREVIEW=0 skips it, TECHBLOG_BENCH_HOST=0 skips both host parts)
// `npm run bench -- activation` runs only this one.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';

interface Bundle { outfile: string; bytes: number; owners: Map<string, number> }
interface BundleLib { measureBundles(outfiles?: string[]): Promise<Bundle[]> }
interface BuildLib { builds: Array<Record<string, unknown> & { outfile: string; plugins?: Array<{ name: string }> }> }
// Real dynamic imports (tsc would turn `import()` into require, which cannot load .mjs).
const importMjs = new Function('u', 'return import(u)') as <T>(u: string) => Promise<T>;

const root = path.resolve(__dirname, '..', '..', '..');
const RUNS = Number(process.env.TECHBLOG_BENCH_ACTIVATIONS ?? 7);
const kb = (n: number) => `${(n / 1024).toFixed(0)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

async function main(): Promise<void> {
  const { measureBundles } = await importMjs<BundleLib>(pathToFileURL(path.join(root, 'scripts/lib/bundleSizes.mjs')).href);
  const { builds } = await importMjs<BuildLib>(pathToFileURL(path.join(root, 'scripts/build.mjs')).href);
  const esbuild = await import('esbuild');

  const bundles = await measureBundles();
  for (const b of bundles) {
    const top = [...b.owners].sort((x, y) => y[1] - x[1]).slice(0, 4).map(([o, n]) => `${o} ${kb(n)}`).join(', ');
    console.log(`[bench] ${b.outfile.padEnd(20)} ${kb(b.bytes).padStart(8)} (largest: ${top})`);
  }

  // The same entry with the features and the preview bundled in (no lazy require), built to a temp dir beside
  // the split one (whose features bundle is built beside it, as dist/ holds it).
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-activation-'));
  try {
    const ext = builds.find((b) => b.outfile === 'dist/extension.js')!;
    const features = builds.find((b) => b.outfile === 'dist/features.js')!;
    const split = path.join(dir, 'split', 'extension.js');
    const whole = path.join(dir, 'whole', 'extension.js');
    await esbuild.build({ ...ext, outfile: split, minify: true, sourcemap: false, logLevel: 'silent' } as never);
    await esbuild.build({ ...features, outfile: path.join(dir, 'split', 'features.js'), minify: true, sourcemap: false, logLevel: 'silent' } as never);
    await esbuild.build({ ...ext, outfile: whole, minify: true, sourcemap: false, logLevel: 'silent', plugins: (ext.plugins ?? []).filter((p) => p.name !== 'lazy-apart') } as never);
    const [splitBytes, wholeBytes] = [fs.statSync(split).size, fs.statSync(whole).size];
    console.log(`[bench] activation bundle ${kb(splitBytes)} vs ${kb(wholeBytes)} with the features and the preview bundled in: ${(splitBytes / wholeBytes).toFixed(2)}× — target ≤ 400 KB ${splitBytes <= 400 * 1024 ? 'MET' : 'MISSED'}`);

    const probe = path.join(__dirname, 'activationProbe.js');
    const samples = { split: { require: [] as number[], activate: [] as number[], ready: [] as number[] }, whole: { require: [] as number[], activate: [] as number[], ready: [] as number[] } };
    for (let i = 0; i < RUNS; i++) {
      for (const [name, file] of [['split', split], ['whole', whole]] as const) {
        const r = spawnSync(process.execPath, [probe, file], { encoding: 'utf8' });
        const line = r.stdout.trim().split('\n').pop() ?? '';
        if (r.status !== 0 || !line.startsWith('{')) throw new Error(`activation probe failed on ${name}: ${r.stderr || r.stdout}`);
        const m = JSON.parse(line) as { require: number; activate: number; ready: number };
        samples[name].require.push(m.require);
        samples[name].activate.push(m.activate);
        samples[name].ready.push(m.ready);
      }
    }
    const s = { require: median(samples.split.require), activate: median(samples.split.activate), ready: median(samples.split.ready) };
    const w = { require: median(samples.whole.require), activate: median(samples.whole.activate), ready: median(samples.whole.ready) };
    console.log(`[bench] require + activate, what VS Code counts as activation (stub vscode, fresh Node, median of ${RUNS}): ${(s.require + s.activate).toFixed(1)} ms (require ${s.require.toFixed(1)}, activate ${s.activate.toFixed(1)}) ` +
      `vs ${(w.require + w.activate).toFixed(1)} ms with everything bundled in: ${((s.require + s.activate) / (w.require + w.activate)).toFixed(2)}×`);
    console.log(`[bench] then features registered (dist/features.js required and set up, after activation): ${s.ready.toFixed(1)} ms vs ${w.ready.toFixed(1)} ms bundled in; ` +
      `require + activate + features: ${(s.require + s.activate + s.ready).toFixed(1)} ms vs ${(w.require + w.activate + w.ready).toFixed(1)} ms`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  if (process.env.TECHBLOG_BENCH_HOST === '0') return;
  const step = (args: string[]): number => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;
  const built = step(['scripts/build.mjs', '--production']);
  if (built !== 0) { process.exitCode = built; return; }
  // VS Code's own activation time, once per extension host (the first window and TECHBLOG_BENCH_HOST_RELOADS reloads).
  const host = step(['test/bench/activationHost.mjs']);
  process.exitCode = host || (process.env.TECHBLOG_BENCH_FIRST_PREVIEW === '0' ? 0 : step(['test/e2e/firstPreview.e2e.mjs', '--bench']));
}

main().catch((e) => { console.error(e); process.exitCode = 1; });
