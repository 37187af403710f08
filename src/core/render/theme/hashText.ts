// The SHA-256 of a text (hex), synchronous: the compiled-Sass cache's keys and input checks (./cache.ts).
// Node's crypto here; the web bundles use ./hashText.web.ts (scripts/build.mjs `webVariants`), which
// gives the same digests (test/unit/render/hashText.test.ts).
import { createHash } from 'node:crypto';

export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}
