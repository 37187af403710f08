// The preview's render worker client on the desktop: the worker thread (./renderThreadStart.ts) under the time
// and memory limits (src/worker/renderWorkerClient.ts). The web bundles use ./renderWorkerStart.web.ts instead
// (no worker threads there: posts render on the host).
import * as vscode from 'vscode';
import type { RenderThread } from '../../worker/renderThread';
import { RenderWorkerClient } from '../../worker/renderWorkerClient';
import { renderLimits } from './previewConfig';

/** `headStart`: the thread started while the preview's bundle loaded, if any (the client takes it as its first worker). */
export function startRenderWorker(script: string, headStart?: RenderThread): RenderWorkerClient {
  const client = new RenderWorkerClient(script, renderLimits, vscode.l10n.bundle, headStart);
  // The keystroke bench's trace (see PreviewTrace) reports the bytes each render put on the wire.
  client.measureWire = process.env.TECHBLOG_PREVIEW_TRACE === '1';
  return client;
}
