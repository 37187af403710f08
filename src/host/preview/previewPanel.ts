// One preview panel: renders its document through the site's renderer and keeps the webview current.
// The first rendering becomes the page (`webview.html`); every later one is sent as a message and
// patched into the DOM by the webview script, so the page never reloads while the user types.
import * as vscode from 'vscode';
import {
  parseWebviewMessage, type FirstFrameTrace, type HostToWebview, type PreviewAction, type PreviewMode, type PreviewSettings, type PreviewState, type PreviewTrace, type UpdateMessage,
} from '../../core/protocol/previewMessages';
import type { RenderStopped } from '../../core/protocol/renderWorkerMessages';
import { orderNotices, type Notice } from '../../core/render/notices';
import { stoppedNoticeText } from '../../core/render/renderLimits';
import type { RenderStep } from '../../core/render/types';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import { previewConfig, renderLimits, siteScriptsRun } from './previewConfig';
import { contentSecurityPolicy, newNonce, placeholderPage, previewPage, siteScriptSources, splitDocument, withStyleNonce } from './previewHtml';
import type { PreviewAssets } from './previewAssets';
import { openPreviewLink } from './previewLinks';
import { blockPatch, cutBody, cutFrame, cutKey, firstBlocks, shownBlocks, type BodyCut, type ShownBlocks } from './previewBlocks';
import type { PreviewRenderers, PreviewSource } from './previewRenderers';
import { DOWNLOAD_THEME_COMMAND } from '../theme/downloadThemeCommand';
import type { ThemeState } from '../theme/themeService';
import { MANAGE_TRUST_COMMAND, workspaceTrusted } from '../util/trust';
import type { VersionedText } from '../../worker/textSync';
import { readWorkspaceFile } from '../util/localDisk';

export interface PreviewPatch {
  panel: PreviewPanel;
  version: number;
  /** Time the webview took to patch its DOM. */
  webviewMs: number;
  /** Blocks the webview replaced, when it patched blocks (undefined: the whole body, or none). */
  blocks?: number;
  /** From posting the update to hearing it was applied. */
  roundTripMs: number;
}

export interface PreviewPanelDeps {
  renderers: PreviewRenderers;
  assets: PreviewAssets;
  extensionUri: vscode.Uri;
  log: Log;
}

/** Keystroke tracing for the e2e bench (see PreviewTrace): set in the extension host's environment. */
// No `process` in the web extension host (a web worker): no trace there.
const TRACE = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.TECHBLOG_PREVIEW_TRACE === '1';
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * A new page carries this much of the body's HTML (its first blocks, a screenful and more); the rest follows
 * as a block patch when the page says `ready` (see firstBlocks).
 */
const FIRST_PAGE_BUDGET = 48 * 1024;

/** How long after the preview moved the editor (or the other way round) the echo is ignored. */
const ECHO_MS = 250;

function basename(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

export class PreviewPanel extends Disposable {
  private resourceUri: vscode.Uri;
  private lockedFlag: boolean;
  private isDisposed = false;
  private version = 0;
  private rendering = false;
  private dirty = false;
  /** The page was set (webview.html) and has not said `ready` yet: renderings wait for it rather than being posted before its script runs. */
  private awaitingReady = false;
  /** The page script's text, once read (inlined into each page). */
  private script: string | undefined;
  /** What the current `webview.html` was built for; a different site or embed policy needs a new page. */
  private pageKey: string | undefined;
  /** The nonce of the page's `<style>` elements (sent with every update). */
  private nonce = newNonce();
  private sentCss: string[] | undefined;
  /** The body the current `webview.html` was built with, and the one the webview shows now (unsent when equal), by `bodyKey`. */
  private pageBody: string | undefined;
  private shownBody: string | undefined;
  /** The last rendering (the body without nonces: each page has its own). */
  private last: {
    /** The `<body>` element (built when asked: for a page or a whole update, not for a block patch). */
    readonly body: string;
    /** What identifies the body: the body itself, or for a cut one its frame, block ids and shifts (see cutKey). */
    bodyKey: string;
    lang: string | undefined; title: string | undefined; notices: Notice[]; actions?: PreviewAction[]; mode: PreviewMode; css: string[];
    source: PreviewSource | undefined;
    /** The body cut into its blocks (absent when it cannot be patched by block). */
    cut?: BodyCut;
  } | undefined;
  /** The blocks the webview shows now (with the page around them), when it can be patched by block. */
  private shownBlocks: { frame: string; shown: ShownBlocks } | undefined;
  /** The blocks the current page was built with, while nothing was sent to it since (its `ready` can be answered with a patch). */
  private freshPage: { frame: string; shown: ShownBlocks } | undefined;
  /** The line to scroll to with the next update (first show, another document). */
  private pendingLine: number | undefined;
  /** The line at the top of the preview, as the webview last reported it. */
  private previewLine: number | undefined;
  private ignoreEditorScrollUntil = 0;
  private readonly sentAt = new Map<number, number>();
  /** With TRACE: when the document first changed since the last render began, and the trace of the render being sent. */
  private changedAt: number | undefined;
  private trace: Omit<PreviewTrace, 'posted'> | undefined;
  /** With TRACE: the first frame's stamps (the command's, the render's, the page's), sent with the update that follows `ready`. */
  private firstTrace: { render?: Omit<PreviewTrace, 'posted'>; first: FirstFrameTrace } | undefined;

  private readonly disposedEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidDispose = this.disposedEmitter.event;
  private readonly patchedEmitter = this.register(new vscode.EventEmitter<PreviewPatch>());
  /** The webview applied an update (for tests, benchmarks and logging). */
  readonly onDidPatch = this.patchedEmitter.event;
  private readonly lockEmitter = this.register(new vscode.EventEmitter<boolean>());
  readonly onDidChangeLock = this.lockEmitter.event;
  private readonly stoppedEmitter = this.register(new vscode.EventEmitter<RenderStopped & { notice: string }>());
  /** A render ran past the time or memory limit and was stopped (the page keeps the last one that rendered). */
  readonly onDidStopRender = this.stoppedEmitter.event;
  private readonly progressEmitter = this.register(new vscode.EventEmitter<{ step: RenderStep; file: string }>());
  /** The render (in the worker) entered a step on a file: Liquid, Markdown, math, a layout, Sass. */
  readonly onDidRenderProgress = this.progressEmitter.event;
  /** The notice of the last stopped render, shown over the last page until a render succeeds. */
  private stoppedNotice: Notice | undefined;

  constructor(readonly panel: vscode.WebviewPanel, resource: vscode.Uri, locked: boolean, line: number | undefined, private readonly deps: PreviewPanelDeps, first?: FirstFrameTrace) {
    super();
    if (TRACE) this.firstTrace = { first: first ?? {} };
    this.resourceUri = resource;
    this.lockedFlag = locked;
    this.pendingLine = line;
    // Disposed last (registered first): closes the panel when the owner goes first.
    this.register({ dispose: () => panel.dispose() });
    this.register(panel.onDidDispose(() => this.dispose()));
    this.register(panel.webview.onDidReceiveMessage((m: unknown) => this.onMessage(m)));
    this.register(panel.onDidChangeViewState(() => { if (panel.visible && this.dirty) this.schedule(); }));
    panel.webview.options = this.webviewOptions(undefined);
    // Something to read while the first rendering is made (a cold first preview takes seconds), not an empty panel.
    panel.webview.html = placeholderPage(vscode.l10n.t('Rendering {0}…', basename(resource)));
    panel.iconPath = undefined;
    this.updateTitle();
    this.schedule();
  }

  override dispose(): void {
    if (this.isDisposed) return;
    this.isDisposed = true;
    this.disposedEmitter.fire();
    super.dispose();
  }

  get resource(): vscode.Uri {
    return this.resourceUri;
  }

  /** What the preview shows now (its last rendering's body, notices, buttons and mode), for tests and logging. */
  get shown(): { body: string; notices: readonly string[]; actions: readonly PreviewAction[]; mode: PreviewMode; css: readonly string[] } | undefined {
    const l = this.last;
    return l && { body: l.body, notices: l.notices.map((n) => n.text), actions: l.actions ?? [], mode: l.mode, css: l.css };
  }

  get locked(): boolean {
    return this.lockedFlag;
  }

  shows(uri: vscode.Uri): boolean {
    return this.resourceUri.toString() === uri.toString();
  }

  /** True when the preview's document belongs to the site (or loose folder) at `root`. */
  inFolder(root: vscode.Uri): boolean {
    const r = root.path.endsWith('/') ? root.path : root.path + '/';
    return this.resourceUri.scheme === root.scheme && this.resourceUri.path.startsWith(r);
  }

  /** Shows another document (an unlocked preview following the active editor, a renamed file). */
  showResource(uri: vscode.Uri, line?: number): void {
    if (this.shows(uri)) return;
    this.resourceUri = uri;
    this.pendingLine = line ?? 0;
    this.previewLine = undefined;
    this.updateTitle();
    this.schedule();
  }

  setLocked(locked: boolean): void {
    if (locked === this.lockedFlag) return;
    this.lockedFlag = locked;
    this.updateTitle();
    this.post({ type: 'settings', scrollSync: previewConfig(this.resourceUri).scrollSync, state: this.state() });
    this.lockEmitter.fire(locked);
  }

  /** Settings changed: render again (the mode or the embed policy may differ) and tell the page. */
  configurationChanged(): void {
    this.post({ type: 'settings', scrollSync: previewConfig(this.resourceUri).scrollSync, state: this.state() });
    this.schedule();
  }

  /**
   * Renders soon. At most one render runs at a time; changes that arrive meanwhile are coalesced into
   * one more render of the latest text when it ends, so fast typing never queues stale work and a
   * single keystroke is not delayed by a timer. Hidden panels render when they are shown again.
   */
  schedule(): void {
    if (this.isDisposed) return;
    this.dirty = true;
    if (TRACE) this.changedAt ??= wallNow();
    if (this.rendering || !this.panel.visible) return;
    void this.renderNow();
  }

  /** The editor showing this document scrolled: follow it. */
  editorScrolled(editor: vscode.TextEditor): void {
    if (!this.shows(editor.document.uri) || Date.now() < this.ignoreEditorScrollUntil) return;
    const top = editor.visibleRanges[0]?.start.line;
    if (top === undefined || !previewConfig(this.resourceUri).scrollSync) return;
    this.post({ type: 'scrollToLine', line: top });
  }

  private state(): PreviewState {
    return { resource: this.resourceUri.toString(), locked: this.lockedFlag, ...(this.previewLine !== undefined ? { line: this.previewLine } : {}) };
  }

  private updateTitle(): void {
    const name = basename(this.resourceUri);
    this.panel.title = this.lockedFlag ? vscode.l10n.t('[Preview] {0}', name) : vscode.l10n.t('Preview {0}', name);
  }

  private webviewOptions(root: vscode.Uri | undefined, themeRoot?: vscode.Uri): vscode.WebviewOptions {
    return {
      enableScripts: true,
      enableCommandUris: false,
      // The theme's folder too: its CSS links icons and fonts, its layouts images.
      localResourceRoots: [vscode.Uri.joinPath(this.deps.extensionUri, 'media'), ...(root ? [root] : []), ...(themeRoot ? [themeRoot] : [])],
    };
  }

  private post(message: HostToWebview): void {
    if (this.isDisposed) return;
    if (message.type === 'update' || message.type === 'patch') {
      // The page may no longer show what it was built with.
      this.freshPage = undefined;
      if (this.trace) { message.trace = { ...this.trace, posted: wallNow() }; this.trace = undefined; }
      this.sentAt.set(message.version, Date.now());
      if (this.sentAt.size > 64) this.sentAt.delete(this.sentAt.keys().next().value as number);
    }
    void this.panel.webview.postMessage(message);
  }

  /** The editor's text (and its version: the render worker then gets only the edits since the text it holds), or the file's. */
  private async documentText(uri: vscode.Uri): Promise<{ text: string; doc?: VersionedText } | undefined> {
    const key = uri.toString();
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
    if (open) {
      const { edits } = this.deps.renderers;
      // Read together with the text: the edits recorded after this version apply to it.
      const version = edits.seen(key, open, open.version);
      return { text: open.getText(), doc: { version, since: (from) => edits.since(key, from, version) } };
    }
    try {
      return { text: new TextDecoder().decode(await readWorkspaceFile(uri)) };
    } catch {
      return undefined;
    }
  }

  private async renderNow(): Promise<void> {
    this.rendering = true;
    this.dirty = false;
    const uri = this.resourceUri;
    const started = TRACE ? wallNow() : 0;
    const changed = this.changedAt ?? started;
    this.changedAt = undefined;
    try {
      this.script ??= await this.deps.assets.script();
      const [read, source] = await Promise.all([this.documentText(uri), this.deps.renderers.forDocument(uri)]);
      if (this.isDisposed || !this.shows(uri)) return;
      const textAt = TRACE ? wallNow() : 0;
      if (read === undefined) {
        this.showProblem(vscode.l10n.t('{0} cannot be read: it was deleted or moved.', vscode.workspace.asRelativePath(uri)));
        return;
      }
      const config = previewConfig(uri);
      // Restricted Mode: the post body as Markdown, nothing of the site's code (see RenderRequest.restricted).
      const restricted = !workspaceTrusted();
      const siteScripts = siteScriptsRun(config);
      const webview = this.panel.webview;
      const t0 = Date.now();
      const theme = source.theme();
      const themeRoot = !restricted && theme?.kind === 'found' ? theme.uri : undefined;
      // The first frame does not wait for Sass: the theme CSS if it is at hand (compiled, or in the compiled-CSS
      // cache), else the page without it, and the render after brings it (see RenderRequest.waitForCss).
      const firstFrame = this.last === undefined;
      const outcome = await this.deps.renderers.render(source, {
        path: source.rel, text: read.text, mode: config.mode, allowEmbeds: config.allowEmbeds, remoteImages: config.remoteImages, siteScripts, restricted,
        // …nor for the rest of a long body: the page is built with its first screenful (see FIRST_PAGE_BUDGET).
        ...(firstFrame ? { waitForCss: false, firstScreen: { htmlChars: FIRST_PAGE_BUDGET, line: this.pendingLine ?? this.previewLine } } : {}),
        resolveResource: (sitePath) => webview.asWebviewUri(vscode.Uri.joinPath(source.root, ...sitePath.split('/'))).toString(),
        ...(themeRoot ? { resolveThemeResource: (p: string) => webview.asWebviewUri(vscode.Uri.joinPath(themeRoot, ...p.split('/'))).toString() } : {}),
      }, { resources: webview.asWebviewUri(source.root).toString(), ...(themeRoot ? { themeResources: webview.asWebviewUri(themeRoot).toString() } : {}) },
      (step, file) => this.progressEmitter.fire({ step, file }), read.doc);
      if (this.isDisposed || !this.shows(uri)) return;
      if ('stopped' in outcome) {
        this.showStopped(outcome.stopped);
        return;
      }
      const result = outcome.result;
      if (TRACE) this.trace = { changed, start: started, text: textAt, rendered: wallNow(), renderMs: Object.values(result.timings).reduce((a, b) => a + b, 0), ...(outcome.wireBytes ? { wireBytes: outcome.wireBytes } : {}) };
      this.stoppedNotice = undefined;
      // Site scripts change the DOM the blocks are in: their pages get whole bodies.
      const fast = siteScripts ? undefined : cutFrame(result);
      const split = fast ? undefined : splitDocument(result.html);
      const parts = fast?.parts ?? split!;
      const body = fast ? lazy(fast.body) : () => split!.body;
      const notices: Notice[] = [...result.noticeDetails];
      if (!source.inSite) notices.unshift({ kind: 'theme', text: vscode.l10n.t('{0} is not in a blog (no _config.yml above it): shown with its folder as the site.', basename(uri)) });
      const missing = restricted ? undefined : themeNotice(theme);
      const ordered = orderNotices(notices);
      // Why the theme is missing explains every other notice: it comes first.
      if (missing) ordered.unshift({ kind: 'theme', text: missing.notice });
      // Restricted Mode explains the plain page (no layouts, no site CSS, no scripts): one notice, first, with its button.
      if (restricted) ordered.unshift({ kind: 'theme', text: restrictedNotice() });
      const actions = restricted ? [{ id: 'manageTrust' as const, label: vscode.l10n.t('Manage Workspace Trust') }] : missing?.actions;
      const cut = fast?.cut ?? (siteScripts ? undefined : cutBody(body(), result.bodyHtml, result.blocks));
      this.last = {
        get body() { return body(); }, bodyKey: cut ? cutKey(cut) : body(),
        lang: parts.lang, title: parts.title, notices: ordered, actions, mode: result.mode, css: result.css, source, cut,
      };
      this.deps.log.trace(`Preview: rendered ${basename(uri)} in ${Date.now() - t0} ms (${Object.entries(result.timings).map(([k, v]) => `${k} ${v.toFixed(1)}`).join(', ')})`);
      if (firstFrame) this.deps.log.info(`Preview: first frame of ${basename(uri)} rendered in ${Date.now() - t0} ms${result.partial ? ' (its first screenful; the rest follows)' : ''}${result.cssPending ? ', its theme CSS follows (Sass compiles)' : ''}`);
      // The theme's CSS was not at hand: render again (waiting for Sass), which swaps it in.
      if (result.cssPending) this.dirty = true;
      // Only the body's first screenful was rendered: the render after brings the rest (and the CSS).
      if (result.partial) this.dirty = true;
      // Another site (other resource roots) or another policy (another CSP) needs a new page.
      const pageKey = `${source.root.toString()}|${config.allowEmbeds}|${config.remoteImages}|${siteScripts}|${restricted}|${themeRoot?.toString() ?? ''}`;
      // With site scripts, a new post is a new page: the scripts run once per page, on what the layouts made.
      const scriptsKey = siteScripts ? `|${uri.toString()}` : '';
      if (firstFrame && this.firstTrace && this.trace) this.firstTrace.render = this.trace;
      if (pageKey + scriptsKey !== this.pageKey) this.setPage(pageKey + scriptsKey, source.root, { allowEmbeds: config.allowEmbeds, remoteImages: config.remoteImages, siteScripts }, parts.head, themeRoot);
      // A page that has not said `ready` yet gets the rendering then (as a patch of the blocks it was built with).
      else if (!this.awaitingReady) this.sendLast(false);
    } catch (e) {
      this.deps.log.error(`Preview: could not render ${uri.toString(true)}: ${e instanceof Error ? e.stack ?? e.message : String(e)}`);
      const message = vscode.l10n.t('The preview could not render this document: {0}', e instanceof Error ? e.message : String(e));
      this.showProblem(message);
    } finally {
      this.trace = undefined;
      this.rendering = false;
      if (this.dirty && !this.isDisposed && this.panel.visible) void this.renderNow();
    }
  }

  /** Sends the last rendering; with `full`, also the CSS (the page was re-created). */
  private sendLast(full: boolean, notices?: Notice[]): void {
    const last = this.last;
    if (!last) return;
    const cssChanged = full || !this.sentCss || this.sentCss.length !== last.css.length || this.sentCss.some((c, i) => c !== last.css[i]);
    // A body the webview already shows is not sent: no patch, so the DOM the site's scripts built stays.
    const bodyChanged = last.bodyKey !== this.shownBody;
    // Only blocks changed (the page around them did not): those alone.
    const shown = this.shownBlocks;
    if (bodyChanged && !cssChanged && this.pendingLine === undefined && last.cut && shown && shown.frame === last.cut.frame) {
      const patch = blockPatch(shown.shown, last.cut, (h) => withStyleNonce(h, this.nonce));
      this.shownBlocks = { frame: last.cut.frame, shown: shownBlocks(last.cut) };
      this.shownBody = last.bodyKey;
      this.post({
        type: 'patch', version: ++this.version, state: this.state(), title: last.title ?? '', notices: notices ?? last.notices,
        ...(last.actions?.length && !notices ? { actions: last.actions } : {}), mode: last.mode, order: patch.order, blocks: patch.blocks, shown: shown.shown.size,
      });
      return;
    }
    const message: UpdateMessage = {
      type: 'update', version: ++this.version, state: this.state(), lang: last.lang, title: last.title ?? '',
      notices: notices ?? last.notices, ...(last.actions?.length && !notices ? { actions: last.actions } : {}), mode: last.mode,
      ...(bodyChanged ? { body: withStyleNonce(last.cut?.marked ?? last.body, this.nonce) } : {}),
      ...(cssChanged ? { css: last.css } : {}), ...(this.pendingLine !== undefined ? { line: this.pendingLine } : {}),
    };
    this.sentCss = last.css;
    this.shownBody = last.bodyKey;
    if (bodyChanged) this.shownBlocks = last.cut && { frame: last.cut.frame, shown: shownBlocks(last.cut) };
    this.pendingLine = undefined;
    this.post(message);
  }

  /** A new page: another site (other resource roots) or another policy (another CSP), or the first render. */
  private setPage(pageKey: string, root: vscode.Uri | undefined, policy: { allowEmbeds: boolean; remoteImages: boolean; siteScripts: boolean }, head: string, themeRoot?: vscode.Uri): void {
    const last = this.last;
    if (!last) return;
    const webview = this.panel.webview;
    this.nonce = newNonce();
    // Our script's nonce is its own: site scripts can read the style nonce (element.nonce), never this one.
    const scriptNonce = newNonce();
    const media = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(this.deps.extensionUri, 'media', ...p)).toString();
    const settings: PreviewSettings = {
      state: this.state(),
      scrollSync: previewConfig(this.resourceUri).scrollSync,
      siteScripts: policy.siteScripts && root !== undefined,
      styleNonce: this.nonce,
      strings: {
        noticesTitle: vscode.l10n.t('Preview notes ({0}): click to show all', '{0}'),
        moreNotices: vscode.l10n.t('+{0} more', '{0}'),
        fewerNotices: vscode.l10n.t('Show fewer'),
      },
    };
    webview.options = this.webviewOptions(root, themeRoot);
    this.pageKey = pageKey;
    this.sentCss = last.css;
    // A long body: the page shows its first screenful at once, and `ready` brings the rest as a patch.
    const partial = last.cut && firstBlocks(last.cut, FIRST_PAGE_BUDGET, this.pendingLine ?? this.previewLine);
    const pageCut = partial ?? last.cut;
    this.pageBody = this.shownBody = partial ? cutKey(partial) : last.bodyKey;
    this.shownBlocks = undefined;
    this.freshPage = pageCut && { frame: pageCut.frame, shown: shownBlocks(pageCut) };
    const html = previewPage({
      parts: { lang: last.lang, head, body: pageCut?.marked ?? last.body },
      csp: contentSecurityPolicy({
        cspSource: webview.cspSource, nonce: this.nonce, scriptNonce, allowEmbeds: policy.allowEmbeds, remoteImages: policy.remoteImages,
        siteScriptSources: policy.siteScripts && root ? siteScriptSources(webview.cspSource, webview.asWebviewUri(root).toString()) : [],
      }),
      nonce: this.nonce,
      scriptNonce,
      css: last.css,
      baseStyles: [media('theme', 'katex', 'katex.min.css')],
      chromeStyles: [media('theme', 'preview.css'), media('preview.css')],
      // Without its script (media/ unreadable) the page still shows the rendering, only not live.
      script: this.script ?? '',
      settings,
    });
    webview.html = html;
    this.awaitingReady = true;
    if (this.firstTrace?.render && this.firstTrace.first.page === undefined) Object.assign(this.firstTrace.first, { page: wallNow(), pageBytes: html.length });
    // The page script says `ready` when it runs; an update with the notices and the scroll line follows then.
  }

  /** A render the limits stopped: the last page stays, with a notice naming the step and the file. */
  private showStopped(stopped: RenderStopped): void {
    const text = stoppedNoticeText(stopped, renderLimits());
    this.deps.log.warn(`Preview: ${text} (${stopped.elapsedMs} ms)`);
    const notice: Notice = { kind: 'error', text };
    const last = this.last;
    if (last?.source) {
      this.last = { ...last, notices: [notice, ...last.notices.filter((n) => n !== this.stoppedNotice)] };
      this.stoppedNotice = notice;
      this.sendLast(false);
    } else {
      this.showProblem(text);
    }
    this.stoppedEmitter.fire({ ...stopped, notice: text });
  }

  /** Shows a problem in the notice bar, over the last rendering if there is one. */
  private showProblem(message: string): void {
    if (this.last) {
      this.sendLast(false, [{ kind: 'error', text: message }]);
      return;
    }
    this.last = { body: '<body></body>', bodyKey: '<body></body>', lang: undefined, title: undefined, notices: [{ kind: 'error', text: message }], mode: 'content', css: [], source: undefined };
    this.setPage('problem', undefined, { allowEmbeds: false, remoteImages: false, siteScripts: false }, '');
  }

  private onMessage(raw: unknown): void {
    const m = parseWebviewMessage(raw);
    if (!m || this.isDisposed) return;
    switch (m.type) {
      case 'ready': {
        this.awaitingReady = false;
        // The page was (re-)created from webview.html, which may be older than the last rendering.
        // (Also what the page says when a block patch did not fit its DOM: the next body goes whole.)
        this.shownBody = this.pageBody;
        // A page that shows what it was built with (nothing was sent to it since) can be patched by block:
        // the rest of a long body follows as a patch. Otherwise (a patch did not fit) the whole body goes.
        this.shownBlocks = this.freshPage;
        const fresh = this.freshPage !== undefined;
        this.freshPage = undefined;
        if (this.firstTrace?.render && this.firstTrace.first.page !== undefined) {
          // The first page's `ready`: the update it gets carries the first frame's trace.
          this.trace = { ...this.firstTrace.render, first: { ...this.firstTrace.first, ready: wallNow() } };
          this.firstTrace = undefined;
        }
        if (this.shownBlocks && this.last?.bodyKey !== this.shownBody) {
          // The blocks first (a patch carries no CSS or scroll line), then the notices, the CSS and the line.
          const line = this.pendingLine;
          this.pendingLine = undefined;
          this.sendLast(false);
          this.pendingLine = line;
        }
        // A fresh page has the CSS it was built with: not sent again (swapping the site's <style>
        // elements restyles the whole page, 46,000 elements for a long math post).
        this.sendLast(!fresh);
        this.trace = undefined;
        if (this.dirty) this.schedule();
        break;
      }
      case 'patched': {
        const sent = this.sentAt.get(m.version);
        this.sentAt.delete(m.version);
        this.patchedEmitter.fire({ panel: this, version: m.version, webviewMs: m.ms, roundTripMs: sent !== undefined ? Date.now() - sent : NaN, ...(m.blocks !== undefined ? { blocks: m.blocks } : {}) });
        break;
      }
      case 'revealLine':
        this.previewLine = m.line;
        if (!previewConfig(this.resourceUri).scrollSync) break;
        for (const editor of vscode.window.visibleTextEditors) {
          if (!this.shows(editor.document.uri)) continue;
          const line = Math.min(Math.floor(m.line), Math.max(0, editor.document.lineCount - 1));
          this.ignoreEditorScrollUntil = Date.now() + ECHO_MS;
          editor.revealRange(new vscode.Range(line, 0, line, 0), vscode.TextEditorRevealType.AtTop);
        }
        break;
      case 'openLine':
        void this.openAtLine(Math.floor(m.line));
        break;
      case 'openLink':
        void this.openLink(m.href);
        break;
      case 'action':
        // The host decides again what to download (the page only asks): the site's own missing theme.
        if (m.id === 'downloadTheme' && this.last?.source?.inSite) void vscode.commands.executeCommand(DOWNLOAD_THEME_COMMAND, this.last.source.root);
        else if (m.id === 'manageTrust') void vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
        break;
    }
  }

  /** The column of an editor showing the document, else one beside the preview. */
  private sourceColumn(): vscode.ViewColumn {
    const shown = vscode.window.visibleTextEditors.find((e) => this.shows(e.document.uri));
    if (shown?.viewColumn) return shown.viewColumn;
    return this.panel.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Two : vscode.ViewColumn.One;
  }

  private async openAtLine(line: number): Promise<void> {
    try {
      const doc = await vscode.workspace.openTextDocument(this.resourceUri);
      const l = Math.min(Math.max(0, line), Math.max(0, doc.lineCount - 1));
      const at = new vscode.Range(l, 0, l, 0);
      this.ignoreEditorScrollUntil = Date.now() + ECHO_MS;
      const editor = await vscode.window.showTextDocument(doc, { viewColumn: this.sourceColumn(), preserveFocus: false, selection: at });
      editor.revealRange(at, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    } catch (e) {
      this.deps.log.warn(`Preview: could not open ${this.resourceUri.toString(true)} at line ${line + 1}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }

  private async openLink(href: string): Promise<void> {
    const source = this.last?.source;
    if (!source) return;
    try {
      const renderer = await source.renderer();
      // Which post a link's URL is needs every post's URL (the site model reads the posts lazily).
      await renderer.readAllDocuments();
      await openPreviewLink(href, {
        base: {
          resourceBase: this.panel.webview.asWebviewUri(source.root).toString(),
          pageUrl: (await renderer.urlOf(source.rel)) ?? '/',
          baseurl: renderer.baseurl,
        },
        siteRoot: source.root,
        document: this.resourceUri,
        pathOfUrl: (u) => renderer.pathOfUrl(u),
        column: this.sourceColumn(),
        log: this.deps.log,
      });
    } catch (e) {
      this.deps.log.warn(`Preview: could not open the link ${href}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
}

/** `make()` once, when first asked. */
function lazy<T>(make: () => T): () => T {
  let made: { value: T } | undefined;
  return () => (made ??= { value: make() }).value;
}

/** The one notice of Restricted Mode: what the preview leaves out, and how to get the whole page. */
function restrictedNotice(): string {
  return vscode.l10n.t('Restricted Mode: this workspace is not trusted, so the preview shows the post\'s Markdown only, with the bundled theme. The site\'s Liquid, includes, layouts, Sass, CSS and scripts do not run. Trust the workspace to see the page as the blog shows it.');
}

/** The first notice and its button when the site's theme is not on this machine. */
function themeNotice(theme: ThemeState | undefined): { notice: string; actions: PreviewAction[] | undefined } | undefined {
  if (theme?.kind !== 'missing') return undefined;
  const trusted = vscode.workspace.isTrusted;
  const actions: PreviewAction[] | undefined = trusted ? [{ id: 'downloadTheme', label: vscode.l10n.t('Download theme') }] : undefined;
  let notice: string;
  if (theme.remote) {
    notice = vscode.l10n.t('The site\'s theme comes from GitHub (remote_theme: {0}) and is not on this machine, so the preview cannot use its layouts.', theme.spec);
  } else if (theme.gem?.pinned) {
    notice = vscode.l10n.t('The theme gem "{0}" {1} (the version Gemfile.lock pins) is not installed where Ruby would find it, so the preview cannot use its layouts.', theme.gem.name, theme.gem.pinned);
  } else {
    notice = vscode.l10n.t('The theme gem "{0}" is not installed where Ruby would find it (vendor/bundle, GEM_HOME, GEM_PATH, user and system gem folders), so the preview cannot use its layouts.', theme.spec);
  }
  return { notice: notice + ' ' + (trusted ? vscode.l10n.t('Download it to preview with it.') : vscode.l10n.t('Trust the workspace to download it.')), actions };
}
