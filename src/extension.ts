// Wiring only: build the pieces, register them, hand every Disposable to VS Code. The features load in
// the task after `activate` returns (src/host/activation/deferredFeatures.ts), the preview on first use.
// First: it stamps when the bundle started to evaluate.
import { bundleStart } from './host/activation/bundleStart';
import * as vscode from 'vscode';
import { setTranslator } from './core/text/l10n';
import { DeferredFeatures } from './host/activation/deferredFeatures';
import { createLog } from './host/util/log';
import { registerPreview } from './host/preview/registerPreview';

const bundleEvaluated = performance.now();

export function activate(context: vscode.ExtensionContext): Promise<void> {
  const t0 = performance.now();
  const log = createLog();
  // Messages made in src/core (problems, preview notices) follow VS Code's display language.
  const restoreEnglish = setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const features = new DeferredFeatures(context, log);
  context.subscriptions.push(
    { dispose: restoreEnglish },
    log,
    features,
    registerPreview(features.ready, context.extensionUri, log, context.globalStorageUri),
  );
  // What our own code took of VS Code's activation time (code loading + this call), for the activation bench.
  log.info(`TechBlog ${context.extension.packageJSON.version} activated in VS Code ${vscode.version} (bundle evaluated in ${(bundleEvaluated - bundleStart).toFixed(1)} ms, activate ${(performance.now() - t0).toFixed(1)} ms)`);
  // Active (for VS Code, its commands and tests) once every feature is registered.
  return features.ready.then(() => undefined);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
