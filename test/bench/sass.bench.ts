// `npm run bench` part: Dart Sass's browser build, which dist/sass.js bundles for the desktop (the preview,
// the render worker, the CLI) as for the web extension — one Sass in the .vsix — against the `sass`
// package's Node build, which the desktop bundled before. Each sample is a fresh Node process
// (test/bench/sassProbe.ts: load, first compile, median of later compiles) on the sample blog's Sass and on
// minima 2.5.1's when the gem is installed (TECHBLOG_MINIMA_DIR, or Debian's jekyll-theme-minima), the two
// builds interleaved, TECHBLOG_BENCH_SASS_RUNS processes each (default 5). The CSS must be the same.
// Target: the browser build not materially slower (≤ 1.2× the Node build on each figure).
//   npm run bench -- sass
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const RUNS = Number(process.env.TECHBLOG_BENCH_SASS_RUNS ?? 5);
const pkg = path.join(root, 'node_modules', 'sass');
const BUILDS = { node: path.join(pkg, 'sass.node.js'), browser: path.join(pkg, 'sass.default.cjs') } as const;

function minimaDir(): string | undefined {
  if (process.env.TECHBLOG_MINIMA_DIR) return process.env.TECHBLOG_MINIMA_DIR;
  const gems = '/usr/share/rubygems-integration/all/gems';
  const hit = fs.existsSync(gems) ? fs.readdirSync(gems).find((d) => /^minima-2\./.test(d)) : undefined;
  return hit ? path.join(gems, hit) : undefined;
}

interface Compile { first: number; median: number; bytes: number; hash: string }
type Sample = { load: number } & Record<string, Compile>;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

function main(): void {
  const minima = minimaDir();
  const probe = path.join(__dirname, 'sassProbe.js');
  const samples: Record<keyof typeof BUILDS, Sample[]> = { node: [], browser: [] };
  for (let i = 0; i < RUNS; i++) {
    for (const build of Object.keys(BUILDS) as Array<keyof typeof BUILDS>) {
      const r = spawnSync(process.execPath, [probe, BUILDS[build], root, ...(minima ? [minima] : [])], { encoding: 'utf8' });
      const line = r.stdout.trim().split('\n').pop() ?? '';
      if (r.status !== 0 || !line.startsWith('{')) throw new Error(`sass probe failed on the ${build} build: ${r.stderr || r.stdout}`);
      samples[build].push(JSON.parse(line) as Sample);
    }
  }
  const cases = ['sample', ...(minima ? ['minima'] : [])];
  if (!minima) console.log('[bench] minima 2.5.1 not installed (Debian: jekyll-theme-minima, or TECHBLOG_MINIMA_DIR): the sample blog only');
  const worst: number[] = [];
  const row = (label: string, get: (s: Sample) => number) => {
    const [n, b] = [median(samples.node.map(get)), median(samples.browser.map(get))];
    worst.push(b / n);
    console.log(`[bench] sass ${label.padEnd(34)} node build ${n.toFixed(1).padStart(7)} ms, browser build (shipped) ${b.toFixed(1).padStart(7)} ms: ${(b / n).toFixed(2)}×`);
  };
  row('load (require)', (s) => s.load);
  for (const c of cases) {
    const same = new Set([...samples.node, ...samples.browser].map((s) => s[c].hash)).size === 1;
    if (!same) throw new Error(`the two builds compile ${c} to different CSS`);
    row(`${c}: first compile (fresh process)`, (s) => s[c].first);
    row(`${c}: later compiles (median)`, (s) => s[c].median);
  }
  const w = Math.max(...worst);
  console.log(`[bench] sass: the same CSS from both builds; medians of ${RUNS} processes each; worst ratio ${w.toFixed(2)}× — target ≤ 1.2× ${w <= 1.2 ? 'MET' : 'MISSED'}`);
}

main();
