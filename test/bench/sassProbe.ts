// Spawned by test/bench/sass.bench.ts, one process per sample: loads one build of Dart Sass (a file of the
// `sass` package: its Node build or its browser build, the one dist/sass.js bundles) and compiles, through
// compileSass and our importers (no file system of Sass's own), the sample blog's assets/css/main.scss
// (`@import` of its _sass partials) and minima 2.5.1's assets/main.scss (`@import "minima"` and its partials
// from the theme layer) when the gem is installed: the first compile of each (what a fresh render worker
// pays) and the median of later ones. Prints one JSON line.
//   node out/test/bench/sassProbe.js <sass entry file> <repo root> [minima dir]
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createHash } from 'node:crypto';
import { compileSass, type SassFileLayer, type SassSite } from '../../src/core/render/theme/sass';
import { provideSass, type SassModule } from '../../src/core/render/theme/sassModule';
import { parseSiteConfig } from '../../src/core/site/config';

const [entry, repo, minima] = process.argv.slice(2);
const REPEAT = Number(process.env.TECHBLOG_BENCH_SASS_REPEAT ?? 10);

function filesUnder(root: string, dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    for (const e of fs.readdirSync(path.join(root, d), { withFileTypes: true })) {
      const r = d ? `${d}/${e.name}` : e.name;
      if (e.isDirectory()) walk(r); else out.push(r);
    }
  };
  walk(dir);
  return out;
}
const reader = (root: string) => (p: string) => fs.promises.readFile(path.join(root, p), 'utf8').catch(() => undefined);

function folderSite(root: string, themes: SassFileLayer[] = [], only?: string[]): SassSite {
  const list = only ?? filesUnder(root, '');
  return { sass: parseSiteConfig('').sass, themes, has: (p) => list.includes(p), read: reader(root), files: () => list, liquid: async (t) => t };
}

async function main(): Promise<void> {
  const t0 = performance.now();
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sass = require(path.resolve(entry)) as SassModule;
  const load = performance.now() - t0;
  provideSass(async () => sass);
  const cases: Array<[string, SassSite, string]> = [['sample', folderSite(path.join(repo, 'examples/sample-blog')), 'assets/css/main.scss']];
  if (minima) {
    const list = filesUnder(minima, '_sass');
    const theme: SassFileLayer = { label: 'minima', sassDir: '_sass', has: (p) => list.includes(p), read: reader(minima), files: () => list };
    // `jekyll new`'s site has no stylesheet of its own: the theme's assets/main.scss is the entry.
    cases.push(['minima', folderSite(minima, [theme], ['assets/main.scss']), 'assets/main.scss']);
  }
  const out: Record<string, unknown> = { load };
  for (const [name, site, file] of cases) {
    const times: number[] = [];
    let css = '';
    for (let i = 0; i <= REPEAT; i++) {
      const t = performance.now();
      const r = await compileSass(file, site);
      times.push(performance.now() - t);
      css = r.css;
      if (r.dropped.length) throw new Error(`${name}: the libsass fallback dropped ${r.dropped.join(', ')}`);
    }
    const later = times.slice(1).sort((a, b) => a - b);
    out[name] = { first: times[0], median: later[Math.floor((later.length - 1) / 2)], bytes: css.length, hash: createHash('sha256').update(css).digest('hex').slice(0, 12) };
  }
  console.log(JSON.stringify(out));
}

main().catch((e: unknown) => { console.error(e); process.exit(1); });
