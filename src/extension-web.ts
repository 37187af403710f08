// Wiring only, for the web extension host (vscode.dev, github.dev, a web worker): the parts that work
// through `vscode.workspace.fs` alone, and the preview (its bundle dist/web/preview.js loads on the first
// preview; posts render on this host). Theme downloads and Find Unused Images need Node (the file system,
// zlib, worker threads) and are hidden there by `when` clauses on `techblog.web` in package.json.
import * as vscode from 'vscode';
import { setTranslator } from './core/text/l10n';
import { registerAuthoring } from './host/authoring/registerAuthoring';
import { createLog } from './host/util/log';
import { registerValidation } from './host/frontmatter/registerValidation';
import { registerImagePaste } from './host/paste/registerImagePaste';
import { registerPreview } from './host/preview/registerPreview';
import { registerSiteInfoCommand } from './host/site/siteInfoCommand';
import { WorkspaceSites } from './host/site/workspaceSites';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const sites = new WorkspaceSites(log);
  // package.json hides what this bundle does not register (theme downloads, Find Unused Images, ...) on `techblog.web`.
  void vscode.commands.executeCommand('setContext', 'techblog.web', true);
  const restoreEnglish = setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  context.subscriptions.push(
    { dispose: restoreEnglish },
    log,
    sites,
    registerSiteInfoCommand(sites),
    registerImagePaste(sites, log),
    registerValidation(sites, context.extensionUri, log),
    registerAuthoring(sites, context.extensionUri, log),
    // No theme downloads on the web: a site renders with its own layouts and Sass, or the bundled theme.
    registerPreview(Promise.resolve({ sites }), context.extensionUri, log, context.globalStorageUri, false),
  );
  log.info(`TechBlog ${context.extension.packageJSON.version} (web) activated in VS Code ${vscode.version}`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
