// Where the preview's render worker comes from on the desktop: dist/renderWorker.js beside the bundles, a
// worker_threads thread (src/worker/renderThread.ts). Light: the activation bundle starts the thread when the
// preview's bundle starts to load (./registerPreview.ts), so the thread starts on the other core while the
// host loads the bundle, and the first render finds it running. The web bundles use ./renderThreadStart.web.ts.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { startRenderThread, type RenderThread } from '../../worker/renderThread';
import type { Log } from '../util/log';
import { renderLimits } from './previewConfig';

function scriptPath(extensionUri: vscode.Uri): string | undefined {
  const script = extensionUri.scheme === 'file' ? vscode.Uri.joinPath(extensionUri, 'dist', 'renderWorker.js').fsPath : undefined;
  return script && fs.existsSync(script) ? script : undefined;
}

/** The worker's script, or undefined (with a warning) when the extension has none on disk. */
export function renderWorkerScript(extensionUri: vscode.Uri, log: Log): string | undefined {
  const script = scriptPath(extensionUri);
  if (!script) log.warn('Preview: the render worker (dist/renderWorker.js) is missing: posts render on the extension host, without time or memory limits.');
  return script;
}

/**
 * Starts the render worker's thread ahead of the first render (none when there is no worker script: the
 * preview says so when it loads). It does not keep the host alive; the preview's render worker client takes it.
 */
export function headStartRenderThread(extensionUri: vscode.Uri): RenderThread | undefined {
  const script = scriptPath(extensionUri);
  // Posts render in the worker when their folder is on this disk (`file:`): in a virtual workspace it would idle.
  if (!script || !vscode.workspace.workspaceFolders?.some((f) => f.uri.scheme === 'file')) return undefined;
  const thread = startRenderThread(script, renderLimits().memoryMb, vscode.l10n.bundle);
  thread.worker.unref();
  return thread;
}
