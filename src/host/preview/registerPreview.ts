// The live preview (issue 5): commands, the editor-title button's context key, and restoring
// previews after a reload. The rendering is src/core/render; the page script is src/webview/preview.ts.
import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE, type FirstFrameTrace } from '../../core/protocol/previewMessages';
import type { Features } from '../activation/featuresEntry';
import type { Log } from '../util/log';
import { loadPreviewEntry } from './previewChunk';
import { isPreviewable } from './previewConfig';
import { headStartRenderThread } from './renderThreadStart';
import type { PreviewManager } from './previewManager';

/** First-preview tracing for the e2e bench (see FirstFrameTrace): set in the extension host's environment. */
// No `process` on the web extension host: read through globalThis.
const TRACE = (globalThis as { process?: { env: Record<string, string | undefined> } }).process?.env.TECHBLOG_PREVIEW_TRACE === '1';
const wallNow = () => performance.timeOrigin + performance.now();

/**
 * How long a blog post stays in the active editor before the preview gets ready for it in the background
 * (the bundle loaded, the render worker started with the site open in it): the first preview then skips those.
 */
const PREWARM_DELAY_MS = 1500;

/** Context key: the active editor is a Markdown file inside a blog site (shows the editor-title button). */
export const IS_BLOG_POST_CONTEXT = 'techblog.isBlogPost';

/**
 * `features`: the blog sites and themes, registered in the task after activation (src/host/activation/); no themes on the web.
 * `readyAhead`: get the first preview ready while a post is open (desktop); the web build loads the preview's code on the
 * first preview only, so a post opened on vscode.dev downloads nothing more.
 */
export function registerPreview(features: Promise<Pick<Features, 'sites'> & Partial<Pick<Features, 'themes'>>>, extensionUri: vscode.Uri, log: Log, globalStorage?: vscode.Uri, readyAhead = true): vscode.Disposable {
  // The preview (dist/preview.js: the renderer, KaTeX, the highlighter, Liquid, the sanitizer) loads on
  // first use — a command or a panel to restore — not at activation (./previewChunk.ts).
  let loaded: Promise<{ manager: PreviewManager; dispose(): void }> | undefined;
  const load = async (): Promise<PreviewManager> => {
    if (!loaded) {
      const t0 = performance.now();
      // Desktop: the render worker's thread starts now, and evaluates its own bundle on the other core while
      // this host loads the preview's; the first render finds it running. (None on the web.)
      const thread = headStartRenderThread(extensionUri);
      loaded = Promise.all([loadPreviewEntry(extensionUri), features]).then(([m, { sites, themes }]) => {
        const made = m.createPreviewManager(sites, extensionUri, log, globalStorage, themes, thread);
        log.info(`Preview: loaded in ${(performance.now() - t0).toFixed(0)} ms`);
        return made;
      }, (e: unknown) => {
        void thread?.worker.terminate();
        throw e;
      });
    }
    return (await loaded).manager;
  };

  // The commands return nothing: a result would be serialized back to the workbench.
  const open = (toSide: boolean) => async (arg?: unknown): Promise<void> => {
    const trace: FirstFrameTrace | undefined = TRACE ? { command: wallNow() } : undefined;
    const resource = resourceFor(arg);
    if (!resource) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown post to preview it.'));
      return;
    }
    const manager = await load();
    if (trace) trace.loaded = wallNow();
    manager.open(resource, { toSide, ...(trace ? { trace } : {}) });
  };

  let disposed = false;
  // Once per site: a post of it in the active editor for a moment (idle) gets the first preview ready.
  const prewarmed = new Set<string>();
  let prewarmTimer: ReturnType<typeof setTimeout> | undefined;
  const prewarm = (uri: vscode.Uri, root: vscode.Uri) => {
    clearTimeout(prewarmTimer);
    if (prewarmed.has(root.toString())) return;
    prewarmTimer = setTimeout(() => {
      if (vscode.window.activeTextEditor?.document.uri.toString() !== uri.toString() || prewarmed.has(root.toString())) return;
      prewarmed.add(root.toString());
      const t0 = performance.now();
      void load().then((m) => m.prewarm(uri)).then(
        () => log.info(`Preview: ready ahead of the first preview of ${vscode.workspace.asRelativePath(root)} in ${(performance.now() - t0).toFixed(0)} ms`),
        (e: unknown) => log.warn(`Preview: could not get ready ahead: ${e instanceof Error ? e.message : String(e)}`),
      );
    }, PREWARM_DELAY_MS);
  };

  let contextRun = 0;
  const updateContext = async () => {
    const run = ++contextRun;
    const doc = vscode.window.activeTextEditor?.document;
    const site = doc !== undefined && isPreviewable(doc) ? await (await features).sites.siteFor(doc.uri) : undefined;
    if (run !== contextRun) return;
    await vscode.commands.executeCommand('setContext', IS_BLOG_POST_CONTEXT, site !== undefined);
    if (readyAhead && site && doc && !disposed) prewarm(doc.uri, site.root);
  };
  void updateContext();
  // Sites found again (a _config.yml came or went): the button may come or go.
  let sitesChanged: vscode.Disposable | undefined;
  void features.then(({ sites }) => { if (!disposed) sitesChanged = sites.onDidChange(() => { prewarmed.clear(); void updateContext(); }); }, () => undefined);

  return vscode.Disposable.from(
    { dispose: () => { disposed = true; clearTimeout(prewarmTimer); sitesChanged?.dispose(); void loaded?.then((m) => m.dispose(), () => undefined); } },
    vscode.commands.registerCommand('techblog.openPreview', open(false)),
    vscode.commands.registerCommand('techblog.openPreviewToSide', open(true)),
    // No preview before the bundle loads: nothing to lock.
    vscode.commands.registerCommand('techblog.togglePreviewLock', async () => { if (loaded) (await load()).toggleLock(); }),
    vscode.window.registerWebviewPanelSerializer(PREVIEW_VIEW_TYPE, {
      deserializeWebviewPanel: async (panel, state) => { (await load()).restore(panel, state); },
    }),
    vscode.window.onDidChangeActiveTextEditor(() => void updateContext()),
  );
}

/** The document a command is about: its argument (editor title, explorer) or the active editor's. */
function resourceFor(arg: unknown): vscode.Uri | undefined {
  if (arg instanceof vscode.Uri) return arg;
  const doc = vscode.window.activeTextEditor?.document;
  if (doc && isPreviewable(doc)) return doc.uri;
  return undefined;
}
