// The preview on the web extension host (and in virtual workspaces) renders on the extension host itself, with
// no render worker to stop: renderWithinLimits (the path src/host/preview/previewRenderers.ts takes there) gives
// the renderer a time budget and an output cap, checked by Liquid between templates and by the renderer between
// steps. Hostile Liquid — loops that never end in practice, output that doubles — ends in a "stopped" outcome that
// names the limit, the step and the file (the preview's notice), and the next render is a normal one again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderWithinLimits, stoppedNoticeText, type HostRenderLimits } from '../../../src/core/render/renderLimits';
import type { RenderStopped } from '../../../src/core/protocol/renderWorkerMessages';
import { memorySite } from './helpers';

const POST = '_posts/2024-01-01-hostile.md';
const post = (body: string) => `---\nlayout: post\ntitle: Hostile\n---\n${body}\n`;
/** Generous for a loaded machine: what matters is that the render stops, not how soon. */
const LIMITS: HostRenderLimits = { timeoutMs: 1500, maxOutputChars: 1_000_000 };
/** Only the time, or only the output, can stop the render (the other is out of reach). */
const TIME: HostRenderLimits = { timeoutMs: 1500, maxOutputChars: 1e12 };
const OUTPUT: HostRenderLimits = { timeoutMs: 600_000, maxOutputChars: 1_000_000 };
/**
 * 10^8 iterations that write nothing (minutes of work), under Liquid's own memory limit (its ranges allocate
 * 10^4 + 10^8 items of the 2·10^8 it allows); a single (1..100000000) range trips that limit at once.
 */
const LONG_LOOP = '{% for i in (1..10000) %}{% for j in (1..10000) %}{% assign x = j %}{% endfor %}{% endfor %}';

async function stoppedBy(files: Record<string, string>, body: string, limits = LIMITS): Promise<RenderStopped> {
  const site = await memorySite(files);
  const outcome = await renderWithinLimits(site, { path: POST, text: post(body) }, limits);
  assert.ok('stopped' in outcome, `the render should have been stopped; it rendered: ${'result' in outcome ? outcome.result.notices.join(' | ') : ''}`);
  return outcome.stopped;
}

test('a loop that would run for minutes stops at the time budget, in the post\'s Liquid', { timeout: 120_000 }, async () => {
  const stopped = await stoppedBy({}, LONG_LOOP, TIME);
  assert.deepEqual({ limit: stopped.limit, step: stopped.step, file: stopped.file }, { limit: 'time', step: 'liquid', file: POST });
  assert.match(stoppedNoticeText(stopped, { timeoutMs: LIMITS.timeoutMs, memoryMb: 512 }), /Liquid in _posts\/2024-01-01-hostile\.md took longer than 1\.5 s/);
});

test('a loop with an empty body stops too (no template in it to check)', { timeout: 120_000 }, async () => {
  const stopped = await stoppedBy({}, '{% for i in (1..10000) %}{% for j in (1..10000) %}{% endfor %}{% endfor %}', TIME);
  assert.equal(stopped.limit, 'time');
});

test('nested loops that write a lot stop at the output cap, with a notice that says so', { timeout: 120_000 }, async () => {
  const stopped = await stoppedBy({}, '{% for i in (1..100000) %}{% for j in (1..100000) %}<p>{{ i }} {{ j }} all work and no play</p>{% endfor %}{% endfor %}', OUTPUT);
  assert.deepEqual({ limit: stopped.limit, step: stopped.step, file: stopped.file }, { limit: 'output', step: 'liquid', file: POST });
  assert.match(stoppedNoticeText(stopped, { timeoutMs: 10_000, memoryMb: 512, maxOutputChars: LIMITS.maxOutputChars }), /Liquid in _posts\/2024-01-01-hostile\.md wrote more than 1 million characters of HTML/);
});

test('a capture that doubles its text stops at the output cap', { timeout: 120_000 }, async () => {
  const stopped = await stoppedBy({}, '{% assign s = "ab" %}{% for i in (1..60) %}{% capture s %}{{ s }}{{ s }}{% endcapture %}{% endfor %}{{ s | size }}', OUTPUT);
  assert.equal(stopped.limit, 'output');
});

test('hostile Liquid in a layout stops in the layout step, naming the layout', { timeout: 120_000 }, async () => {
  const stopped = await stoppedBy({
    '_layouts/post.html': `---\nlayout: default\n---\n${LONG_LOOP}{{ content }}`,
  }, 'A calm body.', TIME);
  assert.equal(stopped.limit, 'time');
  assert.equal(stopped.step, 'layout');
  assert.match(stopped.file, /_layouts\/post\.html$/);
});

test('within the limits a post renders as always, and after a stop the next render is a normal one', { timeout: 120_000 }, async () => {
  const site = await memorySite({});
  const calm = post('{% for i in (1..3) %}Item {{ i }}. {% endfor %}\n\n$$a^2$$');
  const first = await renderWithinLimits(site, { path: POST, text: calm }, LIMITS);
  assert.ok('result' in first);
  assert.match(first.result.bodyHtml, /Item 1\. Item 2\. Item 3\./);
  const hostile = await renderWithinLimits(site, { path: POST, text: post(LONG_LOOP) }, LIMITS);
  assert.ok('stopped' in hostile);
  const again = await renderWithinLimits(site, { path: POST, text: calm }, LIMITS);
  assert.ok('result' in again, 'the budget of the stopped render is gone');
  assert.equal(again.result.bodyHtml, first.result.bodyHtml);
  // Without limits (the render worker's renders) nothing changes either.
  assert.equal((await site.render({ path: POST, text: calm })).bodyHtml, first.result.bodyHtml);
});
