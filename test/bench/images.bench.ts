// Image benchmark (`npm run bench -- images`): encode time and size ratio per format, measured in the
// image worker (out/src/worker/imageWorker.js, the codecs' .wasm from node_modules) as the paste runs it.
//   (a) a 2560×1600 screenshot PNG (a Retina window) → png+oxipng, webp, avif, jpeg
//   (b) a 12-megapixel phone photo (4000×3000 JPEG, q92, EXIF orientation 6 + GPS) → jpeg (upright, stripped),
//       webp, avif, and webp at maxWidth 1600 — the goal: a 12-megapixel photo converted in under 1 s
// Times are medians of the worker's own figure (decode + resize + orientation + encode, each stage
// printed below its row), the first, codec-loading run apart, and of the process's CPU time (what the
// run would take on an idle machine, about). The machine's load is printed with them: on a shared
// 2-core machine it decides the wall-clock times.
import * as os from 'node:os';
import * as path from 'node:path';
import { defaultImageOptions, type ImageOptions } from '../../src/core/images/imageOptions';
import { formatChange, formatSize } from '../../src/core/images/sizes';
import { NodeImageCodecs } from '../../src/worker/imageCodecs';
import { ImageWorkerClient } from '../../src/worker/imageWorkerClient';
import { exifTiff, photoPixels, plainPng, screenshotPixels, withExif } from '../unit/images/imageFixtures';

const root = path.resolve(__dirname, '..', '..', '..');
const runs = Number(process.env.TECHBLOG_BENCH_RUNS ?? 3);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

async function main(): Promise<void> {
  const codecs = new NodeImageCodecs();
  const client = new ImageWorkerClient(path.join(root, 'out', 'src', 'worker', 'imageWorker.js'), { timeoutMs: 600_000 });
  console.log(`load average ${os.loadavg().map((l) => l.toFixed(1)).join(' ')} on ${os.cpus().length} cores; median of ${runs} run(s) after a warm-up`);
  const row = async (name: string, bytes: Uint8Array, options: Partial<ImageOptions>, dropped = false) => {
    const o = { ...defaultImageOptions, ...options };
    const first = await client.optimise({ bytes, dropped }, o); // loads the codecs
    const times: number[] = [];
    const cpu: number[] = [];
    const stages = new Map<string, number[]>();
    let out = first;
    for (let i = 0; i < runs; i++) {
      // The process's CPU time: this thread only waits, so it is the worker's — what the run takes on an idle machine, about.
      const c0 = process.cpuUsage();
      out = await client.optimise({ bytes, dropped }, o);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
      times.push(out.ms);
      for (const [stage, ms] of Object.entries(out.stageMs ?? {})) stages.set(stage, [...(stages.get(stage) ?? []), ms]);
    }
    const breakdown = [...stages].map(([stage, ms]) => `${stage} ${median(ms).toFixed(0)}`).join(', ');
    console.log(`  ${name.padEnd(34)} ${formatSize(bytes.byteLength).padStart(9)} → ${formatSize(out.bytes.byteLength).padStart(9)}  ratio ${(out.bytes.byteLength / bytes.byteLength).toFixed(3)} (${formatChange(bytes.byteLength, out.bytes.byteLength)})  ${median(times).toFixed(0).padStart(6)} ms, CPU ${median(cpu).toFixed(0)} ms  (first ${first.ms.toFixed(0)} ms)`);
    if (breakdown) console.log(`  ${''.padEnd(34)} stages (ms): ${breakdown}`);
  };
  try {
    const shot = plainPng(screenshotPixels(2560, 1600));
    console.log('(a) screenshot 2560×1600, PNG as a screenshot tool writes it');
    await row('png + oxipng (lossless)', shot, { format: 'png', optimizePng: true });
    await row('webp q80', shot, { format: 'webp' });
    await row('avif q60', shot, { format: 'avif', quality: 60 });
    await row('jpeg q80', shot, { format: 'jpeg' });

    const photo = withExif(await codecs.encode('jpeg', photoPixels(4000, 3000), 92), exifTiff(6));
    console.log('(b) photo 4000×3000 (12 MP) JPEG q92 with EXIF orientation 6 and GPS, dropped');
    await row('jpeg (upright, EXIF/GPS removed)', photo, {}, true);
    await row('webp q80', photo, { format: 'webp' }, true);
    await row('webp q80, maxWidth 1600', photo, { format: 'webp', maxWidth: 1600 }, true);
    await row('jpeg q80, maxWidth 1600', photo, { format: 'jpeg', maxWidth: 1600 }, true);
    await row('avif q60', photo, { format: 'avif', quality: 60 }, true);
  } finally {
    client.dispose();
  }
}

main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
