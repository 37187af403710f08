// The posts' last renders (kept so that a keystroke re-renders only what it changed) are bounded by the
// bytes they hold (src/core/render/cache/renderCache.ts), not by a count of posts: many short posts are
// all kept, long ones only while they fit, the post being rendered always. A post whose memo went renders
// as a full render would.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MEMO_BYTES, type RenderCache } from '../../../../src/core/render/cache/renderCache';
import type { SiteRenderer } from '../../../../src/core/render/renderer';
import type { RenderResult } from '../../../../src/core/render/types';
import { MATH_FRONT, mathBody } from '../../../bench/mathPost';
import { memorySite } from '../helpers';

const NOW = new Date('2024-06-01T00:00:00Z');
const cacheOf = (site: SiteRenderer) => (site as unknown as { cache: RenderCache }).cache;

function comparable(r: RenderResult): Omit<RenderResult, 'timings' | 'blocks'> {
  const { timings: _t, blocks: _b, ...rest } = r;
  return rest;
}

describe('post memos bounded by bytes', { timeout: 600_000 }, () => {
  test('many short posts are all kept (no count bound)', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 12; i++) files[`_posts/2024-01-${String(i + 1).padStart(2, '0')}-p${i}.md`] = `---\ntitle: P${i}\n---\n\nShort post ${i} with $$x_${i}$$.\n`;
    const site = await memorySite(files);
    for (const [path, text] of Object.entries(files)) await site.render({ path, text, now: NOW });
    assert.deepEqual(cacheOf(site).memoPosts, Object.keys(files));
  });

  test('long posts are kept while they fit; the post being rendered always; an evicted one renders as a full render', async () => {
    const posts = [0, 1, 2, 3].map((i) => ({ path: `_posts/2024-02-0${i + 1}-long-${i}.md`, text: MATH_FRONT + mathBody(60_000, i + 1) }));
    const site = await memorySite(Object.fromEntries(posts.map((p) => [p.path, p.text])));
    for (const p of posts) await site.render({ path: p.path, text: p.text, now: NOW });
    const cache = cacheOf(site);
    const kept = cache.memoPosts;
    assert.equal(kept[kept.length - 1], posts[3].path, 'the last post rendered is kept');
    assert.ok(kept.length < posts.length, `some long posts' memos went (kept: ${kept.join(', ')})`);
    assert.ok(!kept.includes(posts[0].path), 'the least recently rendered goes first');
    const others = (cache as unknown as { memos: Map<string, { bytes: number }> }).memos;
    const bytes = [...others].filter(([k]) => k !== posts[3].path).reduce((n, [, m]) => n + m.bytes, 0);
    assert.ok(bytes <= MEMO_BYTES, `${bytes} bytes kept besides the current post`);
    // The first post again, edited: its memo went, and the render equals a full one.
    const edited = posts[0].text.replace('## 3. ', '## 3. Edited ');
    const incremental = await site.render({ path: posts[0].path, text: edited, now: NOW });
    const full = await site.render({ path: posts[0].path, text: edited, now: NOW, incremental: false });
    assert.deepEqual(comparable(incremental), comparable(full));
    assert.ok(incremental.html.includes('Edited'));
  });
});
