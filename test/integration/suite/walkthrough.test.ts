// The "Get Started with TechBlog" walkthrough: every button is a registered command, and each does
// its step on the open blog (here the throwaway copy of the sample blog).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ImagePasteProvider } from '../../../src/host/paste/imagePasteProvider';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';
import { WalkthroughProgress, walkthroughContextKeys, type WalkthroughStep } from '../../../src/host/walkthrough/walkthroughProgress';
import { EXTENSION_ID, eventually, quickFixes, sampleBlog } from '../util/workspace';

interface Step { id: string; title: string; description: string; media: { image?: string; altText?: string }; completionEvents?: string[] }

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
    // The command resolves with the message it showed, once it has decided: nothing of it runs later.
    const said = await vscode.commands.executeCommand<string | undefined>('techblog.walkthrough.pasteScreenshot');
    assert.match(said ?? '', /clipboard holds text, not a picture/);
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

// The steps tick however the user does them. VS Code ticks a step when one of its completionEvents
// happens; `onContext:<key>` is the one for gestures no command of ours sees (Ctrl+V, the light bulb,
// a keybinding, a restored panel). These tests watch the context keys a WalkthroughProgress sets while
// the user does each step another way than through the walkthrough's buttons.
describe('Walkthrough steps tick however they are done (real VS Code, sample blog)', function () {
  this.timeout(90_000);
  let set: string[];
  let progress: WalkthroughProgress;
  const ticked = (step: WalkthroughStep) => set.includes(walkthroughContextKeys[step]);

  beforeEach(async () => {
    await eventually(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'activation');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    set = [];
    progress = new WalkthroughProgress((key, value) => { if (value) set.push(key); });
  });

  afterEach(async () => {
    progress.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('each step that a gesture can complete lists its context key among its completionEvents', () => {
    const [w] = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON.contributes.walkthroughs as { steps: Step[] }[];
    for (const [step, key] of Object.entries(walkthroughContextKeys)) {
      const s = w.steps.find((x) => x.id === step);
      assert.ok(s, `a step ${step}`);
      assert.ok(s.completionEvents?.includes(`onContext:${key}`), `${step} completes on onContext:${key}: ${JSON.stringify(s.completionEvents)}`);
    }
  });

  it('"Preview": opening the preview with the command a keybinding runs (not the walkthrough\'s button) ticks it', async () => {
    const posts = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(sampleBlog(), '_posts'))).map(([n]) => n).filter((n) => n.endsWith('.md')).sort();
    await vscode.window.showTextDocument(vscode.Uri.joinPath(sampleBlog(), '_posts', posts[0]));
    assert.equal(ticked('preview'), false);
    await vscode.commands.executeCommand('techblog.openPreviewToSide');
    await eventually(() => ticked('preview'), 'the preview step\'s context key', 30_000);
    assert.deepEqual(progress.completed(), ['preview']);
  });

  it('"Fix a warning": a quick fix from the light bulb ticks it; an edit that adds a problem does not', async () => {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: '---\ntitle: Walkthrough\ntags: [" spaced"]\n---\n\nBody.\n' });
    const editor = await vscode.window.showTextDocument(doc);
    const techblog = () => vscode.languages.getDiagnostics(doc.uri).filter((d) => d.source === 'TechBlog');
    const trace: string[] = [];
    const tracing = vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === doc.uri.toString())) trace.push(`v${doc.version}:${techblog().length}`); });
    const first = await eventually(() => techblog().find((d) => (d.code as { value: string }).value === 'tag-whitespace'), 'the tag-whitespace problem');
    // Typing that adds a problem (a second tag with spaces) is no fix.
    const before = techblog().length;
    await editor.edit((e) => e.insert(new vscode.Position(2, 16), ', "two "'));
    await eventually(() => techblog().length > before, 'one more problem', 30_000);
    assert.equal(ticked('fix'), false);
    // The light bulb: VS Code asks the code action provider and applies the chosen fix's edit.
    const isFix = (a: vscode.CodeAction) => !!a.edit && (a.diagnostics?.some((d) => (d.code as { value: string }).value === 'tag-whitespace') || /Trim/.test(a.title));
    const actions = await quickFixes(doc.uri, first.range, isFix, 'the tag-whitespace quick fix');
    const fix = actions.find(isFix);
    assert.ok(fix?.edit, `a quick fix among ${actions.map((a) => a.title).join(' | ')}`);
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    await eventually(() => ticked('fix'), 'the fix step\'s context key', 30_000).catch((e: Error) => {
      throw new Error(`${e.message}; (version:problems) seen: ${trace.join(' ')}; applied: ${fix.title}; now: ${techblog().map((d) => d.message).join(' | ')}`);
    }).finally(() => tracing.dispose());
    assert.deepEqual(progress.completed(), ['fix']);
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  });

  it('"Fix a warning" follows what the user saw: checks published after the next edit still let the fix tick it; fewer problems without an edit does not', async () => {
    // Plain-text documents TechBlog does not check, and diagnostics published by hand in its name: the
    // order of publications and edits is the test's, as a busy or an idle machine may order them.
    const collection = vscode.languages.createDiagnosticCollection('walkthrough-test');
    const problem = (line: number) => Object.assign(new vscode.Diagnostic(new vscode.Range(line, 0, line, 1), `problem ${line}`), { source: 'TechBlog' });
    const open = async () => {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: 'one\n' }));
      const uri = editor.document.uri;
      return {
        /** Publishes `n` problems; the promise settles when VS Code has announced them. */
        publish: (n: number) => {
          const announced = new Promise<void>((resolve) => { const l = vscode.languages.onDidChangeDiagnostics((e) => { if (e.uris.some((u) => u.toString() === uri.toString())) { l.dispose(); resolve(); } }); });
          collection.set(uri, Array.from({ length: n }, (_, i) => problem(i)));
          return announced;
        },
        type: (text: string) => editor.edit((e) => e.insert(new vscode.Position(0, 0), text)),
      };
    };
    try {
      const a = await open();
      await a.publish(2);
      await a.publish(1);
      assert.equal(ticked('fix'), false, 'fewer problems without an edit (a layout appeared, a setting changed) is not the user fixing one');
      const b = await open();
      // An edit that adds a problem, before even the first check of the document is shown…
      await b.type('x');
      await b.publish(1);
      // …then that edit's check, shown right before the fix's edit (VS Code may announce it after the edit)…
      const late = b.publish(2);
      await b.type('y');
      await late;
      assert.equal(ticked('fix'), false, 'an edit that adds a problem');
      // …then the fix's own check.
      await b.publish(1);
      assert.equal(ticked('fix'), true, 'one problem fewer than shown just before the fix');
    } finally {
      collection.dispose();
      // Both documents are edited: revert them (closing would ask whether to save).
      for (let i = 0; i < 2; i++) await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('"Paste": an image pasted with Ctrl+V ticks it when the paste edit is applied, not when it is only offered', async () => {
    const log = vscode.window.createOutputChannel('TechBlog walkthrough tests', { log: true });
    const sites = new WorkspaceSites(log);
    const provider = new ImagePasteProvider(sites, log);
    const listening = provider.onDidApplyEdit(() => progress.pasted());
    const post = vscode.Uri.joinPath(sampleBlog(), '_posts', '2024-06-02-walkthrough-paste.md');
    const made: vscode.Uri[] = [post];
    try {
      await vscode.workspace.fs.writeFile(post, new TextEncoder().encode('---\nlayout: post\ntitle: "Walkthrough paste"\n---\n\nText.\n'));
      const doc = await vscode.workspace.openTextDocument(post);
      await vscode.window.showTextDocument(doc);
      // A 1×1 PNG of a colour no other test uses.
      const png = Uint8Array.from(Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR4nGP4z8DwHwAFAAH/iZk9HQAAAABJRU5ErkJggg==', 'base64'));
      const dt = new vscode.DataTransfer();
      dt.set('image/png', new (class extends vscode.DataTransferItem {
        override asFile(): vscode.DataTransferFile { return { name: 'image.png', uri: undefined, data: async () => png }; }
      })(''));
      const edits = await provider.provideDocumentPasteEdits(doc, [new vscode.Range(5, 0, 5, 0)], dt,
        { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic }, new vscode.CancellationTokenSource().token);
      assert.ok(edits?.[0]?.additionalEdit, 'a paste edit');
      assert.equal(ticked('paste'), false, 'offering an edit is not pasting');
      assert.ok(await vscode.workspace.applyEdit(edits[0].additionalEdit));
      const link = /\]\(([^)]+\.png)\)/.exec(doc.getText());
      if (link) made.push(vscode.Uri.joinPath(post, '..', decodeURIComponent(link[1])));
      await eventually(() => ticked('paste'), 'the paste step\'s context key', 30_000);
      assert.deepEqual(progress.completed(), ['paste']);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    } finally {
      listening.dispose();
      provider.dispose();
      sites.dispose();
      log.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of made) await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
    }
  });
});
