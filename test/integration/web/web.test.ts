// The web extension (package.json `browser`, dist/web/extension.js) in VS Code's web worker extension host, on a
// copy of the sample blog: what a github.dev / vscode.dev user sees — problems of a post, the quick fix and the
// completion, image paste writing the picture through workspace.fs, the preview (its bundle dist/web/preview.js
// run on first use, Liquid, kramdown, KaTeX, Dart Sass's browser build) — and the parts that need Node stay hidden.
// Same kind of assertions as the desktop suites (test/integration/suite/), without node: modules (no assert, no Buffer).
import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE } from '../../../src/core/protocol/previewMessages';
import { PostCatalog } from '../../../src/host/authoring/postCatalog';
import { SnippetCompletion } from '../../../src/host/authoring/snippetCompletion';
import { RuleDocs } from '../../../src/host/frontmatter/ruleDocs';
import { ImagePasteProvider } from '../../../src/host/paste/imagePasteProvider';
import { loadPreviewEntry } from '../../../src/host/preview/previewChunk';
import type { PreviewPanel } from '../../../src/host/preview/previewPanel';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';

const EXTENSION_ID = 'techblog.techblog';
const SEED_SHAPED = '_posts/2021-09-03-otel-collector-first-look.md';
const CLEAN = '_posts/2021-03-14-go-context-cancellation.md';

function ok(value: unknown, message: string): asserts value {
  if (!value) throw new Error(message);
}
function equal<T>(actual: T, expected: T, message = ''): void {
  if (actual !== expected) throw new Error(`${message}${message ? ': ' : ''}expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}
async function eventually<T>(check: () => T | undefined | false | Promise<T | undefined | false>, what: string, timeoutMs = 30_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const blog = () => { const f = vscode.workspace.workspaceFolders?.[0]; ok(f, 'the run opens the sample blog'); return f.uri; };
const openPost = async (rel: string) => vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(blog(), rel)));
const techblog = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'TechBlog');
const rule = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const show = (ds: vscode.Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1}:${d.range.start.character + 1} ${rule(d)}`).join(', ');
async function diagnosticsOf(editor: vscode.TextEditor, count: number): Promise<vscode.Diagnostic[]> {
  return eventually(() => { const ds = techblog(editor.document.uri); return ds.length === count ? ds : undefined; },
    `${count} TechBlog problems on ${editor.document.uri.path} (now: ${show(techblog(editor.document.uri))})`);
}
async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand('workbench.action.files.revert');
}

// A 4×3 RGBA PNG, written by a PNG encoder; base64, as the web host has no Buffer.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAMElEQVR4nBXIQREAMAgEsROGCOQgBxGIWFfbaZ5JghWc4AWTxmqcxusfi7U4i7f4AKRpHU3jSU7gAAAAAElFTkSuQmCC'), (c) => c.charCodeAt(0));

/**
 * Runs `fn` with the extension's files served over https, as vscode.dev and github.dev serve a web extension (from
 * the Marketplace's CDN, a scheme no file system provider serves): `fetch` of https://cdn.techblog.test/ext/<path>
 * answers with the extension's file <path>, any other URL fails. Gives `fn` that https extension URI.
 */
async function servedOverHttps<T>(extensionUri: vscode.Uri, fn: (uri: vscode.Uri, fetched: string[]) => Promise<T>): Promise<T> {
  const base = 'https://cdn.techblog.test/ext';
  const fetched: string[] = [];
  const realFetch = globalThis.fetch;
  globalThis.fetch = async (input: string | URL | Request) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(`${base}/`)) return new Response('not served here', { status: 404 });
    fetched.push(url.slice(base.length + 1));
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, url.slice(base.length + 1)));
    return new Response(new Uint8Array(bytes), { status: 200 });
  };
  try {
    return await fn(vscode.Uri.parse(base), fetched);
  } finally {
    globalThis.fetch = realFetch;
  }
}
const labelOf = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);

/** Defined by index.ts once mocha's browser build has set up its globals. */
export function webSuites(): void {
  describe('The web extension in the browser (web worker extension host)', function () {
    this.timeout(120_000);

    after(() => vscode.commands.executeCommand('workbench.action.closeAllEditors'));

    it('runs the browser entry without Node: the extension activates in a worker, with the preview, without theme downloads', async () => {
      equal(typeof (globalThis as { process?: unknown }).process, 'undefined', 'no Node `process` in the web worker extension host');
      // For CONTRIBUTING ("Where posts render"): whether this host could start a nested Web Worker at all.
      console.log(`[web] nested Web Worker constructor in the extension host: ${typeof (globalThis as { Worker?: unknown }).Worker}`);
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      ok(ext, `${EXTENSION_ID} is installed`);
      await openPost(CLEAN);
      await eventually(() => ext.isActive, 'the extension to activate on a Markdown file');
      const commands = await vscode.commands.getCommands(true);
      ok(commands.includes('techblog.newPost') && commands.includes('techblog.checkAllPosts'), 'New Post and Check All Posts are registered');
      ok(commands.includes('techblog.openPreview') && commands.includes('techblog.openPreviewToSide'), 'the preview commands are registered in the web bundle');
      ok(!commands.includes('techblog.downloadTheme') && !commands.includes('techblog.findUnusedImages'), 'theme downloads and Find Unused Images are not (hidden by `!techblog.web`)');
    });

    it('a front-matter check shows its problems on a defective post, at the value', async () => {
      const editor = await openPost(SEED_SHAPED);
      const ds = (await diagnosticsOf(editor, 2)).sort((a, b) => a.range.start.line - b.range.start.line);
      equal(rule(ds[0]), 'empty-value', show(ds));
      equal(editor.document.getText(ds[0].range), '""');
      equal(rule(ds[1]), 'tag-whitespace', show(ds));
    });

    it('the quick fix trims the tag and the problem goes away', async () => {
      const editor = await openPost(SEED_SHAPED);
      const [, tag] = (await diagnosticsOf(editor, 2)).sort((a, b) => a.range.start.line - b.range.start.line);
      const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', editor.document.uri, tag.range, vscode.CodeActionKind.QuickFix.value);
      const trim = actions.find((a) => /trim/i.test(a.title));
      ok(trim?.edit, `a quick fix for the tag; got: ${actions.map((a) => a.title).join(' | ')}`);
      ok(await vscode.workspace.applyEdit(trim.edit), 'the fix applies');
      ok(editor.document.getText().includes('tags: ["opentelemetry", "observability", "CloudNative"]'), editor.document.getText());
      await diagnosticsOf(editor, 1);
      await revert(editor);
    });

    it('a problem links to its rule\'s section of the README shipped with the extension (rule docs read through workspace.fs)', async () => {
      const editor = await openPost(SEED_SHAPED);
      const tag = (await diagnosticsOf(editor, 2)).find((d) => rule(d) === 'tag-whitespace');
      ok(tag && typeof tag.code === 'object', `a tag-whitespace problem with a link: ${show(techblog(editor.document.uri))}`);
      const target = tag.code.target;
      const line = Number(/^L(\d+)$/.exec(target.fragment)?.[1]);
      ok(line > 0, `the link opens the README at a line: ${target.toString()}`);
      const readme = new TextDecoder().decode(await vscode.workspace.fs.readFile(target.with({ fragment: '' }))).split('\n');
      ok(readme[line - 1]?.includes('<a id="rule-tag-whitespace">'), `line ${line} of ${target.path} is the rule's anchor: ${readme[line - 1]}`);
    });

    it('rule docs and snippets also load where the extension is served over https (vscode.dev: fetch, not workspace.fs)', async () => {
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      ok(ext, `${EXTENSION_ID} is installed`);
      const log = vscode.window.createOutputChannel('TechBlog web https test', { log: true });
      const sites = new WorkspaceSites(log);
      const catalog = new PostCatalog(sites, log);
      try {
        await servedOverHttps(ext.extensionUri, async (uri, fetched) => {
          const docs = new RuleDocs(uri);
          await docs.load();
          const target = docs.target('tag-whitespace');
          ok(target.scheme === 'https' && /^L\d+$/.test(target.fragment), `the rule's README line over https: ${target.toString()}`);
          const editor = await openPost(CLEAN);
          const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
          await editor.edit((e) => e.insert(end, '\n/'));
          const at = new vscode.Position(editor.document.lineCount - 1, 1);
          const items = await new SnippetCompletion(uri, catalog, log).provideCompletionItems(editor.document, at) ?? [];
          ok(items.some((i) => labelOf(i) === 'highlight') && items.every((i) => i.detail?.startsWith('TechBlog · ')), `the block snippets after "/": ${items.map(labelOf).join(', ')}`);
          ok(fetched.includes('README.md') && fetched.includes('snippets/markdown.code-snippets'), `both read by fetch: ${fetched.join(', ')}`);
          await revert(editor);
        });
      } finally {
        catalog.dispose();
        sites.dispose();
        log.dispose();
      }
    });

    it('"/" at the start of a line offers TechBlog\'s block snippets (read from the extension through workspace.fs)', async () => {
      const editor = await openPost(CLEAN);
      const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
      await editor.edit((e) => e.insert(end, '\n/'));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', editor.document.uri, new vscode.Position(editor.document.lineCount - 1, 1), '/');
      const ours = list.items.filter((i) => i.detail?.startsWith('TechBlog · '));
      ok(ours.some((i) => labelOf(i) === 'highlight') && ours.some((i) => labelOf(i) === 'raw'), `TechBlog's block snippets: ${list.items.map((i) => `${labelOf(i)} (${i.detail})`).join(', ')}`);
      const highlight = ours.find((i) => labelOf(i) === 'highlight');
      ok(highlight?.insertText instanceof vscode.SnippetString && highlight.insertText.value.includes('{% highlight'), `the highlight snippet's body: ${JSON.stringify(highlight?.insertText)}`);
      await revert(editor);
    });

    it('completes tags used elsewhere in the blog', async () => {
      const editor = await openPost(CLEAN);
      const doc = editor.document;
      const line = [...Array(doc.lineCount).keys()].find((i) => doc.lineAt(i).text.startsWith('tags:'));
      ok(line !== undefined, 'the clean post has a tags line');
      await editor.edit((e) => e.replace(doc.lineAt(line).range, 'tags: [go, '));
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, 'tags: [go, '.length));
      const labels = list.items.filter((i) => i.kind === vscode.CompletionItemKind.Value).map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
      ok(labels.includes('kubernetes') || labels.includes('observability'), labels.join(', '));
      ok(!labels.includes('go'), 'a tag the post already has is not offered again');
      await revert(editor);
    });

    it('New Post writes the post with its header through workspace.fs and opens it', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('techblog.newPost', { title: 'Written in the browser', tags: ['web'], category: '' });
      ok(uri, 'New Post returns the new file');
      try {
        ok(/\/_posts\/\d{4}-\d{2}-\d{2}-written-in-the-browser\.md$/.test(uri.path), uri.path);
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
        ok(text.startsWith('---\nlayout: post\ntitle: Written in the browser\n') && text.includes('tags: [web]\n'), text);
        equal(vscode.window.activeTextEditor?.document.uri.toString(), uri.toString(), 'the new post is the active editor');
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.workspace.fs.delete(uri).then(undefined, () => undefined);
      }
    });

    it('Open Preview loads the preview bundle on first use and opens the preview beside the post', async () => {
      const previewTabs = () => vscode.window.tabGroups.all.flatMap((g) => g.tabs)
        .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(PREVIEW_VIEW_TYPE));
      await openPost(CLEAN);
      await vscode.commands.executeCommand('techblog.openPreviewToSide');
      // The tab's label is the panel's title (set once the post is known).
      await eventually(() => previewTabs().length === 1 && /go-context-cancellation/.test(previewTabs()[0].label), `a preview tab naming the post (now: ${previewTabs().map((t) => t.label).join(', ')})`, 90_000);
      ok(await vscode.window.tabGroups.close(previewTabs()), 'the preview tab closes');
    });

    it('the preview DOM: Liquid, kramdown, KaTeX and the highlighter render on the web host, the site\'s Sass compiles with Dart Sass\'s browser build', async function () {
      this.timeout(240_000);
      const ext = vscode.extensions.getExtension(EXTENSION_ID);
      ok(ext, `${EXTENSION_ID} is installed`);
      const log = vscode.window.createOutputChannel('TechBlog web preview test', { log: true });
      const sites = new WorkspaceSites(log);
      // The bundle the extension runs on the first preview (dist/web/preview.js), loaded the same way.
      const entry = await loadPreviewEntry(ext.extensionUri);
      const made = entry.createPreviewManager(sites, ext.extensionUri, log);
      const patched = new Set<PreviewPanel>();
      made.manager.onDidPatch((p) => patched.add(p.panel));
      const post = vscode.Uri.joinPath(blog(), '_posts', '2024-06-02-web-preview.md');
      try {
        await vscode.workspace.fs.writeFile(post, new TextEncoder().encode([
          '---', 'layout: post', 'title: "Rendered in the browser"', 'tags: [web]', '---', '',
          'Shouting: {{ page.title | upcase }}', '', '$$', 'E = mc^2', '$$', '', 'A note.', '{: .note}', '',
          '{% highlight python %}', 'def answer():', '    return 42', '{% endhighlight %}', '',
        ].join('\n')));
        const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(post));
        const preview = made.manager.open(editor.document.uri, { toSide: true });
        // 90 s: the web workbench's webviews share one origin (see the desktop preview suite's FIRST_RENDER_MS).
        await eventually(() => patched.has(preview), 'the webview to show the first rendering', 90_000);
        const shown = preview.shown;
        ok(shown, 'the panel shows a page');
        equal(shown.mode, 'site', 'the post renders with the site\'s layouts');
        ok(shown.body.includes('Shouting: RENDERED IN THE BROWSER'), `Liquid output in the body: ${shown.body.slice(0, 600)}`);
        ok(/class="katex/.test(shown.body), `KaTeX math in the body: ${shown.body.slice(0, 600)}`);
        const near = (text: string) => shown.body.slice(Math.max(0, shown.body.indexOf(text) - 300), shown.body.indexOf(text) + 300);
        ok(/<p\b[^>]*class="note"[^>]*>\s*A note\./.test(shown.body), `the kramdown IAL in the body: ${near('A note')}`);
        ok(/<span class="\w+"[^>]*>def<\/span>/.test(shown.body), `highlighted code in the body: ${near('answer')}`);
        ok(/Rendered in the browser/.test(preview.panel.webview.html), 'the layout\'s title is in the page');
        ok(/katex\.min\.css/.test(preview.panel.webview.html), 'KaTeX\'s stylesheet is a webview resource of the page');
        // The first frame does not wait for Sass: the compiled CSS arrives in an update.
        await eventually(() => preview.shown?.css.some((c) => /#b4451f|rgb\(180, 69, 31\)/i.test(c)), `the site's compiled Sass (notices: ${preview.shown?.notices.join(' | ')})`, 180_000);
        ok(!preview.shown?.notices.some((n) => /could not be compiled/.test(n)), `no Sass failure: ${preview.shown?.notices.join(' | ')}`);
      } finally {
        made.dispose();
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.workspace.fs.delete(post).then(undefined, () => undefined);
        sites.dispose();
        log.dispose();
      }
    });

    it('paste of PNG bytes writes the image through workspace.fs and links it', async () => {
      const log = vscode.window.createOutputChannel('TechBlog web paste test', { log: true });
      const sites = new WorkspaceSites(log);
      const provider = new ImagePasteProvider(sites, log);
      const post = vscode.Uri.joinPath(blog(), '_posts', '2024-06-01-web-paste.md');
      try {
        await vscode.workspace.fs.writeFile(post, new TextEncoder().encode('---\nlayout: post\ntitle: "Web paste"\n---\n\nSome text.\n'));
        const doc = await vscode.workspace.openTextDocument(post);
        await vscode.window.showTextDocument(doc);
        const dt = new vscode.DataTransfer();
        dt.set('image/png', new class extends vscode.DataTransferItem {
          override asFile(): vscode.DataTransferFile { return { name: 'image.png', uri: undefined, data: async () => PNG }; }
        }(''));
        const edits = await provider.provideDocumentPasteEdits(doc, [new vscode.Range(5, 0, 5, 0)], dt,
          { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic }, new vscode.CancellationTokenSource().token);
        ok(edits?.length && edits[0].additionalEdit, 'the provider offers a paste edit');
        ok(await vscode.workspace.applyEdit(edits[0].additionalEdit), 'the paste edit applies');
        const link = /!\[[^\]]*\]\(([^)]+)\)/.exec(doc.getText());
        ok(link, `a Markdown image link in the post: ${doc.getText()}`);
        const image = vscode.Uri.joinPath(doc.uri, '..', decodeURIComponent(link[1]));
        const written = await vscode.workspace.fs.readFile(image);
        equal(written.length, PNG.length, `bytes of ${image.path}`);
        ok(written.every((b, i) => b === PNG[i]), 'the written image has the pasted bytes');
        await vscode.workspace.fs.delete(image);
      } finally {
        await vscode.commands.executeCommand('workbench.action.closeAllEditors');
        await vscode.workspace.fs.delete(post).then(undefined, () => undefined);
        provider.dispose();
        sites.dispose();
        log.dispose();
      }
    });
  });
}
