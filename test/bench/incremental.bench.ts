// `npm run bench` part: incremental rendering (src/core/render/incremental/). A one-character edit typed
// into a plain paragraph (the one nearest the middle) of a ~6 KB post, of the 87 KB / 480-block shape of
// the property test (realPost.ts: footnotes, link definitions, Liquid) and of the 87 KB / 460-formula
// math post (mathPost.ts: a section per heading, the paragraph typed in right under one), rendered by the
// host's renderer (site mode, warm): incremental against a full render of the same text.
// Target (issue 13): ≤ 3 ms median for both. TECHBLOG_BENCH_RUNS sets the number of keystrokes (default 200).
// Besides wall time, each keystroke's CPU time (process.cpuUsage: this thread and V8's helpers, GC and
// compiler) is printed: on a machine loaded by other jobs wall time mostly measures waiting for a core.
import { SiteRenderer } from '../../src/core/render/renderer';
import type { RenderResult } from '../../src/core/render/types';
import { MemoryFileSystem } from '../../src/core/site/fileSystem';
import { mulberry32 } from '../unit/prng';
import { LONG_POST, REAL_FRONT_MATTER, REAL_SITE_FILES, realShapedBody } from '../unit/render/incremental/realPost';
import { MATH_FRONT, mathBody } from './mathPost';

const RUNS = Number(process.env.TECHBLOG_BENCH_RUNS ?? 200);
const PATH = '_posts/2024-03-01-attention.md';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

async function typing(post: string, incremental: boolean): Promise<{ kb: number; formulas: number; blocks: number; times: number[]; cpu: number[]; patched: number[] }> {
  const site = await SiteRenderer.open({ fs: new MemoryFileSystem({ ...REAL_SITE_FILES, [PATH]: REAL_FRONT_MATTER }), root: '' });
  let text = post;
  // Where the author types: the middle of the paragraph nearest the middle of the post.
  const prose = /\n\n[a-zA-Z][^\n]{80,}/g;
  prose.lastIndex = text.length >> 1;
  const para = (prose.exec(text)?.index ?? 0) + 2;
  let at = text.indexOf(' ', para + 20);
  let last: RenderResult = await site.render({ path: PATH, text, incremental });
  const times: number[] = [];
  const cpu: number[] = [];
  const patched: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    text = text.slice(0, at) + 'x' + text.slice(at);
    // The worker gets the editor's text as one flat string (a structured clone), not a rope of the edit.
    void Number(text);
    at++;
    const t = performance.now();
    const c = process.cpuUsage();
    const r = await site.render({ path: PATH, text, incremental });
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    const seen = new Set(last.blocks?.map((b) => b.id));
    patched.push(r.blocks?.filter((b) => !seen.has(b.id)).length ?? NaN);
    last = r;
  }
  return { kb: Buffer.byteLength(text) / 1024, formulas: (text.match(/\$\$/g) ?? []).length / 2, blocks: last.blocks?.length ?? 0, times, cpu, patched };
}

async function main(): Promise<void> {
  const rows: string[][] = [['post', 'size', 'formulas', 'blocks', 'full render (median)', 'incremental (median / p90)', 'its CPU time (median / p90)', 'ratio', 'blocks patched (median)']];
  const posts = [
    ['6 KB post', REAL_FRONT_MATTER + realShapedBody(mulberry32(42), { ...LONG_POST, blocks: 34 })],
    ['87 KB / 480-block shape', REAL_FRONT_MATTER + realShapedBody(mulberry32(42), LONG_POST)],
    ['87 KB / 460-formula math post', MATH_FRONT + mathBody(87 * 1024)],
  ] as const;
  for (const [name, post] of posts) {
    const full = await typing(post, false);
    const inc = await typing(post, true);
    rows.push([name, `${inc.kb.toFixed(0)} KB`, String(inc.formulas), String(inc.blocks), `${median(full.times).toFixed(2)} ms`,
      `${median(inc.times).toFixed(2)} / ${p90(inc.times).toFixed(2)} ms`, `${median(inc.cpu).toFixed(2)} / ${p90(inc.cpu).toFixed(2)} ms`, `${(median(full.times) / median(inc.times)).toFixed(1)}×`, String(median(inc.patched))]);
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  console.log('target: incremental ≤ 3 ms median for each (host render of a one-character edit)');
}

void main();
