// The entry of dist/features.js: every feature that is not the preview — the blog sites, validation
// (checks, quick fixes, completion, links), paste, authoring (commands, the Posts view), themes, site
// info and the walkthrough. `activate` (src/extension.ts) only wires: it loads this bundle in the task
// after it returns (./deferredFeatures.ts), so VS Code's activation measure holds no module of it.
// This bundle carries its own copy of src/core/text/l10n: point it at VS Code's display language too.
import * as vscode from 'vscode';
import { setTranslator } from '../../core/text/l10n';
import { registerAuthoring } from '../authoring/registerAuthoring';
import { registerValidation } from '../frontmatter/registerValidation';
import { createImageOptimiser } from '../images/imageOptimiser';
import { registerOptimiseImages } from '../images/optimiseImagesCommand';
import { registerFindUnusedImages } from '../paste/findUnusedImages';
import { registerImagePaste } from '../paste/registerImagePaste';
import { registerSiteInfoCommand } from '../site/siteInfoCommand';
import { WorkspaceSites } from '../site/workspaceSites';
import { registerThemes } from '../theme/registerThemes';
import { ThemeService } from '../theme/themeService';
import type { Log } from '../util/log';
import { registerWalkthrough } from '../walkthrough/registerWalkthrough';
import { WalkthroughProgress } from '../walkthrough/walkthroughProgress';

/** What the preview (wired at activation) needs of the features, and their owner. */
export interface Features extends vscode.Disposable {
  sites: WorkspaceSites;
  themes: ThemeService;
}

export function createFeatures(context: Pick<vscode.ExtensionContext, 'extensionUri' | 'globalStorageUri'>, log: Log): Features {
  const restoreEnglish = setTranslator((message, ...args) => vscode.l10n.t(message, ...args));
  const sites = new WorkspaceSites(log);
  const themes = new ThemeService(context.globalStorageUri, log);
  const imageOptimiser = createImageOptimiser(context.extensionUri, log);
  const walkthrough = new WalkthroughProgress();
  const owned = vscode.Disposable.from(
    sites,
    themes,
    registerThemes(sites, themes),
    registerSiteInfoCommand(sites),
    ...(imageOptimiser ? [imageOptimiser] : []),
    walkthrough,
    registerImagePaste(sites, log, imageOptimiser, () => walkthrough.pasted()),
    registerFindUnusedImages(sites, log),
    registerOptimiseImages(sites, imageOptimiser, log),
    registerValidation(sites, context.extensionUri, log),
    registerAuthoring(sites, context.extensionUri, log),
    registerWalkthrough(sites, context.extensionUri, log),
    { dispose: restoreEnglish },
  );
  return { sites, themes, dispose: () => owned.dispose() };
}
