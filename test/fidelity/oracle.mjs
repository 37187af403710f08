// What the stages that hold our renderer against Debian's jekyll share (jekyll-fidelity.mjs, kramdown-peer.mjs):
// finding (or installing) jekyll, loading the compiled renderer from out/, the peer suites' folder, and comparing
// two pages block by block (test/unit/render/blocks.ts).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));

export const pct = (x) => `${(x * 100).toFixed(1)} %`;

const jekyllVersion = () => spawnSync('jekyll', ['--version'], { encoding: 'utf8' });
const notInstalled = (p) => spawnSync('dpkg-query', ['-W', '-f=${Status}', p], { encoding: 'utf8' }).stdout?.includes('install ok installed') !== true;

/**
 * Debian's jekyll (`jekyll 4.3.1`), installed with `packages` as root on Debian/Ubuntu when missing (apt-get, like
 * test/host/setup.sh; TECHBLOG_NO_APT=1 stops that). Undefined when it is still missing: the caller skips.
 */
export function ensureJekyll(tag, packages = []) {
  let which = jekyllVersion();
  if (which.error || which.status !== 0) {
    installApt(tag, ['jekyll', ...packages]);
    which = jekyllVersion();
  }
  if (!which.error && which.status === 0 && fs.existsSync('/etc/debian_version') && packages.some(notInstalled)) installApt(tag, packages.filter(notInstalled));
  return which.error || which.status !== 0 ? undefined : which.stdout.trim();
}

function installApt(tag, packages) {
  if (process.getuid?.() !== 0 || !fs.existsSync('/etc/debian_version') || process.env.TECHBLOG_NO_APT) return;
  console.log(`[${tag}] installing apt package(s): ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update', '-qq'], ['install', '-y', '-qq', ...packages]]) {
    const r = spawnSync('apt-get', args, { env, stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.error || r.status !== 0) {
      console.log(`[${tag}] apt-get ${args.join(' ')} failed (${r.error?.message ?? `exit ${r.status}`})`);
      return;
    }
  }
}

/** A module compiled into out/ (or TECHBLOG_OUT_DIR); exits 2 when out/ is missing. */
export function requireOut(tag, ...rel) {
  const outDir = process.env.TECHBLOG_OUT_DIR ? path.resolve(process.env.TECHBLOG_OUT_DIR) : path.join(root, 'out');
  if (!fs.existsSync(path.join(outDir, 'src', 'core', 'render', 'renderer.js'))) {
    console.error(`[${tag}] out/ is missing: run \`npx tsc -p tsconfig.json\` first.`);
    process.exit(2);
  }
  return require(path.join(outDir, ...rel));
}

/** ../shared/peer-suites/<name> from the repository (or a worktree next to it, or TECHBLOG_PEER_SUITES), if it is there. */
export function peerSuite(name) {
  const candidates = [process.env.TECHBLOG_PEER_SUITES, path.resolve(root, '..', 'shared', 'peer-suites'), path.resolve(root, '..', '..', 'shared', 'peer-suites')];
  for (const c of candidates) if (c && fs.existsSync(path.join(c, name))) return path.join(c, name);
  return undefined;
}

/** Two pages as block signatures, aligned: what both have, what only ours (A) or only Jekyll's (B) has. */
export function compareBlocks(oursHtml, jekyllHtml, opts = {}) {
  const { blockSignatures, alignBlocks } = requireOut('fidelity', 'test', 'unit', 'render', 'blocks.js');
  const ours = blockSignatures(oursHtml, opts);
  const theirs = blockSignatures(jekyllHtml, opts);
  const { common, onlyA, onlyB } = alignBlocks(ours, theirs);
  return { common, denom: Math.max(ours.length, theirs.length, 1), identical: common === ours.length && common === theirs.length, onlyA, onlyB };
}
