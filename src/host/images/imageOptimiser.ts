// The image worker (dist/imageWorker.js) for the extension host: paste and "Optimise Images" share it.
// Started on the first image that needs converting, or warmed when a post opens whose paste settings
// convert images, so activation and plain pastes (default settings) never load a codec.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { ImageOptions } from '../../core/images/imageOptions';
import type { OptimiseInput, OptimiseResult } from '../../core/images/optimise';
import { ImageWorkerClient } from '../../worker/imageWorkerClient';
import type { Log } from '../util/log';

export interface ImageOptimiser {
  optimise(input: OptimiseInput, options: ImageOptions): Promise<OptimiseResult>;
  /** Start the worker and load the codecs `options` use, before the first paste (nothing when they convert nothing). */
  warm?(options: ImageOptions): void;
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
    warm: (options) => void client.warm(options),
    dispose: () => client.dispose(),
  };
}
