import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, openPost, sampleBlog } from '../util/workspace';

const SEED_SHAPED = '_posts/2021-09-03-otel-collector-first-look.md';
const CLEAN = '_posts/2021-03-14-go-context-cancellation.md';

function techblogDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'TechBlog');
}
const rule = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const show = (ds: vscode.Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${rule(d)} ${d.message}`).join('\n');

async function diagnosticsOf(editor: vscode.TextEditor, count: number): Promise<vscode.Diagnostic[]> {
  return eventually(() => { const ds = techblogDiagnostics(editor.document.uri); return ds.length === count ? ds : undefined; },
    `${count} TechBlog diagnostics on ${editor.document.fileName} (now: ${show(techblogDiagnostics(editor.document.uri))})`);
}

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

describe('Front-matter validation in the editor', () => {
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
    // Wait until the checker has run on it (a keystroke triggers a re-check), then expect none.
    await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
    await new Promise((r) => setTimeout(r, 600));
    assert.deepEqual(show(techblogDiagnostics(editor.document.uri)), '');
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
    const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, tag.range, vscode.CodeActionKind.QuickFix.value);
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
      await eventually(() => techblogDiagnostics(editor.document.uri).length >= 3, 'diagnostics on the terraform post');
      assert.match(before, /^published: "false"$/m);
      await editor.edit((e) => e.insert(new vscode.Position(editor.document.lineCount, 0), '\n'));
      await editor.document.save();
      const after = editor.document.getText();
      assert.match(after, /^published: false$/m, 'the string "false" became a boolean');
      assert.doesNotMatch(after, /tags:.*terraform.*terraform/, 'the duplicate tag is gone');
      const remaining = await eventually(() => { const ds = techblogDiagnostics(editor.document.uri); return ds.some((d) => rule(d) === 'type-mismatch') ? undefined : ds; }, 'the fixed problems to go');
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
    const ds = await eventually(() => { const d = techblogDiagnostics(uri); return d.length ? d : undefined; }, 'diagnostics for the new file');
    assert.deepEqual(ds.map(rule), ['empty-value']);
    assert.ok(!vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString()), 'the file was never opened');
    await vscode.workspace.fs.delete(uri);
    await eventually(() => techblogDiagnostics(uri).length === 0, 'its diagnostics to go');
  });

  it('a site\'s techblog.schema.json adds its own requirements, and removing it takes them away', async () => {
    const editor = await openPost('_posts/2022-06-12-prometheus-histogram-buckets.md');
    await eventually(() => techblogDiagnostics(editor.document.uri).length >= 3, 'the usual diagnostics');
    assert.ok(!techblogDiagnostics(editor.document.uri).some((d) => rule(d) === 'required-key'));
    const schemaFile = vscode.Uri.joinPath(sampleBlog(), 'techblog.schema.json');
    await vscode.workspace.fs.writeFile(schemaFile, new TextEncoder().encode(JSON.stringify({ posts: { required: ['description'] } })));
    try {
      const ds = await eventually(() => { const d = techblogDiagnostics(editor.document.uri).filter((x) => rule(x) === 'required-key'); return d.length ? d : undefined; }, 'required-key from the site schema');
      assert.match(ds[0].message, /description/);
    } finally {
      await vscode.workspace.fs.delete(schemaFile);
    }
    await eventually(() => !techblogDiagnostics(editor.document.uri).some((d) => rule(d) === 'required-key'), 'the requirement to go with the file');
  });
});
