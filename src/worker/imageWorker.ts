// The image worker: a `worker_threads` thread that decodes, resizes and encodes images with the
// WebAssembly codecs, so a 12-megapixel photo never holds up the extension host (or the CLI's output).
// Messages: src/core/protocol/imageWorkerMessages.ts. The client: ./imageWorkerClient.ts.
import { parentPort, workerData } from 'node:worker_threads';
import { optimiseImage } from '../core/images/optimise';
import type { ImageWorkerData, ImageWorkerReply, ImageWorkerRequest } from '../core/protocol/imageWorkerMessages';
import { bundleTranslator, setTranslator } from '../core/text/l10n';
import { NodeImageCodecs } from './imageCodecs';

const data = workerData as ImageWorkerData | undefined;
const codecs = new NodeImageCodecs(data?.wasmDir, { modules: data?.modules, encoderOverrides: data?.encoderOverrides });
// The host's display language, for the messages the pipeline writes (an image over the pixel limit).
if (data?.l10n) setTranslator(bundleTranslator(data.l10n));

let modulesSent = codecs.compiled.size;
/** Hand newly compiled .wasm modules to the client, which starts the next worker with them. */
function sendModules(): void {
  if (codecs.compiled.size === modulesSent) return;
  modulesSent = codecs.compiled.size;
  parentPort?.postMessage({ type: 'modules', modules: new Map(codecs.compiled) } satisfies ImageWorkerReply);
}

parentPort?.on('message', (m: ImageWorkerRequest) => {
  if (m.type === 'warm') {
    // A codec that fails to load fails again, with its message, on the image that needs it.
    const done = () => {
      sendModules(); // first: the client has them when it hears the codecs are loaded
      parentPort?.postMessage({ type: 'warmed', id: m.id } satisfies ImageWorkerReply);
    };
    codecs.warm(m.from, m.to).then(done, done);
    return;
  }
  if (m.type !== 'optimise') return;
  const t0 = performance.now();
  optimiseImage(m.input, m.options, codecs).then((result) => {
    const reply: ImageWorkerReply = { type: 'done', id: m.id, result, ms: performance.now() - t0, compiled: codecs.compiledHere };
    sendModules(); // first: the client has them before the idle period that may end this worker starts
    // The input is the worker's own copy; hand the output's memory over instead of copying it.
    parentPort?.postMessage(reply, result.bytes === m.input.bytes ? [] : [result.bytes.buffer as ArrayBuffer]);
  }, (e: unknown) => {
    parentPort?.postMessage({ type: 'failed', id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies ImageWorkerReply);
  });
});
