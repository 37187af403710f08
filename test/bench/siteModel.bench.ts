// `npm run bench` part (issue 13): loading the site model of a generated 5,000-post blog for every feature
// that needs it — validation's index, the preview's `site.*` model, the Posts view — with each feature
// reading the posts itself (before) and through one SiteStore (after), against the floor of reading the
// files once and parsing them with gray-matter.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import matter from 'gray-matter';
import { readPostEntry } from '../../src/core/authoring/posts';
import { NodeFileSystem } from '../../src/cli/nodeFileSystem';
import { SiteModel } from '../../src/core/render/siteModel';
import type { SiteFileSystem } from '../../src/core/site/fileSystem';
import { loadSite } from '../../src/core/site/siteIndex';
import { frontMatterOf, SiteStore } from '../../src/core/site/siteStore';

const POSTS = Number(process.env.TECHBLOG_BENCH_POSTS ?? 5000);
const RUNS = Number(process.env.TECHBLOG_BENCH_RUNS ?? 5);

function post(i: number): string {
  return `---\nlayout: post\ntitle: "Notes number ${i}"\ndate: 2020-01-01 10:00:00 +0800\ntags: [ebpf, t${i % 40}]\ncategories: [Notes]\n---\n\n# Heading ${i}\n\n${'Some text about tracing and eBPF. '.repeat(60)}\n`;
}

/** Every feature's load: validation's index, the preview's site model, the Posts view's entries. */
async function loadAll(fsys: SiteFileSystem, root: string): Promise<number> {
  const { index } = await loadSite(fsys, root);
  const read = (p: string) => fsys.readFile(path.posix.join(root, p));
  const model = await SiteModel.load({
    configText: await read('_config.yml'), files: [...index.allPaths()], read, eager: true,
    parse: (p, text, formats) => frontMatterOf(fsys, path.posix.join(root, p), text, formats),
  });
  let entries = 0;
  for (const rel of index.allPaths()) {
    if (!rel.startsWith('_posts/')) continue;
    const abs = path.posix.join(root, rel);
    const text = await fsys.readFile(abs);
    if (text !== undefined) { readPostEntry(rel, 'post', text, '_posts', false, frontMatterOf(fsys, abs, text, index.config.formats)); entries++; }
  }
  return model.docs.size + entries;
}

async function timeIt(f: () => Promise<unknown>): Promise<number> {
  const t = performance.now();
  await f();
  return performance.now() - t;
}

async function benchMain(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-site-model-'));
  try {
    fs.mkdirSync(path.join(dir, '_posts'));
    fs.writeFileSync(path.join(dir, '_config.yml'), 'title: Bench\npermalink: /:title/\n');
    for (let i = 0; i < POSTS; i++) fs.writeFileSync(path.join(dir, '_posts', `2020-01-01-notes-${i}.md`), post(i));
    const root = dir.split(path.sep).join('/');
    const before: number[] = [];
    const after: number[] = [];
    const floor: number[] = [];
    let reads = 0;
    for (let r = 0; r < RUNS; r++) {
      before.push(await timeIt(() => loadAll(new NodeFileSystem(dir), root)));
      const store = new SiteStore(new NodeFileSystem(dir));
      after.push(await timeIt(() => loadAll(store, root)));
      reads = store.stats.reads;
      floor.push(await timeIt(async () => {
        const nfs = new NodeFileSystem(dir);
        const files = await nfs.listFiles(root);
        await Promise.all(files.map(async (f) => { const t = await nfs.readFile(path.posix.join(root, f)); if (t !== undefined) matter(t, {}); }));
      }));
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const [b, a, f] = [median(before), median(after), median(floor)];
    console.log(`\nSite model load of ${POSTS} posts for validation + preview site.* + Posts view (node ${process.version}, ${os.cpus().length} cores, median of ${RUNS} runs)`);
    console.log(`each feature reads the posts itself:  ${b.toFixed(0)} ms`);
    console.log(`one site store (one read per post):   ${a.toFixed(0)} ms   (${reads} reads for ${POSTS} posts)`);
    console.log(`floor: list + read once + gray-matter: ${f.toFixed(0)} ms`);
    console.log(`ratio store / floor:                   ${(a / f).toFixed(2)}x   (before: ${(b / f).toFixed(2)}x)\n`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

benchMain().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
