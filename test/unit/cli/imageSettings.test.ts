// `techblog images optimise` reads the image options VS Code reads: the site's `.vscode/settings.json`
// (JSONC, the nearest at or above the site), `techblog.paste.format`, `quality`, `maxWidth`, `imagesFolder`;
// flags override them; a broken value is a warning and falls back to its default, as in the editor.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import type { CliIO } from '../../../src/cli/commands';
import { pasteSettingsOf, readSiteSettings } from '../../../src/cli/siteSettings';
import { parseJsonc } from '../../../src/core/text/jsonc';
import { NodeImageCodecs } from '../../../src/worker/imageCodecs';
import { screenshotPixels } from '../images/imageFixtures';

const TIMEOUT = { timeout: 300_000 };
const JEKYLL = { generator: 'jekyll' as const, imagesDir: 'images' };

function capture(cwd: string): CliIO & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = []; const stderr: string[] = [];
  return { stdout, stderr, cwd, out: (s) => stdout.push(s), err: (s) => stderr.push(s) };
}

const SETTINGS = `// TechBlog's settings for this blog
{
  "editor.wordWrap": "on", // not ours
  /* images: WebP, at most 120 px wide, kept in pics/ */
  "techblog.paste.format": "webp",
  "techblog.paste.maxWidth": 120,
  "techblog.paste.imagesFolder": "pics",
  "techblog.paste.rules": [
    { "glob": "_drafts/**", "destination": "\${siteRoot}/pics/drafts/", },
  ],
}
`;

describe('JSONC as VS Code writes settings.json', () => {
  test('comments and trailing commas are allowed; strings keep // and /* and ,}', () => {
    assert.deepEqual(parseJsonc(SETTINGS), {
      'editor.wordWrap': 'on', 'techblog.paste.format': 'webp', 'techblog.paste.maxWidth': 120, 'techblog.paste.imagesFolder': 'pics',
      'techblog.paste.rules': [{ glob: '_drafts/**', destination: '${siteRoot}/pics/drafts/' }],
    });
    assert.deepEqual(parseJsonc('\uFEFF{"a": "http://x/*y*/", "b": ",}", "c": "q\\"//", }'), { a: 'http://x/*y*/', b: ',}', c: 'q"//' });
    assert.throws(() => parseJsonc('{"a": }'), SyntaxError);
    assert.throws(() => parseJsonc('{"a": 1,, }'), SyntaxError);
  });
});

describe('the site settings of the command line', () => {
  test('the nearest .vscode/settings.json at or above the site; validated like the editor', async () => {
    const ws = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-settings-'));
    try {
      const site = path.join(ws, 'blog');
      fs.mkdirSync(path.join(ws, '.vscode'), { recursive: true });
      fs.mkdirSync(site);
      fs.writeFileSync(path.join(ws, '.vscode/settings.json'), SETTINGS);
      const found = await readSiteSettings(site);
      assert.equal(found.file, path.join(ws, '.vscode', 'settings.json'));
      const { settings, problems } = pasteSettingsOf(found.values, JEKYLL);
      assert.deepEqual(problems, []);
      assert.deepEqual({ ...settings.image, folder: settings.imagesFolder, rules: settings.rules.length },
        { format: 'webp', quality: 80, maxWidth: 120, stripMetadata: 'droppedPhotos', optimizePng: false, folder: 'pics', rules: 1 });

      fs.writeFileSync(path.join(ws, '.vscode/settings.json'), '{ "techblog.paste.quality": 500, "techblog.paste.format": "gif" }');
      const bad = pasteSettingsOf((await readSiteSettings(site)).values, JEKYLL);
      assert.deepEqual([bad.settings.image.quality, bad.settings.image.format], [80, 'keep']);
      assert.equal(bad.problems.length, 2);

      fs.writeFileSync(path.join(ws, '.vscode/settings.json'), '{ "techblog.paste.format": ');
      const broken = await readSiteSettings(site);
      assert.deepEqual(broken.values, {});
      assert.match(broken.problems[0], /settings\.json: .*its settings are not used/);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  test('techblog images optimise: the settings decide format, width and folder; flags override them', TIMEOUT, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-images-settings-'));
    try {
      const png = await new NodeImageCodecs().encode('png', screenshotPixels(240, 150), 100);
      fs.writeFileSync(path.join(dir, '_config.yml'), 'title: Settings\n');
      for (const folder of ['pics', 'images', '_posts', '.vscode']) fs.mkdirSync(path.join(dir, folder));
      fs.writeFileSync(path.join(dir, 'pics/shot.png'), png);
      fs.writeFileSync(path.join(dir, 'images/other.png'), png);
      fs.writeFileSync(path.join(dir, '_posts/2024-05-01-shot.md'), '---\nlayout: post\ntitle: Shot\n---\n\n![a](/pics/shot.png)\n');
      fs.writeFileSync(path.join(dir, '.vscode/settings.json'), SETTINGS);

      const run = async (...flags: string[]) => {
        const io = capture(dir);
        assert.equal(await main(['images', 'optimise', '--dry-run', '--format', 'json', ...flags], io), 0, io.stderr.join('\n'));
        return { report: JSON.parse(io.stdout.join('\n')), stderr: io.stderr.join('\n') };
      };
      const { report } = await run();
      assert.equal(report.settings, path.join(dir, '.vscode', 'settings.json'));
      assert.equal(report.imagesFolder, 'pics');
      assert.deepEqual(report.options, { format: 'webp', quality: 80, maxWidth: 120, stripMetadata: 'always', optimizePng: true });
      assert.deepEqual(report.changes.map((c: { rel: string; newRel: string }) => [c.rel, c.newRel]), [['pics/shot.png', 'pics/shot.webp']]);
      assert.deepEqual(report.links, [{ file: '_posts/2024-05-01-shot.md', edits: 1 }]);

      const flagged = await run('--to', 'avif', '--quality', '50', '--max-width', '0');
      assert.deepEqual(flagged.report.options, { format: 'avif', quality: 50, maxWidth: 0, stripMetadata: 'always', optimizePng: true });
      assert.deepEqual(flagged.report.changes.map((c: { newRel: string }) => c.newRel), ['pics/shot.avif']);

      fs.writeFileSync(path.join(dir, '.vscode/settings.json'), '{ "techblog.paste.format": "gif" }');
      const warned = await run();
      assert.match(warned.stderr, /warning: techblog\.paste\.format must be one of keep, png, webp, avif, jpeg; using "keep"/);
      assert.equal(warned.report.options.format, 'keep');
      assert.equal(warned.report.imagesFolder, 'images', 'no imagesFolder setting: the site layout\'s images folder');
      assert.equal(fs.readFileSync(path.join(dir, 'pics/shot.png')).length, png.length, 'dry runs write nothing');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
