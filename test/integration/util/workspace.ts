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
