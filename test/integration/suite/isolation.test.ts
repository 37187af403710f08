// Isolation and limits (issue 12) in a real VS Code: a blog whose stylesheet never finishes compiling
// (a Sass `@while true`, written into the throwaway copy of the sample blog for this suite and removed
// afterwards). The preview renders it in the render worker; meanwhile the test types into another
// document and measures every edit's round trip: the extension host stays responsive. The render is
// stopped at techblog.preview.renderTimeoutSeconds with a notice naming Sass and the stylesheet, and
// once the stylesheet is fixed the next edit of the post renders in a fresh worker.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { RenderStopped } from '../../../src/core/protocol/renderWorkerMessages';
import { PreviewManager } from '../../../src/host/preview/previewManager';
import type { PreviewPatch } from '../../../src/host/preview/previewPanel';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';
import { EXTENSION_ID, eventually, sampleBlog } from '../util/workspace';

const BLOG = 'dos-blogs/sass-loop';
const POST = '_posts/2024-01-01-loop.md';
const TIMEOUT_S = 5;
/** Each edit of the other document must apply within this while the render runs (a frozen host takes the whole render). */
const EDIT_BOUND_MS = 1000;

describe('Isolation and limits: the render worker (real VS Code)', function () {
  this.timeout(240_000);
  const at = (rel: string) => vscode.Uri.joinPath(sampleBlog(), ...rel.split('/'));
  const write = (rel: string, text: string) => vscode.workspace.fs.writeFile(at(rel), new TextEncoder().encode(text));
  const settings = () => vscode.workspace.getConfiguration('techblog.preview');
  let log: vscode.LogOutputChannel;
  let sites: WorkspaceSites;
  let manager: PreviewManager;
  const patches: PreviewPatch[] = [];

  before(async () => {
    await eventually(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'activation');
    await write(`${BLOG}/_config.yml`, 'title: Sass loop\n');
    await write(`${BLOG}/_layouts/default.html`, '<!DOCTYPE html>\n<html><head><link rel="stylesheet" href="{{ \'/assets/main.css\' | relative_url }}"></head>\n<body><main>{{ content }}</main></body></html>\n');
    await write(`${BLOG}/assets/main.scss`, '---\n---\n$i: 0;\n@while true { $i: $i + 1; }\nbody { color: red; }\n');
    await write(`${BLOG}/${POST}`, '---\nlayout: default\ntitle: Loop\n---\nThe body of a post whose stylesheet never compiles.\n\n![shot](/images/it\'s-shot.png)\n');
    // A name VS Code's URIs encode (`'` → %27): the worker builds the image's webview URI from the folder's.
    await vscode.workspace.fs.writeFile(at(`${BLOG}/images/it's-shot.png`), Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64'));
    await settings().update('renderTimeoutSeconds', TIMEOUT_S, vscode.ConfigurationTarget.Global);
    log = vscode.window.createOutputChannel('TechBlog isolation tests', { log: true });
    sites = new WorkspaceSites(log);
    manager = new PreviewManager(sites, vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, log);
    manager.onDidPatch((p) => patches.push(p));
    await eventually(async () => (await sites.siteFor(at(`${BLOG}/${POST}`)))?.root.path.endsWith(BLOG), 'the loop blog found as a site', 20_000);
  });

  after(async () => {
    manager?.dispose();
    sites?.dispose();
    log?.dispose();
    await settings().update('renderTimeoutSeconds', undefined, vscode.ConfigurationTarget.Global);
    // Closing a changed editor would ask to save it and leave that dialog open for the next suites.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(at('dos-blogs'), { recursive: true, useTrash: false });
  });

  it('keeps the host responsive while a Sass @while true renders, stops it with a notice naming Sass and the stylesheet, and renders afresh after the fix', async () => {
    const post = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(at(`${BLOG}/${POST}`)));
    // Another document, typed into while the render runs: opened (and typed into once) before the preview.
    const other = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument({ language: 'plaintext', content: '' }), vscode.ViewColumn.One);
    assert.ok(await other.edit((b) => b.insert(new vscode.Position(0, 0), 'warm-up\n')));
    const preview = manager.open(post.document.uri, { toSide: true });
    let stopped: (RenderStopped & { notice: string }) | undefined;
    const stop = new Promise<RenderStopped & { notice: string }>((resolve) => preview.onDidStopRender((s) => { stopped ??= s; resolve(s); }));
    // Typing starts once the worker is in the stylesheet's loop (the panel's creation in the workbench is behind us).
    await new Promise<void>((resolve) => preview.onDidRenderProgress((p) => { if (p.step === 'sass') resolve(); }));
    // The extension host's own event loop: a timer's lateness (the host runs this test).
    let lag = 0;
    let tick = Date.now();
    const monitor = setInterval(() => { const now = Date.now(); lag = Math.max(lag, now - tick - 20); tick = now; }, 20);

    const latencies: number[] = [];
    let during = 0;
    const t0 = Date.now();
    while (!stopped || latencies.length < 20) {
      if (!stopped) during++;
      const start = Date.now();
      assert.ok(await other.edit((b) => b.insert(new vscode.Position(other.document.lineCount - 1, 0), `edit ${latencies.length}\n`)), 'the edit applies');
      latencies.push(Date.now() - start);
      if (Date.now() - t0 > 120_000) break;
      // Paced like typing, so the edits spread over the whole render.
      await new Promise((r) => setTimeout(r, 50));
    }
    const s = await stop;
    clearInterval(monitor);
    const max = Math.max(...latencies);
    const mean = latencies.reduce((a, b) => a + b, 0) / latencies.length;
    console.log(`    latencies: ${latencies.join(' ')}`);
    console.log(`    ${latencies.length} edits of another document, ${during} while the render ran (${s.elapsedMs} ms until stopped): max ${max} ms, mean ${mean.toFixed(1)} ms; extension host event-loop lag at most ${lag} ms`);
    assert.ok(latencies.length >= 20 && during >= 10, `${latencies.length} edits, ${during} of them while the render ran`);
    assert.ok(max < EDIT_BOUND_MS, `the slowest edit took ${max} ms`);
    assert.ok(lag < EDIT_BOUND_MS, `the extension host's event loop was blocked for ${lag} ms`);
    assert.equal(other.document.lineCount, latencies.length + 2, 'every edit is in the document');

    assert.equal(s.limit, 'time');
    assert.equal(s.step, 'sass');
    assert.equal(s.file, 'assets/main.scss');
    assert.ok(s.elapsedMs < TIMEOUT_S * 1000 + 3000, `stopped after ${s.elapsedMs} ms`);
    assert.match(s.notice, new RegExp(`Sass in assets/main\\.scss took longer than ${TIMEOUT_S} s`));
    // The webview shows it (the first render never finished: the notice stands over an empty page).
    await eventually(() => patches.some((p) => p.panel === preview) && preview.shown?.notices.includes(s.notice), 'the webview to show the limit notice', 60_000);

    // The stylesheet fixed, the next keystroke in the post renders in a fresh worker.
    await write(`${BLOG}/assets/main.scss`, '---\n---\n$c: #123456;\nbody { color: $c; }\n');
    const again = await vscode.window.showTextDocument(post.document, vscode.ViewColumn.One);
    assert.ok(await again.edit((b) => b.insert(new vscode.Position(again.document.lineCount - 1, 0), 'Typed after the fix.\n')));
    await eventually(() => preview.shown?.body.includes('Typed after the fix.') && preview.shown.css.some((c) => c.includes('#123456')), 'a fresh render with the fixed stylesheet', 60_000);
    assert.ok(!preview.shown!.notices.includes(s.notice), 'the limit notice is gone');
    const image = preview.panel.webview.asWebviewUri(at(`${BLOG}/images/it's-shot.png`)).toString();
    assert.ok(preview.shown!.body.includes(`src="${image}"`), `the image as ${image}: ${preview.shown!.body.slice(0, 600)}`);
    // Not asserted here: the loop written back into the compiled stylesheet. Whether the next render sees it
    // depends on the workspace file watcher's event reaching the worker first, which raced in CI (issue 12's note).
  });
});
