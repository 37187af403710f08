// ./hostRendererChunk.ts in the web bundle: there every post renders on the extension host, so the renderer
// is part of dist/web/preview.js itself.
import * as Entry from './hostRendererEntry';

export function loadHostRenderer(): Promise<typeof Entry> {
  return Promise.resolve(Entry);
}
