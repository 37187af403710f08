// `techblog images optimise` on a small Jekyll site made in the test: real PNG and JPEG bytes, a post
// linking them in two forms; --dry-run writes nothing, a run converts, deletes the old file and updates links.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/commands';
import { jpegExif, sniffFormat } from '../../../src/core/images/container';
import { NodeImageCodecs } from '../../../src/worker/imageCodecs';
import { animatedGif, exifTiff, photoPixels, screenshotPixels, withExif } from '../images/imageFixtures';

const TIMEOUT = { timeout: 300_000 };

function capture(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []; const stderr: string[] = [];
  return { stdout, stderr, cwd, out: (s) => stdout.push(s), err: (s) => stderr.push(s) };
}

async function makeSite(): Promise<string> {
  const codecs = new NodeImageCodecs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-images-'));
  fs.writeFileSync(path.join(dir, '_config.yml'), 'title: Images\n');
  fs.mkdirSync(path.join(dir, '_posts'));
  fs.mkdirSync(path.join(dir, 'images/2024'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'images/2024/shot.png'), await codecs.encode('png', screenshotPixels(800, 500), 100));
  fs.writeFileSync(path.join(dir, 'images/2024/photo.jpg'), withExif(await codecs.encode('jpeg', photoPixels(300, 200), 92), exifTiff(6)));
  fs.writeFileSync(path.join(dir, 'images/2024/anim.gif'), animatedGif());
  fs.writeFileSync(path.join(dir, '_posts/2024-05-01-shots.md'),
    '---\nlayout: post\ntitle: Shots\n---\n\n![a](/images/2024/shot.png)\n\n![b]({{ site.baseurl }}/images/2024/shot.png)\n\n![c](/images/2024/photo.jpg)\n');
  return dir;
}

describe('techblog images optimise', () => {
  test('bad usage exits 2 with the help', async () => {
    const io = capture(os.tmpdir());
    assert.equal(await main(['images', 'optimise', '--to', 'bmp'], io), 2);
    assert.match(io.stderr.join('\n'), /--to must be one of keep, png, webp, avif, jpeg/);
    assert.equal(await main(['images', 'shrink'], capture(os.tmpdir())), 2);
  });

  test('--dry-run reports, writes nothing; a run converts to WebP, removes the PNG and updates both links', TIMEOUT, async () => {
    const dir = await makeSite();
    try {
      const post = path.join(dir, '_posts/2024-05-01-shots.md');
      const postBefore = fs.readFileSync(post, 'utf8');
      const dry = capture(dir);
      assert.equal(await main(['images', 'optimise', '--dry-run', '--to', 'webp', '--format', 'json'], dry), 0, dry.stderr.join('\n'));
      const report = JSON.parse(dry.stdout.join('\n'));
      assert.deepEqual(report.changes.map((c: { rel: string; newRel: string }) => [c.rel, c.newRel]).sort(), [
        ['images/2024/photo.jpg', 'images/2024/photo.webp'],
        ['images/2024/shot.png', 'images/2024/shot.webp'],
      ]);
      assert.deepEqual(report.skipped, [{ rel: 'images/2024/anim.gif', reason: 'animated' }]);
      assert.deepEqual(report.links, [{ file: '_posts/2024-05-01-shots.md', edits: 3 }]);
      assert.ok(report.totals.saved > 0);
      assert.equal(fs.readFileSync(post, 'utf8'), postBefore, 'dry run: post unchanged');
      assert.ok(fs.existsSync(path.join(dir, 'images/2024/shot.png')) && !fs.existsSync(path.join(dir, 'images/2024/shot.webp')));

      const run = capture(dir);
      assert.equal(await main(['images', 'optimise', '--to', 'webp'], run), 0, run.stderr.join('\n'));
      assert.match(run.stdout.join('\n'), /2 of 3 image\(s\) changed, saved .+; 3 link\(s\) in 1 file\(s\) updated\./);
      assert.ok(!fs.existsSync(path.join(dir, 'images/2024/shot.png')));
      const webp = fs.readFileSync(path.join(dir, 'images/2024/shot.webp'));
      assert.equal(sniffFormat(webp), 'webp');
      const text = fs.readFileSync(post, 'utf8');
      assert.ok(text.includes('![a](/images/2024/shot.webp)') && text.includes('![b]({{ site.baseurl }}/images/2024/shot.webp)') && text.includes('![c](/images/2024/photo.webp)'), text);
      assert.deepEqual(fs.readFileSync(path.join(dir, 'images/2024/anim.gif')), Buffer.from(animatedGif()));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('by default: same formats and names, PNG optimised losslessly, the photo loses its EXIF', TIMEOUT, async () => {
    const dir = await makeSite();
    try {
      const png = path.join(dir, 'images/2024/shot.png');
      const before = fs.statSync(png).size;
      const io = capture(dir);
      assert.equal(await main(['images', 'optimise', dir], io), 0, io.stderr.join('\n'));
      assert.ok(fs.statSync(png).size < before, 'smaller PNG, same name');
      const jpg = fs.readFileSync(path.join(dir, 'images/2024/photo.jpg'));
      assert.equal(jpegExif(jpg), undefined, 'EXIF (and GPS) gone');
      assert.match(fs.readFileSync(path.join(dir, '_posts/2024-05-01-shots.md'), 'utf8'), /shot\.png/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
