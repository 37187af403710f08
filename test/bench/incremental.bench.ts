// `npm run bench` part: incremental rendering (src/core/render/incremental/). A one-character edit typed
// into a plain paragraph (the one nearest the middle) of a ~6 KB post, of the 87 KB / 480-block shape of
// the property test (realPost.ts: footnotes, link definitions, Liquid) and of the 87 KB / 460-formula
// math post (mathPost.ts: a section per heading, the paragraph typed in right under one), rendered by the
// host's renderer (site mode, warm): incremental against a full render of the same text.
// Target (issue 13): ≤ 3 ms median for both. TECHBLOG_BENCH_RUNS sets the number of keystrokes (default 200).
// Besides wall time, each keystroke's CPU time (process.cpuUsage: this thread and V8's helpers, GC and
// compiler) is printed: on a machine loaded by other jobs wall time mostly measures waiting for a core.
// And the bytes each keystroke puts on the wire between the host and the render worker (v8 serialization,
// as postMessage clones): host → worker the editor's edit (src/worker/textSync.ts) against the whole text,
// worker → host the new blocks and the order as runs (src/worker/resultDelta.ts) against listing every block,
// and host → webview the block patch (src/host/preview/previewBlocks.ts, JSON as webview.postMessage sends
// it) as runs against listing each kept block between the unchanged ends (the patch before the runs),
// for a keystroke and for Enter pressed at the same place (every later block moves a line).
import { SiteRenderer } from '../../src/core/render/renderer';
import type { RenderResult } from '../../src/core/render/types';
import { MemoryFileSystem } from '../../src/core/site/fileSystem';
import { mulberry32 } from '../unit/prng';
import { LONG_POST, REAL_FRONT_MATTER, REAL_SITE_FILES, realShapedBody } from '../unit/render/incremental/realPost';
import { MATH_FRONT, mathBody } from './mathPost';
import { serialize } from 'node:v8';
import { DeltaSender } from '../../src/worker/resultDelta';
import { blockPatch, cutFrame, shownBlocks, type BodyCut, type ShownBlocks } from '../../src/host/preview/previewBlocks';
import { EditLog, TextHolder, TextSender } from '../../src/worker/textSync';

const RUNS = Number(process.env.TECHBLOG_BENCH_RUNS ?? 200);
const PATH = '_posts/2024-03-01-attention.md';
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p90 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * 0.9)];

interface Wire { up: number[]; upWhole: number[]; down: number[]; downListed: number[]; view: number[]; viewListed: number[]; viewSent: number[] }

/** The host → webview patch as it was before the runs: the blocks between the unchanged ends listed, kept ones by id (and shift). */
function listedPatch(shown: ShownBlocks, cut: BodyCut): object {
  const ids = [...shown.keys()];
  const next = cut.blocks;
  const unchanged = (b: BodyCut['blocks'][number], id: number | undefined) => b.id === id && shown.get(id) === b.shift;
  const most = Math.min(ids.length, next.length);
  let head = 0;
  while (head < most && unchanged(next[head], ids[head])) head++;
  let tail = 0;
  while (head + tail < most && unchanged(next[next.length - 1 - tail], ids[ids.length - 1 - tail])) tail++;
  const middle = next.slice(head, next.length - tail);
  const kept = new Set(middle.map((b) => b.id));
  const blocks = middle.map((b) => {
    const was = shown.get(b.id);
    return was === undefined ? { id: b.id, html: b.html } : b.shift !== was ? { id: b.id, shift: b.shift - was } : { id: b.id };
  });
  return { blocks, removed: ids.slice(head, ids.length - tail).filter((id) => !kept.has(id)), same: [head, tail], shown: ids.length };
}

/** What else a patch message carries (a keystroke's; the same either way). */
const PATCH_FRAME = { type: 'patch', version: 1000, state: { resource: 'file:///home/me/blog/_posts/2024-03-01-attention.md', locked: false, line: 120 }, title: 'Notes on training recurrent networks | Blog', notices: [], mode: 'site' };
const jsonBytes = (m: object) => Buffer.byteLength(JSON.stringify({ ...PATCH_FRAME, ...m }));

async function typing(post: string, incremental: boolean, key = 'x'): Promise<{ kb: number; formulas: number; blocks: number; times: number[]; cpu: number[]; patched: number[]; wire: Wire }> {
  const site = await SiteRenderer.open({ fs: new MemoryFileSystem({ ...REAL_SITE_FILES, [PATH]: REAL_FRONT_MATTER }), root: '' });
  let text = post;
  // Where the author types: the middle of the paragraph nearest the middle of the post.
  const prose = /\n\n[a-zA-Z][^\n]{80,}/g;
  prose.lastIndex = text.length >> 1;
  const para = (prose.exec(text)?.index ?? 0) + 2;
  let at = text.indexOf(' ', para + 20);
  let last: RenderResult = await site.render({ path: PATH, text, incremental });
  // The wire, as the host and the worker build it (the request's other fields are the same either way).
  const wire: Wire = { up: [], upWhole: [], down: [], downListed: [], view: [], viewListed: [], viewSent: [] };
  let shown: ShownBlocks = new Map();
  if (incremental) shown = shownBlocks(cutFrame(last)!.cut);
  const request = { path: PATH, mode: 'site', allowEmbeds: true, remoteImages: true, siteScripts: false, restricted: false, resources: { base: 'https://file+.vscode-resource.vscode-cdn.net/home/me/blog' } };
  const site0 = { root: '/home/me/blog', generator: 'jekyll' };
  const doc = {};
  const log = new EditLog();
  const texts = new TextSender();
  const holder = new TextHolder();
  const deltas = new DeltaSender();
  let version = 1;
  const sendText = (t: string) => {
    const stamp = log.seen('post', doc, version);
    const m = { type: 'render', id: version, site: site0, request, text: texts.wire('post', t, { version: stamp, since: (from) => log.since('post', from, stamp) }), held: true };
    if (holder.take('post', m.text) !== t) throw new Error('the worker\'s text differs');
    return serialize(m).length;
  };
  sendText(text);
  deltas.send('post', last, false);
  const times: number[] = [];
  const cpu: number[] = [];
  const patched: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    text = text.slice(0, at) + key + text.slice(at);
    // The worker gets the editor's text as one flat string (a structured clone), not a rope of the edit.
    void Number(text);
    log.record('post', doc, ++version, [{ start: at, end: at, text: key }]);
    at += key.length;
    const t = performance.now();
    const c = process.cpuUsage();
    const r = await site.render({ path: PATH, text, incremental });
    times.push(performance.now() - t);
    const used = process.cpuUsage(c);
    cpu.push((used.user + used.system) / 1000);
    const seen = new Set(last.blocks?.map((b) => b.id));
    patched.push(r.blocks?.filter((b) => !seen.has(b.id)).length ?? NaN);
    last = r;
    if (incremental) {
      wire.up.push(sendText(text));
      wire.upWhole.push(serialize({ type: 'render', id: version, site: site0, request, text: { text, version }, held: true }).length);
      const sent = deltas.send('post', r, true);
      const message = (result: RenderResult, order?: number[]) => serialize({ type: 'result', id: version, result, delta: true, ...(order ? { order } : {}), sameCss: true }).length;
      wire.down.push(message(sent.result, sent.order));
      // Every block listed (new ones with their HTML, kept ones by id, length and shift), as before the runs.
      wire.downListed.push(message({ ...sent.result, blocks: r.blocks?.map((b) => (seen.has(b.id) ? { id: b.id, length: b.length, shift: b.shift } : b)) }));
      const cut = cutFrame(r)!.cut;
      const patch = blockPatch(shown, cut, (h) => h);
      wire.view.push(jsonBytes({ order: patch.order, blocks: patch.blocks, shown: shown.size }));
      wire.viewListed.push(jsonBytes(listedPatch(shown, cut)));
      wire.viewSent.push(patch.sent);
      shown = shownBlocks(cut);
    }
  }
  return { kb: Buffer.byteLength(text) / 1024, formulas: (text.match(/\$\$/g) ?? []).length / 2, blocks: last.blocks?.length ?? 0, times, cpu, patched, wire };
}

async function main(): Promise<void> {
  const bytes: string[][] = [['post', 'host → worker: whole text', 'the edit', 'ratio', 'worker → host: every block listed', 'runs of the last list', 'ratio']];
  const view: string[][] = [['post', 'key', 'host → webview: kept blocks listed (median / max)', 'runs (median / max)', 'ratio (median)', 'new blocks (median / max)']];
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
    const w = inc.wire;
    bytes.push([name, `${median(w.upWhole)} B`, `${median(w.up)} B`, `${(median(w.upWhole) / median(w.up)).toFixed(0)}×`,
      `${median(w.downListed)} B`, `${median(w.down)} B`, `${(median(w.downListed) / median(w.down)).toFixed(1)}×`]);
    const enter = await typing(post, true, '\n');
    for (const [key, x] of [['a character', w], ['Enter', enter.wire]] as const) {
      view.push([name, key, `${median(x.viewListed)} / ${Math.max(...x.viewListed)} B`, `${median(x.view)} / ${Math.max(...x.view)} B`, `${(median(x.viewListed) / median(x.view)).toFixed(1)}×`, `${median(x.viewSent)} / ${Math.max(...x.viewSent)}`]);
    }
  }
  const table = (t: string[][]) => {
    const widths = t[0].map((_, c) => Math.max(...t.map((r) => r[c].length)));
    for (const r of t) console.log(r.map((cell, c) => cell.padEnd(widths[c])).join('  '));
  };
  table(rows);
  console.log('target: incremental ≤ 3 ms median for each (host render of a one-character edit)');
  console.log('\nmessage bytes per keystroke (median, v8 serialization as postMessage clones):');
  table(bytes);
  console.log('\nhost → webview patch bytes per keystroke (JSON, as webview.postMessage sends it), typed in the middle of the post:');
  table(view);
}

void main();
