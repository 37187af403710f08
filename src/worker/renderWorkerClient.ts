// Drives the render worker (./renderWorker.ts) from the extension host or the CLI: one worker thread,
// started on the first render (or handed over, started earlier: ./renderThread.ts) with a memory limit
// (V8's old generation, `resourceLimits`), and a time limit per render. A render over either limit ends the
// worker (`terminate()`; V8 ends it itself at the memory limit) and comes back as `stopped`, naming the step
// and file it was last on; renders that were waiting behind it are sent again to a fresh worker, as is the
// next request.
import { serialize } from 'node:v8';
import type { Worker } from 'node:worker_threads';
import type { FromWorkerMessage, RenderLimit, RenderStopped, ToWorkerMessage, WorkerRenderRequest, WorkerSiteSpec } from '../core/protocol/renderWorkerMessages';
import type { RenderResult, RenderStep } from '../core/render/types';
import { DeltaReceiver, postKey } from './resultDelta';
import { startRenderThread, type RenderThread } from './renderThread';
import { TextSender, type VersionedText } from './textSync';

export interface RenderLimits {
  /** Milliseconds one render may take (from the request to the result, opening the site included). */
  timeoutMs: number;
  /** The worker's V8 heap limit (old generation), in MB. */
  memoryMb: number;
}

/** `wireBytes`: the bytes the render's messages took host → worker and back, when the client measures them (`measureWire`). */
export type WorkerOutcome = { result: RenderResult; wireBytes?: [number, number] } | { stopped: RenderStopped };

interface Pending {
  message: { id: number; site: WorkerSiteSpec; request: WorkerRenderRequest };
  /** The editor's document the text is of (its version, and the edits since an earlier one). */
  doc?: VersionedText;
  resolve: (o: WorkerOutcome) => void;
  reject: (e: Error) => void;
  step: RenderStep;
  file: string;
  started: number;
  /** The worker reported a step of this render (else it is still busy with an earlier one's background work). */
  heard?: boolean;
  timer?: ReturnType<typeof setTimeout>;
  onProgress?: (step: RenderStep, file: string) => void;
  /** Bytes sent and received for this render, when measured. */
  wire?: [number, number];
}

export class RenderWorkerClient {
  private worker: Worker | undefined;
  private workerMemoryMb = 0;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  /**
   * The step the worker last reported, for any render: a first frame leaves Sass compiling in the background
   * (RenderRequest.waitForCss), so a render that never hears from the worker was stopped in that step.
   */
  private workerStep: { step: RenderStep; file: string } | undefined;
  /** Measure each render's message bytes (a serialization more per message: for the keystroke bench's trace). */
  measureWire = false;
  /** How many workers were started (a stopped render makes the next request start another). */
  workersStarted = 0;
  /** The blocks of the posts' last results: the worker sends only what is not here. */
  private readonly deltas = new DeltaReceiver();
  /** The posts' texts the worker holds (by version): the next request sends only the editor's changes. */
  private readonly texts = new TextSender();
  /** The site spec (as JSON) the worker last got for each root: a request with the same one sends only the root. */
  private readonly specs = new Map<string, string>();

  /**
   * `script`: the worker's file (dist/renderWorker.js, or out/src/worker/renderWorker.js in tests);
   * `l10n`: the display language's messages (vscode.l10n.bundle), for the notices the worker writes;
   * `headStart`: a thread of the same script started earlier (./renderThread.ts), taken as the first worker
   * when it still runs with the memory limit asked for then (else ended, and a new one started).
   */
  constructor(private readonly script: string, private readonly limits: () => RenderLimits, private readonly l10n?: Record<string, string>, private headStart?: RenderThread) {}

  /**
   * Renders in the worker; resolves with the result or with where the limits stopped it. `doc`: the editor's
   * document `request.text` is (version `doc.version`): the worker then gets only the edits since the text it holds.
   */
  render(site: WorkerSiteSpec, request: WorkerRenderRequest, onProgress?: (step: RenderStep, file: string) => void, doc?: VersionedText): Promise<WorkerOutcome> {
    return new Promise<WorkerOutcome>((resolve, reject) => {
      const p: Pending = { message: { id: this.nextId++, site, request }, doc, resolve, reject, step: 'site', file: request.path, started: Date.now(), onProgress };
      this.pending.set(p.message.id, p);
      this.send(p);
    });
  }

  /** Starts the worker (if it is not running) and has it open `site` ahead of its first render. */
  warm(site: WorkerSiteSpec): void {
    const w = this.ensure(this.limits().memoryMb);
    w.postMessage({ type: 'open', site } satisfies ToWorkerMessage);
    // A warm worker alone does not keep the process alive.
    if (this.pending.size === 0) w.unref();
  }

  /** A file of a site the worker may have open changed on disk (`path` relative to `root`). */
  fileChanged(root: string, path: string, change: 'changed' | 'created' | 'deleted'): void {
    this.worker?.postMessage({ type: 'fileChanged', root, path, change } satisfies ToWorkerMessage);
  }

  /** The worker forgets a site (or every site): the next render reads it again. */
  forget(root?: string): void {
    this.deltas.forget();
    this.texts.forget();
    this.specs.clear();
    this.worker?.postMessage({ type: 'forget', root } satisfies ToWorkerMessage);
  }

  dispose(): void {
    void this.headStart?.worker.terminate();
    this.headStart = undefined;
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    for (const p of this.take()) p.reject(new Error('The render worker was closed.'));
  }

  private send(p: Pending): void {
    const limits = this.limits();
    const w = this.ensure(limits.memoryMb);
    p.step = 'site';
    p.file = p.message.request.path;
    p.heard = false;
    p.started = Date.now();
    clearTimeout(p.timer);
    p.timer = setTimeout(() => this.stop(p, 'time'), Math.max(1, limits.timeoutMs));
    w.ref();
    const post = postKey(p.message.site.root, p.message.request.path);
    const { text, ...request } = p.message.request;
    const { site } = p.message;
    const spec = JSON.stringify(site);
    const sameSite = this.specs.get(site.root) === spec;
    this.specs.set(site.root, spec);
    const message: ToWorkerMessage = {
      type: 'render', id: p.message.id, site: sameSite ? { root: site.root } : site, request, text: this.texts.wire(post, text, p.doc), held: this.deltas.holds(post),
      ...(sameSite ? { sameSite: true as const } : {}),
    };
    if (this.measureWire) (p.wire ??= [0, 0])[0] += serialize(message).length;
    w.postMessage(message);
  }

  private ensure(memoryMb: number): Worker {
    // A new memory limit takes a new worker, once nothing else runs in the old one.
    if (this.worker && this.workerMemoryMb !== memoryMb && this.pending.size <= 1) {
      void this.worker.terminate();
      this.worker = undefined;
    }
    if (this.worker) return this.worker;
    const head = this.headStart;
    this.headStart = undefined;
    const usable = head && !head.ended && head.memoryMb === memoryMb;
    if (head && !usable) void head.worker.terminate();
    const w = (usable ? head : startRenderThread(this.script, memoryMb, this.l10n)).worker;
    this.worker = w;
    this.workerStep = undefined;
    // A new worker holds no text and no spec.
    this.texts.forget();
    this.specs.clear();
    this.workerMemoryMb = memoryMb;
    this.workersStarted++;
    // A message of a worker that was ended (its last words) is not about what the current one sent.
    w.on('message', (m: FromWorkerMessage) => { if (w === this.worker) this.receive(m); });
    w.on('error', (e: Error & { code?: string }) => this.failed(w, e));
    w.on('exit', (code) => this.failed(w, new Error(`The render worker exited (code ${code}).`)));
    return w;
  }

  private receive(m: FromWorkerMessage): void {
    if (m.type === 'progress') this.workerStep = { step: m.step, file: m.file };
    const p = this.pending.get(m.id);
    if (!p) return;
    if (m.type === 'progress') {
      p.step = m.step;
      p.file = m.file;
      p.heard = true;
      p.onProgress?.(m.step, m.file);
      return;
    }
    if (m.type === 'needText') {
      // The worker does not hold the text the edits start from: the same request again, with the whole text and spec.
      this.texts.forget(postKey(p.message.site.root, p.message.request.path));
      this.specs.delete(p.message.site.root);
      this.send(p);
      return;
    }
    if (this.measureWire) (p.wire ??= [0, 0])[1] += serialize(m).length;
    if (m.type === 'result') {
      const result = this.deltas.receive(postKey(p.message.site.root, p.message.request.path), { result: m.result, ...(m.delta ? { delta: m.delta, order: m.order } : {}), ...(m.sameCss ? { sameCss: m.sameCss } : {}), ...(m.sameNotices ? { sameNotices: m.sameNotices } : {}) });
      // A delta against blocks this side no longer holds: the same request again, answered whole.
      if (!result) { this.send(p); return; }
      this.finish(p);
      p.resolve({ result, ...(p.wire ? { wireBytes: p.wire } : {}) });
      return;
    }
    this.finish(p);
    p.reject(new Error(m.message));
  }

  private finish(p: Pending): void {
    clearTimeout(p.timer);
    this.pending.delete(p.message.id);
    // An idle worker does not keep a CLI process alive.
    if (!this.pending.size) this.worker?.unref();
  }

  private stopped(p: Pending, limit: RenderLimit): void {
    this.finish(p);
    if (!p.heard && this.workerStep) { p.step = this.workerStep.step; p.file = this.workerStep.file; }
    p.resolve({ stopped: { limit, step: p.step, file: p.file, elapsedMs: Date.now() - p.started } });
  }

  /** A render ran past its time: the worker ends; what waited behind it goes to a fresh one. */
  private stop(p: Pending, limit: RenderLimit): void {
    if (!this.pending.has(p.message.id)) return;
    const w = this.worker;
    this.worker = undefined;
    void w?.terminate();
    this.stopped(p, limit);
    for (const other of this.take()) { this.pending.set(other.message.id, other); this.send(other); }
  }

  /** The worker died on its own: at the memory limit every render in it stopped; else they failed. */
  private failed(w: Worker, e: Error & { code?: string }): void {
    if (w !== this.worker) return;
    this.worker = undefined;
    void w.terminate();
    for (const p of this.take()) {
      if (e.code === 'ERR_WORKER_OUT_OF_MEMORY') { this.pending.set(p.message.id, p); this.stopped(p, 'memory'); }
      else { clearTimeout(p.timer); p.reject(e); }
    }
  }

  /** Removes and returns every pending render. */
  private take(): Pending[] {
    const all = [...this.pending.values()];
    this.pending.clear();
    return all;
  }
}
