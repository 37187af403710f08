// `npm run bench` part (issue 13): the first preview's render — open the site, render one post — with the
// site model read eagerly (every post before the first render, as before) and lazily (the posts read
// when Liquid first lists them), in the render worker's setup (node:fs through one SiteStore). On a
// generated 2,000-post blog whose layouts do not list the posts, on the same blog with a "recent posts"
// sidebar (both read every post: the result must be the eager one), and on the sample blog.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../src/cli/nodeFileSystem';
import { SiteRenderer } from '../../src/core/render/renderer';
import { SiteStore } from '../../src/core/site/siteStore';

const POSTS = Number(process.env.TECHBLOG_BENCH_POSTS ?? 2000);
const RUNS = Number(process.env.TECHBLOG_BENCH_RUNS ?? 5);
const root = path.resolve(__dirname, '..', '..', '..');

function post(i: number): string {
  return `---\nlayout: post\ntitle: "Notes number ${i}"\ndate: 2020-01-01 10:00:00 +0800\ntags: [ebpf, t${i % 40}]\ncategories: [Notes]\n---\n\n# Heading ${i}\n\n${'Some text about tracing and eBPF. '.repeat(60)}\n`;
}

function writeBlog(dir: string, sidebar: boolean): void {
  fs.mkdirSync(path.join(dir, '_posts'), { recursive: true });
  fs.mkdirSync(path.join(dir, '_layouts'));
  fs.mkdirSync(path.join(dir, '_includes'));
  fs.writeFileSync(path.join(dir, '_config.yml'), 'title: Bench\npermalink: /:title/\n');
  fs.writeFileSync(path.join(dir, '_includes', 'recent.html'), '<ul>{% for p in site.posts limit: 5 %}<li><a href="{{ p.url | relative_url }}">{{ p.title }}</a></li>{% endfor %}</ul>');
  fs.writeFileSync(path.join(dir, '_layouts', 'default.html'), `<!DOCTYPE html><html><head><title>{{ page.title }} | {{ site.title }}</title></head><body>{{ content }}${sidebar ? '<aside>{% include recent.html %}</aside>' : ''}</body></html>`);
  fs.writeFileSync(path.join(dir, '_layouts', 'post.html'), '---\nlayout: default\n---\n<article><h1>{{ page.title }}</h1>{{ content }}</article>');
  for (let i = 0; i < POSTS; i++) fs.writeFileSync(path.join(dir, '_posts', `2020-01-01-notes-${i}.md`), post(i));
}

/** Opens the site as the render worker does and renders `rel` once: ms, and the posts, pages and templates read. */
async function firstRender(dir: string, rel: string, eagerSite: boolean): Promise<{ ms: number; reads: number }> {
  const t = performance.now();
  const store = new SiteStore(new NodeFileSystem(dir));
  const renderer = await SiteRenderer.open({ fs: store, root: '', eagerSite, fallbackCss: 'body{}' });
  const r = await renderer.render({ path: rel, text: fs.readFileSync(path.join(dir, rel), 'utf8'), waitForCss: false });
  if (!r.html.includes('<h1') && !r.html.includes('<article')) throw new Error(`unexpected render of ${rel}`);
  return { ms: performance.now() - t, reads: store.stats.reads };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function compare(label: string, dir: string, rel: string): Promise<void> {
  const eager: number[] = [];
  const lazy: number[] = [];
  let reads = { eager: 0, lazy: 0 };
  // A warm-up of each (the file system cache, the JIT), then the two alternate which goes first.
  await firstRender(dir, rel, true);
  await firstRender(dir, rel, false);
  for (let r = 0; r < RUNS; r++) {
    const [e, l] = r % 2 ? [await firstRender(dir, rel, true), await firstRender(dir, rel, false)] : await (async () => { const lz = await firstRender(dir, rel, false); return [await firstRender(dir, rel, true), lz]; })();
    eager.push(e.ms); lazy.push(l.ms);
    reads = { eager: e.reads, lazy: l.reads };
  }
  const [e, l] = [median(eager), median(lazy)];
  console.log(`${label.padEnd(44)} eager ${e.toFixed(0).padStart(5)} ms (${reads.eager} files read)   lazy ${l.toFixed(0).padStart(5)} ms (${reads.lazy} read)   lazy/eager ${(l / e).toFixed(2)}x`);
}

async function benchMain(): Promise<void> {
  const plain = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-lazy-site-'));
  const listing = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-lazy-site-'));
  try {
    writeBlog(plain, false);
    writeBlog(listing, true);
    console.log(`\nFirst render (open the site + render one post), eager vs lazy site model (node ${process.version}, ${os.cpus().length} cores, load ${os.loadavg()[0].toFixed(1)}, median of ${RUNS} runs)`);
    await compare(`${POSTS}-post blog, layouts without site.posts`, plain, '_posts/2020-01-01-notes-7.md');
    await compare(`${POSTS}-post blog, a recent-posts sidebar`, listing, '_posts/2020-01-01-notes-7.md');
    const sample = path.join(root, 'examples', 'sample-blog');
    await compare('sample blog, a post (its layout has a pager)', sample, '_posts/2021-08-20-ebpf-summit-day2-notes.md');
    await compare('sample blog, about.md', sample, 'about.md');
    console.log('');
  } finally {
    fs.rmSync(plain, { recursive: true, force: true });
    fs.rmSync(listing, { recursive: true, force: true });
  }
}

benchMain().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
