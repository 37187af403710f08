// image-alt-default in a real VS Code: the info on the generated name, and its quick fix, which asks.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { eventually, quickFixes, sampleBlog } from '../util/workspace';

const POST = '_posts/2024-02-01-alt-text-fix.md';
const LINE = '![image-20240201101010101](../images/2021/image-20210314213045120.png)';
const TEXT = `---\nlayout: post\ntitle: Alt text\n---\n\n${LINE}\n`;
const uri = () => vscode.Uri.joinPath(sampleBlog(), POST);
const rule = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const altDiagnostics = () => vscode.languages.getDiagnostics(uri()).filter((d) => d.source === 'TechBlog' && rule(d) === 'image-alt-default');

describe('image-alt-default and its quick fix', function () {
  this.timeout(120_000);

  before(async () => {
    await vscode.workspace.fs.writeFile(uri(), new TextEncoder().encode(TEXT));
  });
  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(uri()).then(undefined, () => undefined);
  });

  it('marks the generated alt as info; the quick fix asks, Escape keeps the name, an answer replaces it escaped', async () => {
    const doc = await vscode.workspace.openTextDocument(uri());
    await vscode.window.showTextDocument(doc);
    const [d] = await eventually(() => { const ds = altDiagnostics(); return ds.length === 1 ? ds : undefined; }, 'one image-alt-default', 30_000);
    assert.equal(doc.getText(d.range), 'image-20240201101010101');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual(vscode.languages.getDiagnostics(uri()).filter((x) => x.source === 'TechBlog').map(rule), ['image-alt-default']);

    const actions = await quickFixes(uri(), d.range, (a) => a.title === 'Write alt text for this image…', 'the alt-text quick fix');
    const fix = actions.find((a) => a.title === 'Write alt text for this image…');
    assert.ok(fix?.command, actions.map((a) => a.title).join(', '));
    assert.equal(fix.edit, undefined, 'the fix edits only after asking');

    // The real input box: Escape (closing it) changes nothing.
    let settled = false;
    const asked = Promise.resolve(vscode.commands.executeCommand<boolean>(fix.command.command, ...(fix.command.arguments ?? []))).finally(() => { settled = true; });
    await eventually(async () => { await vscode.commands.executeCommand('workbench.action.closeQuickOpen'); return settled; }, 'the alt-text prompt to open and close', 30_000);
    assert.equal(await asked, false);
    assert.equal(doc.lineAt(5).text, LINE);

    // An answer (the command's test argument stands in for typing it) replaces the name, escaped for `[…]`.
    assert.equal(await vscode.commands.executeCommand<boolean>(fix.command.command, ...(fix.command.arguments ?? []), 'p99 latency [ms] *after* the fix'), true);
    assert.equal(doc.lineAt(5).text, '![p99 latency \\[ms\\] \\*after\\* the fix](../images/2021/image-20210314213045120.png)');
    await eventually(() => altDiagnostics().length === 0, 'the info gone after the fix', 30_000);
    await doc.save();
  });
});
