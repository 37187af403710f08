import * as vscode from 'vscode';
import { markdownGlobAlternatives } from '../../core/site/markdownFiles';
import { GENERATOR_NAMES, type Generator } from '../../core/site/profile';
import type { WorkspaceSites, SiteSummary } from './workspaceSites';

export interface SiteInfo {
  root: string;
  title: string | undefined;
  generator: Generator;
  posts: number;
}

/** "TechBlog: Show Site Info" — which folders TechBlog treats as blogs, and how many posts each has. */
export function registerSiteInfoCommand(sites: WorkspaceSites): vscode.Disposable {
  return vscode.commands.registerCommand('techblog.showSiteInfo', async (): Promise<SiteInfo[]> => {
    const found = await sites.all();
    const infos = await Promise.all(found.map(describe));
    if (infos.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('TechBlog found no blog in this workspace: no folder has a _config.yml or hugo.toml.'));
    } else {
      const lines = infos.map((i) => vscode.l10n.t('{0} ({1}, {2}): {3} posts', i.title ?? vscode.l10n.t('untitled'), i.root, GENERATOR_NAMES[i.generator], i.posts));
      void vscode.window.showInformationMessage(lines.join(' · '));
    }
    return infos;
  });
}

async function describe(site: SiteSummary): Promise<SiteInfo> {
  const posts = await vscode.workspace.findFiles(new vscode.RelativePattern(site.root, `${site.layout.postsDir}/**/*.${markdownGlobAlternatives(['html'])}`));
  return { root: vscode.workspace.asRelativePath(site.root, true), title: site.title, generator: site.generator, posts: posts.length };
}
