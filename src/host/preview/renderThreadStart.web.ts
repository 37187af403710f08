// ./renderThreadStart.ts in the web bundles: VS Code's web worker extension host has no worker_threads (posts
// render on the extension host itself, see ./renderWorkerStart.web.ts), so no thread to start ahead.
import type * as vscode from 'vscode';
import type { RenderThread } from '../../worker/renderThread';
import type { Log } from '../util/log';

export function renderWorkerScript(_extensionUri: vscode.Uri, log: Log): string | undefined {
  log.info('Preview: posts render on the web extension host (no render worker in the browser).');
  return undefined;
}

export function headStartRenderThread(_extensionUri: vscode.Uri): RenderThread | undefined {
  return undefined;
}
