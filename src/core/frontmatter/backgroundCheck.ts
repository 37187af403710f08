// The loop of the background check (issue 14): every post of a blog checked at low priority when the
// blog opens, so the Problems panel and the Posts view are right before any command. Pure: the host
// passes how to yield, how to wait for the user to stop typing, and how to publish a batch.

export interface BackgroundHost {
  /** Gives the host's event loop a turn (the extension host: `setImmediate`). */
  yieldNow(): Promise<void>;
  /** While the user types: a promise that settles once they have stopped; otherwise undefined. */
  typing(): Promise<void> | undefined;
  /** The run was cancelled (sites found again, the setting changed, the extension stopped). */
  cancelled(): boolean;
  /** Milliseconds, monotonic (the batches' clock). */
  now(): number;
}

export interface BackgroundOptions<R> {
  /** Results are handed over in batches at most this far apart (one Problems-panel update per batch). */
  batchMs?: number;
  /** …and at most this many at a time. */
  batchSize?: number;
  /** Publishes a batch (never empty). */
  flush(results: R[]): void;
  /** Progress: items done of the total, and whether the run waits for the user to stop typing. */
  progress?(done: number, total: number, paused: boolean): void;
}

export interface BackgroundResult {
  /** Items checked. */
  done: number;
  total: number;
  /** Times the run stopped for typing. */
  pauses: number;
  cancelled: boolean;
}

/**
 * Runs `step` on every item, one at a time, yielding to the host between items and waiting while the
 * user types (before each item, so a keystroke never waits for more than one post's check). Results
 * (`step`'s non-undefined values) are flushed in batches, and always before a pause and at the end;
 * once cancelled, nothing more is flushed.
 */
export async function runInBackground<T, R>(
  items: readonly T[],
  step: (item: T) => R | undefined | Promise<R | undefined>,
  host: BackgroundHost,
  options: BackgroundOptions<R>,
): Promise<BackgroundResult> {
  const batchMs = options.batchMs ?? 100;
  const batchSize = options.batchSize ?? 200;
  const result: BackgroundResult = { done: 0, total: items.length, pauses: 0, cancelled: false };
  let batch: R[] = [];
  let batchStart = host.now();
  const flush = () => {
    if (batch.length) options.flush(batch);
    batch = [];
    batchStart = host.now();
  };
  options.progress?.(0, items.length, false);
  for (const item of items) {
    await host.yieldNow();
    for (let wait = host.typing(); wait && !host.cancelled(); wait = host.typing()) {
      flush();
      result.pauses++;
      options.progress?.(result.done, items.length, true);
      await wait;
      options.progress?.(result.done, items.length, false);
    }
    if (host.cancelled()) { result.cancelled = true; break; }
    const r = await step(item);
    if (host.cancelled()) { result.cancelled = true; break; }
    result.done++;
    if (r !== undefined) batch.push(r);
    if (batch.length >= batchSize || host.now() - batchStart >= batchMs) {
      flush();
      options.progress?.(result.done, items.length, false);
    }
  }
  // A cancelled run publishes nothing more: what cancelled it (a scope change, sites found again) decides.
  if (!result.cancelled) flush();
  options.progress?.(result.done, items.length, false);
  return result;
}
