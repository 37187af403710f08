// Runs src/core/images/optimise.ts in the image worker (./imageWorker.ts): started on the first image
// that needs work, kept while images come, ended when idle for a while or disposed. A request that
// takes longer than `timeoutMs` ends the worker and fails (the next one starts a fresh worker).
import { Worker } from 'node:worker_threads';
import type { ImageOptions } from '../core/images/imageOptions';
import type { OptimiseInput, OptimiseResult } from '../core/images/optimise';
import type { ImageWorkerReply, ImageWorkerRequest } from '../core/protocol/imageWorkerMessages';

export interface ImageWorkerOptions {
  /** Per image, from request to result; a 12-megapixel AVIF takes seconds on a slow machine. */
  readonly timeoutMs?: number;
  /** The worker ends after this long without work (its codecs hold tens of MB). */
  readonly idleMs?: number;
  /** Where the .wasm files are (dist/wasm); default: beside the worker script, else node_modules. */
  readonly wasmDir?: string;
  /** The display language's messages (vscode.l10n.bundle), for the messages the worker writes. */
  readonly l10n?: Record<string, string>;
}

interface Pending {
  resolve(r: OptimiseResult & { ms: number }): void;
  reject(e: Error): void;
  timer: ReturnType<typeof setTimeout>;
}

export class ImageWorkerClient {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  workersStarted = 0;

  /** `script`: dist/imageWorker.js, or out/src/worker/imageWorker.js after tsc. */
  constructor(private readonly script: string, private readonly options: ImageWorkerOptions = {}) {}

  optimise(input: OptimiseInput, options: ImageOptions): Promise<OptimiseResult & { ms: number }> {
    const w = this.ensure();
    clearTimeout(this.idleTimer);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timeoutMs = this.options.timeoutMs ?? 120_000;
      const timer = setTimeout(() => this.fail(new Error(`The image took longer than ${Math.round(timeoutMs / 1000)} s to convert; it was saved unchanged.`)), timeoutMs);
      this.pending.set(id, { resolve, reject, timer });
      w.ref();
      // A copy goes to the worker: the caller keeps its bytes (the "as pasted" choice needs them).
      // The copy's memory is handed over, not copied a second time. (Not `slice()`: on a Node
      // Buffer that is a view of the caller's memory, which the transfer would take away.)
      const bytes = new Uint8Array(input.bytes);
      w.postMessage({ type: 'optimise', id, input: { ...input, bytes }, options } satisfies ImageWorkerRequest, [bytes.buffer as ArrayBuffer]);
    });
  }

  dispose(): void {
    this.fail(new Error('The image worker was closed.'));
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.script, { workerData: { wasmDir: this.options.wasmDir, l10n: this.options.l10n } });
    this.workersStarted++;
    this.worker = w;
    w.on('message', (m: ImageWorkerReply) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      if (m.type === 'done') p.resolve({ ...m.result, bytes: new Uint8Array(m.result.bytes), ms: m.ms });
      else p.reject(new Error(m.error));
      this.idle();
    });
    w.on('error', (e) => { if (this.worker === w) this.fail(e); });
    w.on('exit', (code) => { if (this.worker === w) this.fail(new Error(`The image worker stopped (exit code ${code}).`)); });
    return w;
  }

  private idle(): void {
    if (this.pending.size) return;
    this.worker?.unref();
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.stop(), this.options.idleMs ?? 60_000);
    this.idleTimer.unref?.();
  }

  private stop(): void {
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
  }

  /** End the worker and fail everything it had. */
  private fail(e: Error): void {
    this.stop();
    clearTimeout(this.idleTimer);
    for (const p of this.pending.values()) {
      clearTimeout(p.timer);
      p.reject(e);
    }
    this.pending.clear();
  }
}
