// The open previews: at most one unlocked ("dynamic") preview that follows the active Markdown editor,
// any number locked to their document. Routes document edits, editor scrolling, settings and site
// file changes to the panels that care.
import * as vscode from 'vscode';
import { parsePreviewState, PREVIEW_VIEW_TYPE, type FirstFrameTrace } from '../../core/protocol/previewMessages';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import type { WorkspaceSites } from '../site/workspaceSites';
import { PreviewAssets } from './previewAssets';
import { isPreviewable, previewConfig } from './previewConfig';
import { PreviewPanel, type PreviewPanelDeps, type PreviewPatch } from './previewPanel';
import { PreviewRenderers } from './previewRenderers';
import type { ThemeService } from '../theme/themeService';
import type { RenderThread } from '../../worker/renderThread';

export interface OpenPreviewOptions {
  /** Beside the editor, keeping the focus in it ("Open Preview to the Side"). */
  toSide: boolean;
  /** Lock the new preview to its document (default: the `techblog.preview.lockToDocument` setting). */
  locked?: boolean;
  /** With TECHBLOG_PREVIEW_TRACE=1: the command's stamps so far, completed by a new panel's first frame. */
  trace?: FirstFrameTrace;
}

export class PreviewManager extends Disposable {
  private readonly panels = new Set<PreviewPanel>();
  private dynamic: PreviewPanel | undefined;
  private readonly renderers: PreviewRenderers;
  private readonly assets: PreviewAssets;
  private readonly patched = this.register(new vscode.EventEmitter<PreviewPatch>());
  /** Any preview applied an update in its webview. */
  readonly onDidPatch = this.patched.event;

  /** `renderThread`: the render worker's thread, started while this bundle loaded (desktop). */
  constructor(sites: WorkspaceSites, private readonly extensionUri: vscode.Uri, private readonly log: Log, globalStorage?: vscode.Uri, themes?: ThemeService, renderThread?: RenderThread) {
    super();
    this.renderers = this.register(new PreviewRenderers(sites, extensionUri, log, globalStorage, themes, renderThread));
    this.assets = new PreviewAssets(extensionUri);
    this.register({ dispose: () => { for (const p of [...this.panels]) p.dispose(); } });
    this.register(vscode.window.onDidChangeActiveTextEditor((editor) => this.follow(editor)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      // Recorded for previewed documents: the render worker gets these changes, not the whole text.
      const key = e.document.uri.toString();
      const { edits } = this.renderers;
      if (edits.has(key)) edits.record(key, e.document, e.document.version, e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text })));
      if (e.contentChanges.length === 0) return;
      for (const p of this.panels) if (p.shows(e.document.uri)) p.schedule();
    }));
    this.register(vscode.window.onDidChangeTextEditorVisibleRanges((e) => {
      for (const p of this.panels) p.editorScrolled(e.textEditor);
    }));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      for (const p of this.panels) if (e.affectsConfiguration('techblog.preview', p.resource)) p.configurationChanged();
    }));
    // Site scripts run only in a trusted workspace: trusting it gives the previews a page that runs them.
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => {
      for (const p of this.panels) p.configurationChanged();
    }));
    this.register(this.renderers.onDidChangeSite(({ root, rel }) => {
      for (const p of this.panels) {
        // The previewed post itself saved: its text is already rendered from the editor.
        if (!p.inFolder(root) || p.shows(vscode.Uri.joinPath(root, rel))) continue;
        p.schedule();
      }
    }));
    this.register(vscode.workspace.onDidRenameFiles((e) => {
      for (const f of e.files) for (const p of this.panels) if (p.shows(f.oldUri)) p.showResource(f.newUri);
    }));
  }

  get previews(): readonly PreviewPanel[] {
    return [...this.panels];
  }

  /** The preview whose panel has the focus. */
  get activePreview(): PreviewPanel | undefined {
    return [...this.panels].find((p) => p.panel.active);
  }

  /** Opens (or reveals) a preview of `resource`. */
  open(resource: vscode.Uri, options: OpenPreviewOptions): PreviewPanel {
    const column = options.toSide ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active;
    const locked = options.locked ?? previewConfig(resource).lockToDocument;
    const line = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === resource.toString())?.visibleRanges[0]?.start.line;

    const existing = [...this.panels].find((p) => p.shows(resource) && (p.locked === locked || !locked));
    if (existing) {
      existing.panel.reveal(options.toSide ? existing.panel.viewColumn ?? column : column, options.toSide);
      return existing;
    }
    if (!locked && this.dynamic) {
      this.dynamic.showResource(resource, line);
      this.dynamic.panel.reveal(options.toSide ? this.dynamic.panel.viewColumn ?? column : column, options.toSide);
      return this.dynamic;
    }
    const panel = vscode.window.createWebviewPanel(PREVIEW_VIEW_TYPE, '', { viewColumn: column, preserveFocus: options.toSide }, {
      enableScripts: true, enableCommandUris: false, enableFindWidget: true, retainContextWhenHidden: false,
      localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')],
    });
    if (options.trace) options.trace.panel = performance.timeOrigin + performance.now();
    return this.track(new PreviewPanel(panel, resource, locked, line, this.panelDeps(), options.trace));
  }

  /** Gets the first preview of `uri` ready ahead of the command (see PreviewRenderers.prewarm); the page script read too. */
  async prewarm(uri: vscode.Uri): Promise<void> {
    await Promise.all([this.assets.script(), this.renderers.prewarm(uri)]);
  }

  /** A panel VS Code restored after a reload (its state was saved by the webview). */
  restore(panel: vscode.WebviewPanel, rawState: unknown): PreviewPanel | undefined {
    const state = parsePreviewState(rawState);
    if (!state) {
      panel.dispose();
      return undefined;
    }
    // Only one preview follows the editor; a second restored unlocked one stays on its document.
    const locked = state.locked || this.dynamic !== undefined;
    return this.track(new PreviewPanel(panel, vscode.Uri.parse(state.resource, true), locked, state.line, this.panelDeps()));
  }

  /** Locks an unlocked preview to its document, or lets a locked one follow the editor again. */
  toggleLock(preview: PreviewPanel | undefined = this.activePreview ?? this.dynamic): PreviewPanel | undefined {
    preview?.setLocked(!preview.locked);
    return preview;
  }

  private panelDeps(): PreviewPanelDeps {
    return { renderers: this.renderers, assets: this.assets, extensionUri: this.extensionUri, log: this.log };
  }

  private track(p: PreviewPanel): PreviewPanel {
    this.panels.add(p);
    if (!p.locked) this.makeDynamic(p);
    p.onDidDispose(() => {
      this.panels.delete(p);
      if (this.dynamic === p) this.dynamic = undefined;
    });
    p.onDidPatch((e) => this.patched.fire(e));
    p.onDidChangeLock((locked) => {
      if (locked) {
        if (this.dynamic === p) this.dynamic = undefined;
      } else {
        this.makeDynamic(p);
        this.follow(vscode.window.activeTextEditor);
      }
    });
    return p;
  }

  private makeDynamic(p: PreviewPanel): void {
    const previous = this.dynamic;
    this.dynamic = p;
    // The one that followed the editor so far stays open on its document.
    if (previous && previous !== p) previous.setLocked(true);
  }

  private follow(editor: vscode.TextEditor | undefined): void {
    if (!editor || !this.dynamic || !isPreviewable(editor.document)) return;
    this.dynamic.showResource(editor.document.uri, editor.visibleRanges[0]?.start.line);
  }
}
