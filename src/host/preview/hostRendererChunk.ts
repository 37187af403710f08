// The host's renderer, loaded when first needed (./hostRendererEntry.ts): on the desktop dist/hostRenderer.js
// (scripts/build.mjs maps this import to a require of it); the web bundle uses ./hostRendererChunk.web.ts.
import type * as Entry from './hostRendererEntry';

export function loadHostRenderer(): Promise<typeof Entry> {
  return import('./hostRendererEntry');
}
