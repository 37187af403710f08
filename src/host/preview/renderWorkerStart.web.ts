// ./renderWorkerStart.ts in the web bundles: VS Code's web worker extension host has no worker_threads, and
// a nested Web Worker would have no `vscode.workspace.fs` (every file read would cross back to this
// host): posts render on the extension host itself, as in a virtual workspace (CONTRIBUTING, "The web extension").
import type { RenderThread } from '../../worker/renderThread';
import type { RenderWorkerClient } from '../../worker/renderWorkerClient';

export function startRenderWorker(_script: string, _headStart?: RenderThread): RenderWorkerClient {
  throw new Error('The web extension has no render worker.');
}
