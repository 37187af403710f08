// The render worker (issue 12, isolation and limits): a post renders in it as it does in process; each
// DoS fixture (dosFixtures.ts, generated in a temp folder) ends within its limit with the step and the
// file named; the worker's memory stays under its limit; the next render starts a fresh worker.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { encodeUriSegment, type TextChange, type ToWorkerMessage } from '../../../src/core/protocol/renderWorkerMessages';
import { SiteRenderer } from '../../../src/core/render/renderer';
import { stoppedNoticeText } from '../../../src/core/render/renderLimits';
import type { CliIO } from '../../../src/cli/commands';
import { main } from '../../../src/cli/main';
import { NodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { parseRenderArgs } from '../../../src/cli/render';
import { startRenderThread, type RenderThread } from '../../../src/worker/renderThread';
import { RenderWorkerClient, type RenderLimits, type WorkerOutcome } from '../../../src/worker/renderWorkerClient';
import { repoRoot } from '../repoRoot';
import { DOS_FIXTURES, DOS_POST, writeDosSite } from './dosFixtures';

const SCRIPT = path.join(repoRoot, 'out', 'src', 'worker', 'renderWorker.js');
const SAMPLE = path.join(repoRoot, 'examples', 'sample-blog');
const MB = 1024 * 1024;
/** Starting and ending a worker, on a machine shared with other work. */
const MARGIN_MS = 3000;
/** Above the V8 heap limit: the young generation, code, the post's text and the result crossing the thread. */
const MEMORY_MARGIN_MB = 160;

const roots: string[] = [];

async function eventuallyTrue(check: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
after(() => { for (const r of roots) fs.rmSync(r, { recursive: true, force: true }); });

/** Renders `rel` of `root` in a fresh client; measures the time, the process's peak RSS over the start, and the main heap's growth. */
async function measure(root: string, rel: string, limits: RenderLimits) {
  const client = new RenderWorkerClient(SCRIPT, () => limits);
  const text = fs.readFileSync(path.join(root, rel), 'utf8');
  const steps: string[] = [];
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => { peak = Math.max(peak, process.memoryUsage().rss); }, 10);
  const t0 = Date.now();
  try {
    const outcome: WorkerOutcome = await client.render({ root }, { path: rel, text, resources: { base: 'https://site.test' } }, (step, file) => steps.push(`${step} ${file}`));
    return { outcome, ms: Date.now() - t0, rssMb: (peak - rss0) / MB, heapMb: (process.memoryUsage().heapUsed - heap0) / MB, steps, client };
  } finally {
    clearInterval(sampler);
  }
}

describe('Render worker', { concurrency: false }, () => {
  test('a post renders in the worker as in process, and the worker reports its steps and files', async () => {
    const rel = '_posts/2021-08-19-ebpf-tracing-intro.md';
    const post = fs.existsSync(path.join(SAMPLE, rel)) ? rel : `_posts/${fs.readdirSync(path.join(SAMPLE, '_posts')).find((f) => f.endsWith('.md'))}`;
    const base = 'https://site.test/blog';
    const inProcess = await (await SiteRenderer.open({ fs: new NodeFileSystem(SAMPLE), root: SAMPLE })).render({
      path: post, text: fs.readFileSync(path.join(SAMPLE, post), 'utf8'), now: new Date('2024-01-01T00:00:00Z'),
      resolveResource: (p) => `${base}/${p.split('/').map(encodeUriSegment).join('/')}`,
    });
    const client = new RenderWorkerClient(SCRIPT, () => ({ timeoutMs: 60_000, memoryMb: 512 }));
    const steps: string[] = [];
    try {
      const out = await client.render({ root: SAMPLE }, { path: post, text: fs.readFileSync(path.join(SAMPLE, post), 'utf8'), now: new Date('2024-01-01T00:00:00Z'), resources: { base } },
        (step, file) => steps.push(`${step} ${file}`));
      assert.ok('result' in out, JSON.stringify(out));
      assert.equal(out.result.html, inProcess.html);
      assert.deepEqual(out.result.css, inProcess.css);
      assert.deepEqual(out.result.notices, inProcess.notices);
      assert.ok(out.result.html.includes(`${base}/`), 'site files are linked under the given base');
      assert.ok(steps.includes(`markdown ${post}`), steps.join(' | '));
      assert.ok(steps.some((s) => s.startsWith('layout _layouts/')), steps.join(' | '));
      assert.ok(steps.some((s) => s.startsWith('sass ')), steps.join(' | '));
    } finally {
      client.dispose();
    }
  });

  test('a keystroke sends the worker only the edit; edits that do not fit the text it holds are refused and the whole text goes again', async () => {
    const post = `_posts/${fs.readdirSync(path.join(SAMPLE, '_posts')).filter((f) => f.endsWith('.md')).sort()[0]}`;
    const text0 = fs.readFileSync(path.join(SAMPLE, post), 'utf8');
    const client = new RenderWorkerClient(SCRIPT, () => ({ timeoutMs: 60_000, memoryMb: 512 }));
    const sent: ToWorkerMessage[] = [];
    const render = async (text: string, version: number, since: (from: number) => TextChange[] | undefined) => {
      const out = await client.render({ root: SAMPLE }, { path: post, text, now: new Date('2024-01-01T00:00:00Z'), resources: { base: 'https://site.test' } }, undefined, { version, since });
      assert.ok('result' in out, JSON.stringify(out));
      return out.result;
    };
    try {
      await render(text0, 1, () => undefined);
      // Every message to the worker, from now on.
      const worker = (client as unknown as { worker: { postMessage: (m: ToWorkerMessage) => void } }).worker;
      const postMessage = worker.postMessage.bind(worker);
      worker.postMessage = (m) => { sent.push(m); postMessage(m); };
      const at = text0.lastIndexOf('\n\n') + 2;
      const typed: TextChange = { start: at, end: at, text: 'Typedwordhere ' };
      const text1 = text0.slice(0, at) + typed.text + text0.slice(at);
      const r1 = await render(text1, 2, (from) => (from === 1 ? [typed] : undefined));
      assert.ok(r1.bodyHtml.includes('Typedwordhere'), 'the preview shows the typed text');
      assert.equal(sent.length, 1);
      const m1 = sent[0];
      assert.ok(m1.type === 'render' && 'changes' in m1.text && !('text' in m1.text), 'only the edit crossed');
      assert.ok(m1.sameSite && Object.keys(m1.site).length === 1, 'and the site by its root alone (the worker has its spec)');
      // A change the host's record lacks: the worker's text would not be as long as the editor's. Refused, then whole.
      const text2 = text1.slice(0, at) + 'Lost edit. ' + text1.slice(at);
      const r2 = await render(text2, 3, (from) => (from === 2 ? [] : undefined));
      assert.ok(r2.bodyHtml.includes('Lost edit.'), 'the preview shows the editor\'s text, not the worker\'s stale one');
      assert.deepEqual(sent.slice(1).map((m) => m.type === 'render' && ('changes' in m.text ? 'changes' : 'whole')), ['changes', 'whole']);
    } finally {
      client.dispose();
    }
  });

  const limits: RenderLimits = { timeoutMs: 3000, memoryMb: 256 };
  for (const fixture of DOS_FIXTURES) {
    test(`${fixture.name}: ends within ${limits.timeoutMs / 1000} s + margin, naming ${fixture.step} in ${fixture.file}; memory under ${limits.memoryMb} MB`, async () => {
      const root = writeDosSite(fixture);
      roots.push(root);
      const m = await measure(root, DOS_POST, limits);
      m.client.dispose();
      console.log(`# ${fixture.name}: ${m.ms} ms, ${'stopped' in m.outcome ? `stopped (${m.outcome.stopped.limit}) in ${m.outcome.stopped.step} ${m.outcome.stopped.file}` : `finished: ${m.outcome.result.notices[0] ?? 'no notice'}`}; process RSS +${m.rssMb.toFixed(0)} MB, main heap +${m.heapMb.toFixed(1)} MB`);
      assert.ok(m.ms < limits.timeoutMs + MARGIN_MS, `${m.ms} ms`);
      if ('stopped' in m.outcome) {
        const s = m.outcome.stopped;
        assert.equal(s.step, fixture.step);
        assert.equal(s.file, fixture.file);
        const notice = stoppedNoticeText(s, limits);
        assert.ok(notice.includes(fixture.file), notice);
        assert.match(notice, s.limit === 'time' ? /took longer than 3 s/ : /more than 256 MB/);
      } else if (fixture.finishes) {
        // The renderer's own bounds keep it inside the limit (linear footnotes, capped YAML): the page shows it.
        const r = m.outcome.result;
        assert.match([r.bodyHtml, ...r.notices].join('\n'), fixture.finishes);
      } else {
        // A render the renderer's own bounds stopped first (liquidjs's memory limit on the loop) says so.
        assert.ok(m.outcome.result.notices.some((n) => n.includes(fixture.file) && /limit/i.test(n)), m.outcome.result.notices.join('\n'));
      }
      assert.ok(m.rssMb < limits.memoryMb + MEMORY_MARGIN_MB, `process RSS grew ${m.rssMb.toFixed(0)} MB`);
      assert.ok(m.heapMb < 48, `the main thread's heap grew ${m.heapMb.toFixed(1)} MB`);
    });
  }

  test('the memory limit stops a render (10 MB post, 64 MB heap) and names Markdown and the post', async () => {
    const fixture = DOS_FIXTURES.find((f) => f.name.startsWith('10 MB'))!;
    const root = writeDosSite(fixture);
    roots.push(root);
    const m = await measure(root, DOS_POST, { timeoutMs: 120_000, memoryMb: 64 });
    m.client.dispose();
    console.log(`# 10 MB post at 64 MB: ${m.ms} ms, ${JSON.stringify('stopped' in m.outcome ? m.outcome.stopped : 'finished')}; process RSS +${m.rssMb.toFixed(0)} MB`);
    assert.ok('stopped' in m.outcome, 'stopped');
    assert.equal(m.outcome.stopped.limit, 'memory');
    assert.equal(m.outcome.stopped.step, 'markdown');
    assert.equal(m.outcome.stopped.file, DOS_POST);
    assert.match(stoppedNoticeText(m.outcome.stopped, { timeoutMs: 120_000, memoryMb: 64 }), /Markdown in _posts\/2024-01-01-dos\.md needed more than 64 MB/);
    assert.ok(m.rssMb < 64 + MEMORY_MARGIN_MB, `process RSS grew ${m.rssMb.toFixed(0)} MB`);
  });

  test('a thread started ahead (while the preview loads) is the first worker; one of another memory limit, or one that ended, is replaced', { timeout: 120_000 }, async () => {
    const rel = `_posts/${fs.readdirSync(path.join(SAMPLE, '_posts')).find((f) => f.endsWith('.md'))}`;
    const text = fs.readFileSync(path.join(SAMPLE, rel), 'utf8');
    const limits = { timeoutMs: 60_000, memoryMb: 256 };
    const exited = (t: RenderThread) => new Promise<void>((resolve) => { if (t.ended) resolve(); else t.worker.once('exit', () => resolve()); });
    const render = async (client: RenderWorkerClient) => {
      const o = await client.render({ root: SAMPLE }, { path: rel, text, resources: { base: 'https://site.test' } });
      assert.ok('result' in o, JSON.stringify(o));
      assert.ok(o.result.bodyHtml.length > 100, o.result.bodyHtml);
    };

    // Taken: it renders, and it ends with the client, not before.
    const ahead = startRenderThread(SCRIPT, 256);
    let aheadEnded = false;
    void exited(ahead).then(() => { aheadEnded = true; });
    const client = new RenderWorkerClient(SCRIPT, () => limits, undefined, ahead);
    await render(client);
    await render(client);
    assert.equal(client.workersStarted, 1);
    assert.equal(aheadEnded, false, 'the thread started ahead was ended');
    client.dispose();
    await exited(ahead);

    // Another memory limit (the setting changed meanwhile): ended, and a thread of the asked limit renders.
    const other = startRenderThread(SCRIPT, 128);
    const client2 = new RenderWorkerClient(SCRIPT, () => limits, undefined, other);
    try {
      await render(client2);
      await exited(other);
    } finally {
      client2.dispose();
    }

    // Ended before it was taken: a new thread renders.
    const gone = startRenderThread(SCRIPT, 256);
    await gone.worker.terminate();
    assert.equal(gone.ended, true);
    const client3 = new RenderWorkerClient(SCRIPT, () => limits, undefined, gone);
    try {
      await render(client3);
      assert.equal(client3.workersStarted, 1);
    } finally {
      client3.dispose();
    }

    // Never used: it ends with the client.
    const unused = startRenderThread(SCRIPT, 256);
    new RenderWorkerClient(SCRIPT, () => limits, undefined, unused).dispose();
    await exited(unused);
  });

  test('after a stop the next render starts a fresh worker and renders the fixed stylesheet', async () => {
    const root = writeDosSite(DOS_FIXTURES[0]);
    roots.push(root);
    // A fresh worker loads Dart Sass again: the second render gets more time on a busy machine.
    let timeoutMs = 2000;
    const client = new RenderWorkerClient(SCRIPT, () => ({ timeoutMs, memoryMb: 256 }));
    try {
      const text = fs.readFileSync(path.join(root, DOS_POST), 'utf8');
      const first = await client.render({ root }, { path: DOS_POST, text });
      assert.ok('stopped' in first && first.stopped.step === 'sass', JSON.stringify(first));
      fs.writeFileSync(path.join(root, 'assets/main.scss'), '---\n---\n$c: #123456;\nbody { color: $c; }\n');
      timeoutMs = 30_000;
      const second = await client.render({ root }, { path: DOS_POST, text: text.replace('Hello.', 'Hello again.') });
      assert.ok('result' in second, JSON.stringify(second));
      assert.equal(client.workersStarted, 2);
      assert.ok(second.result.css.some((c) => c.includes('#123456')), second.result.css.join('\n'));
      assert.match(second.result.bodyHtml, /Hello again\./);
    } finally {
      client.dispose();
    }
  });

  test('a first frame (waitForCss: false) does not wait for a stylesheet that never compiles; the render after it stops naming Sass and the stylesheet', async () => {
    const root = writeDosSite(DOS_FIXTURES[0]);
    roots.push(root);
    // A fresh worker on a busy machine: the first frame gets time to start it.
    let timeoutMs = 30_000;
    const client = new RenderWorkerClient(SCRIPT, () => ({ timeoutMs, memoryMb: 256 }));
    try {
      const text = fs.readFileSync(path.join(root, DOS_POST), 'utf8');
      const first = await client.render({ root }, { path: DOS_POST, text, waitForCss: false });
      timeoutMs = 3000;
      assert.ok('result' in first, JSON.stringify(first));
      assert.equal(first.result.cssPending, true);
      assert.deepEqual(first.result.css, []);
      assert.match(first.result.bodyHtml, /Hello\./);
      // The worker is in the stylesheet's loop (started by the first frame): the next render never hears from it.
      const next = await client.render({ root }, { path: DOS_POST, text });
      assert.ok('stopped' in next, JSON.stringify(next));
      assert.equal(next.stopped.step, 'sass');
      assert.equal(next.stopped.file, 'assets/main.scss');
    } finally {
      client.dispose();
    }
  });

  test('compiled Sass goes to the cache folder the host passes (its global storage), and a fresh worker reads it back', async () => {
    const root = writeDosSite({ ...DOS_FIXTURES[0], files: () => ({ 'assets/main.scss': '---\n---\n$c: #abcdef;\nbody { color: $c; }\n', [DOS_POST]: '---\nlayout: default\n---\nHi.\n' }) });
    roots.push(root);
    const cacheDir = path.join(root, '.cache-under-test');
    const text = fs.readFileSync(path.join(root, DOS_POST), 'utf8');
    const css: string[] = [];
    for (let i = 0; i < 2; i++) {
      const client = new RenderWorkerClient(SCRIPT, () => ({ timeoutMs: 60_000, memoryMb: 256 }));
      try {
        const out = await client.render({ root, sassCacheDir: cacheDir }, { path: DOS_POST, text });
        assert.ok('result' in out, JSON.stringify(out));
        css.push(out.result.css.join('\n'));
      } finally {
        client.dispose();
      }
      if (i === 0) {
        await eventuallyTrue(() => fs.existsSync(cacheDir) && fs.readdirSync(cacheDir).some((f) => f.endsWith('.json')));
        // The second worker must take the compiled CSS from the cache: the entry is marked.
        for (const f of fs.readdirSync(cacheDir).filter((n) => n.endsWith('.json'))) {
          const file = path.join(cacheDir, f);
          fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace(/#abcdef/g, '#fedcba'));
        }
      }
    }
    assert.match(css[0], /#abcdef/);
    assert.match(css[1], /#fedcba/, 'the second render used the cached entry');
  });

  test('techblog render runs in the worker: --timeout and --memory, a stopped render exits 1 naming the step and file', async () => {
    const parsed = parseRenderArgs(['p.md', '--timeout', '2.5', '--memory=300']);
    assert.ok(typeof parsed !== 'string' && parsed.timeoutSeconds === 2.5 && parsed.memoryMb === 300, JSON.stringify(parsed));
    assert.equal(typeof parseRenderArgs(['p.md', '--timeout', 'soon']), 'string');
    const root = writeDosSite(DOS_FIXTURES[0]);
    roots.push(root);
    const stderr: string[] = [];
    const io: CliIO = { cwd: root, out: () => undefined, err: (s) => stderr.push(s) };
    const t0 = Date.now();
    const code = await main(['render', DOS_POST, '-o', path.join(root, 'out.html'), '--timeout', '2'], io);
    const ms = Date.now() - t0;
    console.log(`# techblog render of the Sass @while site, --timeout 2: exit ${code} after ${ms} ms`);
    assert.equal(code, 1, stderr.join('\n'));
    assert.ok(ms < 2000 + MARGIN_MS + 2000, `${ms} ms`);
    assert.ok(stderr.some((l) => /stopped after 2\.\d s: Sass in assets\/main\.scss took longer than 2 s \(--timeout\)/.test(l)), stderr.join('\n'));
    assert.ok(!fs.existsSync(path.join(root, 'out.html')), 'no page written');
  });
});
