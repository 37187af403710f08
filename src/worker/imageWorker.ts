// The image worker: a `worker_threads` thread that decodes, resizes and encodes images with the
// WebAssembly codecs, so a 12-megapixel photo never holds up the extension host (or the CLI's output).
// Messages: src/core/protocol/imageWorkerMessages.ts. The client: ./imageWorkerClient.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { optimiseImage } from '../core/images/optimise';
import type { ImageWorkerReply, ImageWorkerRequest } from '../core/protocol/imageWorkerMessages';
import { bundleTranslator, setTranslator } from '../core/text/l10n';
import { NodeImageCodecs } from './imageCodecs';

const data = workerData as { wasmDir?: string; l10n?: Record<string, string> } | undefined;
const codecs = new NodeImageCodecs(data?.wasmDir);
// The host's display language, for the messages the pipeline writes (an image over the pixel limit).
if (data?.l10n) setTranslator(bundleTranslator(data.l10n));

parentPort?.on('message', (m: ImageWorkerRequest) => {
  if (m.type !== 'optimise') return;
  const t0 = performance.now();
  optimiseImage(m.input, m.options, codecs).then((result) => {
    const reply: ImageWorkerReply = { type: 'done', id: m.id, result, ms: performance.now() - t0 };
    // The input is the worker's own copy; hand the output's memory over instead of copying it.
    parentPort?.postMessage(reply, result.bytes === m.input.bytes ? [] : [result.bytes.buffer as ArrayBuffer]);
  }, (e: unknown) => {
    parentPort?.postMessage({ type: 'failed', id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies ImageWorkerReply);
  });
});
