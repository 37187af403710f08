// Messages between the image worker (src/worker/imageWorker.ts) and its client (src/worker/imageWorkerClient.ts).
import type { ImageOptions } from '../images/imageOptions';
import type { OptimiseInput, OptimiseResult } from '../images/optimise';

export interface ImageWorkerRequest {
  readonly type: 'optimise';
  readonly id: number;
  readonly input: OptimiseInput;
  readonly options: ImageOptions;
}

export type ImageWorkerReply =
  | { readonly type: 'done'; readonly id: number; readonly result: OptimiseResult; readonly ms: number }
  | { readonly type: 'failed'; readonly id: number; readonly error: string };
