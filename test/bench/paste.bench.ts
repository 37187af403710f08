// Paste benchmark: `npm run bench` runs out/test/bench/paste.bench.js as a plain Node script.
//   (a) the core part of pasting a 5 MB PNG: hash + dedupe lookup + naming + link
//   (b) the dedupe lookup in an images folder of 10,000 files on disk: paste 1 vs paste 100
//   (c) the same with all 10,000 files of one size (worst case for size-first filtering)
// Every figure comes with a ratio to a baseline measured in the same run.
import { createHash, randomFillSync } from 'node:crypto';
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import type { ListedFile, PasteFileStat, PasteFileSystem } from '../../src/core/paste/fileSystem';
import { sha256Hex } from '../../src/core/paste/hash';
import { ImagePaster, type PasteRequest } from '../../src/core/paste/imagePaster';

/** The host's adapter, with node:fs instead of vscode.workspace.fs. */
const nodeFs: PasteFileSystem = {
  async stat(p: string): Promise<PasteFileStat | undefined> {
    try {
      const s = await fsp.stat(p);
      return { size: s.size, mtime: s.mtimeMs, isDirectory: s.isDirectory() };
    } catch {
      return undefined;
    }
  },
  async listFiles(folder: string): Promise<readonly ListedFile[]> {
    let entries;
    try {
      entries = await fsp.readdir(folder, { recursive: true, withFileTypes: true });
    } catch {
      return [];
    }
    const files = entries.filter((e) => e.isFile()).map((e) => nodePath.join(e.parentPath ?? e.path, e.name));
    return Promise.all(files.map(async (p) => {
      const s = await fsp.stat(p);
      return { path: p, size: s.size, mtime: s.mtimeMs };
    }));
  },
  readFile: (p: string) => fsp.readFile(p),
};

type Row = [label: string, ms: number, ratio: string];

function print(title: string, baselineLabel: string, rows: Row[]): void {
  console.log(`\n${title}\n  baseline: ${baselineLabel}`);
  const w = Math.max(...rows.map((r) => r[0].length));
  console.log(`  ${'measurement'.padEnd(w)}  ${'ms'.padStart(9)}  ${'× baseline'.padStart(10)}`);
  for (const [label, ms, ratio] of rows) {
    console.log(`  ${label.padEnd(w)}  ${ms.toFixed(3).padStart(9)}  ${ratio.padStart(10)}`);
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ratio = (ms: number, base: number) => `${(ms / base).toFixed(2)}×`;

async function time<T>(fn: () => Promise<T>): Promise<[number, T]> {
  const t0 = performance.now();
  const v = await fn();
  return [performance.now() - t0, v];
}

function pngLike(size: number, seed: number): Uint8Array {
  const b = new Uint8Array(size);
  randomFillSync(b);
  b.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 0);
  new DataView(b.buffer).setUint32(8, seed);
  return b;
}

/** A site whose images folder holds `count` files, sizes from `sizeOf(i)`. */
async function makeSite(count: number, sizeOf: (i: number) => number): Promise<{ dir: string; post: string }> {
  const dir = await fsp.mkdtemp(nodePath.join(os.tmpdir(), 'techblog-paste-bench-'));
  await fsp.mkdir(nodePath.join(dir, '_posts'));
  const post = nodePath.join(dir, '_posts', '2021-08-19-ebpf-summit-day1.md');
  await fsp.writeFile(post, '---\ntitle: bench\n---\n');
  const years = ['2019', '2020', '2021', '2022', '2023'];
  await Promise.all(years.map((y) => fsp.mkdir(nodePath.join(dir, 'images', y), { recursive: true })));
  for (let i = 0; i < count; i += 500) {
    await Promise.all(Array.from({ length: Math.min(500, count - i) }, (_, k) => {
      const n = i + k;
      return fsp.writeFile(nodePath.join(dir, 'images', years[n % years.length], `image-${String(n).padStart(5, '0')}.png`), pngLike(sizeOf(n), n));
    }));
  }
  return { dir, post };
}

function request(dir: string, post: string, bytes: Uint8Array, now: Date): PasteRequest {
  return { documentPath: post, workspaceFolder: dir, siteRoot: dir, bytes, mime: 'image/png', now };
}

/** Paste 100 new screenshots into the folder (written to disk, as the applied edit would), timing each lookup. */
async function hundredPastes(dir: string, post: string, sizeOf: (i: number) => number): Promise<{ lookups: number[]; plans: number[]; paster: ImagePaster }> {
  const paster = new ImagePaster(nodeFs);
  const index = paster.indexFor(nodePath.join(dir, 'images'));
  const lookups: number[] = [];
  const plans: number[] = [];
  for (let i = 0; i < 100; i++) {
    const bytes = pngLike(sizeOf(20_000 + i), 1_000_000 + i);
    const hash = await sha256Hex(bytes);
    const [lookup, found] = await time(() => index.find(bytes.byteLength, hash));
    if (found) {
      throw new Error('random bytes matched an existing image');
    }
    lookups.push(lookup);
    const [planMs, plan] = await time(() => paster.plan(request(dir, post, bytes, new Date(2021, 7, 19, 15, 5, 23, i))));
    if (!plan.ok || !plan.write) {
      throw new Error(`paste ${i}: ${plan.ok ? 'reused' : plan.error}`);
    }
    plans.push(planMs);
    await fsp.writeFile(plan.imagePath, bytes, { flag: 'wx' }); // wx: never overwrite
    paster.fileChanged(plan.imagePath); // the file watcher's event
  }
  return { lookups, plans, paster };
}

async function naiveRescan(dir: string): Promise<number> {
  // What dedupe would cost without an index: list, read and hash every image, every paste.
  const [ms] = await time(async () => {
    const files = await nodeFs.listFiles(nodePath.join(dir, 'images'));
    for (const f of files) {
      await sha256Hex(await nodeFs.readFile(f.path));
    }
  });
  return ms;
}

async function main(): Promise<void> {
  console.log(`paste benchmark — Node ${process.version}, ${os.cpus().length} CPU(s) ${os.cpus()[0]?.model ?? ''}`);
  const sizeOf = (i: number) => 1000 + ((i * 7919) % 8000); // 1–9 KB, ~1.25 files per size
  const { dir, post } = await makeSite(10_000, sizeOf);
  try {
    // (b) first, on a fresh process-wide state: paste 1 pays the one-time listing.
    const b = await hundredPastes(dir, post, sizeOf);
    const warm = median(b.lookups.slice(1));
    const naive = await naiveRescan(dir);
    print('(b) dedupe lookup, images folder of 10,000 files on disk (+100 pasted)', `median lookup of pastes 2–100 = ${warm.toFixed(3)} ms`, [
      ['paste 1 lookup (lists folder once)', b.lookups[0], ratio(b.lookups[0], warm)],
      ['paste 2 lookup', b.lookups[1], ratio(b.lookups[1], warm)],
      ['paste 10 lookup', b.lookups[9], ratio(b.lookups[9], warm)],
      ['paste 50 lookup', b.lookups[49], ratio(b.lookups[49], warm)],
      ['paste 100 lookup', b.lookups[99], ratio(b.lookups[99], warm)],
      ['median lookup, pastes 91–100', median(b.lookups.slice(90)), ratio(median(b.lookups.slice(90)), warm)],
      ['paste 100 whole core plan', b.plans[99], ratio(b.plans[99], warm)],
      ['no index: rescan + rehash all', naive, ratio(naive, warm)],
    ]);
    const counters = b.paster.indexFor(nodePath.join(dir, 'images')).counters;
    console.log(`  index work over 100 pastes: ${counters.listings} listing(s), ${counters.filesHashed} file(s) hashed, ${counters.stats} stat(s)`);

    // (a) a 5 MB PNG through the core, with the 10,000-file index warm (the usual case).
    const runs = 15;
    const bigs = Array.from({ length: runs }, (_, i) => pngLike(5 * 1024 * 1024, 2_000_000 + i));
    const webcrypto: number[] = [];
    const nodeCrypto: number[] = [];
    const plans: number[] = [];
    for (let i = 0; i < runs; i++) {
      webcrypto.push((await time(() => sha256Hex(bigs[i])))[0]);
      nodeCrypto.push((await time(async () => createHash('sha256').update(bigs[i]).digest('hex')))[0]);
      const [ms, plan] = await time(() => b.paster.plan(request(dir, post, bigs[i], new Date(2021, 7, 20, 9, 0, 0, i))));
      if (!plan.ok || !plan.write) {
        throw new Error('5 MB paste failed');
      }
      plans.push(ms);
    }
    const base = median(webcrypto);
    const reuse = (await time(() => b.paster.plan(request(dir, post, bigs[0], new Date())))); // not written: must not be reused
    print('(a) core of a 5 MB PNG paste (hash + dedupe lookup + naming + link), median of 15', `sha256 of the same 5 MB alone (WebCrypto, as the core uses) = ${base.toFixed(3)} ms`, [
      ['sha256, WebCrypto', base, ratio(base, base)],
      ['sha256, node:crypto (sync)', median(nodeCrypto), ratio(median(nodeCrypto), base)],
      ['whole core paste (plan)', median(plans), ratio(median(plans), base)],
      ['worst of 15 core pastes', Math.max(...plans), ratio(Math.max(...plans), base)],
      ['same bytes again (not written)', reuse[0], ratio(reuse[0], base)],
    ]);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }

  // (c) worst case: every file has the same size, so the first lookup must hash them all, once.
  const same = await makeSite(10_000, () => 4096);
  try {
    const c = await hundredPastes(same.dir, same.post, () => 4096);
    const warm = median(c.lookups.slice(1));
    print('(c) worst case: 10,000 files of one size (4 KB)', `median lookup of pastes 2–100 = ${warm.toFixed(3)} ms`, [
      ['paste 1 lookup (hashes all 10,000)', c.lookups[0], ratio(c.lookups[0], warm)],
      ['paste 2 lookup', c.lookups[1], ratio(c.lookups[1], warm)],
      ['paste 100 lookup', c.lookups[99], ratio(c.lookups[99], warm)],
    ]);
    const counters = c.paster.indexFor(nodePath.join(same.dir, 'images')).counters;
    console.log(`  index work over 100 pastes: ${counters.listings} listing(s), ${counters.filesHashed} file(s) hashed, ${counters.stats} stat(s)`);
  } finally {
    await fsp.rm(same.dir, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
