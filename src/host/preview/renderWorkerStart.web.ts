// ./renderWorkerStart.ts in the web bundles: VS Code's web worker extension host has no worker_threads, and
// a nested Web Worker would have no `vscode.workspace.fs` (every file read would cross back to this
// host): posts render on the extension host itself, as in a virtual workspace (CONTRIBUTING, "The web extension").
import type * as vscode from 'vscode';
import type { RenderWorkerClient } from '../../worker/renderWorkerClient';
import type { Log } from '../util/log';

export function renderWorkerScript(_extensionUri: vscode.Uri, log: Log): string | undefined {
  log.info('Preview: posts render on the web extension host (no render worker in the browser).');
  return undefined;
}

export function startRenderWorker(_script: string): RenderWorkerClient {
  throw new Error('The web extension has no render worker.');
}
