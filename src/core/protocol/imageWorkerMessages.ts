// Messages between the image worker (src/worker/imageWorker.ts) and its client (src/worker/imageWorkerClient.ts).
import type { EncoderOverrides } from '../images/encoderSettings';
import type { EncodedFormat, ImageOptions } from '../images/imageOptions';
import type { OptimiseInput, OptimiseResult } from '../images/optimise';

export type ImageWorkerRequest =
  | { readonly type: 'optimise'; readonly id: number; readonly input: OptimiseInput; readonly options: ImageOptions }
  /** Load these codecs now, before the first image (replied to with `warmed`). */
  | { readonly type: 'warm'; readonly id: number; readonly from: readonly EncodedFormat[]; readonly to: readonly EncodedFormat[] };

/** What a worker is started with (`workerData`). */
export interface ImageWorkerData {
  /** Where the .wasm files are (dist/wasm). */
  readonly wasmDir?: string;
  /** The display language's messages. */
  readonly l10n?: Record<string, string>;
  /** The .wasm modules an earlier worker compiled, by file name: a restarted worker does not compile them again. */
  readonly modules?: ReadonlyMap<string, WebAssembly.Module>;
  readonly encoderOverrides?: EncoderOverrides;
}

export type ImageWorkerReply =
  /** `compiled`: how many .wasm files this worker has compiled so far (not handed in by the client). */
  | { readonly type: 'done'; readonly id: number; readonly result: OptimiseResult; readonly ms: number; readonly compiled: number }
  | { readonly type: 'failed'; readonly id: number; readonly error: string }
  /** The codecs of `warm` request `id` are loaded (or failed to: the image that needs one reports it). */
  | { readonly type: 'warmed'; readonly id: number }
  /** Every .wasm module the worker has compiled so far, sent when it compiled more (for the next worker). */
  | { readonly type: 'modules'; readonly modules: ReadonlyMap<string, WebAssembly.Module> };
