// `npm run bench` part: footnotes. A post with 1k / 10k / 20k footnotes (one reference each, the notes
// at the end) rendered by our kramdown markdown-it; kramdown's footnotes are linear, so are ours:
//   - the time per size, and the ratios 10k/1k (≈ 10) and 20k/10k (target ≈ 2, fails above 3);
//   - bare markdown-it on the same text (no footnote syntax) as the baseline measured in the same run.
import * as os from 'node:os';
import MarkdownIt from 'markdown-it';
import { CodeHighlighter } from '../../src/core/render/highlight/highlighter';
import type { RenderEnv } from '../../src/core/render/kramdown/env';
import { createKramdownMarkdown } from '../../src/core/render/kramdown/markdown';
import { kramdownOptionsFrom } from '../../src/core/render/kramdown/options';
import { MathRenderer } from '../../src/core/render/math/katex';

function post(n: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= n; i++) parts.push(`Claim ${i} needs a source.[^n${i}]\n`);
  for (let i = 1; i <= n; i++) parts.push(`[^n${i}]: Source ${i}, p. ${i}.`);
  return parts.join('\n') + '\n';
}

const md = createKramdownMarkdown();
const bare = new MarkdownIt({ html: true });
const highlighter = new CodeHighlighter();
const math = new MathRenderer();
const env = (): RenderEnv => ({
  options: kramdownOptionsFrom(undefined), alds: new Map(), notices: new Set(), sourceLine: (l) => l, dataLines: false,
  image: (src) => ({ src }), html: (h) => h, highlighter, math, hasMath: false,
});

const best = (runs: number, fn: () => unknown): number => {
  let min = Infinity;
  for (let i = 0; i < runs; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t = performance.now();
    fn();
    min = Math.min(min, performance.now() - t);
  }
  return min;
};

const rows: Array<[string, string, string, string]> = [];
const times = new Map<number, number>();
md.render(post(200), env() as unknown as Record<string, unknown>); // warm-up
for (const n of [1000, 10000, 20000]) {
  const text = post(n);
  const ours = best(3, () => md.render(text, env() as unknown as Record<string, unknown>));
  const base = best(3, () => bare.render(text));
  times.set(n, ours);
  rows.push([`${n / 1000}k footnotes (best of 3)`, `${ours.toFixed(0)} ms`, '', '']);
  rows.push(['  bare markdown-it, same text; ratio', `${base.toFixed(0)} ms; ${(ours / base).toFixed(2)}`, '', '']);
}
const r10 = times.get(10000)! / times.get(1000)!;
const r20 = times.get(20000)! / times.get(10000)!;
rows.push(['ratio 10k / 1k (linear: 10)', r10.toFixed(2), '', '']);
rows.push(['ratio 20k / 10k (linear: 2)', r20.toFixed(2), '≤ 3', r20 <= 3 ? 'ok' : 'SLOW']);

const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), ['what', 'figure', 'target', ''][c].length));
const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
console.log(`\nfootnotes benchmark (node ${process.version}, ${os.cpus().length} cores)`);
console.log(line(['what', 'figure', 'target', '']));
for (const r of rows) console.log(line(r));
if (rows.some((r) => r[3] === 'SLOW')) process.exitCode = 1;
