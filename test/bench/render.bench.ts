// `npm run bench` part: the preview renderer. Plain node script (compiled to out/test/bench/render.bench.js):
//   - a seed-shaped post re-rendered as if typed into (site mode, warm, median)      target < 5 ms
//   - a 50 KB post the same way (the part of keystroke → preview spent rendering)
//   - a 1 MB post (1 MB of UTF-8 on disk, content mode, warm, median)                target < 100 ms
//   - content mode against bare markdown-it on the same text (ratio)                target ≤ 1.3
//   - our page against `jekyll build` of a one-post site, when jekyll is installed   target ≥ 100×
// Prints a small table. TECHBLOG_BENCH_RUNS sets the number of timed renders (default 200).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import MarkdownIt from 'markdown-it';
import { NodeFileSystem } from '../../src/cli/nodeFileSystem';
import { SiteRenderer } from '../../src/core/render/renderer';
import type { RenderMode } from '../../src/core/render/types';

const RUNS = Number(process.env.TECHBLOG_BENCH_RUNS ?? 200);

/** A post shaped like the seed: Typora screenshots, zh-TW prose, headings, lists, links, a code block, a YouTube iframe. */
function seedShapedBody(i = 0): string {
  return [
    `![image-2021081915052318${i % 10}](../images/2021/image-a.png)`, '', '# 摘要', '',
    'eBPF (Extended Berkeley Packet Filter) 是近幾年對於 dynamic tracing 裡面一個很知名的技術。 由於 Observability 受到了大家的重視，在網路層面或是 SRE 應用上都有許多相關得說明與文章。 eBPF Summit 2021 集結了許多業界知名人士，並且帶來相當多基本的介紹，歡迎大家也可以了解。', '',
    '# 什麼是 eBPF (轉)', '',
    '動態追蹤技術（dynamic tracing）是現代軟體的進階除錯和追蹤機制，讓工程師以非常低的成本，在非常短的時間內，克服一些不是顯而易見的問題。'.repeat(4), '',
    '- 動態追蹤 (dynamic tracing);', '- 靜態追蹤 (static tracing);', '- profiling events;', '',
    ' (以上資訊摘自：[宅色夫](http://wiki.csie.ncku.edu.tw/User/jserv)  [Linux 核心設計](https://beta.hackfoldr.org/linux/): 透過 eBPF 觀察作業系統行為)', '',
    '# eBPF Summit 2021 研討會資訊', '', '- <https://ebpf.io/summit-2021>', '- Day 1: <https://youtu.be/Kp3PHPuFkaA>', '- Day 2: <https://youtu.be/ZNtVedFsD-k>', '',
    '## eBPF Day 1 ', '',
    '### [The State & Future of eBPF](https://ebpf.io/summit-2021/#) / [Thomas Graf](https://ebpf.io/summit-2021/#)', '',
    '這次的 keynote 也相當知名，第一位就是 [Thomas Graf](https://ebpf.io/summit-2021/#) 身為推廣者之一，會跟大家介紹目前的狀態跟未來的發展。', '',
    '### [Getting Started with BPF observability](https://ebpf.io/summit-2021/#) / [Brendan Gregg](https://ebpf.io/summit-2021/#)', '',
    '- [Systems Performance 2nd edition](https://amzn.to/37K3D5M) - Brendan Gregg (Addison-Wesley, 2020)',
    '- [BPF Performance Tools](https://amzn.to/2OWoQQX) - Brendan Gregg (Addison-Wesley, 2019)', '',
    '他的知名事件就是 [An Unbelievable Demo - Brendan Gregg](https://www.brendangregg.com/blog/2021-06-04/an-unbelievable-demo.html) 可以好好學習。', '',
    '```c', 'SEC("kprobe/do_sys_open")', 'int kprobe__do_sys_open(struct pt_regs *ctx) {', '    bpf_printk("open called\\n");', '    return 0;', '}', '```', '',
    '![image-20210819152102715](../images/2021/image-b.png)', '', '![image-20210819152107812](../images/2021/image-c.png)', '',
    '# 影片', '',
    '<iframe width="560" height="315" src="https://www.youtube.com/embed/Kp3PHPuFkaA" title="YouTube video player" frameborder="0" allow="accelerometer; autoplay; clipboard-write; encrypted-media; gyroscope; picture-in-picture" allowfullscreen></iframe>', '',
    '# Reference', '', '-  [Linux 核心設計: 透過 eBPF 觀察作業系統行為](https://hackmd.io/@sysprog/linux-ebpf)', '',
  ].join('\n');
}

const FRONT = '---\nlayout: post\ntitle: "[TIL] eBPF Summit Day1 Quick Notes"\ndescription: ""\ncategory: \n- TodayILearn\ntags: ["ebpf", " observability", "CloudNative"]\n---\n';

function makeSite(dir: string): void {
  const w = (p: string, t: string) => { fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true }); fs.writeFileSync(path.join(dir, p), t); };
  w('_config.yml', 'title: Bench blog\npermalink: /:title/\ntimezone: Asia/Taipei\nmarkdown: kramdown\n');
  w('_layouts/default.html', '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{{ page.title }} | {{ site.title }}</title>\n<link rel="stylesheet" href="{{ "/assets/main.css" | relative_url }}"></head>\n<body><header class="site-header"><a href="{{ "/" | relative_url }}">{{ site.title }}</a></header>\n<main class="page-content"><div class="wrapper">{{ content }}</div></main>\n<footer>{{ site.time | date: "%Y" }}</footer></body></html>\n');
  w('_layouts/post.html', '---\nlayout: default\n---\n<article class="post"><h1 class="post-title">{{ page.title | escape }}</h1>\n<p class="post-meta">{{ page.date | date: "%Y-%m-%d" }} · {{ page.categories | join: ", " }}</p>\n<div class="post-content">{{ content }}</div></article>\n');
  w('_sass/_base.scss', '$link: #0a7d6e;\nbody { font-family: sans-serif; a { color: $link; } }\n');
  w('assets/main.scss', '---\n---\n@import "base";\n');
  for (const n of ['a', 'b', 'c']) w(`images/2021/image-${n}.png`, 'PNG');
  w('_posts/2021-08-19-ebpf-summit-day1.md', FRONT + seedShapedBody());
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));

async function time(n: number, fn: (i: number) => Promise<unknown> | unknown, before?: () => void): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    before?.();
    const t = performance.now();
    await fn(i);
    out.push(performance.now() - t);
  }
  return out;
}

/** `time`, each run starting from a collected heap (when node runs with --expose-gc, as `npm run bench` does). */
async function timeCollected(n: number, fn: (i: number) => Promise<unknown> | unknown): Promise<number[]> {
  return time(n, fn, (globalThis as { gc?: () => void }).gc);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-render-bench-'));
  const rows: Array<[string, string, string, string]> = [];
  try {
    makeSite(dir);
    const rel = '_posts/2021-08-19-ebpf-summit-day1.md';
    const text = FRONT + seedShapedBody();
    const t0 = performance.now();
    const site = await SiteRenderer.open({ fs: new NodeFileSystem(dir), root: '' });
    await site.render({ path: rel, text });
    const cold = performance.now() - t0;
    // Keystrokes: a character typed into the middle of the post each time.
    const at = text.indexOf('歡迎大家');
    const typed = (i: number) => text.slice(0, at) + 'x'.repeat(i % 50) + text.slice(at);
    const render = (mode: RenderMode, i: number, body = typed(i)) => site.render({ path: rel, text: body, mode });
    await time(50, (i) => render('site', i));
    const site1 = median(await time(RUNS, (i) => render('site', i)));
    rows.push(['seed-shaped post, site mode (warm, median)', ms(site1) + ' ms', '< 5 ms', site1 < 5 ? 'ok' : 'SLOW']);
    rows.push(['  same, first render (site opened, Sass compiled)', ms(cold) + ' ms', '', '']);

    // A 50 KB post (the live preview's keystroke goal covers posts up to 50 KB), site mode.
    let fifty = '';
    for (let i = 0; Buffer.byteLength(fifty) < 50 * 1024; i++) fifty += seedShapedBody(i).replace(/^# /gm, `# ${i} `) + '\n';
    const fiftyAt = fifty.indexOf('歡迎大家');
    const fiftyTyped = (i: number) => FRONT + fifty.slice(0, fiftyAt) + 'x'.repeat(i % 50) + fifty.slice(fiftyAt);
    await time(20, (i) => render('site', i, fiftyTyped(i)));
    const site50 = median(await time(Math.min(RUNS, 100), (i) => render('site', i, fiftyTyped(i))));
    rows.push([`50 KB post (${(Buffer.byteLength(fiftyTyped(0)) / 1024).toFixed(0)} KB), site mode (warm, median)`, ms(site50) + ' ms', '', '']);

    // Content mode vs bare markdown-it on the same text.
    const md = new MarkdownIt({ html: true });
    const body = (i: number) => seedShapedBody(i % 10);
    await time(50, (i) => md.render(body(i)));
    await time(50, (i) => render('content', i, FRONT + body(i)));
    const bare = median(await time(RUNS, (i) => md.render(body(i))));
    const content = median(await time(RUNS, (i) => render('content', i, FRONT + body(i))));
    rows.push(['seed-shaped post, content mode (median)', ms(content) + ' ms', '', '']);
    rows.push(['  bare markdown-it, same text (median)', ms(bare) + ' ms', '', '']);
    rows.push(['  ratio content mode / markdown-it', (content / bare).toFixed(2), '≤ 1.3', content / bare <= 1.3 ? 'ok' : 'SLOW']);

    // A 1 MB post: 1 MB as a file on disk (UTF-8 bytes; the zh-TW prose takes three bytes a character).
    // Each timed render starts from a collected heap (the bench runs with --expose-gc), so one run's
    // garbage is not billed to the next; the render's own collections still count. Two warm-up rounds.
    let big = '';
    for (let i = 0; Buffer.byteLength(big) < 1_000_000; i++) big += seedShapedBody(i).replace(/^# /gm, `# ${i} `) + '\n';
    const bigText = FRONT + big;
    const [firstBig] = await timeCollected(1, () => site.render({ path: rel, text: bigText, mode: 'content' }));
    // Ours and bare markdown-it alternate, so a burst of load on the machine hits both alike.
    const ours: number[] = [];
    const bareRuns: number[] = [];
    for (let i = 0; i < 11; i++) {
      const [a] = await timeCollected(1, () => site.render({ path: rel, text: bigText + 'x'.repeat(i), mode: 'content' }));
      const [b] = await timeCollected(1, () => md.render(big + 'x'.repeat(i)));
      if (i >= 2) { ours.push(a); bareRuns.push(b); }
    }
    const bigMs = median(ours);
    const bigBare = median(bareRuns);
    const size = `${(Buffer.byteLength(bigText) / 1e6).toFixed(2)} MB, ${(bigText.length / 1e6).toFixed(2)} M chars`;
    rows.push([`1 MB post (${size}), content mode, re-render (median)`, ms(bigMs) + ' ms', '< 100 ms', bigMs < 100 ? 'ok' : 'SLOW']);
    rows.push(['  same, first render of that text (site warm)', ms(firstBig) + ' ms', '', '']);
    rows.push(['  bare markdown-it, same text; ratio', `${ms(bigBare)} ms; ${(bigMs / bigBare).toFixed(2)}`, '', '']);

    // Against Jekyll itself.
    const jekyll = spawnSync('jekyll', ['--version'], { encoding: 'utf8' });
    if (!jekyll.error && jekyll.status === 0) {
      const dest = path.join(dir, '_site_out');
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const t = performance.now();
        const r = spawnSync('jekyll', ['build', '-s', dir, '-d', dest, '--disable-disk-cache', '--quiet'], { encoding: 'utf8' });
        runs.push(performance.now() - t);
        if (r.status !== 0) throw new Error(`jekyll build failed: ${r.stderr}`);
      }
      const j = median(runs);
      rows.push([`jekyll build, one-post site (${jekyll.stdout.trim()}, median of 3)`, ms(j) + ' ms', '', '']);
      rows.push(['  ratio jekyll build / our warm page', `${Math.round(j / site1)}×`, '≥ 100×', j / site1 >= 100 ? 'ok' : 'SLOW']);
    } else rows.push(['jekyll build comparison', 'skipped', 'jekyll not installed', '']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const w = [0, 1, 2, 3].map((c) => Math.max(...rows.map((r) => r[c].length), ['what', 'figure', 'target', ''][c].length));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(w[i]) : c.padStart(w[i]))).join('  ');
  console.log(`\nrender benchmark (node ${process.version}, ${os.cpus().length} cores, ${RUNS} runs)`);
  console.log(line(['what', 'figure', 'target', '']));
  for (const r of rows) console.log(line(r));
  if (rows.some((r) => r[3] === 'SLOW')) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
