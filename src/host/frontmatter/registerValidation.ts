import * as vscode from 'vscode';
import type { Log } from '../util/log';
import { siteModelsOf } from '../site/siteModels';
import type { WorkspaceSites } from '../site/workspaceSites';
import { registerAltTextFix } from './altTextFix';
import { FrontMatterCodeActions } from './codeActions';
import { FrontMatterCompletion, TRIGGER_CHARACTERS } from './completion';
import { BackgroundCheck } from './backgroundCheck';
import { FrontMatterDiagnostics, type CheckAllSummary } from './diagnostics';
import { RuleDocs } from './ruleDocs';
import { registerLinks } from '../links/registerLinks';

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown', scheme: 'file' }, { language: 'markdown', scheme: 'untitled' }, { language: 'markdown', scheme: 'vscode-remote' }, { language: 'markdown', scheme: 'vscode-vfs' }];

/** Front-matter validation: diagnostics, quick fixes, fix-all, completion, hover and "Check All Posts". */
export function registerValidation(sites: WorkspaceSites, extensionUri: vscode.Uri, log: Log): vscode.Disposable {
  // The workspace's one set of site indexes, shared with the preview (owned by `sites`).
  const indexes = siteModelsOf(sites, log).indexes;
  const diagnostics = new FrontMatterDiagnostics(indexes, new RuleDocs(extensionUri), log);
  const completion = new FrontMatterCompletion(indexes, diagnostics);
  // Every post checked at low priority once the blog is open (started after activation, not in it).
  const background = new BackgroundCheck(diagnostics, indexes, log);
  const uriOf = (u: unknown) => (u instanceof vscode.Uri ? u : vscode.Uri.parse(String(u), true));
  return vscode.Disposable.from(
    diagnostics,
    background,
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new FrontMatterCodeActions(diagnostics), { providedCodeActionKinds: FrontMatterCodeActions.kinds }),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, completion, ...TRIGGER_CHARACTERS),
    vscode.languages.registerHoverProvider(MARKDOWN, completion),
    vscode.commands.registerCommand('techblog.checkAllPosts', () => checkAllPosts(diagnostics)),
    registerLinks(indexes, log),
    // Tests (and other extensions) wait for checks with these instead of timers: a document's diagnostics
    // published for a version (default: the open document's), and the background check's runs.
    vscode.commands.registerCommand('techblog.validation.whenChecked', (uri: unknown, version?: number) => diagnostics.whenChecked(uriOf(uri), version)),
    vscode.commands.registerCommand('techblog.validation.whenNextChecked', (uri: unknown) => diagnostics.whenNextChecked(uriOf(uri))),
    vscode.commands.registerCommand('techblog.validation.whenBackgroundChecked', (after?: number) => background.whenFinished(after)),
    vscode.commands.registerCommand('techblog.validation.backgroundState', () => background.snapshot()),
    registerAltTextFix(),
  );
}

async function checkAllPosts(diagnostics: FrontMatterDiagnostics): Promise<CheckAllSummary> {
  const summary = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('TechBlog: checking all posts'), cancellable: true },
    (progress, token) => diagnostics.checkAll(progress, token),
  );
  const text = summary.sites === 0
    ? vscode.l10n.t('TechBlog found no blog in this workspace: no folder has a _config.yml or hugo.toml.')
    : vscode.l10n.t('Checked {0} documents in {1} ms: {2} errors, {3} warnings, {4} infos.{5}', summary.files, summary.ms, summary.errors, summary.warnings, summary.infos,
      summary.cancelled ? ' ' + vscode.l10n.t('(cancelled)') : '');
  const showProblems = vscode.l10n.t('Show Problems');
  void vscode.window.showInformationMessage(text, ...(summary.errors + summary.warnings + summary.infos ? [showProblems] : [])).then((pick) => {
    if (pick === showProblems) void vscode.commands.executeCommand('workbench.actions.view.problems');
  });
  return summary;
}
