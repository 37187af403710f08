// The image worker (dist/imageWorker.js) for the extension host: paste and "Optimise Images" share it.
// Started on the first image that needs converting, so activation and plain pastes never load a codec.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ImageOptions } from '../../core/images/imageOptions';
import type { OptimiseInput, OptimiseResult } from '../../core/images/optimise';
import { ImageWorkerClient } from '../../worker/imageWorkerClient';
import type { Log } from '../util/log';

export interface ImageOptimiser {
  optimise(input: OptimiseInput, options: ImageOptions): Promise<OptimiseResult>;
}

/** undefined when the worker cannot run here (no file system extension path, or the bundle is missing). */
export function createImageOptimiser(extensionUri: vscode.Uri, log: Log): (ImageOptimiser & vscode.Disposable) | undefined {
  const script = extensionUri.scheme === 'file' ? vscode.Uri.joinPath(extensionUri, 'dist', 'imageWorker.js').fsPath : undefined;
  if (!script || !fs.existsSync(script)) {
    log.warn('Images: the image worker (dist/imageWorker.js) is missing: images are saved as pasted, whatever techblog.paste.format says.');
    return undefined;
  }
  const client = new ImageWorkerClient(script, { l10n: vscode.l10n.bundle });
  return {
    optimise: (input, options) => client.optimise(input, options),
    dispose: () => client.dispose(),
  };
}
