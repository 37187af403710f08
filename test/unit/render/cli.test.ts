// `techblog render`: a standalone HTML file with CSS inlined and images as paths relative to it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { CliIO } from '../../../src/cli/commands';
import { main } from '../../../src/cli/main';
import { parseRenderArgs } from '../../../src/cli/render';
import { repoRoot } from '../repoRoot';

function capture(cwd = repoRoot): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, cwd, out: (s) => stdout.push(s), err: (s) => stderr.push(s) };
}

describe('techblog render', () => {
  test('writes a standalone page: site layout, inlined CSS, images relative to the output file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-render-'));
    try {
      const out = path.join(dir, 'nested', 'page.html');
      fs.mkdirSync(path.dirname(out));
      const io = capture();
      const code = await main(['render', 'examples/sample-blog/_posts/2022-06-12-prometheus-histogram-buckets.md', '-o', out], io);
      assert.equal(code, 0, io.stderr.join('\n'));
      const html = fs.readFileSync(out, 'utf8');
      assert.match(html, /<header class="site-header">/);
      // The preview's CSP, first in <head>: no script, local images only (no --remote-images).
      assert.match(html, /<head[^>]*>\s*<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'none';[^"]*img-src 'self' file: data:;/);
      assert.ok((html.match(/<style>/g) ?? []).length >= 2, 'site CSS inlined');
      assert.match(html, /font-family: "Noto Sans TC"/);
      assert.ok(!/<link rel="stylesheet"/.test(html));
      const src = /<img src="([^"]+)"/.exec(html)?.[1] ?? '';
      assert.ok(!path.isAbsolute(src), src);
      assert.ok(fs.existsSync(path.resolve(path.dirname(out), decodeURIComponent(src))), `${src} reaches the file`);
      // The deliberately missing screenshot is named on stderr and in the page.
      assert.ok(io.stderr.some((l) => /image-20220612111950287.png/.test(l)));
      assert.match(html, /Missing image: images\/2022\/image-20220612111950287.png/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('--mode content prints the body page to stdout when no -o is given', async () => {
    const io = capture();
    assert.equal(await main(['render', '--mode', 'content', 'examples/sample-blog/_posts/2021-03-14-go-context-cancellation.md'], io), 0);
    const html = io.stdout.join('\n');
    assert.match(html, /class="techblog-content-mode"/);
    assert.ok(!html.includes('<header class="site-header">'));
  });

  test('exit 1 when the post cannot be read, 2 on bad usage', async () => {
    let io = capture();
    assert.equal(await main(['render', 'no/such/post.md'], io), 1);
    assert.match(io.stderr.join('\n'), /cannot read no\/such\/post.md/);
    for (const args of [['render'], ['render', '--mode', 'fancy', 'a.md'], ['render', 'a.md', 'b.md'], ['render', '--bogus', 'a.md'], ['render', 'a.md', '-o']]) {
      io = capture();
      assert.equal(await main(args, io), 2, args.join(' '));
      assert.match(io.stderr.join('\n'), /Usage: techblog render/);
    }
  });

  test('argument parsing', () => {
    assert.deepEqual(parseRenderArgs(['p.md', '--output=x.html', '--mode=content', '--allow-embeds']), { post: 'p.md', output: 'x.html', mode: 'content', allowEmbeds: true, help: false, profile: 'auto', timeoutSeconds: 10, memoryMb: 512 });
    assert.deepEqual(parseRenderArgs(['-o', 'y.html', '--', '-odd-name.md']), { post: '-odd-name.md', output: 'y.html', mode: 'site', allowEmbeds: false, help: false, profile: 'auto', timeoutSeconds: 10, memoryMb: 512 });
    assert.equal((parseRenderArgs(['--profile=hexo', 'p.md']) as { profile: string }).profile, 'hexo');
    assert.equal((parseRenderArgs(['--remote-images', 'p.md']) as { remoteImages?: boolean }).remoteImages, true);
    assert.match(parseRenderArgs(['--profile', 'gatsby', 'p.md']) as string, /--profile must be auto, jekyll, hugo or hexo/);
  });
});
