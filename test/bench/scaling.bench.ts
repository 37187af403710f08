// `npm run bench` part: how render cost grows with the size of a post. A math-heavy post with Liquid
// (test/bench/mathPost.ts) from 10 KB to 1 MB, re-rendered with warm caches (median), in site mode
// (Liquid, Markdown, KaTeX, the layouts) and content mode; and a Liquid-dense post (an include, a
// post_url, a filter, an if, a for and a highlight block every 200 bytes) for the Liquid step alone.
// Prints each curve and its log-log slope (1.0 = linear; least squares over the sizes).
// Targets: slopes ≤ 1.1; a 1 MB post ≤ 300 ms in site mode, ≤ 100 ms in content mode.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../src/cli/nodeFileSystem';
import { SiteRenderer } from '../../src/core/render/renderer';
import type { RenderMode } from '../../src/core/render/types';
import { MATH_FRONT, mathBody } from './mathPost';

const SIZES = [10_000, 30_000, 100_000, 300_000, 1_000_000];
const RUNS = Number(process.env.TECHBLOG_BENCH_SCALING_RUNS ?? 7);
const gc = (globalThis as { gc?: () => void }).gc;

function liquidDense(bytes: number): string {
  const parts: string[] = [];
  let n = 0;
  for (let i = 0; n < bytes; i++) {
    const s = `Paragraph ${i}: see {% post_url 2024-01-01-notes %}, {% include note.html n=${i} %} and {{ "/a/${i}/" | relative_url }}`
      + ` {% if page.title %}titled{% endif %} {% for t in page.tags %}{{ t }} {% endfor %}\n\n{% highlight c %}\nint x${i};\n{% endhighlight %}\n\n`;
    parts.push(s);
    n += s.length;
  }
  return parts.join('');
}

/** Least-squares slope of log(y) over log(x). */
export function logLogSlope(xs: number[], ys: number[]): number {
  const lx = xs.map(Math.log);
  const ly = ys.map(Math.log);
  const mx = lx.reduce((a, b) => a + b, 0) / lx.length;
  const my = ly.reduce((a, b) => a + b, 0) / ly.length;
  let num = 0;
  let den = 0;
  for (let i = 0; i < lx.length; i++) { num += (lx[i] - mx) * (ly[i] - my); den += (lx[i] - mx) ** 2; }
  return num / den;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-scaling-bench-'));
  const rows: string[][] = [];
  const verdicts: boolean[] = [];
  try {
    const w = (p: string, t: string) => { fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true }); fs.writeFileSync(path.join(dir, p), t); };
    w('_config.yml', 'title: Scaling\nmarkdown: kramdown\n');
    w('_includes/note.html', '<span class="note">{{ include.n }}</span>');
    w('_layouts/default.html', '<!DOCTYPE html>\n<html><head><title>{{ page.title }}</title></head><body><main>{{ content }}</main></body></html>\n');
    w('_layouts/post.html', '---\nlayout: default\n---\n<article><h1>{{ page.title | escape }}</h1>{{ content }}</article>\n');
    const rel = '_posts/2024-01-01-notes.md';
    w(rel, MATH_FRONT + 'x\n');
    const site = await SiteRenderer.open({ fs: new NodeFileSystem(dir), root: '' });
    const measure = async (text: string, mode: RenderMode, step?: string): Promise<number> => {
      const runs: number[] = [];
      for (let i = 0; i < RUNS + 2; i++) {
        gc?.();
        const t = performance.now();
        const r = await site.render({ path: rel, text: text + 'x'.repeat(i), mode });
        const took = step ? r.timings?.[step] ?? 0 : performance.now() - t;
        if (i >= 2) runs.push(took);
      }
      return median(runs);
    };
    const curves: Array<{ name: string; body: (n: number) => string; mode: RenderMode; step?: string; target?: number }> = [
      { name: 'math post, site mode (Liquid + Markdown + KaTeX + layouts)', body: mathBody, mode: 'site', target: 300 },
      { name: '  its Liquid step', body: mathBody, mode: 'site', step: 'liquid' },
      { name: 'math post, content mode', body: mathBody, mode: 'content', target: 100 },
      { name: 'Liquid-dense post, the Liquid step', body: liquidDense, mode: 'content', step: 'liquid' },
    ];
    for (const c of curves) {
      const ys: number[] = [];
      for (const n of SIZES) ys.push(await measure(MATH_FRONT + c.body(n), c.mode, c.step));
      const slope = logLogSlope(SIZES, ys);
      const last = ys[ys.length - 1];
      const okSlope = slope <= 1.1;
      const okTarget = c.target === undefined || last <= c.target;
      verdicts.push(okSlope && okTarget);
      rows.push([c.name, ...ys.map((y) => ms(y)), slope.toFixed(2), c.target === undefined ? '' : `≤ ${c.target} ms`, okSlope && okTarget ? 'ok' : okSlope ? 'SLOW' : 'SUPERLINEAR']);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const head = ['what (median ms, warm caches)', ...SIZES.map((n) => (n >= 1e6 ? `${n / 1e6} MB` : `${n / 1e3} KB`)), 'slope', 'target', ''];
  const all = [head, ...rows];
  const w = head.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(`\nscaling benchmark (node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs a size; slope = log-log, 1.0 linear, target ≤ 1.1)`);
  for (const r of all) console.log(line(r));
  if (verdicts.some((v) => !v)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
