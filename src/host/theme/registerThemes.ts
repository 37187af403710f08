// The "Download theme" command (the preview's notice offers it when a site's theme is not installed).
import * as vscode from 'vscode';
import { parseSiteConfig } from '../../core/site/config';
import type { WorkspaceSites } from '../site/workspaceSites';
import { DOWNLOAD_THEME_COMMAND } from './downloadThemeCommand';
import type { ThemeService } from './themeService';
import { readWorkspaceFile } from '../util/localDisk';

export function registerThemes(sites: WorkspaceSites, themes: ThemeService): vscode.Disposable {
  // Returns the theme folder's path (or undefined): a string is safe to send back to the workbench.
  return vscode.commands.registerCommand(DOWNLOAD_THEME_COMMAND, async (arg?: unknown): Promise<string | undefined> => {
    const uri = arg instanceof vscode.Uri ? arg : typeof arg === 'string' ? vscode.Uri.parse(arg, true) : vscode.window.activeTextEditor?.document.uri;
    const site = uri && (await sites.siteFor(vscode.Uri.joinPath(uri, '_config.yml')) ?? await sites.siteFor(uri));
    if (!site) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a post of a blog whose theme is missing to download its theme.'));
      return undefined;
    }
    let text: string | undefined;
    try {
      text = new TextDecoder().decode(await readWorkspaceFile(vscode.Uri.joinPath(site.root, '_config.yml')));
    } catch {
      text = undefined;
    }
    const config = parseSiteConfig(text, site.generator === 'hexo' ? 'hexo' : 'jekyll');
    // Looked up afresh: the gem may have been installed (or downloaded for another site) since.
    themes.forget(site.root);
    const state = await themes.resolve(site.root, { ...config, profile: site.generator });
    if (state.kind === 'found') themes.refresh();
    if (state.kind !== 'missing') {
      void vscode.window.showInformationMessage(state.kind === 'found'
        ? vscode.l10n.t('The theme {0} is already available ({1}).', state.layer.name, state.layer.root)
        : vscode.l10n.t('The site names no theme to download (theme: or remote_theme: in _config.yml).'));
      return state.kind === 'found' ? state.layer.root : undefined;
    }
    return themes.download(state);
  });
}
