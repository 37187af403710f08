// Runs src/core/images/optimise.ts in the image worker (./imageWorker.ts): started on the first image
// that needs work, or ahead of it by `warm` (a post opens with settings that convert images), kept while
// images come, ended when idle for a while or disposed. The .wasm modules the worker compiled are kept
// here, so a worker started again after an idle period does not compile them again. A request that
// takes longer than `timeoutMs` ends the worker and fails (the next one starts a fresh worker).
import { Worker } from 'node:worker_threads';
import { warmFormats, type EncoderOverrides } from '../core/images/encoderSettings';
import type { ImageOptions } from '../core/images/imageOptions';
import type { OptimiseInput, OptimiseResult } from '../core/images/optimise';
import type { ImageWorkerData, ImageWorkerReply, ImageWorkerRequest } from '../core/protocol/imageWorkerMessages';

export interface ImageWorkerOptions {
  /** Per image, from request to result; a 12-megapixel AVIF takes seconds on a slow machine. */
  readonly timeoutMs?: number;
  /** The worker ends after this long without work (its codecs hold tens of MB). */
  readonly idleMs?: number;
  /** Where the .wasm files are (dist/wasm); default: beside the worker script, else node_modules. */
  readonly wasmDir?: string;
  /** The display language's messages (vscode.l10n.bundle), for the messages the worker writes. */
  readonly l10n?: Record<string, string>;
  /** Encoder settings that replace the chosen ones (the bench measures the previous settings with it). */
  readonly encoderOverrides?: EncoderOverrides;
  /** Called when the worker is ended after the idle period (tests wait for it). */
  readonly onIdleStop?: () => void;
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
  /** The compiled .wasm modules, by file name, handed to every new worker. */
  private modules = new Map<string, WebAssembly.Module>();
  /** The codecs the running worker was asked to load (`from>to`), settled when they are loaded. */
  private readonly warmed = new Map<string, Promise<void>>();
  private readonly warming = new Map<number, () => void>();
  workersStarted = 0;
  /** .wasm files compiled by the workers that ended, and by the running one (as of its last image). */
  private compiledBefore = 0;
  private compiledNow = 0;

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

  /**
   * Start the worker and load the codecs `options` need, ahead of the first image; it ends after the
   * idle period if no image comes. Nothing when the options leave images as they are.
   */
  warm(options: ImageOptions): Promise<void> {
    const { from, to } = warmFormats(options);
    if (!to.length) return Promise.resolve();
    const w = this.ensure();
    const key = `${from.join()}>${to.join()}`;
    let loaded = this.warmed.get(key);
    if (!loaded) {
      const id = this.nextId++;
      loaded = new Promise<void>((resolve) => this.warming.set(id, resolve));
      this.warmed.set(key, loaded);
      w.ref(); // until the codecs are loaded
      w.postMessage({ type: 'warm', id, from, to } satisfies ImageWorkerRequest);
    }
    this.idle(); // (re)starts the idle period, unless images are being converted or codecs loaded
    return loaded;
  }

  /** How many .wasm files this client's workers compiled (a restarted worker compiles only codecs new to it). */
  get wasmCompiled(): number {
    return this.compiledBefore + this.compiledNow;
  }

  /** How many compiled .wasm modules a new worker would get. */
  get compiledModules(): number {
    return this.modules.size;
  }

  dispose(): void {
    this.modules = new Map();
    this.fail(new Error('The image worker was closed.'));
  }

  private ensure(): Worker {
    if (this.worker) return this.worker;
    const workerData: ImageWorkerData = { wasmDir: this.options.wasmDir, l10n: this.options.l10n, modules: this.modules, encoderOverrides: this.options.encoderOverrides };
    const w = new Worker(this.script, { workerData });
    this.workersStarted++;
    this.worker = w;
    w.on('message', (m: ImageWorkerReply) => {
      if (m.type === 'modules') {
        this.modules = new Map(m.modules);
        return;
      }
      if (m.type === 'warmed') {
        this.warming.get(m.id)?.();
        this.warming.delete(m.id);
        this.idle();
        return;
      }
      const p = this.pending.get(m.id);
      if (!p) return;
      this.pending.delete(m.id);
      clearTimeout(p.timer);
      // The result's bytes were handed over by the worker (not copied): this thread owns them now.
      if (m.type === 'done') {
        this.compiledNow = m.compiled;
        p.resolve({ ...m.result, ms: m.ms });
      }
      else p.reject(new Error(m.error));
      this.idle();
    });
    w.on('error', (e) => { if (this.worker === w) this.fail(e); });
    w.on('exit', (code) => { if (this.worker === w) this.fail(new Error(`The image worker stopped (exit code ${code}).`)); });
    return w;
  }

  private idle(): void {
    if (this.pending.size) return;
    clearTimeout(this.idleTimer);
    if (this.warming.size) return;
    this.worker?.unref();
    this.idleTimer = setTimeout(() => {
      this.stop();
      this.options.onIdleStop?.();
    }, this.options.idleMs ?? 60_000);
    this.idleTimer.unref?.();
  }

  private stop(): void {
    const w = this.worker;
    this.worker = undefined;
    this.compiledBefore += this.compiledNow;
    this.compiledNow = 0;
    // Warming is best effort: whoever waits for it goes on (the image itself reports a failure).
    for (const done of this.warming.values()) done();
    this.warming.clear();
    this.warmed.clear();
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
