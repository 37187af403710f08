// Light activation (issue 13): `activate` wires and returns; the features' bundle (dist/features.js,
// ./featuresEntry.ts) is required in the next task. VS Code counts code loading and the `activate` call
// as the extension's activation time, so neither the bundle's 300 KB nor its set-up is in it. `activate`
// returns `ready`: VS Code treats the extension as active, and runs a command of ours that activates
// it, only once the features are registered, so no command or provider is missing in between.
import type * as vscode from 'vscode';
import type { Features } from './featuresEntry';
import type { Log } from '../util/log';

export class DeferredFeatures implements vscode.Disposable {
  /** The features, registered (rejects when their bundle cannot load: activation fails with the reason). */
  readonly ready: Promise<Features>;
  private disposed = false;

  constructor(context: Pick<vscode.ExtensionContext, 'extensionUri' | 'globalStorageUri'>, log: Log) {
    const t0 = performance.now();
    this.ready = new Promise<void>((resolve) => setTimeout(resolve, 0))
      // scripts/build.mjs maps this import to `require('./features.js')`, the bundle beside this one.
      .then(() => import('./featuresEntry'))
      .then((m) => {
        const features = m.createFeatures(context, log);
        if (this.disposed) features.dispose();
        log.info(`Features: loaded and registered ${(performance.now() - t0).toFixed(0)} ms after activation`);
        return features;
      });
    this.ready.catch((e: unknown) => log.error(`Features: could not load: ${e instanceof Error ? e.stack ?? e.message : String(e)}`));
  }

  dispose(): void {
    this.disposed = true;
    void this.ready.then((f) => f.dispose(), () => undefined);
  }
}
