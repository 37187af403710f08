// Incremental rendering (src/core/render/incremental/) against full renders: after every one of
// thousands of seeded random edits of real-shaped posts — prose with inline math, display math, code,
// lists, tables, footnotes, link definitions, Liquid tags — the incremental render's page, body,
// notices and blocks equal a full render of the same text. A failing seed and step replay exactly.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiteRenderer } from '../../../../src/core/render/renderer';
import type { RenderRequest, RenderResult } from '../../../../src/core/render/types';
import { MemoryFileSystem } from '../../../../src/core/site/fileSystem';
import { mulberry32 } from '../../prng';
import { LONG_POST, REAL_FRONT_MATTER, REAL_SITE_FILES, realShapedBody, SHORT_POST, type PostShape } from './realPost';
import { MATH_FRONT, mathBody } from '../../../bench/mathPost';
import { DeltaReceiver, DeltaSender } from '../../../../src/worker/resultDelta';
import { deserialize, serialize } from 'node:v8';

const PATH = '_posts/2024-03-01-attention.md';
const NOW = new Date('2024-06-01T00:00:00Z');

/** Snippets an author types or pastes: each can start or end a construct. */
const SNIPPETS = [
  'x', ' ', '\n', '\n\n', '$$', '$$a^2$$', '*', '**', '`', '```', '\n```\n', '#', '\n## New heading\n', '- ', '\n- item\n', '1. ',
  '|', '\n| a | b |\n|---|---|\n', '>', '[', ']', '[^n1]', '[^zz]', '\n[^zz]: note\n', '[x][ref0]', '\n[ref2]: /r\n', '{{ site.title }}',
  '{{', '}}', '{%', '%}', '{% if true %}y{% endif %}', '<div>', '</div>', '\n<div>\n', '{: .note}', '\n{: .note}\n', '\\', '_', '~~~',
  ':', '\n: def\n', '![a](/images/plot.png)', '![b](/images/none.png)', '    ', '\t', '---', '\n---\n', '$$\n', '\n$$\n', '*[HTML]: Hyper', 'é', '動態',
];

function edit(text: string, rng: () => number, bodyStart: number): string {
  const at = bodyStart + Math.floor(rng() * (text.length - bodyStart + 1));
  const r = rng();
  if (r < 0.45) return text.slice(0, at) + SNIPPETS[Math.floor(rng() * SNIPPETS.length)] + text.slice(at);
  if (r < 0.75) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rng() * (rng() < 0.8 ? 3 : 40)));
  // A keystroke: one character typed.
  return text.slice(0, at) + 'abc e.'[Math.floor(rng() * 6)] + text.slice(at);
}

function comparable(r: RenderResult): Omit<RenderResult, 'timings' | 'blocks'> {
  const { timings: _t, blocks: _b, ...rest } = r;
  return rest;
}

async function openSite(): Promise<SiteRenderer> {
  return SiteRenderer.open({ fs: new MemoryFileSystem({ ...REAL_SITE_FILES, [PATH]: REAL_FRONT_MATTER + 'x\n' }), root: '' });
}

/**
 * Renders `steps` edits of a post of `shape` (or the post `shape` returns) both ways; returns how many
 * blocks the patches carried. Each incremental result also crosses a structured clone as the render
 * worker sends it (src/worker/resultDelta.ts: new blocks only) and must come out whole, as rendered.
 */
async function property(seed: number, shape: PostShape | ((rng: () => number) => string), steps: number, mode: RenderRequest['mode']): Promise<{ patched: number[] }> {
  const rng = mulberry32(seed);
  const incremental = await openSite();
  const full = await openSite();
  const sender = new DeltaSender();
  const receiver = new DeltaReceiver();
  let text = typeof shape === 'function' ? shape(rng) : REAL_FRONT_MATTER + realShapedBody(rng, shape);
  const req = (t: string): RenderRequest => ({ path: PATH, text: t, mode, now: NOW, resolveResource: (p) => `vscode-resource:/site/${p}` });
  let before = await incremental.render(req(text));
  const patched: number[] = [];
  for (let step = 0; step < steps; step++) {
    text = edit(text, rng, REAL_FRONT_MATTER.length);
    const a = await incremental.render(req(text));
    const b = await full.render({ ...req(text), incremental: false });
    const where = `seed ${seed}, step ${step}`;
    if (a.bodyHtml !== b.bodyHtml) assert.fail(`${where}: bodies differ ${firstDifference(a.bodyHtml, b.bodyHtml)}\n--- edit left this text:\n${text.slice(REAL_FRONT_MATTER.length)}`);
    assert.deepEqual(comparable(a), comparable(b), where);
    // Now and then the host forgets the post (more posts previewed): the next result travels whole.
    if (step % 37 === 36) receiver.forget();
    const sent = sender.send('post', a, receiver.holds('post'));
    const received = receiver.receive('post', deserialize(serialize(sent)) as typeof sent);
    assert.ok(received, `${where}: the delta names blocks the host holds`);
    assert.equal(received.html, a.html, `${where}: the page rebuilt from the delta`);
    assert.equal(received.bodyHtml, a.bodyHtml, `${where}: the body rebuilt from the delta`);
    assert.deepEqual([received.notices, received.noticeDetails], [a.notices, a.noticeDetails], `${where}: the notices (sent only when they changed)`);
    assert.deepEqual(received.blocks?.map((x) => [x.id, x.shift, x.html]), a.blocks?.map((x) => [x.id, x.shift, x.html]), where);
    if (a.blocks) {
      assert.equal(a.blocks.reduce((n, x) => n + x.length, 0), a.bodyHtml.length, `${where}: blocks cut the body`);
      const seen = new Set(before.blocks?.map((x) => x.id));
      patched.push(a.blocks.filter((x) => !seen.has(x.id)).length);
    }
    before = a;
  }
  return { patched };
}

function firstDifference(a: string, b: string): string {
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return `at ${i}:\n  incremental …${a.slice(Math.max(0, i - 200), i + 200)}…\n  full        …${b.slice(Math.max(0, i - 200), i + 200)}…`;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

describe('incremental rendering equals a full render', () => {
  test('1,500 random edits of short real-shaped posts (site mode, Liquid, math, footnotes)', { timeout: 600_000 }, async () => {
    const all: number[] = [];
    for (const seed of [1, 2, 3]) all.push(...(await property(seed, SHORT_POST, 500, 'site')).patched);
    // Most edits change one block or two: the preview gets a patch, not the body.
    assert.ok(median(all) <= 2, `median blocks per patch ${median(all)}`);
  });

  test('500 random edits in content mode', { timeout: 600_000 }, async () => {
    await property(11, { ...SHORT_POST, liquid: false }, 500, 'content');
  });

  test('60 random edits of the 87 KB / 460-formula shape', { timeout: 600_000 }, async () => {
    const { patched } = await property(7, LONG_POST, 60, 'site');
    assert.ok(median(patched) <= 2, `median blocks per patch ${median(patched)}`);
  });

  test('300 random edits of math-post sections (a header above each paragraph, `}}` in formulas, Liquid in headers and links)', { timeout: 600_000 }, async () => {
    // Six sections of test/bench/mathPost.ts (its 87 KB shape is made of them): short enough for a full render per edit.
    const { patched } = await property(5, () => `${MATH_FRONT}\n${mathBody(12 * 1024, 3)}`, 300, 'site');
    assert.ok(median(patched) <= 2, `median blocks per patch ${median(patched)}`);
  });
});

describe('Enter above the footnotes', () => {
  test('the footnote list keeps its id with its lines moved, so the preview shifts it instead of receiving it again', async () => {
    const site = await openSite();
    let text = `${REAL_FRONT_MATTER}First paragraph.\n\nSecond paragraph with a note[^a].\n\nThird paragraph with another[^b].\n\n[^a]: The first note.\n[^b]: The second note.\n`;
    const first = await site.render({ path: PATH, text, incremental: true, now: NOW });
    const at = text.indexOf('First paragraph.') + 'First paragraph.'.length;
    text = text.slice(0, at) + '\n' + text.slice(at);
    const next = await site.render({ path: PATH, text, incremental: true, now: NOW });
    const full = await (await openSite()).render({ path: PATH, text, now: NOW });
    assert.equal(next.html, full.html, 'the same page as a full render');
    const tail = (r: RenderResult) => r.blocks![r.blocks!.length - 1];
    assert.match(tail(first).html!, /class="footnotes"/);
    assert.equal(tail(next).id, tail(first).id, 'the footnote list is the same block');
    assert.equal(tail(next).shift - tail(first).shift, 1, 'moved one line');
  });
});

describe('a first screen, then the rest', () => {
  const req = (text: string, extra: Partial<RenderRequest> = {}): RenderRequest => ({ path: PATH, text, now: NOW, resolveResource: (p) => `vscode-resource:/site/${p}`, ...extra });

  test('the first blocks are a full render\'s first blocks; the render after is a full render, and the first blocks keep their ids', { timeout: 600_000 }, async () => {
    const rng = mulberry32(23);
    for (let k = 0; k < 40; k++) {
      // Posts with footnotes, link definitions, headers (auto ids count the headers before), math and Liquid.
      const text = REAL_FRONT_MATTER + realShapedBody(rng, SHORT_POST);
      const full = await (await openSite()).render(req(text, { incremental: false }));
      const site = await openSite();
      const htmlChars = Math.floor(rng() * 3000);
      const line = rng() < 0.5 ? undefined : Math.floor(rng() * text.split('\n').length);
      const first = await site.render(req(text, { firstScreen: { htmlChars, line } }));
      const where = `post ${k}, ${htmlChars} chars, line ${line}`;
      assert.ok(first.partial, `${where}: a 40-block post is more than a first screen`);
      const n = first.blocks!.length;
      assert.ok(n >= 1 && n < full.blocks!.length, where);
      assert.deepEqual(first.blocks!.map((b) => b.html), full.blocks!.slice(0, n).map((b) => b.html), `${where}: a full render's first blocks`);
      assert.equal(first.bodyHtml, full.bodyHtml.slice(0, first.bodyHtml.length), where);
      const shown = first.blocks!.reduce((c, b) => c + b.length, 0);
      assert.ok(shown >= htmlChars || n === full.blocks!.length, `${where}: at least the budget`);
      // The next render of the same text (the preview asks at once): the whole, as a full render.
      const rest = await site.render(req(text));
      assert.equal(rest.partial, undefined, where);
      assert.deepEqual(comparable(rest), comparable(full), where);
      assert.deepEqual(rest.blocks!.slice(0, n).map((b) => b.id), first.blocks!.map((b) => b.id), `${where}: the first blocks keep their ids (the preview does not replace them)`);
      // And the state it leaves is a full render's: an edit after it renders as a full render would.
      const edited = edit(text, rng, REAL_FRONT_MATTER.length);
      assert.deepEqual(comparable(await site.render(req(edited))), comparable(await (await openSite()).render(req(edited, { incremental: false }))), `${where}: an edit after`);
    }
  });

  test('an edit before the rest came is rendered whole, as a full render', async () => {
    const rng = mulberry32(29);
    const text = REAL_FRONT_MATTER + realShapedBody(rng, SHORT_POST);
    const site = await openSite();
    assert.ok((await site.render(req(text, { firstScreen: { htmlChars: 200 } }))).partial);
    const edited = edit(text, rng, REAL_FRONT_MATTER.length);
    assert.deepEqual(comparable(await site.render(req(edited))), comparable(await (await openSite()).render(req(edited, { incremental: false }))));
  });

  test('a post within the budget is rendered whole at once; a warm post is never cut', async () => {
    const site = await openSite();
    const short = `${REAL_FRONT_MATTER}One paragraph.\n\nTwo.\n`;
    assert.equal((await site.render(req(short, { firstScreen: { htmlChars: 48 * 1024 } }))).partial, undefined);
    const text = REAL_FRONT_MATTER + realShapedBody(mulberry32(31), SHORT_POST);
    const whole = await site.render(req(text));
    // Rendered before (a preview closed and opened again): its blocks are all at hand.
    const again = await site.render(req(text, { firstScreen: { htmlChars: 10 } }));
    assert.equal(again.partial, undefined);
    assert.equal(again.bodyHtml, whole.bodyHtml);
  });
});
