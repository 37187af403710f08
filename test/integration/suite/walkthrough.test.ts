// The "Get Started with TechBlog" walkthrough: every button is a registered command, and each does
// its step on the open blog (here the throwaway copy of the sample blog).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, eventually, sampleBlog } from '../util/workspace';

interface Step { id: string; title: string; description: string; media: { image?: string; altText?: string } }

describe('Walkthrough (real VS Code, sample blog)', function () {
  this.timeout(60_000);
  const ext = () => vscode.extensions.getExtension(EXTENSION_ID)!;

  before(async () => {
    await eventually(() => ext()?.isActive, 'activation');
  });

  afterEach(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('has four steps (open, paste, preview, fix), each with a button that is a registered command and an image that ships', async () => {
    const [w] = ext().packageJSON.contributes.walkthroughs as { id: string; steps: Step[] }[];
    assert.deepEqual(w.steps.map((s) => s.id), ['openBlog', 'paste', 'preview', 'fix']);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const s of w.steps) {
      const links = [...s.description.matchAll(/\(command:([\w.]+)\)/g)].map((m) => m[1]);
      assert.ok(links.length >= 1, `${s.id} has a button`);
      for (const c of links) assert.ok(registered.has(c), `${s.id}: ${c} is registered`);
      assert.ok(s.media.image && s.media.altText, `${s.id} has an image with alt text`);
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(ext().extensionUri, s.media.image));
    }
  });

  it('"Open a Post" opens the newest post of the blog when no post is open', async () => {
    await vscode.commands.executeCommand('techblog.walkthrough.openPost');
    const names = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(sampleBlog(), '_posts')))
      .map(([n]) => n).filter((n) => /\.md$/.test(n)).sort();
    const editor = await eventually(() => vscode.window.activeTextEditor, 'an editor');
    assert.equal(editor.document.uri.path, vscode.Uri.joinPath(sampleBlog(), '_posts', names[names.length - 1]).path);
  });

  it('"Paste a Screenshot" with text on the clipboard says so and pastes nothing into the post', async () => {
    await vscode.env.clipboard.writeText('not a picture');
    await vscode.commands.executeCommand('techblog.walkthrough.pasteScreenshot');
    await new Promise((r) => setTimeout(r, 500));
    const dirty = vscode.workspace.textDocuments.filter((d) => d.isDirty && d.uri.scheme === 'file');
    assert.deepEqual(dirty.map((d) => d.uri.path), []);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.getText().includes('not a picture')));
  });

  it('"Check All Posts and Fix One" puts the cursor on a TechBlog problem in a post', async () => {
    await vscode.commands.executeCommand('techblog.walkthrough.fixWarning');
    const editor = await eventually(() => vscode.window.activeTextEditor, 'an editor on a problem');
    const problems = vscode.languages.getDiagnostics(editor.document.uri).filter((d) => d.source === 'TechBlog');
    assert.ok(problems.some((d) => d.range.contains(editor.selection.active)), `cursor ${editor.selection.active.line}:${editor.selection.active.character} is on a problem of ${editor.document.uri.path}`);
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  it('"Open the Preview" opens a post with the TechBlog preview beside it', async () => {
    await vscode.commands.executeCommand('techblog.walkthrough.openPreview');
    await eventually(() => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
      .some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('techblog.preview')), 'a preview tab');
    assert.ok(vscode.window.visibleTextEditors.some((e) => e.document.languageId === 'markdown'));
  });
});
