import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';

export const EXTENSION_ID = 'techblog.techblog';

/** The sample blog the runner opened (a throwaway copy of examples/sample-blog). */
export function sampleBlog(): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.[0];
  assert.ok(folder, 'the test run must open the sample blog as a workspace folder');
  return folder.uri;
}

export async function openPost(relativePath: string): Promise<vscode.TextEditor> {
  const doc = await vscode.workspace.openTextDocument(vscode.Uri.joinPath(sampleBlog(), relativePath));
  return vscode.window.showTextDocument(doc);
}

/** Poll until `check` returns a truthy value (extension events arrive asynchronously). */
type Falsy = undefined | null | false | 0 | '';
export async function eventually<T>(check: () => T | Falsy | Promise<T | Falsy>, what: string, timeoutMs = 10_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value as T;
    if (Date.now() > end) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * The quick fixes VS Code offers at `range`, once one of them is `wanted`. VS Code builds a code-action
 * request's context from the window's markers, which get a publication after this extension host's
 * `getDiagnostics` already shows it, and cancels a request whose document settles meanwhile: a request
 * made at once can find no diagnostic there. The light bulb asks again when the markers change; so does this.
 */
export function quickFixes(uri: vscode.Uri, range: vscode.Range, wanted: (a: vscode.CodeAction) => boolean, what: string, timeoutMs = 30_000): Promise<vscode.CodeAction[]> {
  let last: vscode.CodeAction[] = [];
  return eventually(async () => {
    last = await Promise.resolve(vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, range, vscode.CodeActionKind.QuickFix.value))
      .catch((e: unknown) => { if (e instanceof Error && e.message === 'Canceled') return []; throw e; });
    return last.some(wanted) && last;
  }, what, timeoutMs).catch((e: Error) => { throw new Error(`${e.message}; offered: ${last.map((a) => a.title).join(' | ') || 'nothing'}`); });
}

/** TechBlog's diagnostics of a document, as the Problems panel lists them. */
export function techblogDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'TechBlog');
}

/** The background check's summary (src/host/frontmatter/backgroundCheck.ts). */
export interface BackgroundSummary { runs: number; scope: 'workspace' | 'open'; sites: number; files: number; errors: number; warnings: number; infos: number; pauses: number; ms: number }
export interface BackgroundState { runs: number; running: boolean; paused: boolean; done: number; total: number; last: BackgroundSummary | undefined }

/** Rejects with `what` after `ms` (a deadline on an event, never a wait by itself). */
function deadline<T>(p: Thenable<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<never>((_, reject) => { timer = setTimeout(() => reject(new Error(`Timed out after ${ms} ms waiting for ${what}`)), ms); });
  return Promise.race([Promise.resolve(p), late]).finally(() => clearTimeout(timer));
}

/**
 * The document's TechBlog diagnostics once the validator has published them for `version` (default: the
 * open document's current version): waits on the validator's "checked" event, not on a timer.
 */
export async function checked(uri: vscode.Uri, version?: number, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  await deadline(vscode.commands.executeCommand('techblog.validation.whenChecked', uri, version), timeoutMs, `the check of ${uri.path} (version ${version ?? 'current'})`);
  return techblogDiagnostics(uri);
}

/**
 * Waits for checks of `uri` until `until` holds for its diagnostics (changes that keep the document's
 * version: a file written on disk, a site schema, a setting). Each wait is the validator's next
 * "checked" event for that document.
 */
export async function checkedUntil(uri: vscode.Uri, until: (ds: vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 20_000): Promise<vscode.Diagnostic[]> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    // Listen first, then look: a check published in between is not missed.
    const next = vscode.commands.executeCommand('techblog.validation.whenNextChecked', uri);
    const ds = techblogDiagnostics(uri);
    if (until(ds)) return ds;
    await deadline(next, Math.max(1, end - Date.now()), `${what} (now: ${ds.map((d) => d.message).join(' | ') || 'none'})`);
  }
}

export function backgroundState(): Thenable<BackgroundState> {
  return vscode.commands.executeCommand<BackgroundState>('techblog.validation.backgroundState');
}

/** The first background run that finishes after `after` finished runs, with the given scope. */
export async function backgroundChecked(after: number, scope: 'workspace' | 'open', timeoutMs = 60_000): Promise<BackgroundSummary> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const s = await deadline(vscode.commands.executeCommand<BackgroundSummary>('techblog.validation.whenBackgroundChecked', after), Math.max(1, end - Date.now()), `a background check (${scope})`);
    if (s.scope === scope) return s;
    after = s.runs;
  }
}
