// Restricted Mode (issue 12) in a real VS Code that does not trust the folder: front-matter checks and
// paste work with the user's settings only, the preview shows content mode with one notice, and the
// workspace's values of the restricted settings (.vscode/settings.json of the fixture) are ignored.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ImagePasteProvider } from '../../../src/host/paste/imagePasteProvider';
import { PreviewManager } from '../../../src/host/preview/previewManager';
import type { PreviewPanel, PreviewPatch } from '../../../src/host/preview/previewPanel';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';
import { checked, EXTENSION_ID, eventually, openPost, sampleBlog } from '../util/workspace';

const STRANGER = '_posts/2024-02-02-stranger.md';
// A 1×1 PNG.
const PNG = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64'));
const exists = (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);

class ClipboardFile extends vscode.DataTransferItem {
  constructor(private readonly bytes: Uint8Array) { super(''); }
  override asFile(): vscode.DataTransferFile {
    return { name: 'image.png', uri: undefined, data: async () => this.bytes };
  }
}

describe('Restricted Mode (real VS Code, folder not trusted)', function () {
  this.timeout(180_000);
  let log: vscode.LogOutputChannel;
  let sites: WorkspaceSites;

  before(async () => {
    await eventually(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'activation', 30_000);
    log = vscode.window.createOutputChannel('TechBlog restricted tests', { log: true });
    sites = new WorkspaceSites(log);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    sites.dispose();
    log.dispose();
  });

  it('the launch is untrusted: workspace.isTrusted is false', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite must run in Restricted Mode (run-tests.mjs --restricted)');
  });

  it('the workspace\'s values of restricted settings are ignored; an unrestricted one applies (the file is read)', () => {
    const c = vscode.workspace.getConfiguration('techblog');
    assert.equal(c.get('preview.scrollSync'), false, 'the fixture\'s .vscode/settings.json is in effect for unrestricted keys');
    assert.equal(c.get('paste.destination'), '${siteRoot}/images/${year}/image-${timestamp}.${ext}');
    assert.deepEqual(c.get('paste.rules'), []);
    assert.equal(c.get('paste.imagesFolder'), 'images');
    assert.equal(c.get('newPost.template'), '');
    assert.equal(c.get('preview.allowEmbeds'), false);
    assert.equal(c.get('preview.siteScripts'), false);
  });

  it('front-matter checks still run: the stranger\'s post gets its duplicate-key problem', async () => {
    const editor = await openPost(STRANGER);
    const problems = await checked(editor.document.uri, undefined, 30_000);
    const codes = problems.map((d) => (typeof d.code === 'object' ? d.code.value : d.code));
    assert.ok(codes.includes('duplicate-key'), `duplicate-key among ${codes.join(', ')}`);
  });

  it('paste writes the image where the USER default says (images/<year>/), not the workspace\'s destination or rules', async () => {
    const provider = new ImagePasteProvider(sites, log);
    try {
      const editor = await openPost(STRANGER);
      const doc = editor.document;
      const dt = new vscode.DataTransfer();
      dt.set('image/png', new ClipboardFile(PNG));
      const line = doc.lineCount - 1;
      const edits = await provider.provideDocumentPasteEdits(doc, [new vscode.Range(line, 0, line, 0)], dt,
        { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic }, new vscode.CancellationTokenSource().token);
      assert.ok(edits?.length && edits[0].additionalEdit, 'the provider offers a paste edit');
      assert.ok(await vscode.workspace.applyEdit(edits[0].additionalEdit), 'the paste edit applies in Restricted Mode');
      const link = /!\[[^\]]*\]\(([^)]+)\)/.exec(doc.lineAt(line).text)?.[1];
      assert.ok(link, `a link was inserted: ${doc.lineAt(line).text}`);
      assert.match(link, new RegExp(`^\\.\\./images/${new Date().getFullYear()}/image-\\d{17}\\.png$`));
      const file = vscode.Uri.joinPath(doc.uri, '..', link);
      assert.ok(Buffer.from(await vscode.workspace.fs.readFile(file)).equals(Buffer.from(PNG)), `${file.path} holds the pasted bytes`);
      for (const folder of ['stranger-destination', 'stranger-rules', 'stranger-images']) {
        assert.equal(await exists(vscode.Uri.joinPath(sampleBlog(), folder)), false, `nothing written under ${folder}/`);
      }
      await vscode.commands.executeCommand('undo');
    } finally {
      provider.dispose();
    }
  });

  it('writes other than paste are refused: New Post creates no file', async () => {
    const before = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(sampleBlog(), '_posts'))).map(([n]) => n).sort();
    const made = await vscode.commands.executeCommand<vscode.Uri | undefined>('techblog.newPost', { title: 'Restricted post', tags: [], category: '' });
    assert.equal(made, undefined);
    const after = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(sampleBlog(), '_posts'))).map(([n]) => n).sort();
    assert.deepEqual(after, before);
  });

  describe('the preview', () => {
    let manager: PreviewManager;
    const patches: PreviewPatch[] = [];

    before(() => {
      manager = new PreviewManager(sites, vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, log);
      manager.onDidPatch((p) => patches.push(p));
    });
    after(() => manager.dispose());

    it('content mode: the post\'s Markdown only, no include, no Liquid loop, no layout, bundled CSS, no embed, one notice with a Manage Workspace Trust button', async () => {
      const editor = await openPost(STRANGER);
      const preview: PreviewPanel = manager.open(editor.document.uri, { toSide: true });
      // Up to 60 s: see FIRST_RENDER_MS in suite/preview.test.ts (web workbench service worker).
      await eventually(() => patches.some((p) => p.panel === preview), 'the webview to show the first rendering', 60_000);
      const shown = preview.shown!;
      assert.equal(shown.mode, 'content');
      assert.match(shown.body, /Plain <strong>Markdown<\/strong> still renders\./);
      assert.doesNotMatch(shown.body, /STRANGER-INCLUDE-RAN/);
      assert.doesNotMatch(shown.body, /LIQUID-LOOP-1/);
      assert.match(shown.body, /\{% include stranger\.html %\}/, 'the Liquid shows as text');
      assert.doesNotMatch(shown.body, /class="site-header"/, 'no layout');
      assert.doesNotMatch(shown.body, /<iframe/, 'the workspace\'s allowEmbeds is ignored');
      const fallback = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, 'media', 'theme', 'fallback.css')));
      assert.deepEqual(shown.css, [fallback], 'the bundled theme only (no Sass, no site CSS)');
      const restrictedNotices = shown.notices.filter((n) => /Restricted Mode/.test(n));
      assert.equal(restrictedNotices.length, 1, `one Restricted Mode notice: ${shown.notices.join(' | ')}`);
      assert.match(shown.notices[0], /Restricted Mode/, 'it comes first');
      assert.deepEqual(shown.actions.map((a) => a.id), ['manageTrust']);
      const html = preview.panel.webview.html;
      const csp = /content="([^"]*default-src[^"]*)"/.exec(html)?.[1].replace(/&#39;/g, "'") ?? '';
      assert.match(csp, /frame-src 'none'/);
      assert.match(csp, /script-src 'nonce-[^';]+';/, 'no site script source');
    });
  });
});
