// The fast path must read exactly what the yaml library reads; this compares them on one text.
import assert from 'node:assert/strict';
import { fastParseYaml } from '../../../src/core/frontmatter/fastYaml';
import { parseFrontMatter } from '../../../src/core/frontmatter/parse';
import type { FmNode } from '../../../src/core/frontmatter/types';
import { yamlParse } from '../../../src/core/frontmatter/yamlPath';

const norm = (v: unknown): unknown => (v instanceof Date ? `Date(${v.getTime()})` : Array.isArray(v) ? v.map(norm) : v);

function nodeShape(n: FmNode): unknown {
  return { kind: n.kind, value: norm(n.value), start: n.start, end: n.end, style: n.style, flow: n.kind === 'seq' ? !!n.flow : undefined, items: n.items?.map(nodeShape) };
}

/** Returns 'fast' when the fast path accepted the text (and agreed with yaml), 'fallback' otherwise. */
export function assertParity(text: string): 'fast' | 'fallback' | 'none' {
  const p = parseFrontMatter(text, { formats: ['yaml'] });
  if (p.format !== 'yaml' || !p.close) return 'none';
  const fast = fastParseYaml(text, p.contentStart, p.contentEnd);
  if (!fast) return 'fallback';
  const slow = yamlParse(text, p.contentStart, p.contentEnd);
  assert.deepEqual(slow.errors, [], `fast path accepted text the yaml library rejects: ${JSON.stringify(text.slice(p.contentStart, p.contentEnd))}`);
  const shape = (es: typeof fast.entries) => es.map((e) => ({ key: e.key, keyStart: e.keyStart, keyEnd: e.keyEnd, node: nodeShape(e.node), lineStart: e.lineStart, lineEnd: e.lineEnd }));
  assert.deepEqual(shape(fast.entries), shape(slow.entries), `entries differ for ${JSON.stringify(text.slice(p.contentStart, p.contentEnd))}`);
  const data = (d: Record<string, unknown> | undefined) => JSON.stringify(d, (_k, v) => (typeof v === 'string' && /^\d{4}-\d\d-\d\dT/.test(v) ? `D:${v}` : v));
  assert.equal(data(fast.data), data(slow.data));
  return 'fast';
}
