// External links against a local HTTP server: HEAD, GET when HEAD is refused, broken and slow
// answers, the bound on requests in flight, one request per host at a time, and the cache.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { checkExternalLinks, type ExternalResult } from '../../../src/core/links/external';
import { externalLinkProblems, fetchRequest } from '../../../src/cli/externalLinks';
import { main } from '../../../src/cli/main';

describe('external links (local server)', () => {
  let server: http.Server;
  let base: string;
  const requests: string[] = [];
  /** Each request's arrival time and User-Agent. */
  const seen: { url: string; at: number; agent: string }[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const pending = new Set<http.ServerResponse>();

  before(async () => {
    server = http.createServer((req, res) => {
      requests.push(`${req.method} ${req.url}`);
      seen.push({ url: `${req.method} ${req.url}`, at: Date.now(), agent: String(req.headers['user-agent']) });
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      res.on('close', () => pending.delete(res));
      // In flight from the request's arrival until the answer is written (the client cannot have it before).
      const answer = (status: number) => setTimeout(() => { inFlight--; res.statusCode = status; res.end(req.method === 'GET' ? 'body' : undefined); }, 20);
      if (req.url === '/ok' || req.url?.startsWith('/page')) answer(200);
      else if (req.url === '/no-head') answer(req.method === 'HEAD' ? 405 : 200);
      else if (req.url === '/gone') answer(404);
      else if (req.url === '/limited') answer(429);
      else if (req.url === '/slow') pending.add(res); // never answers
      else answer(404);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  after(() => {
    for (const res of pending) res.destroy();
    server.close();
  });

  test('HEAD, then GET when HEAD is refused; 404 broken; a silent server times out; a closed port is unreachable', { timeout: 20_000 }, async () => {
    requests.length = 0;
    const r = await checkExternalLinks([`${base}/ok`, `${base}/no-head`, `${base}/gone`, `${base}/slow`, 'http://127.0.0.1:9/x'], { request: fetchRequest, timeoutMs: 500, perHostDelayMs: 0 });
    const states = Object.fromEntries([...r].map(([u, v]) => [u.replace(base, ''), `${v.state}${v.status ? ' ' + v.status : ''}`]));
    assert.deepEqual(states, { '/ok': 'ok 200', '/no-head': 'ok 200', '/gone': 'broken 404', '/slow': 'timeout', 'http://127.0.0.1:9/x': 'unreachable' });
    assert.deepEqual(requests.filter((q) => !q.includes('slow')).sort(), ['GET /gone', 'GET /no-head', 'HEAD /gone', 'HEAD /no-head', 'HEAD /ok']);
  });

  test('bounded: one request at a time per host; a URL asked once; the cache answers the next run', { timeout: 20_000 }, async () => {
    requests.length = 0;
    // The first test's silent request never ends: count from here.
    inFlight = 0;
    maxInFlight = 0;
    const urls = Array.from({ length: 12 }, (_, i) => `${base}/page${i % 6}`);
    const cache = new Map<string, ExternalResult>();
    const r = await checkExternalLinks(urls, { request: fetchRequest, concurrency: 4, perHostDelayMs: 5, cache });
    assert.equal(r.size, 6);
    assert.equal(requests.length, 6, requests.join());
    assert.equal(maxInFlight, 1, 'one host: one request at a time');
    requests.length = 0;
    const again = await checkExternalLinks(urls, { request: fetchRequest, cache });
    assert.equal(again.size, 6);
    assert.deepEqual(requests, [], 'answered from the cache');
  });

  test('the CLI side: problems at the link, and a cache file', { timeout: 20_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-external-'));
    const cacheFile = path.join(dir, 'cache.json');
    const text = `---\ntitle: x\n---\n\nSee [ok](${base}/ok) and [gone](${base}/gone).\n`;
    const found = await externalLinkProblems([{ key: 'a.md', text }], { cacheFile, perHostDelayMs: 0 });
    const [p] = found.get('a.md')!;
    assert.equal(found.get('a.md')!.length, 1);
    assert.equal(p.rule, 'external-link');
    assert.equal(p.message, `The external link "${base}/gone" answers HTTP 404.`);
    assert.equal(text.split('\n')[p.range.start.line].slice(p.range.start.character, p.range.end.character), `${base}/gone`);
    assert.equal(JSON.parse(fs.readFileSync(cacheFile, 'utf8'))[`${base}/ok`].state, 'ok');
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('techblog check --external: a TechBlog User-Agent, a pause between requests to a host, 429 not reported, stale cache asked again', { timeout: 60_000 }, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-check-external-'));
    try {
      fs.writeFileSync(path.join(dir, '_config.yml'), 'title: t\n');
      fs.mkdirSync(path.join(dir, '_posts'));
      fs.writeFileSync(path.join(dir, '_posts/2024-01-01-out.md'),
        `---\nlayout: post\ntitle: Out\n---\n\n[a](${base}/ok) [b](${base}/gone) [c](${base}/limited) [d](${base}/page-cached)\n`);
      // A good answer from two days ago is too old to trust; one from an hour ago is used.
      const cacheFile = path.join(dir, '.jekyll-cache', 'techblog-external-links.json');
      fs.mkdirSync(path.dirname(cacheFile));
      const now = Date.now();
      fs.writeFileSync(cacheFile, JSON.stringify({ [`${base}/ok`]: { state: 'ok', status: 200, at: now - 2 * 24 * 3600_000 }, [`${base}/page-cached`]: { state: 'ok', status: 200, at: now - 3600_000 } }));
      seen.length = 0;
      const stdout: string[] = []; const stderr: string[] = [];
      const code = await main(['check', '--external', '--format', 'json'], { cwd: dir, out: (s) => stdout.push(s), err: (s) => stderr.push(s) });
      const report = JSON.parse(stdout.join('\n')) as { problems: { file: string; rule: string; message: string; line: number }[] };
      assert.deepEqual(report.problems.filter((p) => p.rule === 'external-link').map((p) => `${p.file}:${p.line} ${p.message}`),
        [`_posts/2024-01-01-out.md:6 The external link "${base}/gone" answers HTTP 404.`], stderr.join('\n'));
      assert.equal(code, 0, 'external-link is a warning');
      assert.deepEqual(seen.map((r) => r.url).sort(), ['GET /gone', 'HEAD /gone', 'HEAD /limited', 'HEAD /ok'], 'the fresh cached URL is not asked; 429 is not retried with GET');
      assert.ok(seen.every((r) => /^techblog-link-check/.test(r.agent)), seen.map((r) => r.agent).join());
      // HEAD then GET of one URL go together; the next URL waits for the pause.
      const path_ = (r: { url: string }) => r.url.split(' ')[1];
      const gaps = seen.slice(1).flatMap((r, i) => (path_(r) === path_(seen[i]) ? [] : [r.at - seen[i].at]));
      assert.equal(gaps.length, 2);
      assert.ok(gaps.every((g) => g >= 240), `one host: at least 250 ms between URLs (gaps ${gaps.join(', ')} ms)`);
      const cache = JSON.parse(fs.readFileSync(cacheFile, 'utf8'));
      assert.equal(cache[`${base}/ok`].state, 'ok');
      assert.ok(cache[`${base}/ok`].at >= now, 'the stale entry was renewed');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
