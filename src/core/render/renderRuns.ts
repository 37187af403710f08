// A site's renders and file changes run one at a time (each sees the caches the last one left); the
// running render reports its progress (RenderRequest.progress) as it enters a step or a file.
import type { RenderStep } from './types';

export class RenderRuns {
  private queue: Promise<unknown> = Promise.resolve();
  private report: (step: RenderStep, file: string) => void = () => undefined;
  /** The step the running render is in (an include entered is reported in it). */
  private step: RenderStep = 'liquid';

  /** Runs `fn` after every run queued before it, whether they succeeded or not. */
  serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** A render starts, reporting to `report` (none: it reports nothing). */
  begin(report: ((step: RenderStep, file: string) => void) | undefined): void {
    this.report = report ? (step, file) => { this.step = step; report(step, file); } : () => undefined;
  }

  /** The running render is in `step`, on `file`. */
  progress(step: RenderStep, file: string): void {
    this.report(step, file);
  }

  /** The running render entered `file` (an include) in the step it is in. */
  entered(file: string): void {
    this.report(this.step, file);
  }
}
