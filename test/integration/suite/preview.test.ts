// The live preview (issue 5) in a real VS Code, on the throwaway copy of the sample blog: the commands,
// the panel's title and behaviour (follow, lock, close), its security settings, links, and the
// extension-host heap over 1,000 live updates. What the webview shows (DOM, CSS, images, typing, XSS)
// is checked in the real workbench by test/e2e/preview.e2e.mjs.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as v8 from 'node:v8';
import * as vm from 'node:vm';
import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE } from '../../../src/core/protocol/previewMessages';
import { linkTarget } from '../../../src/host/preview/previewLinks';
import { PreviewManager } from '../../../src/host/preview/previewManager';
import type { PreviewPanel, PreviewPatch } from '../../../src/host/preview/previewPanel';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';
import { EXTENSION_ID, eventually, openPost, sampleBlog } from '../util/workspace';

const OTEL = '_posts/2021-09-03-otel-collector-first-look.md';
const EBPF = '_posts/2021-08-20-ebpf-summit-day2-notes.md';
const name = (p: string) => p.slice(p.lastIndexOf('/') + 1);

/** Our preview tabs (the tab's viewType carries a prefix of VS Code's own). */
function previewTabs(): vscode.Tab[] {
  return vscode.window.tabGroups.all.flatMap((g) => g.tabs)
    .filter((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith(PREVIEW_VIEW_TYPE));
}
const labels = () => previewTabs().map((t) => t.label).sort();

async function closePreviews(): Promise<void> {
  const tabs = previewTabs();
  if (tabs.length) assert.ok(await vscode.window.tabGroups.close(tabs), 'the preview tabs close');
  await eventually(() => previewTabs().length === 0, 'no preview tab left');
}

describe('Live preview (real VS Code, sample blog)', function () {
  this.timeout(180_000);

  before(async () => {
    await eventually(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'activation');
  });

  afterEach(async () => {
    await closePreviews();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes Open Preview, Open Preview to the Side and Toggle Preview Lock, an editor-title button and the techblog.preview.* settings', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const commands = new Map<string, { title: string; category: string; icon?: string }>(pkg.contributes.commands.map((c: { command: string }) => [c.command, c]));
    assert.equal(commands.get('techblog.openPreview')?.title, 'Open Preview');
    assert.equal(commands.get('techblog.openPreviewToSide')?.title, 'Open Preview to the Side');
    for (const id of ['techblog.openPreview', 'techblog.openPreviewToSide', 'techblog.togglePreviewLock']) {
      assert.equal(commands.get(id)?.category, 'TechBlog', id);
      assert.ok(commands.get(id)?.icon, `${id} has an icon`);
    }
    const button = pkg.contributes.menus['editor/title'].find((m: { command: string }) => m.command === 'techblog.openPreviewToSide');
    assert.match(button.when, /resourceLangId == markdown/);
    assert.match(button.when, /techblog\.isBlogPost/);
    const props = pkg.contributes.configuration.properties;
    for (const key of ['mode', 'allowEmbeds', 'scrollSync', 'lockToDocument', 'remoteImages', 'siteScripts']) {
      assert.ok(props[`techblog.preview.${key}`]?.markdownDescription, `techblog.preview.${key} has a markdownDescription`);
    }
    assert.equal(props['techblog.preview.allowEmbeds'].default, false);
    assert.equal(props['techblog.preview.remoteImages'].default, true);
    assert.equal(props['techblog.preview.siteScripts'].default, false);
    // A workspace's own settings cannot switch the site's scripts on before the user trusts it.
    assert.ok(pkg.capabilities.untrustedWorkspaces.restrictedConfigurations.includes('techblog.preview.siteScripts'));
    assert.deepEqual(props['techblog.preview.mode'].enum, ['site', 'content']);
    assert.ok(pkg.activationEvents.includes(`onWebviewPanel:${PREVIEW_VIEW_TYPE}`), 'activates to restore a preview after a reload');
  });

  it('"Open Preview to the Side" opens a "Preview <file>" panel beside the post and leaves the focus in the editor', async () => {
    const editor = await openPost(OTEL);
    await vscode.commands.executeCommand('techblog.openPreviewToSide');
    await eventually(() => labels().length === 1, 'a preview tab');
    assert.deepEqual(labels(), [`Preview ${name(OTEL)}`]);
    const tab = previewTabs()[0];
    assert.notEqual(tab.group.viewColumn, editor.viewColumn, 'the preview is in another editor group');
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), editor.document.uri.toString(), 'the editor keeps the focus');
  });

  it('"Open Preview" opens the preview as a tab in the active group', async () => {
    const editor = await openPost(EBPF);
    await vscode.commands.executeCommand('techblog.openPreview');
    await eventually(() => labels().length === 1, 'a preview tab');
    assert.deepEqual(labels(), [`Preview ${name(EBPF)}`]);
    assert.equal(previewTabs()[0].group.viewColumn, editor.viewColumn);
    assert.ok(previewTabs()[0].isActive, 'the preview is the active tab of its group');
  });

  it('follows the active post; a locked preview stays on its post; a second preview opens beside the locked one', async () => {
    // Every title the preview tabs take, in order (VS Code's tab events; a new tab's first, empty label left
    // out): "did not move" is read from this
    // record once a later change proves the preview has handled the editor switches before it.
    const seen: string[] = [];
    const recording = vscode.window.tabGroups.onDidChangeTabs(() => { for (const l of labels()) if (l && seen[seen.length - 1] !== l) seen.push(l); });
    try {
      await openPost(OTEL);
      await vscode.commands.executeCommand('techblog.openPreviewToSide');
      await eventually(() => labels()[0] === `Preview ${name(OTEL)}`, 'the preview of the first post');

      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(sampleBlog(), EBPF)), vscode.ViewColumn.One);
      await eventually(() => labels()[0] === `Preview ${name(EBPF)}`, `the preview to follow to ${name(EBPF)} (tabs: ${labels()})`);
      assert.equal(previewTabs().length, 1, 'following re-uses the panel');

      // A file that is not Markdown does not move the preview: then a post does, and in between it showed nothing else.
      await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(vscode.Uri.joinPath(sampleBlog(), '_config.yml')), vscode.ViewColumn.One);
      await openPost(OTEL);
      await eventually(() => labels()[0] === `Preview ${name(OTEL)}`, `the preview to follow to ${name(OTEL)} after _config.yml (titles: ${seen.join(' → ')})`);
      assert.deepEqual(seen.filter((l) => !/\.md$/.test(l)), [], `the preview never showed _config.yml: ${seen.join(' → ')}`);
      await openPost(EBPF);
      await eventually(() => labels()[0] === `Preview ${name(EBPF)}`, `the preview back on ${name(EBPF)}`);

      await vscode.commands.executeCommand('techblog.togglePreviewLock');
      await eventually(() => labels()[0] === `[Preview] ${name(EBPF)}`, 'the locked title');
      const locked = seen.length;
      await openPost(OTEL);
      // The second preview opens after the locked one has handled the switch to OTEL (one extension host, in order).
      await vscode.commands.executeCommand('techblog.openPreviewToSide');
      await eventually(() => labels().length === 2, 'a second preview');
      assert.deepEqual(labels(), [`Preview ${name(OTEL)}`, `[Preview] ${name(EBPF)}`].sort());
      assert.deepEqual(seen.slice(locked).filter((l) => l.startsWith('[Preview]') && l !== `[Preview] ${name(EBPF)}`), [],
        `the locked preview stays on its post: ${seen.slice(locked).join(' → ')}`);
    } finally {
      recording.dispose();
    }
  });

  it('closing previews works without errors, and a preview opens again afterwards', async () => {
    await openPost(OTEL);
    await vscode.commands.executeCommand('techblog.openPreviewToSide');
    await eventually(() => labels().length === 1, 'a preview tab');
    await closePreviews();
    // The closed panel must not be reused (a disposed webview would throw here).
    await openPost(EBPF);
    await vscode.commands.executeCommand('techblog.openPreviewToSide');
    await eventually(() => labels()[0] === `Preview ${name(EBPF)}`, 'a new preview');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await eventually(() => previewTabs().length === 0, 'every tab closed');
  });

  it('links: the web and mail open outside, site paths and webview resources map to files, other schemes are refused', () => {
    const base = { resourceBase: 'https://file+.vscode-resource.vscode-cdn.net/srv/blog', pageUrl: '/otel-collector-first-look/', baseurl: '/blog' };
    assert.deepEqual(linkTarget('https://opentelemetry.io/docs/', base), { kind: 'external', url: 'https://opentelemetry.io/docs/' });
    assert.deepEqual(linkTarget('mailto:mei@example.com', base), { kind: 'external', url: 'mailto:mei@example.com' });
    assert.deepEqual(linkTarget('//example.com/x', base), { kind: 'external', url: 'https://example.com/x' });
    assert.equal(linkTarget('javascript:alert(1)', base).kind, 'refused');
    assert.equal(linkTarget(' JaVa\tScRiPt:alert(1)', base).kind, 'refused');
    assert.equal(linkTarget('command:workbench.action.quit', base).kind, 'refused');
    assert.equal(linkTarget('data:text/html,<script>alert(1)</script>', base).kind, 'refused');
    assert.equal(linkTarget('vscode://file/etc/passwd', base).kind, 'refused');
    assert.deepEqual(linkTarget('https://file+.vscode-resource.vscode-cdn.net/srv/blog/images/2021/a%20b.png', base), { kind: 'resource', sitePath: 'images/2021/a b.png' });
    assert.deepEqual(linkTarget('/blog/about/', base), { kind: 'site', urlPath: '/about/', raw: '/blog/about/', fragment: '' });
    assert.deepEqual(linkTarget('../images/2021/x.png', base), { kind: 'site', urlPath: '/images/2021/x.png', raw: '../images/2021/x.png', fragment: '' });
    assert.deepEqual(linkTarget('2021-03-14-go-context-cancellation.md#mistake-1', base),
      { kind: 'site', urlPath: '/otel-collector-first-look/2021-03-14-go-context-cancellation.md', raw: '2021-03-14-go-context-cancellation.md', fragment: 'mistake-1' });
  });

  describe('one preview, driven directly (PreviewManager)', () => {
    let log: vscode.LogOutputChannel;
    let sites: WorkspaceSites;
    let manager: PreviewManager;
    const patches: PreviewPatch[] = [];

    before(() => {
      log = vscode.window.createOutputChannel('TechBlog preview tests', { log: true });
      sites = new WorkspaceSites(log);
      manager = new PreviewManager(sites, vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, log);
      manager.onDidPatch((p) => patches.push(p));
    });

    after(() => {
      manager.dispose();
      sites.dispose();
      log.dispose();
    });

    /**
     * Up to 60 s for a first rendering: in the web workbench (code-server) every webview shares one
     * origin, and each new one re-registers VS Code's resource service worker; while another webview
     * still has resource requests (images, fonts) in flight, the new worker's activation, and with it
     * the new webview's first page, waits for those requests' 30 s time-out. Desktop VS Code gives
     * each webview its own origin. The page script is inline, so once the page is there it goes live.
     */
    const FIRST_RENDER_MS = 60_000;

    async function openAndWait(rel: string): Promise<{ editor: vscode.TextEditor; preview: PreviewPanel }> {
      const editor = await openPost(rel);
      const preview = manager.open(editor.document.uri, { toSide: true });
      await eventually(() => patches.some((p) => p.panel === preview), 'the webview to show the first rendering', FIRST_RENDER_MS);
      return { editor, preview };
    }

    it('the page: CSP default-src none, one nonce\'d script, nonce\'d site CSS, no frames unless embeds are allowed, resources limited to media/ and the site', async () => {
      // The first frame does not wait for Sass (its CSS follows in an update): let the compiled CSS arrive
      // once, then a new panel's page is built with it inlined, which is what this test reads.
      const warm = await openAndWait(EBPF);
      await eventually(() => (warm.preview.shown?.css.length ?? 0) > 0, 'the site CSS to arrive after the first frame', FIRST_RENDER_MS);
      warm.preview.dispose();
      const { preview } = await openAndWait(EBPF);
      const webview = preview.panel.webview;
      const html = webview.html;
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1].replace(/&#39;/g, "'").replace(/&quot;/g, '"');
      assert.ok(csp, 'the page has a CSP');
      const nonce = /script-src 'nonce-([A-Za-z0-9_-]{16,})'/.exec(csp)?.[1];
      assert.ok(nonce, `scripts need a nonce: ${csp}`);
      assert.match(csp, /default-src 'none'/);
      assert.doesNotMatch(csp, /unsafe-eval|script-src[^;]*(unsafe-inline|https:|\*)/);
      assert.match(csp, /frame-src 'none'/);
      assert.match(csp, new RegExp(`img-src ${webview.cspSource.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} data:`));
      const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((m) => m[0]);
      assert.equal(scripts.length, 1, `one script: ${scripts}`);
      assert.match(scripts[0], new RegExp(`nonce="${nonce}"`));
      // Inline, before every stylesheet: it must not wait for a webview resource (see previewPage).
      assert.match(scripts[0], /data-techblog-preview/);
      assert.ok(html.indexOf(scripts[0]) < html.search(/<link\b|<style\b/), 'the script comes before the stylesheets');
      // The styles have a nonce of their own: site scripts (when they run) may read it, never the script's.
      const styleNonce = /style-src-elem [^;]*'nonce-([A-Za-z0-9_-]{16,})'/.exec(csp)?.[1];
      assert.ok(styleNonce && styleNonce !== nonce, `a style nonce apart from the script's: ${csp}`);
      const styles = [...html.matchAll(/<style\b[^>]*>/g)].map((m) => m[0]);
      assert.ok(styles.length >= 1, 'the site CSS is inlined');
      for (const s of styles) assert.match(s, new RegExp(`nonce="${styleNonce}"`));
      // Remote https: images are allowed (as in VS Code's Markdown preview), insecure http: ones never.
      assert.match(csp, /img-src [^;]* https:;/);
      assert.doesNotMatch(csp, /\bhttp:/);
      assert.match(html, /rgb\(180, 69, 31\)|#b4451f/i, 'the site\'s compiled Sass (article h1 colour) is in the page');
      assert.match(html, /techblog-embed-card/, 'the YouTube iframe is a card');
      assert.doesNotMatch(html, /<iframe/i);
      const roots = (webview.options.localResourceRoots ?? []).map((u) => u.path).sort();
      const ext = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
      assert.deepEqual(roots, [vscode.Uri.joinPath(ext, 'media').path, sampleBlog().path].sort());
      assert.equal(webview.options.enableCommandUris, false);

      // Another panel gets another nonce.
      const other = manager.open(vscode.Uri.joinPath(sampleBlog(), OTEL), { toSide: true, locked: true });
      await eventually(() => patches.some((p) => p.panel === other), 'the second preview', FIRST_RENDER_MS);
      const otherNonce = /script-src &#39;nonce-([^&]+)&#39;/.exec(other.panel.webview.html)?.[1];
      assert.ok(otherNonce && otherNonce !== nonce, 'a fresh nonce per panel');
      other.dispose();
    });

    it('allowEmbeds widens frame-src to the YouTube and Vimeo hosts only and shows the real frame', async () => {
      const config = vscode.workspace.getConfiguration('techblog.preview');
      const { preview } = await openAndWait(EBPF);
      try {
        await config.update('allowEmbeds', true, vscode.ConfigurationTarget.Workspace);
        await eventually(() => /frame-src https:\/\/www\.youtube\.com/.test(preview.panel.webview.html), 'a page with frames allowed', 20_000);
        const csp = /content="([^"]*default-src[^"]*)"/.exec(preview.panel.webview.html)![1];
        const frames = /frame-src ([^;]+);/.exec(csp)![1].split(' ');
        assert.ok(frames.every((f) => /^https:\/\/(www\.|m\.)?(youtube\.com|youtube-nocookie\.com)$|^https:\/\/player\.vimeo\.com$/.test(f)), frames.join(' '));
        assert.match(preview.panel.webview.html, /<iframe src="https:\/\/www\.youtube\.com\/embed\/ZNtVedFsD-k"[^>]* sandbox=/);
      } finally {
        await config.update('allowEmbeds', undefined, vscode.ConfigurationTarget.Workspace);
      }
    });

    it('siteScripts (trusted workspace): script-src adds the site folder only, never \'self\' or eval; remoteImages off drops https: images', async () => {
      const config = vscode.workspace.getConfiguration('techblog.preview');
      const { preview } = await openAndWait(EBPF);
      const cspOf = () => /content="([^"]*default-src[^"]*)"/.exec(preview.panel.webview.html)?.[1].replace(/&#39;/g, "'") ?? '';
      try {
        assert.ok(vscode.workspace.isTrusted, 'the test workspace is trusted');
        await config.update('siteScripts', true, vscode.ConfigurationTarget.Workspace);
        await eventually(() => /script-src 'nonce-[^']+' \S/.test(cspOf()), 'a page that lets the site\'s scripts run', 20_000);
        const scriptSrc = /script-src ([^;]+);/.exec(cspOf())![1].split(' ');
        const rootPath = new URL(preview.panel.webview.asWebviewUri(sampleBlog()).toString()).pathname.replace(/\/?$/, '/');
        assert.equal(scriptSrc.length, 2, scriptSrc.join(' '));
        assert.match(scriptSrc[0], /^'nonce-[A-Za-z0-9_-]{16,}'$/);
        assert.ok(scriptSrc[1].startsWith('https://') && scriptSrc[1].endsWith(rootPath), `${scriptSrc[1]} is the site folder ${rootPath}`);
        assert.doesNotMatch(cspOf(), /unsafe-eval|script-src[^;]*('self'|unsafe-inline)/);
        assert.match(cspOf(), /connect-src 'none'/);

        await config.update('remoteImages', false, vscode.ConfigurationTarget.Workspace);
        await eventually(() => /img-src [^;]*data:;/.test(cspOf()), 'a page without remote images', 20_000);
        assert.doesNotMatch(/img-src ([^;]+);/.exec(cspOf())![1], /(^|\s)https:(\s|$)/);
      } finally {
        await config.update('siteScripts', undefined, vscode.ConfigurationTarget.Workspace);
        await config.update('remoteImages', undefined, vscode.ConfigurationTarget.Workspace);
      }
      await eventually(() => /script-src 'nonce-[^';]+';/.test(cspOf()), 'the page without site scripts again', 20_000);
    });

    it('safe mode: an include that is a symbolic link to a file outside the workspace shows a notice naming it, never its content', async function () {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-outside-'));
      const secret = 'OUTSIDE-SECRET-' + Math.random().toString(36).slice(2);
      const blog = sampleBlog().fsPath;
      const link = path.join(blog, '_includes', 'safe-probe.html');
      const postRel = '_posts/2021-01-02-safe-probe.md';
      fs.writeFileSync(path.join(dir, 'secret.txt'), secret + '\n');
      try {
        try { fs.symlinkSync(path.join(dir, 'secret.txt'), link); } catch { this.skip(); }
        fs.writeFileSync(path.join(blog, postRel), '---\nlayout: post\ntitle: Safe probe\n---\nBefore.\n\n{% include safe-probe.html %}\n\nAfter.\n');
        const { editor, preview } = await openAndWait(postRel);
        const shown = await eventually(async () => {
          const s = preview.shown;
          if (s?.notices.some((n) => n.includes('_includes/safe-probe.html is not read'))) return s;
          // The watcher may report the new files after the first rendering: type to render again.
          await editor.edit((b) => b.insert(new vscode.Position(editor.document.lineCount - 1, 0), ' '));
          return undefined;
        }, 'the refusal notice', 30_000);
        assert.match(shown.body, /After\./);
        assert.ok(![shown.body, ...shown.notices, ...shown.css].some((x) => x.includes(secret)), 'the secret is nowhere in the preview');
        await vscode.commands.executeCommand('workbench.action.files.revert');
      } finally {
        fs.rmSync(link, { force: true });
        fs.rmSync(path.join(blog, postRel), { force: true });
        fs.rmSync(dir, { recursive: true, force: true });
      }
    });

    it('heap: the extension host grows by less than 20 MB over 1,000 live updates', async function () {
      this.timeout(600_000);
      const { editor, preview } = await openAndWait(OTEL);
      const doc = editor.document;
      const gc = exposeGc();
      const heap = () => { gc?.(); gc?.(); return process.memoryUsage().heapUsed; };
      const at = new vscode.Position(doc.lineCount - 1, 0);
      let last = Math.max(0, ...patches.filter((p) => p.panel === preview).map((p) => p.version));
      const roundTrips: number[] = [];
      const update = async (i: number) => {
        // Alternately add and remove a word, so the post keeps its size.
        const ok = await editor.edit((b) => (i % 2 === 0 ? b.insert(at, 'heap ') : b.delete(new vscode.Range(at, at.translate(0, 5)))));
        assert.ok(ok, 'the edit applies');
        const patch = await eventually(() => patches.find((p) => p.panel === preview && p.version > last), `update ${i} in the webview`, 20_000);
        last = patch.version;
        roundTrips.push(patch.roundTripMs);
        if (patches.length > 100) patches.splice(0, patches.length - 10);
      };
      for (let i = 0; i < 50; i++) await update(i); // warm-up: caches, JIT
      const before = heap();
      const t0 = Date.now();
      for (let i = 0; i < 1000; i++) await update(i);
      const after = heap();
      const growthMb = (after - before) / (1024 * 1024);
      roundTrips.sort((a, b) => a - b);
      console.log(`[bench] preview heap growth over 1000 updates: ${growthMb.toFixed(1)} MB (${gc ? 'after gc' : 'no gc available: an upper bound'}; ` +
        `${(before / 1048576).toFixed(0)} → ${(after / 1048576).toFixed(0)} MB; 1000 updates in ${((Date.now() - t0) / 1000).toFixed(1)} s, ` +
        `host post → webview patched median ${roundTrips[roundTrips.length >> 1]} ms)`);
      assert.ok(growthMb < (gc ? 20 : 60), `heap grew by ${growthMb.toFixed(1)} MB`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });

    it('patch by block: a word typed into a paragraph replaces that block alone in the webview', async function () {
      this.timeout(180_000);
      const { editor, preview } = await openAndWait(EBPF);
      const doc = editor.document;
      // A line of prose past the middle of the post.
      const line = [...Array(doc.lineCount).keys()].find((l) => l > doc.lineCount / 2 && /^[^\s#>|`{!*\-\d<[]/.test(doc.lineAt(l).text) && doc.lineAt(l).text.length > 20);
      assert.ok(line !== undefined, 'the post has a paragraph');
      let last = Math.max(0, ...patches.filter((p) => p.panel === preview).map((p) => p.version));
      const replaced: Array<number | undefined> = [];
      for (const word of ['patchone', 'patchtwo', 'patchthree']) {
        assert.ok(await editor.edit((b) => b.insert(doc.lineAt(line).range.end, ` ${word}`)), 'the edit applies');
        await eventually(() => preview.shown?.body.includes(word), `${word} rendered`, 20_000);
        const patch = await eventually(() => patches.find((p) => p.panel === preview && p.version > last), `${word} in the webview`, 20_000);
        last = Math.max(...patches.filter((p) => p.panel === preview).map((p) => p.version));
        replaced.push(patch.blocks);
      }
      // The first update after the page was built may carry the whole body; then one block per keystroke.
      assert.ok(replaced.slice(1).every((n) => n === 1), `blocks replaced per keystroke: ${replaced.join(', ')}`);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    });
  });
});

/** `global.gc`, exposed at run time when the host was not started with --expose-gc. */
function exposeGc(): (() => void) | undefined {
  const g = (globalThis as { gc?: () => void }).gc;
  if (g) return g;
  try {
    v8.setFlagsFromString('--expose-gc');
    return vm.runInNewContext('gc') as () => void;
  } catch {
    return undefined;
  }
}
