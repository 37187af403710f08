// Image optimisation on paste (issue 15) in a real VS Code, on the throwaway copy of the sample blog:
// the site sets `techblog.paste.format: webp`, a screenshot PNG is pasted through the provider class
// the extension registers, with the extension's own image worker (dist/imageWorker.js and its
// dist/wasm codecs), and the edit is applied as VS Code's paste controller applies it.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { sniffFormat } from '../../../src/core/images/container';
import { createImageOptimiser } from '../../../src/host/images/imageOptimiser';
import { asPastedEditKind, ImagePasteProvider, pasteEditKinds } from '../../../src/host/paste/imagePasteProvider';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';
import { plainPng, screenshotPixels } from '../../unit/images/imageFixtures';
import type { OptimiseImagesReport } from '../../../src/host/images/optimiseImagesCommand';
import { EXTENSION_ID, eventually, sampleBlog } from '../util/workspace';

const screenshotPng = (width: number, height: number) => plainPng(screenshotPixels(width, height));

class FileItem extends vscode.DataTransferItem {
  constructor(private readonly bytes: Uint8Array, private readonly name: string) {
    super('');
  }
  override asFile(): vscode.DataTransferFile {
    return { name: this.name, uri: undefined, data: async () => this.bytes };
  }
}

const never = new vscode.CancellationTokenSource().token;
const automatic: vscode.DocumentPasteEditContext = { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic };

describe('Image optimisation on paste (real VS Code, sample blog, format: webp)', function () {
  this.timeout(300_000);
  const created: vscode.Uri[] = [];
  let log: vscode.LogOutputChannel;
  let sites: WorkspaceSites;
  let optimiser: ReturnType<typeof createImageOptimiser>;
  let provider: ImagePasteProvider;
  const config = () => vscode.workspace.getConfiguration('techblog.paste');

  before(async () => {
    log = vscode.window.createOutputChannel('TechBlog image tests', { log: true });
    sites = new WorkspaceSites(log);
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    optimiser = createImageOptimiser(ext.extensionUri, log);
    assert.ok(optimiser, 'the extension ships dist/imageWorker.js');
    provider = new ImagePasteProvider(sites, log, { optimiser });
    await config().update('format', 'webp', vscode.ConfigurationTarget.Workspace);
  });

  after(async () => {
    await config().update('format', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    provider.dispose();
    optimiser?.dispose();
    sites.dispose();
    log.dispose();
  });

  it('a pasted screenshot is saved as images/<year>/image-<timestamp>.webp and linked; "as pasted" is the other choice', async () => {
    const post = vscode.Uri.joinPath(sampleBlog(), '_posts', '2024-07-01-webp-paste.md');
    await vscode.workspace.fs.writeFile(post, new TextEncoder().encode('---\nlayout: post\ntitle: "WebP paste"\n---\n\nText.\n'));
    created.push(post);
    const doc = await vscode.workspace.openTextDocument(post);
    await vscode.window.showTextDocument(doc);
    const png = screenshotPng(1280, 800);
    const dt = new vscode.DataTransfer();
    dt.set('image/png', new FileItem(png, 'image.png'));

    const edits = await provider.provideDocumentPasteEdits(doc, [new vscode.Range(6, 0, 6, 0)], dt, automatic, never);
    assert.ok(edits?.length, 'the provider offers paste edits');
    assert.equal(edits[0].kind.value, pasteEditKinds.relative.value, 'the optimised image is what Ctrl+V applies');
    assert.match(edits[0].title, /^Save optimised WebP \(\d+(\.\d)? KB, −\d+ %\) and insert link/);
    const original = edits.find((e) => e.kind.value === asPastedEditKind.value);
    assert.ok(original, `an "as pasted" choice among ${edits.map((e) => e.title).join(' | ')}`);
    assert.match(original.title, /as pasted \(\d+(\.\d)? (KB|MB)\)/);

    assert.ok(await vscode.workspace.applyEdit(edits[0].additionalEdit!));
    const line = doc.lineAt(6).text;
    const m = /^!\[image-(\d{17})\]\(\.\.\/images\/(\d{4})\/image-\1\.webp\)$/.exec(line);
    assert.ok(m, `a Typora-style link to a .webp: ${line}`);
    const image = vscode.Uri.joinPath(doc.uri, '..', '..', 'images', m[2], `image-${m[1]}.webp`);
    created.push(image);
    const saved = await vscode.workspace.fs.readFile(image);
    assert.equal(sniffFormat(saved), 'webp', 'WebP bytes in the file');
    assert.ok(saved.byteLength * 2 < png.byteLength, `${saved.byteLength} B of WebP for ${png.byteLength} B of PNG`);
    // Nothing else was written: the "as pasted" PNG exists only if chosen.
    const pngTwin = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(image, '..'))).filter(([n]) => n.startsWith(`image-${m[1].slice(0, 14)}`) && n.endsWith('.png'));
    assert.deepEqual(pngTwin, []);
  });

  it('choosing "as pasted" saves the PNG bytes unchanged', async () => {
    const post = vscode.Uri.joinPath(sampleBlog(), '_posts', '2024-07-02-webp-as-pasted.md');
    await vscode.workspace.fs.writeFile(post, new TextEncoder().encode('---\nlayout: post\ntitle: "As pasted"\n---\n\nText.\n'));
    created.push(post);
    const doc = await vscode.workspace.openTextDocument(post);
    const png = screenshotPng(640, 400);
    const dt = new vscode.DataTransfer();
    dt.set('image/png', new FileItem(png, 'image.png'));
    const edits = await provider.provideDocumentPasteEdits(doc, [new vscode.Range(6, 0, 6, 0)], dt, automatic, never);
    const original = edits?.find((e) => e.kind.value === asPastedEditKind.value);
    assert.ok(original);
    assert.ok(await vscode.workspace.applyEdit(original.additionalEdit!));
    const m = /\]\(\.\.\/(images\/\d{4}\/image-\d{17}\.png)\)$/.exec(doc.lineAt(6).text);
    assert.ok(m, doc.lineAt(6).text);
    const image = vscode.Uri.joinPath(sampleBlog(), m[1]);
    created.push(image);
    assert.deepEqual(Buffer.from(await vscode.workspace.fs.readFile(image)), Buffer.from(png));
  });

  it('"TechBlog: Optimise Images" converts an existing PNG to WebP, renames it and updates the post\'s link', async () => {
    const links = vscode.workspace.getConfiguration('techblog.links');
    await links.update('updateOnFileMove', 'always', vscode.ConfigurationTarget.Workspace);
    try {
      const folder = vscode.Uri.joinPath(sampleBlog(), 'images', 'optimise-test');
      const png = vscode.Uri.joinPath(folder, 'shot.png');
      await vscode.workspace.fs.writeFile(png, screenshotPng(800, 500));
      created.push(folder);
      const post = vscode.Uri.joinPath(sampleBlog(), '_posts', '2024-07-03-optimise-command.md');
      await vscode.workspace.fs.writeFile(post, new TextEncoder().encode('---\nlayout: post\ntitle: "Optimise"\n---\n\n![shot](/images/optimise-test/shot.png)\n'));
      created.push(post);
      const report = await vscode.commands.executeCommand<OptimiseImagesReport>('techblog.optimiseImages', { interactive: false, format: 'webp', under: 'images/optimise-test' });
      assert.ok(report, 'a report');
      assert.deepEqual(report.changed.map((c) => [c.from, c.to]), [['images/optimise-test/shot.png', 'images/optimise-test/shot.webp']]);
      assert.ok(report.saved > 0);
      const webp = vscode.Uri.joinPath(folder, 'shot.webp');
      assert.equal(sniffFormat(await vscode.workspace.fs.readFile(webp)), 'webp');
      assert.ok(!(await vscode.workspace.fs.stat(png).then(() => true, () => false)), 'the PNG is gone');
      await eventually(async () => new TextDecoder().decode(await vscode.workspace.fs.readFile(post)).includes('![shot](/images/optimise-test/shot.webp)') || (await vscode.workspace.openTextDocument(post)).getText().includes('shot.webp'),
        'the post links the .webp', 60_000);
    } finally {
      await links.update('updateOnFileMove', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });
});
