// Wiring only: build the pieces, register them, hand every Disposable to VS Code.
import * as vscode from 'vscode';
import { setTranslator } from './core/text/l10n';
import { registerAuthoring } from './host/authoring/registerAuthoring';
import { createLog } from './host/util/log';
import { registerValidation } from './host/frontmatter/registerValidation';
import { registerFindUnusedImages } from './host/paste/findUnusedImages';
import { registerImagePaste } from './host/paste/registerImagePaste';
import { registerPreview } from './host/preview/registerPreview';
import { registerSiteInfoCommand } from './host/site/siteInfoCommand';
import { WorkspaceSites } from './host/site/workspaceSites';
import { registerWalkthrough } from './host/walkthrough/registerWalkthrough';
import { WalkthroughProgress } from './host/walkthrough/walkthroughProgress';
import { registerThemes } from './host/theme/registerThemes';
import { ThemeService } from './host/theme/themeService';

export function activate(context: vscode.ExtensionContext): void {
  const log = createLog();
  const sites = new WorkspaceSites(log);
  // Messages made in src/core (problems, preview notices) follow VS Code's display language.
  const themes = new ThemeService(context.globalStorageUri, log);
  const walkthrough = new WalkthroughProgress();
  const restoreEnglish = setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  context.subscriptions.push(
    { dispose: restoreEnglish },
    log,
    sites,
    themes,
    walkthrough,
    registerThemes(sites, themes),
    registerSiteInfoCommand(sites),
    registerImagePaste(sites, log, () => walkthrough.pasted()),
    registerFindUnusedImages(sites, log),
    registerValidation(sites, context.extensionUri, log),
    registerPreview(sites, context.extensionUri, log, context.globalStorageUri, themes),
    registerAuthoring(sites, context.extensionUri, log),
    registerWalkthrough(sites, context.extensionUri, log),
  );
  log.info(`TechBlog ${context.extension.packageJSON.version} activated in VS Code ${vscode.version}`);
}

export function deactivate(): void {
  // Everything is owned by context.subscriptions.
}
