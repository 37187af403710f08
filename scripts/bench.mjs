// npm run bench: compile, then run every benchmark (test/bench/*.bench.ts) one after another, so they
// do not compete for this machine's cores. Each prints its own table with ratios against a baseline
// measured in the same run. `npm run bench -- paste` runs the benchmarks whose file name contains "paste".
import fs from 'node:fs';
import path from 'node:path';
import { root, run, nodeBin } from './lib/run.mjs';

const filter = process.argv[2] ?? '';
const compiled = await run(nodeBin('tsc'), ['-p', 'tsconfig.json'], { quiet: true });
if (compiled.code !== 0) { console.error(compiled.output); process.exit(1); }
const dir = path.join(root, 'out/test/bench');
const benches = fs.readdirSync(dir).filter((f) => f.endsWith('.bench.js') && f.includes(filter)).sort();
if (!benches.length) { console.error(`No benchmark matches "${filter}".`); process.exit(2); }
let failed = 0;
for (const b of benches) {
  console.log(`\n=== ${b.replace(/\.js$/, '')} ===`);
  const { code } = await run(process.execPath, ['--expose-gc', path.join(dir, b)]);
  if (code !== 0) failed++;
}
process.exit(failed ? 1 : 0);
