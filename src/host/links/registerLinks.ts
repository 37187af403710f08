import * as vscode from 'vscode';
import type { SiteIndexes } from '../frontmatter/siteIndexes';
import type { Log } from '../util/log';
import { LINK_TRIGGERS, LinkCompletion } from './linkCompletion';
import { LinkRenames } from './linkRenames';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown', scheme: 'file' }, { language: 'markdown', scheme: 'vscode-remote' }, { language: 'markdown', scheme: 'vscode-vfs' }];

/** Links: updated when posts and images move, completed while typed (the link rules run with the front-matter checks). */
export function registerLinks(indexes: SiteIndexes, log: Log): vscode.Disposable {
  const renames = new LinkRenames(indexes, log);
  return vscode.Disposable.from(
    renames,
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new LinkCompletion(indexes), ...LINK_TRIGGERS),
    // Tests and other extensions wait for a move's link updates with this.
    vscode.commands.registerCommand('techblog.links.whenUpdated', () => new Promise((resolve) => { const d = renames.onDidUpdateLinks((r) => { d.dispose(); resolve(r); }); })),
  );
}
