// Paste destinations a cloned repo's settings could aim anywhere: never into .git or .vscode, never a
// Windows device name or a name Windows truncates, never through a link out of the workspace; and a
// transform regex that could backtrack without bound is not run.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as nodePath from 'node:path';
import { unboundedRegexReason } from '../../../src/core/paste/boundedRegex';
import { resolveDestination } from '../../../src/core/paste/destination';
import { ImagePaster, type PasteRequest } from '../../../src/core/paste/imagePaster';
import { defaultPasteSettings } from '../../../src/core/paste/settings';
import { buildVariables } from '../../../src/core/paste/variables';
import { MemoryFs, bytesOf } from './memoryFs';

const ws = '/home/me/blog';
const post = `${ws}/_posts/2021-08-19-ebpf-summit-day1.md`;
const vars = (fileName?: string) => buildVariables({ documentPath: post, siteRoot: ws, workspaceFolder: ws, now: new Date(2021, 7, 19, 15, 5, 23, 189), ext: 'png', fileName });

function refusal(pattern: string, fileName?: string): string {
  const r = resolveDestination({ pattern, vars: vars(fileName) });
  assert.ok(!r.ok, `expected ${pattern} to be refused, got ${r.ok ? r.path : ''}`);
  return r.error;
}

describe('paste destination safety', () => {
  test('.git and .vscode are refused, in any case, with the setting and the path named', () => {
    const e = refusal('${siteRoot}/.git/hooks/pre-commit');
    assert.match(e, /\/home\/me\/blog\/\.git\/hooks\/pre-commit/);
    assert.match(e, /techblog\.paste\.destination/);
    assert.match(e, /\.git/);
    assert.match(refusal('/.vscode/settings.json'), /\.vscode/);
    assert.match(refusal('${siteRoot}/.GIT/config'), /\.GIT/);
    assert.match(refusal('images/../../.git/x.png'), /\.git/);
  });

  test('Windows-reserved names (any extension) and trailing dots or spaces are refused', () => {
    for (const name of ['CON', 'prn.png', 'aux.tar.gz', 'NUL.png', 'com1.png', 'LPT9', 'images/con/x.png']) {
      assert.match(refusal('${siteRoot}/' + name), /reserved device name on Windows/, name);
    }
    assert.match(refusal('${siteRoot}/images./x.png'), /ends with a dot or a space/);
    assert.match(refusal('${siteRoot}/images /x.png'), /ends with a dot or a space/);
    assert.match(refusal('${siteRoot}/x.png.'), /ends with a dot or a space/);
    // Ordinary names still resolve.
    const r = resolveDestination({ pattern: '${siteRoot}/images/console/nul-byte.png', vars: vars() });
    assert.ok(r.ok && r.path === `${ws}/images/console/nul-byte.png`);
  });

  test('a transform regex that could backtrack without bound is refused before it runs', () => {
    for (const re of ['(a+)+$', '(a|a)*b', '(\\w*)*x', '(?:x+y?)+z', '(a{1,20})+', '(.)\\1', '(?<n>a)\\k<n>', 'a*b*c*d*e']) {
      assert.ok(unboundedRegexReason(re), re);
    }
    for (const re of ['^IMG_', '[^a-z0-9]+', '(\\d{4})-(\\d{2})', '\\s+', '^(.*)\\.png$', '(ab)?c', '[(+*]']) {
      assert.equal(unboundedRegexReason(re), undefined, re);
    }
    const started = Date.now();
    const e = refusal('${siteRoot}/images/${fileName/(a+)+$/x/}.${ext}', 'a'.repeat(40) + '!.png');
    assert.match(e, /not run/);
    assert.match(e, /techblog\.paste\.destination/);
    assert.ok(Date.now() - started < 1000, 'refused without running the regex');
  });

  test('a transform of an over-long value is refused, a normal one still runs', () => {
    assert.match(refusal('${siteRoot}/${fileName/x/y/}.${ext}', 'x'.repeat(300) + '.png'), /up to 255 characters/);
    const r = resolveDestination({ pattern: '${siteRoot}/images/${fileName/[^a-z0-9]+/-/g}.${ext}', vars: vars('My Shot (1).png') });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.equal(r.path, `${ws}/images/-y-hot-1-.png`);
  });
});

describe('paste destinations on real paths', () => {
  /** MemoryFs with symbolic folder links: `links` maps a folder to where it really is. */
  class LinkedFs extends MemoryFs {
    constructor(private readonly links: Record<string, string>, files: Record<string, string>) { super(files); }
    async realPath(p: string): Promise<string | undefined> {
      for (const [from, to] of Object.entries(this.links)) if (p === from || p.startsWith(from + '/')) return to + p.slice(from.length);
      return (await this.stat(p)) ? p : undefined;
    }
  }
  const request = (): PasteRequest => ({ documentPath: post, workspaceFolder: ws, siteRoot: ws, bytes: bytesOf(7), mime: 'image/png', now: new Date(2021, 7, 19, 15, 5, 23, 189) });

  test('a destination folder that links out of the workspace, or into .git, is refused; nothing is planned', async () => {
    const out = new LinkedFs({ [`${ws}/images`]: '/tmp/elsewhere' }, { [`${ws}/images/keep`]: '', [post]: '' });
    const plan = await new ImagePaster(out).plan(request(), defaultPasteSettings);
    assert.ok(!plan.ok && plan.code === 'destination');
    assert.match(plan.error, /images is a link to \/tmp\/elsewhere, outside the workspace folder/);
    assert.match(plan.error, /techblog\.paste\.destination/);

    const hooks = new LinkedFs({ [`${ws}/images`]: `${ws}/.git/hooks` }, { [`${ws}/images/keep`]: '', [post]: '' });
    const p2 = await new ImagePaster(hooks).plan(request(), defaultPasteSettings);
    assert.ok(!p2.ok);
    assert.match(p2.error, /\.git/);

    const fine = new LinkedFs({}, { [`${ws}/images/keep`]: '', [post]: '' });
    const p3 = await new ImagePaster(fine).plan(request(), defaultPasteSettings);
    assert.ok(p3.ok, p3.ok ? '' : p3.error);
  });

  test('on disk: a symlinked images folder pointing outside the workspace is refused', async (t) => {
    const tmp = fs.mkdtempSync(nodePath.join(os.tmpdir(), 'techblog-paste-'));
    try {
      const blog = nodePath.join(tmp, 'blog');
      fs.mkdirSync(nodePath.join(blog, '_posts'), { recursive: true });
      fs.mkdirSync(nodePath.join(tmp, 'outside'));
      try { fs.symlinkSync(nodePath.join(tmp, 'outside'), nodePath.join(blog, 'images'), 'dir'); } catch { t.skip('no symbolic links here'); return; }
      const disk = new (class extends MemoryFs {
        override async stat(p: string) { try { const s = fs.statSync(p); return { size: s.size, isDirectory: s.isDirectory() }; } catch { return undefined; } }
        async realPath(p: string) { try { return fs.realpathSync(p); } catch { return undefined; } }
      })();
      const realBlog = fs.realpathSync(blog);
      const plan = await new ImagePaster(disk).plan({ ...request(), documentPath: `${realBlog}/_posts/a.md`, workspaceFolder: realBlog, siteRoot: realBlog }, defaultPasteSettings);
      assert.ok(!plan.ok);
      assert.match(plan.error, /outside the workspace folder/);
      assert.deepEqual(fs.readdirSync(nodePath.join(tmp, 'outside')), []);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
