// What crosses from the render worker to the host after a keystroke (src/worker/resultDelta.ts): only
// the blocks the host does not hold carry HTML, the page around the body only when it changed, and the
// host rebuilds the result whole — also when lines moved (`data-line` shifted) and after it forgot the post.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import { SiteRenderer } from '../../../src/core/render/renderer';
import type { RenderResult } from '../../../src/core/render/types';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { DeltaReceiver, DeltaSender, shiftDataLines } from '../../../src/worker/resultDelta';

const PATH = '_posts/2024-01-01-a.md';
const FRONT = '---\nlayout: post\ntitle: A\n---\n';
const FILES = {
  '_config.yml': 'title: Site\n',
  '_layouts/post.html': '<!DOCTYPE html><html><head><title>{{ page.title }}</title></head><body><article>{{ content }}</article></body></html>\n',
};
const BODY = Array.from({ length: 40 }, (_, i) => i % 8 === 0 ? `## Part ${i}` : `Paragraph ${i} with $$x_{${i}}^{2}$$ and **bold** text.`).join('\n\n') + '\n';

async function setUp(): Promise<{ render: (text: string) => Promise<RenderResult> }> {
  const site = await SiteRenderer.open({ fs: new MemoryFileSystem({ ...FILES, [PATH]: FRONT + BODY }), root: '' });
  return { render: (text) => site.render({ path: PATH, text, resolveResource: (p) => `vscode-resource:/site/${p}` }) };
}

const clone = <T>(x: T): T => deserialize(serialize(x)) as T;

describe('render results as the worker sends them', () => {
  test('a keystroke sends one block; the host rebuilds the page, body and blocks', async () => {
    const { render } = await setUp();
    const sender = new DeltaSender();
    const receiver = new DeltaReceiver();
    let text = FRONT + BODY;
    const first = sender.send('p', await render(text), receiver.holds('p'));
    assert.equal(first.delta, undefined, 'the first result travels whole');
    assert.ok(receiver.receive('p', clone(first)));
    text = text.replace('Paragraph 17 with', 'Paragraph 17 typed with');
    const r = await render(text);
    const sent = sender.send('p', r, receiver.holds('p'));
    assert.equal(sent.delta, true);
    assert.equal(sent.result.html, '');
    assert.equal(sent.result.frame, undefined, 'the page around the body did not change');
    assert.equal(sent.result.blocks?.length, 1, 'one block travels, with its HTML');
    assert.ok(sent.result.blocks?.[0].html);
    assert.deepEqual(sent.order?.length, 9, 'the order: the blocks before it, the new one, the blocks after (three runs), not every id');
    assert.equal(sent.sameNotices, true, 'the notices did not change: they stay on the worker side');
    const back = receiver.receive('p', clone(sent));
    assert.equal(back?.html, r.html);
    assert.equal(back?.bodyHtml, r.bodyHtml);
    assert.deepEqual([back?.notices, back?.noticeDetails], [r.notices, r.noticeDetails]);
  });

  test('a keystroke leaves the theme CSS on the worker side; the host keeps the one it has', async () => {
    const css = 'body { color: #123456; }\n'.repeat(2000);
    const site = await SiteRenderer.open({
      fs: new MemoryFileSystem({
        ...FILES, [PATH]: FRONT + BODY, 'assets/main.css': css,
        '_layouts/post.html': '<!DOCTYPE html><html><head><link rel="stylesheet" href="/assets/main.css"></head><body><article>{{ content }}</article></body></html>\n',
      }),
      root: '',
    });
    const render = (text: string) => site.render({ path: PATH, text, resolveResource: (p) => `vscode-resource:/site/${p}` });
    const sender = new DeltaSender();
    const receiver = new DeltaReceiver();
    let text = FRONT + BODY;
    const first = await render(text);
    assert.ok(first.css.some((c) => c.includes('#123456')), 'the site CSS is in the first result');
    receiver.receive('p', clone(sender.send('p', first, false)));
    text = text.replace('Paragraph 17 with', 'Paragraph 17 typed with');
    const sent = sender.send('p', await render(text), receiver.holds('p'));
    assert.equal(sent.sameCss, true);
    assert.deepEqual(sent.result.css, [], 'no CSS crosses for a keystroke');
    const back = receiver.receive('p', clone(sent));
    assert.deepEqual(back?.css, first.css, 'the host has the CSS still');
  });

  test('a line added above moves the kept blocks: their data-line values are moved on the host', async () => {
    const { render } = await setUp();
    const sender = new DeltaSender();
    const receiver = new DeltaReceiver();
    let text = FRONT + BODY;
    receiver.receive('p', clone(sender.send('p', await render(text), false)));
    text = text.replace('Paragraph 3 with', 'Paragraph 3\nwith');
    const r = await render(text);
    const sent = sender.send('p', r, receiver.holds('p'));
    const order = sent.order ?? [];
    const runs = Array.from({ length: order.length / 3 }, (_, k) => order.slice(3 * k, 3 * k + 3));
    assert.ok(runs.some(([start, count, shift]) => start >= 0 && count > 10 && shift === 1), `the kept blocks below move one line, as one run: ${JSON.stringify(runs)}`);
    const back = receiver.receive('p', clone(sent));
    assert.equal(back?.bodyHtml, r.bodyHtml);
    assert.deepEqual(back?.blocks?.map((b) => [b.id, b.shift, b.length]), r.blocks?.map((b) => [b.id, b.shift, b.length]));
  });

  test('a host that forgot the post gets it whole; a delta it cannot use is refused', async () => {
    const { render } = await setUp();
    const sender = new DeltaSender();
    const receiver = new DeltaReceiver();
    let text = FRONT + BODY;
    receiver.receive('p', clone(sender.send('p', await render(text), false)));
    text += '\nOne more.\n';
    const delta = sender.send('p', await render(text), true);
    assert.equal(delta.delta, true);
    receiver.forget();
    assert.equal(receiver.receive('p', clone(delta)), undefined, 'nothing to apply it to');
    assert.equal(receiver.holds('p'), false);
    const r = await render(text + 'x');
    const whole = sender.send('p', r, receiver.holds('p'));
    assert.equal(whole.delta, undefined);
    assert.equal(receiver.receive('p', clone(whole))?.html, r.html);
  });

  test('an order naming blocks the host does not hold is refused', async () => {
    const { render } = await setUp();
    const sender = new DeltaSender();
    const receiver = new DeltaReceiver();
    let text = FRONT + BODY;
    receiver.receive('p', clone(sender.send('p', await render(text), false)));
    text = text.replace('Paragraph 9 with', 'Paragraph 9 and');
    const sent = clone(sender.send('p', await render(text), true));
    assert.equal(receiver.receive('p', { ...sent, order: [0, 1000, 0] }), undefined, 'past the held list');
    receiver.receive('p', clone(sender.send('p', await render(text), false)));
    assert.equal(receiver.receive('p', { ...sent, order: [-1, 2, 0] }), undefined, 'more new blocks than sent');
  });

  test('shiftDataLines moves every data-line and nothing else', () => {
    assert.equal(shiftDataLines('<p data-line="9">data-line="9"</p><li data-line="10">', 2), '<p data-line="11">data-line="9"</p><li data-line="12">');
  });
});
