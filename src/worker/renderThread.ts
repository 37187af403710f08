// How the render worker's thread starts (./renderWorker.ts), in one place: the RenderWorkerClient starts one on
// its first render, and the extension host may start one earlier, while the preview's bundle loads
// (src/host/preview/renderThreadStart.ts), and hand it to the client. Imports node:worker_threads only: the
// activation bundle holds it.
import { Worker } from 'node:worker_threads';

export interface RenderThread {
  readonly worker: Worker;
  /** The V8 heap limit (old generation) it was started with, in MB. */
  readonly memoryMb: number;
  /** It failed or exited before a client took it. */
  readonly ended: boolean;
}

/** `l10n`: the display language's messages (vscode.l10n.bundle), for the notices the worker writes. */
export function startRenderThread(script: string, memoryMb: number, l10n?: Record<string, string>): RenderThread {
  const worker = new Worker(script, {
    workerData: { l10n },
    resourceLimits: { maxOldGenerationSizeMb: memoryMb, maxYoungGenerationSizeMb: Math.max(8, Math.min(64, Math.floor(memoryMb / 8))) },
  });
  const thread = { worker, memoryMb, ended: false };
  // Until a client listens, a failure must not become an uncaught error of the host; the thread is of no use after it.
  const end = () => { thread.ended = true; };
  worker.on('error', end);
  worker.once('exit', end);
  return thread;
}
