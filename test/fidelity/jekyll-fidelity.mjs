// Fidelity against real Jekyll: builds the sample blog (examples/sample-blog) and the kramdown feature
// site (test/fixtures/render/kramdown-site) with `jekyll build` (Debian's jekyll 4.3: kramdown + rouge)
// into temporary folders, renders every post and page with our renderer, and compares the block
// structure of both pages: headings with their ids, paragraphs, lists, code blocks, tables, images,
// footnotes and the layout's elements, each with its text (test/unit/render/blocks.ts).
//
// Run after `tsc` (it loads out/): node test/fidelity/jekyll-fidelity.mjs [--verbose] [--site DIR …]
// Prints the agreement per document, per site and overall. When jekyll is missing it installs it as
// root on Debian/Ubuntu (apt-get, like test/host/setup.sh; TECHBLOG_NO_APT=1 stops that), else exits 0
// with a "skipped" line. Exits 1 when the overall agreement is under 98 %, 2 when something else fails.
// `node scripts/test.mjs fidelity` (part of `npm test`, after the unit tests) compiles and runs it.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(import.meta.url);
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const sites = args.flatMap((a, i) => (a === '--site' && args[i + 1] ? [path.resolve(args[i + 1])] : []));
if (!sites.length) sites.push(path.join(root, 'examples', 'sample-blog'), path.join(root, 'test', 'fixtures', 'render', 'kramdown-site'));
// Theme fixtures (issue 10): each a small theme written for one way real themes break.
if (!args.includes('--site')) sites.push(path.join(root, 'test', 'fixtures', 'sites', 'lax-liquid-theme'));
const TARGET = 0.98;

const jekyllVersion = () => spawnSync('jekyll', ['--version'], { encoding: 'utf8' });
let which = jekyllVersion();
if (which.error || which.status !== 0) {
  installJekyll();
  which = jekyllVersion();
}
if (which.error || which.status !== 0) {
  console.log('[fidelity] skipped: install jekyll to compare with it (Debian/Ubuntu: sudo apt-get install jekyll). Nothing was compared.');
  process.exit(0);
}

/**
 * Like test/host/setup.sh does with its apt packages: as root on Debian/Ubuntu, install Debian's jekyll
 * (4.3, with kramdown and rouge); otherwise leave the machine alone and skip.
 */
function installJekyll() {
  if (process.getuid?.() !== 0 || !fs.existsSync('/etc/debian_version') || process.env.TECHBLOG_NO_APT) return;
  console.log('[fidelity] installing apt package: jekyll');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'jekyll']]) {
    const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.error || r.status !== 0) {
      console.log(`[fidelity] apt-get ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
      return;
    }
  }
}
const outDir = process.env.TECHBLOG_OUT_DIR ? path.resolve(process.env.TECHBLOG_OUT_DIR) : path.join(root, 'out');
if (!fs.existsSync(path.join(outDir, 'src', 'core', 'render', 'renderer.js'))) {
  console.error('[fidelity] out/ is missing: run `npx tsc -p tsconfig.json` first.');
  process.exit(2);
}
const { SiteRenderer } = require(path.join(outDir, 'src', 'core', 'render', 'renderer.js'));
const { NodeFileSystem } = require(path.join(outDir, 'src', 'cli', 'nodeFileSystem.js'));
const { blockSignatures, alignBlocks } = require(path.join(outDir, 'test', 'unit', 'render', 'blocks.js'));

const pct = (x) => `${(x * 100).toFixed(1)} %`;

/** The posts and pages of a site, as site-relative paths. */
function documents(site) {
  const docs = [];
  const posts = path.join(site, '_posts');
  if (fs.existsSync(posts)) for (const f of fs.readdirSync(posts).sort()) if (/\.(md|markdown|html)$/i.test(f)) docs.push(`_posts/${f}`);
  const walk = (dir, rel = '') => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) { if (!/^[_.]/.test(e.name) && e.name !== 'node_modules' && e.name !== 'assets') walk(path.join(dir, e.name), r); }
      else if (/\.(md|markdown|html)$/i.test(e.name)) docs.push(r);
    }
  };
  walk(site);
  return docs;
}

async function compareSite(site) {
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-fidelity-'));
  try {
    const build = spawnSync('jekyll', ['build', '-s', site, '-d', dest, '--disable-disk-cache', '--quiet'], { encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`jekyll build of ${site} failed:\n${build.stdout}\n${build.stderr}`);
    console.log(`\n[fidelity] ${which.stdout.trim()} built ${path.relative(root, site) || site}`);
    const renderer = await SiteRenderer.open({ fs: new NodeFileSystem(site), root: '' });
    const now = new Date();
    const rows = [];
    for (const rel of documents(site)) {
      const url = renderer.urlOf(rel);
      if (!url) continue; // not published by Jekyll (no front matter, excluded)
      const out = path.join(dest, url.endsWith('/') ? url + 'index.html' : url);
      if (!fs.existsSync(out)) continue;
      const jekyllHtml = fs.readFileSync(out, 'utf8');
      const text = fs.readFileSync(path.join(site, rel), 'utf8');
      const result = await renderer.render({ path: rel, text, mode: 'site', now, resolveResource: (p) => `${renderer.baseurl}/${p}` });
      // A post whose layout does not exist is written bare by Jekyll; we show it in content mode: compare the bodies.
      const bare = !/<html[\s>]/i.test(jekyllHtml);
      const opts = { pageUrl: url, baseurl: renderer.baseurl };
      const ours = blockSignatures(bare ? result.bodyHtml : result.html, opts);
      const theirs = blockSignatures(jekyllHtml, opts);
      const { common, onlyA, onlyB } = alignBlocks(ours, theirs);
      rows.push({ rel, common, denom: Math.max(ours.length, theirs.length, 1), bare, onlyA, onlyB });
    }
    console.log('document'.padEnd(52) + 'blocks'.padStart(8) + 'agree'.padStart(8) + '   agreement');
    for (const r of rows) {
      console.log(r.rel.padEnd(52) + String(r.denom).padStart(8) + String(r.common).padStart(8) + '   ' + pct(r.common / r.denom) + (r.bare ? '  (no layout: bodies compared)' : ''));
      if (verbose || r.common < r.denom) {
        for (const s of r.onlyA.slice(0, verbose ? 50 : 6)) console.log(`      ours only:   ${s.slice(0, 150)}`);
        for (const s of r.onlyB.slice(0, verbose ? 50 : 6)) console.log(`      jekyll only: ${s.slice(0, 150)}`);
      }
    }
    const common = rows.reduce((s, r) => s + r.common, 0);
    const blocks = rows.reduce((s, r) => s + r.denom, 0);
    console.log(`[fidelity] ${path.basename(site)}: ${common} of ${blocks} blocks agree = ${pct(blocks ? common / blocks : 1)} over ${rows.length} documents`);
    return { common, blocks, documents: rows.length };
  } finally {
    fs.rmSync(dest, { recursive: true, force: true });
  }
}

try {
  let common = 0;
  let blocks = 0;
  let docs = 0;
  for (const site of sites) {
    const r = await compareSite(site);
    common += r.common;
    blocks += r.blocks;
    docs += r.documents;
  }
  const overall = blocks ? common / blocks : 1;
  console.log(`\n[fidelity] overall: ${common} of ${blocks} blocks agree = ${pct(overall)} over ${docs} documents (target ${pct(TARGET)})`);
  process.exit(overall >= TARGET ? 0 : 1);
} catch (e) {
  console.error(`[fidelity] ${e instanceof Error ? e.message : String(e)}`);
  process.exit(2);
}
