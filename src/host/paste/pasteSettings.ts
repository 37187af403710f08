// `techblog.paste.*` for one document: what the user set explicitly, else the defaults of the site's
// generator (Hugo and Hexo keep images below the folder they serve at the site root).
import * as vscode from 'vscode';
import { pasteDefaultsFor, readPasteSettings, type PasteSettings, type RawPasteSettings } from '../../core/paste/settings';
import type { SiteSummary } from '../site/workspaceSites';

/** A setting's value when the user (or a workspace) set it anywhere; undefined when only the default applies. */
function explicit(c: vscode.WorkspaceConfiguration, key: string): unknown {
  const i = c.inspect(key);
  if (!i) return undefined;
  return i.workspaceFolderLanguageValue ?? i.workspaceLanguageValue ?? i.globalLanguageValue ?? i.workspaceFolderValue ?? i.workspaceValue ?? i.globalValue;
}

export function pasteSettingsFor(resource: vscode.Uri, site: SiteSummary | undefined): { settings: PasteSettings; problems: string[] } {
  const c = vscode.workspace.getConfiguration('techblog.paste', resource);
  const raw: RawPasteSettings = {
    destination: explicit(c, 'destination'),
    rules: explicit(c, 'rules'),
    linkStyle: explicit(c, 'linkStyle'),
    dedupe: explicit(c, 'dedupe'),
    imagesFolder: explicit(c, 'imagesFolder'),
    image: {
      format: explicit(c, 'format'),
      quality: explicit(c, 'quality'),
      maxWidth: explicit(c, 'maxWidth'),
      stripMetadata: explicit(c, 'stripMetadata'),
      optimizePng: explicit(c, 'optimizePng'),
    },
  };
  return readPasteSettings(raw, pasteDefaultsFor(site?.layout));
}

/** The folder a site serves at its root (`/…` links point there): Hugo's `static/`, Hexo's `source/`, the site itself for Jekyll. */
export function publishRootOf(site: SiteSummary): string {
  const root = site.root.path.replace(/\/+$/, '');
  return site.generator !== 'jekyll' && site.layout.publishDir ? `${root}/${site.layout.publishDir}` : root;
}
