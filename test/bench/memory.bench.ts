// `npm run bench` part: memory the preview renderer keeps. A generated blog shaped like a real
// math-heavy one (test/bench/mathPost.ts: inline and display formulas, code, tables, Liquid) is opened,
// then every post is previewed once (site mode), as a reader clicking through the Posts view would.
// Printed: the heap retained afterwards (after a full collection) over the heap with the site open,
// and per byte of post text. Targets: 37 posts ≤ 20 MB, 5,000 posts ≤ 150 MB. Runs with --expose-gc
// (as `npm run bench` runs every benchmark); TECHBLOG_BENCH_BIG_BLOG=0 skips the 5,000-post blog.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../src/cli/nodeFileSystem';
import { SiteRenderer } from '../../src/core/render/renderer';
import { MATH_FRONT, mathBody } from './mathPost';

const gc = (globalThis as { gc?: () => void }).gc;
const MB = 1024 * 1024;

function heap(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

function writeSite(dir: string, posts: number, bytesOf: (i: number) => number): Array<{ rel: string; text: string }> {
  const w = (p: string, t: string) => { fs.mkdirSync(path.dirname(path.join(dir, p)), { recursive: true }); fs.writeFileSync(path.join(dir, p), t); };
  w('_config.yml', 'title: Math blog\npermalink: /:year/:month/:title/\nmarkdown: kramdown\n');
  w('_layouts/default.html', '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{{ page.title }} | {{ site.title }}</title></head>\n<body><header><a href="{{ "/" | relative_url }}">{{ site.title }}</a></header>\n<main>{{ content }}</main>\n<footer>{{ site.posts.size }} posts</footer></body></html>\n');
  w('_layouts/post.html', '---\nlayout: default\n---\n<article><h1>{{ page.title | escape }}</h1>\n<p>{{ page.date | date: "%Y-%m-%d" }}</p>\n{{ content }}</article>\n');
  const out: Array<{ rel: string; text: string }> = [];
  for (let i = 0; i < posts; i++) {
    const day = new Date(Date.UTC(2015, 0, 1) + i * 86_400_000).toISOString().slice(0, 10);
    const rel = `_posts/${day}-notes-${i}.md`;
    const text = MATH_FRONT.replace('Notes on training recurrent networks', `Notes ${i}`) + mathBody(bytesOf(i), i + 1);
    w(rel, text);
    out.push({ rel, text });
  }
  return out;
}

async function measure(label: string, posts: number, bytesOf: (i: number) => number, target: number): Promise<string[]> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-memory-bench-'));
  try {
    const list = writeSite(dir, posts, bytesOf);
    const source = list.reduce((n, p) => n + Buffer.byteLength(p.text), 0);
    const site = await SiteRenderer.open({ fs: new NodeFileSystem(dir), root: '' });
    // One render first, so what every render needs (KaTeX, the highlighter's grammars, parsed layouts) is loaded.
    await site.render({ path: list[0].rel, text: list[0].text });
    const before = heap();
    const t = performance.now();
    for (const p of list) await site.render({ path: p.rel, text: p.text });
    const took = performance.now() - t;
    const retained = heap() - before;
    // Keep the renderer alive until measured.
    void site.root;
    return [
      `${label}: ${posts} posts, ${(source / MB).toFixed(1)} MB of text, each previewed once (${(took / 1000).toFixed(1)} s)`,
      `  heap retained ${(retained / MB).toFixed(1)} MB (${(retained / source).toFixed(1)} bytes per source byte)   target ≤ ${target} MB   ${retained / MB <= target ? 'ok' : 'OVER'}`,
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!gc) console.log('(run with --expose-gc for exact figures)');
  const lines: string[] = [];
  // 37 posts averaging ~38 KB (the real blog: 1.4 MB of posts), 8–90 KB each.
  lines.push(...await measure('math-heavy blog', 37, (i) => 8_000 + ((i * 37) % 83) * 1_000, 20));
  if (process.env.TECHBLOG_BENCH_BIG_BLOG !== '0') lines.push(...await measure('large blog', 5000, (i) => 2_000 + ((i * 13) % 9) * 1_000, 150));
  console.log(`\nmemory benchmark (node ${process.version})`);
  for (const l of lines) console.log(l);
  if (lines.some((l) => l.endsWith('OVER'))) process.exitCode = 1;
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 2;
});
