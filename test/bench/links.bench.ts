// `npm run bench -- links`: link checks and rename edits on a generated 5,000-post blog (in memory, so
// the disk is not measured). Prints medians: checking every post with the link rules on and with them
// off (the difference is what the link rules cost), and computing the edits when a post is renamed —
// one linked from three posts, and a "hub" post every post links to.
import { checkDocument } from '../../src/core/frontmatter/check';
import type { RuleId } from '../../src/core/frontmatter/types';
import { expandMoves, linkEditsForMoves } from '../../src/core/links/rename';
import type { LinkSite } from '../../src/core/links/resolve';
import { MemoryFileSystem } from '../../src/core/site/fileSystem';
import { loadSite } from '../../src/core/site/siteIndex';

const POSTS = Number(process.env.TECHBLOG_BENCH_POSTS ?? 5000);
const RUNS = Number(process.env.TECHBLOG_BENCH_RUNS ?? 5);
const LINK_RULES: RuleId[] = ['broken-link', 'unpublished-link', 'broken-fragment'];

const name = (i: number) => `2021-${String(1 + (i % 12)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}-post-${i}`;

function post(i: number): string {
  const a = (i * 7 + 1) % POSTS;
  const b = (i * 13 + 5) % POSTS;
  const c = (i + 1) % POSTS;
  return `---\nlayout: post\ntitle: "Post ${i}"\n---\n\n## Setup\n\nSee [the hub](/post-0/#setup), [a](/post-${a}/), {% post_url ${name(b)} %} and [c](${name(c)}.md#setup).\n` +
    `Also [missing](/nope-${i}/) and [a fragment](/post-${a}/#gone).\n\n## Usage ${i}\n\nText with **words** and \`code\`.\n`;
}

function median(xs: number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  return s[Math.floor(s.length / 2)];
}

async function main(): Promise<void> {
  const files: Record<string, string> = { '_config.yml': 'title: Links bench\npermalink: /:title/\n', '_layouts/post.html': '{{ content }}' };
  for (let i = 0; i < POSTS; i++) files[`_posts/${name(i)}.md`] = post(i);
  const t0 = performance.now();
  const { index, texts } = await loadSite(new MemoryFileSystem(files), '');
  console.log(`site of ${POSTS} posts loaded (URLs, ids) in ${(performance.now() - t0).toFixed(0)} ms`);
  const site: LinkSite = { config: index.config, links: index.links, hasFile: (r) => index.hasFile(r), kindOf: (r) => index.kindOf(r) };
  const rels = [...texts.keys()].filter((r) => r.startsWith('_posts/'));

  const checkAll = (off: boolean) => {
    const severities = off ? Object.fromEntries(LINK_RULES.map((r) => [r, 'off' as const])) : {};
    let n = 0;
    for (const rel of rels) n += checkDocument({ path: rel, text: texts.get(rel)!, site: index, settings: { severities } }).filter((p) => LINK_RULES.includes(p.rule)).length;
    return n;
  };
  const on: number[] = [];
  const off: number[] = [];
  let problems = 0;
  for (let r = 0; r < RUNS; r++) {
    // Alternate, so load on this shared machine hits both alike.
    let s = performance.now(); problems = checkAll(false); on.push(performance.now() - s);
    s = performance.now(); checkAll(true); off.push(performance.now() - s);
  }
  const rename = (from: number, to: string) => {
    const ts: number[] = [];
    let edits = 0;
    for (let r = 0; r < RUNS; r++) {
      const s = performance.now();
      const out = linkEditsForMoves(site, texts, expandMoves([{ from: `_posts/${name(from)}.md`, to: `_posts/${to}.md` }], index.allPaths()));
      ts.push(performance.now() - s);
      edits = out.reduce((n, f) => n + f.edits.length, 0);
    }
    return { ms: median(ts), edits };
  };
  const leaf = rename(4321 % POSTS, '2021-01-01-renamed-leaf');
  const hub = rename(0, '2021-01-01-renamed-hub');
  console.log('| what | median | |');
  console.log('| --- | --- | --- |');
  console.log(`| check ${rels.length} posts, link rules on | ${median(on).toFixed(0)} ms | ${problems} link problems |`);
  console.log(`| check ${rels.length} posts, link rules off | ${median(off).toFixed(0)} ms | link rules cost ×${(median(on) / median(off)).toFixed(2)} |`);
  console.log(`| rename edits, post linked by a few | ${leaf.ms.toFixed(0)} ms | ${leaf.edits} edits |`);
  console.log(`| rename edits, post linked by every post | ${hub.ms.toFixed(0)} ms | ${hub.edits} edits |`);
}

void main();
