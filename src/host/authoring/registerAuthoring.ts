import * as vscode from 'vscode';
import type { Log } from '../util/log';
import type { WorkspaceSites } from '../site/workspaceSites';
import { PostCatalog } from './postCatalog';
import { registerPostCommands } from './postCommands';
import { registerPostsView } from './postsView';
import { SNIPPET_TRIGGERS, SnippetCompletion } from './snippetCompletion';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown', scheme: 'file' }, { language: 'markdown', scheme: 'untitled' }, { language: 'markdown', scheme: 'vscode-remote' }, { language: 'markdown', scheme: 'vscode-vfs' }];

/** Authoring: New Post / Draft / Publish / Rename, the Posts view, and snippet, post_url and include completion. */
export function registerAuthoring(sites: WorkspaceSites, extensionUri: vscode.Uri, log: Log): vscode.Disposable {
  const catalog = new PostCatalog(sites, log);
  return vscode.Disposable.from(
    catalog,
    registerPostCommands(catalog, log),
    registerPostsView(catalog),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new SnippetCompletion(extensionUri, catalog, log), ...SNIPPET_TRIGGERS),
  );
}
