// `npm run bench` part: how render cost grows with the size of a post, 10 KB → 1 MB. A math-heavy post with
// Liquid (test/bench/mathPost.ts) and a Liquid-dense post (an include, a post_url, a filter, an if, a for and
// a highlight block every 200 bytes), each:
//   - rendered in full (`incremental: false`: every Liquid node, Markdown block and layout runs; the
//     content caches — KaTeX, highlighted code, sanitized HTML — are warm, as after the first preview);
//   - re-rendered after an edit at its end (the incremental path a keystroke takes).
// Times are the rendering process's CPU time (user + system, median), which a loaded machine changes far
// less than wall time; the wall median is printed next to it. Each curve gets its log-log slope (least
// squares over the sizes; 1.0 = linear) and fails above SLOPE_MAX. Targets (issue 13): a 1 MB post
// rendered in full ≤ 100 ms in content mode and ≤ 300 ms in site mode. Bare markdown-it over the same
// math post is the floor a full render cannot go under (its ratio is printed).
// TECHBLOG_BENCH_SCALING_RUNS sets the timed renders a size (default 5).
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { NodeFileSystem } from '../../src/cli/nodeFileSystem';
import { SiteRenderer } from '../../src/core/render/renderer';
import type { RenderMode } from '../../src/core/render/types';
import { MATH_FRONT, mathBody } from './mathPost';

const SIZES = [10_000, 30_000, 100_000, 300_000, 1_000_000];
const RUNS = Number(process.env.TECHBLOG_BENCH_SCALING_RUNS ?? 5);
/** Above this log-log slope a curve is super-linear (1.0 is linear; the measure's noise stays well under). */
const SLOPE_MAX = 1.15;
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
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(0));
const cpuMs = () => { const c = process.cpuUsage(); return (c.user + c.system) / 1000; };

/** CPU and wall time of `fn`, each run from a collected heap (the bench runs with --expose-gc). */
async function measure(runs: number, warm: number, fn: (i: number) => Promise<unknown> | unknown): Promise<{ cpu: number; wall: number }> {
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let i = 0; i < warm + runs; i++) {
    gc?.();
    const c = cpuMs();
    const t = performance.now();
    await fn(i);
    if (i >= warm) { wall.push(performance.now() - t); cpu.push(cpuMs() - c); }
  }
  return { cpu: median(cpu), wall: median(wall) };
}

interface Curve { name: string; body: (n: number) => string; mode?: RenderMode; incremental?: boolean; bare?: boolean; target?: number }

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-scaling-bench-'));
  const rows: string[][] = [];
  const verdicts: boolean[] = [];
  const last = new Map<string, number>();
  try {
    const w = (p: string, t: string) => { fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true }); fs.writeFileSync(path.join(dir, p), t); };
    w('_config.yml', 'title: Scaling\nmarkdown: kramdown\n');
    w('_includes/note.html', '<span class="note">{{ include.n }}</span>');
    w('_layouts/default.html', '<!DOCTYPE html>\n<html><head><title>{{ page.title }}</title></head><body><main>{{ content }}</main></body></html>\n');
    w('_layouts/post.html', '---\nlayout: default\n---\n<article><h1>{{ page.title | escape }}</h1>{{ content }}</article>\n');
    const rel = '_posts/2024-01-01-notes.md';
    w(rel, MATH_FRONT + 'x\n');
    const site = await SiteRenderer.open({ fs: new NodeFileSystem(dir), root: '' });
    const md = new MarkdownIt({ html: true });
    const curves: Curve[] = [
      { name: 'math post, site mode, full render', body: mathBody, mode: 'site', incremental: false, target: 300 },
      { name: 'math post, content mode, full render', body: mathBody, mode: 'content', incremental: false, target: 100 },
      { name: '  bare markdown-it, same text (the floor)', body: mathBody, bare: true },
      { name: 'math post, site mode, re-render after an edit', body: mathBody, mode: 'site' },
      { name: 'math post, content mode, re-render after an edit', body: mathBody, mode: 'content' },
      { name: 'Liquid-dense post, content mode, full render', body: liquidDense, mode: 'content', incremental: false },
    ];
    for (const c of curves) {
      const cpu: number[] = [];
      const wall: number[] = [];
      for (const n of SIZES) {
        const body = c.body(n);
        const text = MATH_FRONT + body;
        // The first run fills the content caches (and, re-rendering, the post's memo); an edit appends to the body.
        const r = c.bare
          ? await measure(RUNS, 1, (i) => md.render(body + 'x'.repeat(i)))
          : await measure(RUNS, 2, (i) => site.render({ path: rel, text: text + 'x'.repeat(i), mode: c.mode, incremental: c.incremental }));
        cpu.push(r.cpu);
        wall.push(r.wall);
      }
      const slope = logLogSlope(SIZES, cpu);
      const top = cpu[cpu.length - 1];
      last.set(c.name, top);
      const okSlope = slope <= SLOPE_MAX;
      const okTarget = c.target === undefined || top <= c.target;
      verdicts.push(okSlope && okTarget);
      rows.push([c.name, ...cpu.map((y, i) => `${ms(y)} (${ms(wall[i])})`), slope.toFixed(2), c.target === undefined ? '' : `≤ ${c.target} ms`,
        !okSlope ? 'SUPERLINEAR' : okTarget ? 'ok' : 'SLOW']);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const head = ['what: CPU ms (wall ms), median', ...SIZES.map((n) => (n >= 1e6 ? `${n / 1e6} MB` : `${n / 1e3} KB`)), 'slope', 'target', ''];
  const all = [head, ...rows];
  const w = head.map((_, c) => Math.max(...all.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(`\nscaling benchmark (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}, ${RUNS} runs a size; slope = log-log over CPU time, 1.0 linear, fails above ${SLOPE_MAX})`);
  for (const r of all) console.log(line(r));
  const full = last.get('math post, content mode, full render');
  const bare = last.get('  bare markdown-it, same text (the floor)');
  if (full !== undefined && bare !== undefined) console.log(`1 MB math post: content-mode full render / bare markdown-it = ${(full / bare).toFixed(2)}`);
  if (verdicts.some((v) => !v)) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
