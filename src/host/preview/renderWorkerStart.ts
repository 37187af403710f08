// Where the preview's render worker comes from on the desktop: dist/renderWorker.js beside the bundles, a
// worker_threads thread under the time and memory limits (src/worker/renderWorkerClient.ts). The web
// bundles use ./renderWorkerStart.web.ts instead (no worker threads there: posts render on the host).
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import { RenderWorkerClient } from '../../worker/renderWorkerClient';
import type { Log } from '../util/log';
import { renderLimits } from './previewConfig';

/** The worker's script, or undefined (with a warning) when the extension has none on disk. */
export function renderWorkerScript(extensionUri: vscode.Uri, log: Log): string | undefined {
  const script = extensionUri.scheme === 'file' ? vscode.Uri.joinPath(extensionUri, 'dist', 'renderWorker.js').fsPath : undefined;
  if (script && fs.existsSync(script)) return script;
  log.warn('Preview: the render worker (dist/renderWorker.js) is missing: posts render on the extension host, without time or memory limits.');
  return undefined;
}

export function startRenderWorker(script: string): RenderWorkerClient {
  const client = new RenderWorkerClient(script, renderLimits, vscode.l10n.bundle);
  // The keystroke bench's trace (see PreviewTrace) reports the bytes each render put on the wire.
  client.measureWire = process.env.TECHBLOG_PREVIEW_TRACE === '1';
  return client;
}
