import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { EXTENSION_ID, eventually, openPost } from '../../util/workspace';

describe('The packaged .vsix (installed, not the development folder)', () => {
  it('is installed from the extensions folder and activates on the sample blog', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not installed`);
    const installedFrom = process.env.TECHBLOG_EXPECT_EXTENSIONS_DIR;
    assert.ok(installedFrom, 'the runner passes the extensions folder it installed into');
    assert.ok(path.resolve(ext.extensionPath).startsWith(path.resolve(installedFrom)), `loaded from ${ext.extensionPath}`);
    await eventually(() => ext.isActive, 'the installed extension to activate', 20_000);
  });

  it('ships its bundle, snippets and manifest, and no sources, tests or source maps', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const files = listFiles(ext.extensionPath);
    assert.ok(files.includes('dist/extension.js'), files.join(', '));
    assert.ok(!files.includes('dist/cli.js'), 'the command line ships on npm, not in the .vsix');
    assert.ok(files.includes('dist/sass.js'), 'Dart Sass, loaded when a site has .scss');
    assert.ok(files.includes('dist/renderWorker.js'), 'the preview\'s render worker (time and memory limits)');
    assert.ok(files.includes('dist/imageWorker.js'), 'the image worker (paste optimisation)');
    for (const wasm of ['webp_enc_simd.wasm', 'webp_dec.wasm', 'mozjpeg_enc.wasm', 'mozjpeg_dec.wasm', 'squoosh_png_bg.wasm', 'squoosh_oxipng_bg.wasm', 'squoosh_resize_bg.wasm', 'avif_enc.wasm', 'avif_dec.wasm']) {
      assert.ok(files.includes(`dist/wasm/${wasm}`), `the codec ${wasm}, shipped, never downloaded`);
    }
    for (const s of ext.packageJSON.contributes.snippets as { path: string }[]) assert.ok(files.includes(path.posix.normalize(s.path)), s.path);
    // The walkthrough's "Try the Sample Blog" copies examples/sample-blog: that folder ships, nothing else of examples/.
    const leaked = files.filter((f) => /^(src|test|scripts|out)\//.test(f) || (/^examples\//.test(f) && !f.startsWith('examples/sample-blog/')) || f.endsWith('.map') || f.endsWith('.ts'));
    assert.deepEqual(leaked, []);
  });

  it('ships its Marketplace page: icon, README and CHANGELOG', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const files = listFiles(ext.extensionPath);
    const icon = ext.packageJSON.icon as string;
    assert.match(icon, /\.png$/, 'the Marketplace and Open VSX take a PNG icon');
    assert.ok(files.includes(icon), icon);
    assert.deepEqual([...fs.readFileSync(path.join(ext.extensionPath, icon)).subarray(1, 4)], [0x50, 0x4e, 0x47]);
    // vsce stores them as readme.md, changelog.md and LICENSE.txt: the Marketplace's Details and Changelog tabs.
    for (const f of ['readme.md', 'changelog.md', 'LICENSE.txt']) assert.ok(files.map((x) => x.toLowerCase()).includes(f.toLowerCase()), f);
  });

  it('ships the translations, the walkthrough images and the sample blog the walkthrough copies', () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    const files = listFiles(ext.extensionPath);
    for (const f of ['package.nls.json', 'package.nls.zh-tw.json', 'l10n/bundle.l10n.json', 'l10n/bundle.l10n.zh-tw.json', 'examples/sample-blog/_config.yml']) assert.ok(files.includes(f), f);
    assert.ok(files.filter((f) => /^examples\/sample-blog\/_posts\/.+\.md$/.test(f)).length >= 6, 'the sample posts');
    assert.ok(files.some((f) => /^examples\/sample-blog\/images\/\d{4}\/.+\.png$/.test(f)), 'the sample screenshots');
    for (const step of (ext.packageJSON.contributes.walkthroughs as { steps: { media: { image: string } }[] }[])[0].steps) assert.ok(files.includes(step.media.image), step.media.image);
  });

  it('runs a contributed command from the installed bundle', async () => {
    const infos = await vscode.commands.executeCommand<{ title: string }[]>('techblog.showSiteInfo');
    assert.equal(infos[0]?.title, 'Gopher 與 Pod 的筆記本');
  });
});

describe('The packaged preview, loaded on first use', () => {
  it('ships dist/preview.js apart from the activation bundle, and the preview command loads it: a preview tab opens', async function () {
    this.timeout(60_000);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    assert.ok(listFiles(ext.extensionPath).includes('dist/preview.js'), 'the preview bundle');
    await openPost('_posts/2021-03-14-go-context-cancellation.md');
    await vscode.commands.executeCommand('techblog.openPreview');
    const tab = await eventually(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .find((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('techblog.preview') && t.label.includes('2021-03-14-go-context-cancellation.md')), 'the preview tab of the post', 30_000);
    assert.ok(tab.isActive, 'the preview is the active tab');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });
});

function listFiles(root: string, dir = ''): string[] {
  return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = dir ? `${dir}/${e.name}` : e.name;
    return e.isDirectory() ? listFiles(root, rel) : [rel];
  });
}
