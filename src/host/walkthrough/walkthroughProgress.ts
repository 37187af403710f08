// Ticks the walkthrough's steps however the user does them — a keybinding, the palette, Ctrl+V, a
// quick fix from the light bulb or an edit by hand — not only through the walkthrough's own buttons.
// Each step lists `onContext:<key>` among its completionEvents (package.json); this sets the keys.
import * as vscode from 'vscode';
import { PREVIEW_VIEW_TYPE } from '../../core/protocol/previewMessages';
import { Disposable } from '../util/disposable';

/** The context key each step completes on. */
export const walkthroughContextKeys = {
  paste: 'techblog.walkthrough.pasted',
  preview: 'techblog.walkthrough.previewed',
  fix: 'techblog.walkthrough.fixed',
} as const;
export type WalkthroughStep = keyof typeof walkthroughContextKeys;

export type SetContext = (key: string, value: boolean) => unknown;
const setContextInVsCode: SetContext = (key, value) => vscode.commands.executeCommand('setContext', key, value);

export class WalkthroughProgress extends Disposable {
  private readonly done = new Set<WalkthroughStep>();
  /** TechBlog problems each open document showed just before its last edit. */
  private readonly beforeEdit = new Map<string, number>();

  constructor(private readonly setContext: SetContext = setContextInVsCode) {
    super();
    if (vscode.window.tabGroups.all.some((g) => g.tabs.some(isPreviewTab))) this.complete('preview');
    // A preview tab opening means a preview, whatever opened it (command, keybinding, button, restore).
    this.register(vscode.window.tabGroups.onDidChangeTabs((e) => { if (e.opened.some(isPreviewTab)) this.complete('preview'); }));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.beforeEdit.set(e.document.uri.toString(), problemCount(e.document.uri)); }));
    this.register(vscode.languages.onDidChangeDiagnostics((e) => this.diagnosticsChanged(e.uris)));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.beforeEdit.delete(d.uri.toString())));
  }

  /** Steps completed in this window, in the order they were. */
  completed(): WalkthroughStep[] {
    return [...this.done];
  }

  /** An image was pasted or dropped into a post (called by the paste provider when its edit is applied). */
  pasted(): void {
    this.complete('paste');
  }

  private complete(step: WalkthroughStep): void {
    if (this.done.has(step)) return;
    this.done.add(step);
    void this.setContext(walkthroughContextKeys[step], true);
  }

  /**
   * A warning is fixed when an edit of an open document leaves it fewer TechBlog problems than it showed
   * just before the edit. Compared with what was shown, not with the version of the event: a check of an
   * earlier version can be published after the next edit (then its count is what the user saw).
   */
  private diagnosticsChanged(uris: readonly vscode.Uri[]): void {
    for (const uri of uris) {
      const before = this.beforeEdit.get(uri.toString());
      if (before !== undefined && problemCount(uri) < before) this.complete('fix');
    }
  }
}

function problemCount(uri: vscode.Uri): number {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'TechBlog').length;
}

function isPreviewTab(tab: vscode.Tab): boolean {
  return tab.input instanceof vscode.TabInputWebview && tab.input.viewType.endsWith(PREVIEW_VIEW_TYPE);
}
