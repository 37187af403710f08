import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { backgroundChecked, backgroundState, checked, checkedUntil, eventually, openPost, quickFixes, sampleBlog, techblogDiagnostics } from '../util/workspace';

const SEED_SHAPED = '_posts/2021-09-03-otel-collector-first-look.md';
const CLEAN = '_posts/2021-03-14-go-context-cancellation.md';

const rule = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const show = (ds: vscode.Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${rule(d)} ${d.message}`).join('\n');

/** The diagnostics of the editor's current text (its check's "checked" event), expecting `count` of them. */
async function diagnosticsOf(editor: vscode.TextEditor, count: number): Promise<vscode.Diagnostic[]> {
  const ds = await checked(editor.document.uri, editor.document.version);
  assert.equal(ds.length, count, `${count} TechBlog diagnostics on ${editor.document.fileName}; got:\n${show(ds)}`);
  return ds;
}

/** Back to the file on disk, and its check published (the next test sees the disk's problems). */
async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
  assert.equal(editor.document.isDirty, false, `${editor.document.fileName} reverted`);
  await checked(editor.document.uri, editor.document.version);
}

describe('Front-matter validation in the editor', function () {
  // The first test also waits for the extension host and the site's index (a loaded machine: minutes).
  this.timeout(120_000);

  it('flags exactly the two defects of a seed-shaped post, at the value', async () => {
    const editor = await openPost(SEED_SHAPED);
    const ds = await diagnosticsOf(editor, 2);
    const doc = editor.document;
    const [empty, tag] = ds.sort((a, b) => a.range.start.line - b.range.start.line);
    assert.equal(rule(empty), 'empty-value', show(ds));
    assert.equal(doc.lineAt(empty.range.start.line).text, 'description: ""');
    assert.equal(doc.getText(empty.range), '""');
    assert.equal(empty.severity, vscode.DiagnosticSeverity.Warning);
    assert.equal(rule(tag), 'tag-whitespace', show(ds));
    assert.match(doc.getText(tag.range), /^"? observability"?$/);
    // The rule id links to its explanation in the README shipped with the extension.
    assert.ok(typeof tag.code === 'object' && /README\.md$/i.test(tag.code.target.path), JSON.stringify(tag.code));
  });

  it('flags nothing on a clean post', async () => {
    const editor = await openPost(CLEAN);
    // The check of the edited text has been published (its "checked" event), and it found nothing.
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
    assert.deepEqual(show(await checked(editor.document.uri, editor.document.version)), '');
    await revert(editor);
  });

  it('re-checks while typing: breaking a tag adds a problem, fixing it removes it', async () => {
    const editor = await openPost(CLEAN);
    const doc = editor.document;
    const line = [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.startsWith('tags:'))!;
    const original = doc.lineAt(line).text;
    await editor.edit((e) => e.replace(doc.lineAt(line).range, 'tags: [go, " go "]'));
    const ds = await diagnosticsOf(editor, 2);
    assert.deepEqual(ds.map(rule).sort(), ['duplicate-tag', 'tag-whitespace']);
    await editor.edit((e) => e.replace(doc.lineAt(line).range, original));
    await diagnosticsOf(editor, 0);
    await revert(editor);
  });

  it('quick fix "trim" changes only the tag, keeping quotes and order', async () => {
    const editor = await openPost(SEED_SHAPED);
    const [, tag] = (await diagnosticsOf(editor, 2)).sort((a, b) => a.range.start.line - b.range.start.line);
    const actions = await quickFixes(editor.document.uri, tag.range, (a) => /trim/i.test(a.title), 'the trim quick fix');
    const trim = actions.find((a) => /trim/i.test(a.title));
    assert.ok(trim?.edit, `a quick fix for the tag; got: ${actions.map((a) => a.title).join(' | ')}`);
    const before = editor.document.getText();
    assert.ok(await vscode.workspace.applyEdit(trim.edit));
    const after = editor.document.getText();
    assert.equal(after, before.replace('tags: ["opentelemetry", " observability", "CloudNative"]', 'tags: ["opentelemetry", "observability", "CloudNative"]'));
    await diagnosticsOf(editor, 1);
    await revert(editor);
  });

  it('fix-all on save applies the safe fixes when the user turns it on', async () => {
    const config = vscode.workspace.getConfiguration('editor', { languageId: 'markdown' });
    await config.update('codeActionsOnSave', { 'source.fixAll.techblog': 'explicit' }, vscode.ConfigurationTarget.Workspace, true);
    const editor = await openPost('_posts/2022-09-10-terraform-state-mv.md');
    const before = editor.document.getText();
    try {
      assert.ok((await checked(editor.document.uri)).length >= 3, 'diagnostics on the terraform post');
      assert.match(before, /^published: "false"$/m);
      await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
      await editor.document.save();
      const after = editor.document.getText();
      assert.match(after, /^published: false$/m, 'the string "false" became a boolean');
      assert.doesNotMatch(after, /tags:.*terraform.*terraform/, 'the duplicate tag is gone');
      const remaining = await checked(editor.document.uri, editor.document.version);
      assert.ok(!remaining.some((d) => ['type-mismatch', 'duplicate-tag'].includes(rule(d))), show(remaining));
    } finally {
      await config.update('codeActionsOnSave', undefined, vscode.ConfigurationTarget.Workspace, true);
      // Put the post back as it was on disk for the suites that follow.
      await editor.edit((e) => e.replace(new vscode.Range(0, 0, editor.document.lineCount, 0), before));
      await editor.document.save();
    }
  });

  it('completes tags used elsewhere in the blog, most used first', async () => {
    const editor = await openPost(CLEAN);
    const doc = editor.document;
    const line = [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.startsWith('tags:'))!;
    await editor.edit((e) => e.replace(doc.lineAt(line).range, 'tags: [go, '));
    const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 'tags: [go, '.length));
    const labels = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Value).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    assert.ok(labels.includes('kubernetes') || labels.includes('observability'), labels.join(', '));
    assert.ok(!labels.includes('go'), 'a tag the post already has is not offered again');
    await revert(editor);
  });

  it('hover on a key explains it', async () => {
    const editor = await openPost(CLEAN);
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', editor.document.uri, new vscode.Position(3, 3));
    const text = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value))).join('\n');
    assert.match(text, /description/);
  });

  it('"Check All Posts" reports every deliberate defect of the sample blog and nothing on clean posts', async () => {
    const summary = await vscode.commands.executeCommand<{ files: number; errors: number; warnings: number }>('techblog.checkAllPosts');
    const defects = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(sampleBlog(), 'DEFECTS.json')))) as
      { defects: { file: string; rule: string }[]; cleanPosts: string[] };
    assert.ok(summary.files >= 11, JSON.stringify(summary));
    for (const file of new Set(defects.defects.map((d) => d.file))) {
      const got = techblogDiagnostics(vscode.Uri.joinPath(sampleBlog(), file)).map(rule).sort();
      const want = defects.defects.filter((d) => d.file === file).map((d) => d.rule).sort();
      assert.deepEqual(got, want, file);
    }
    for (const file of defects.cleanPosts) assert.deepEqual(show(techblogDiagnostics(vscode.Uri.joinPath(sampleBlog(), file))), '', file);
  });

  it('after "Check All Posts", a post written on disk is checked without being opened, and forgotten when deleted', async () => {
    await vscode.commands.executeCommand('techblog.checkAllPosts');
    const uri = vscode.Uri.joinPath(sampleBlog(), '_posts/2023-06-01-written-elsewhere.md');
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\nlayout: post\ntitle: "Written by git pull"\ndescription: ""\n---\n\nBody.\n'));
    const ds = await checkedUntil(uri, (d) => d.length > 0, 'diagnostics for the new file');
    assert.deepEqual(ds.map(rule), ['empty-value']);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file was never opened');
    await vscode.workspace.fs.delete(uri);
    await checkedUntil(uri, (d) => d.length === 0, 'its diagnostics to go');
  });

  it('a site\'s techblog.schema.json adds its own requirements, and removing it takes them away', async () => {
    const editor = await openPost('_posts/2022-06-12-prometheus-histogram-buckets.md');
    assert.ok((await checked(editor.document.uri)).length >= 3, 'the usual diagnostics');
    assert.ok(!techblogDiagnostics(editor.document.uri).some((d) => rule(d) === 'required-key'));
    const schemaFile = vscode.Uri.joinPath(sampleBlog(), 'techblog.schema.json');
    await vscode.workspace.fs.writeFile(schemaFile, new TextEncoder().encode(JSON.stringify({ posts: { required: ['description'] } })));
    try {
      const ds = (await checkedUntil(editor.document.uri, (d) => d.some((x) => rule(x) === 'required-key'), 'required-key from the site schema')).filter((x) => rule(x) === 'required-key');
      assert.match(ds[0].message, /description/);
    } finally {
      await vscode.workspace.fs.delete(schemaFile);
    }
    await checkedUntil(editor.document.uri, (d) => !d.some((x) => rule(x) === 'required-key'), 'the requirement to go with the file');
  });
});

describe('The background check: problems of every post without a command (issue 14)', function () {
  this.timeout(180_000);
  const at = (rel: string) => vscode.Uri.joinPath(sampleBlog(), rel);
  const validation = () => vscode.workspace.getConfiguration('techblog.validation');
  let defects: { defects: { file: string; rule: string }[]; cleanPosts: string[] };
  const defective = () => [...new Set(defects.defects.map((d) => d.file))];
  // Closed: no TextDocument (VS Code keeps a document a while after its editor closes; it counts as open).
  const isOpen = (file: string) => vscode.workspace.textDocuments.some((d) => d.uri.toString() === at(file).toString());
  const closedDefective = () => {
    const closed = defective().filter((f) => !isOpen(f));
    assert.ok(closed.length > 0, 'at least one defective post is closed');
    return closed;
  };
  const rulesOf = (file: string) => techblogDiagnostics(at(file)).map(rule).sort();
  const want = (file: string) => defects.defects.filter((d) => d.file === file).map((d) => d.rule).sort();

  /** Sets `techblog.validation.scope` and waits for the background run it starts (its "finished" event). */
  async function setScope(scope: 'workspace' | 'open' | undefined) {
    const { runs } = await backgroundState();
    await validation().update('scope', scope, vscode.ConfigurationTarget.Workspace);
    return backgroundChecked(runs, scope ?? 'workspace');
  }

  before(async () => {
    defects = JSON.parse(new TextDecoder().decode(await vscode.workspace.fs.readFile(at('DEFECTS.json'))));
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await validation().update('scope', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('scope "open": only documents open in editors have problems; the closed defective posts have none', async () => {
    const open = await openPost(defective()[0]);
    await checked(open.document.uri);
    const summary = await setScope('open');
    assert.equal(summary.files, 0, JSON.stringify(summary));
    assert.deepEqual(rulesOf(defective()[0]), want(defective()[0]), 'the open post keeps its problems');
    for (const file of closedDefective()) assert.deepEqual(rulesOf(file), [], `${file} is closed: no problems with scope "open"`);
  });

  it('scope "workspace" (the default): every defective post shows exactly its problems, closed, without any command; clean posts none', async () => {
    const closed = closedDefective();
    for (const file of closed) assert.deepEqual(rulesOf(file), [], `${file} starts without problems (scope "open", closed)`);
    const summary = await setScope(undefined);
    // Open documents are checked from their editors; the run checks the closed ones from disk.
    assert.ok(summary.files >= closed.length, JSON.stringify(summary));
    for (const file of closed) assert.ok(!isOpen(file), `${file} was not opened`);
    for (const file of defective()) assert.deepEqual(rulesOf(file), want(file), file);
    for (const file of defects.cleanPosts) assert.deepEqual(show(techblogDiagnostics(at(file))), '', file);
  });

  it('typing defers it: while the user types, no closed post is checked; once typing stops it completes', async () => {
    await setScope('open');
    const closed = closedDefective();
    for (const file of closed) assert.deepEqual(rulesOf(file), [], file);
    const editor = await openPost(defects.cleanPosts[0]);
    // A user typing ten characters a second (the pace of a person, not a wait for a result) until told to stop.
    let typing = true;
    const typeOne = () => editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), 'x'));
    await typeOne();
    const typist = (async () => { while (typing) { await typeOne(); await new Promise((r) => setTimeout(r, 100)); } })();
    const { runs } = await backgroundState();
    const finished = backgroundChecked(runs, 'workspace');
    finished.catch(() => undefined); // awaited below, unless an assertion fails first
    try {
      await validation().update('scope', undefined, vscode.ConfigurationTarget.Workspace);
      // The run started after the typing began: it waits before its first post.
      const state = await eventually(async () => { const s = await backgroundState(); return s.runs === runs && s.running && s.paused && s; }, 'the background run waiting for the typing to stop', 60_000);
      assert.equal(state.done, 0, JSON.stringify(state));
      for (const file of closed) assert.deepEqual(rulesOf(file), [], `${file} was not checked while the user typed`);
    } finally {
      typing = false;
      await typist;
    }
    const summary = await finished;
    assert.ok(summary.pauses >= 1, JSON.stringify(summary));
    for (const file of defective()) assert.deepEqual(rulesOf(file), want(file), file);
    await revert(editor);
  });
});
