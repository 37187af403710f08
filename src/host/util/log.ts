import * as vscode from 'vscode';

/** The "TechBlog" output channel. A LogOutputChannel, so the user picks the level with "Developer: Set Log Level". */
export type Log = vscode.LogOutputChannel;

export function createLog(): Log {
  return vscode.window.createOutputChannel('TechBlog', { log: true });
}
