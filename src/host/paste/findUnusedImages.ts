import * as vscode from 'vscode';
import { formatSize } from '../../core/images/sizes';
import { isImageFile } from '../../core/paste/mime';
import { findUnusedImages, type SiteText } from '../../core/paste/unusedImages';
import { markdownGlobAlternatives } from '../../core/site/markdownFiles';
import type { SiteStore } from '../../core/site/siteStore';
import { siteModelsOf } from '../site/siteModels';
import type { SiteSummary, WorkspaceSites } from '../site/workspaceSites';
import type { Log } from '../util/log';
import { pasteSettingsFor, publishRootOf } from './pasteSettings';
import { WorkspacePasteFileSystem } from './workspacePasteFileSystem';
import { refuseInRestrictedMode } from '../util/trust';

/** Files that may name an image: posts, pages, layouts, includes, data, config, styles, scripts. */
const TEXT_GLOB = `**/*.${markdownGlobAlternatives(['html', 'htm', 'liquid', 'xml', 'txt', 'textile', 'yml', 'yaml', 'json', 'toml', 'css', 'scss', 'sass', 'js'])}`;
/** Build output and dependencies: the built `_site` names every image, so it must not count. */
const EXCLUDE = '{**/.git/**,**/node_modules/**,**/_site/**,**/.jekyll-cache/**,**/.sass-cache/**,**/vendor/**,**/.bundle/**}';
const readBatch = 32;

export interface UnusedImage {
  readonly uri: vscode.Uri;
  readonly site: SiteSummary;
  readonly size: number;
}

export interface FindUnusedImagesOptions {
  /** false: no quick pick and no trash, just return the list (tests, other commands). Default true. */
  readonly interactive?: boolean;
}

/**
 * "TechBlog: Find Unused Images": images in a site's images folder (`techblog.paste.imagesFolder`)
 * that no file of the site refers to, in a multi-select list, with "Move to Trash" after a confirmation.
 * Returns the `uri.path` of every unused image found.
 */
export function registerFindUnusedImages(sites: WorkspaceSites, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand('techblog.findUnusedImages', async (options?: FindUnusedImagesOptions): Promise<string[]> => {
    const interactive = options?.interactive !== false;
    const found = await sites.all();
    if (found.length === 0) {
      if (interactive) void vscode.window.showInformationMessage(vscode.l10n.t('TechBlog found no blog in this workspace: no folder has a _config.yml or hugo.toml.'));
      return [];
    }
    const t0 = Date.now();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('TechBlog: looking for unused images'), cancellable: true },
      async (progress, token) => {
        const all: UnusedImage[] = [];
        let images = 0;
        for (const site of found) {
          if (token.isCancellationRequested) return undefined;
          progress.report({ message: vscode.workspace.asRelativePath(site.root) });
          const r = await unusedIn(site, siteModelsOf(sites, log).store(site.root), token);
          if (!r) return undefined;
          all.push(...r.unused);
          images += r.images;
        }
        return { unused: all, images };
      },
    );
    if (!result) {
      log.info('Find Unused Images: cancelled');
      return [];
    }
    const { unused, images } = result;
    log.info(`Find Unused Images: ${unused.length} of ${images} image(s) unused (${Date.now() - t0} ms)`);
    const paths = unused.map((u) => u.uri.path);
    if (!interactive) return paths;

    if (unused.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('No unused images: every one of the {0} images is referenced.', images));
      return paths;
    }
    // Restricted Mode: the list is in the output, the trash is off.
    if (refuseInRestrictedMode(vscode.l10n.t('Moving unused images to the trash'))) {
      for (const u of unused) log.info(`  unused: ${vscode.workspace.asRelativePath(u.uri)}`);
      return paths;
    }
    const several = found.length > 1;
    const items = unused.map((u): vscode.QuickPickItem & { image: UnusedImage } => ({
      label: relativeTo(u.site.root, u.uri),
      description: formatSize(u.size),
      detail: several ? vscode.workspace.asRelativePath(u.site.root) : undefined,
      iconPath: u.uri,
      image: u,
    }));
    const total = unused.reduce((n, u) => n + u.size, 0);
    const picked = await vscode.window.showQuickPick(items, {
      canPickMany: true,
      matchOnDescription: true,
      title: vscode.l10n.t('{0} unused images ({1})', unused.length, formatSize(total)),
      placeHolder: vscode.l10n.t('Select the images to move to the trash (Escape: keep all)'),
    });
    if (!picked?.length) return paths;

    const moveToTrash = vscode.l10n.t('Move to Trash');
    const names = picked.slice(0, 8).map((p) => p.label).join('\n') + (picked.length > 8 ? `\n… ${picked.length - 8}` : '');
    const answer = await vscode.window.showWarningMessage(
      vscode.l10n.t('Move {0} unused images ({1}) to the trash?', picked.length, formatSize(picked.reduce((n, p) => n + p.image.size, 0))),
      { modal: true, detail: names }, moveToTrash);
    if (answer !== moveToTrash) return paths;

    const failed: { uri: vscode.Uri; error: string }[] = [];
    let trashed = 0;
    for (const p of picked) {
      try {
        await vscode.workspace.fs.delete(p.image.uri, { useTrash: true, recursive: false });
        trashed++;
      } catch (e) {
        failed.push({ uri: p.image.uri, error: e instanceof Error ? e.message : String(e) });
      }
    }
    let deleted = 0;
    if (failed.length) {
      // Remote and web workspaces often have no trash: offer a permanent delete instead.
      log.warn(`Find Unused Images: could not move ${failed.length} image(s) to the trash: ${failed[0].error}`);
      const deleteForever = vscode.l10n.t('Delete Permanently');
      const again = await vscode.window.showWarningMessage(
        vscode.l10n.t('{0} images could not be moved to the trash. Delete them permanently?', failed.length),
        { modal: true, detail: failed[0].error }, deleteForever);
      if (again === deleteForever) {
        for (const f of failed.splice(0)) {
          try {
            await vscode.workspace.fs.delete(f.uri, { useTrash: false, recursive: false });
            deleted++;
          } catch (e) {
            failed.push({ uri: f.uri, error: e instanceof Error ? e.message : String(e) });
          }
        }
      }
    }
    const parts = [vscode.l10n.t('Moved {0} images to the trash.', trashed)];
    if (deleted) parts.push(vscode.l10n.t('Deleted {0} permanently.', deleted));
    if (failed.length) parts.push(vscode.l10n.t('{0} could not be removed (see the TechBlog output).', failed.length));
    log.info(`Find Unused Images: trashed ${trashed}, deleted ${deleted}, failed ${failed.length}`);
    for (const f of failed) log.error(`  ${f.uri.toString(true)}: ${f.error}`);
    void (failed.length ? vscode.window.showWarningMessage(parts.join(' ')) : vscode.window.showInformationMessage(parts.join(' ')));
    return paths;
  });
}

async function unusedIn(site: SiteSummary, store: SiteStore, token: vscode.CancellationToken): Promise<{ unused: UnusedImage[]; images: number } | undefined> {
  const { settings } = pasteSettingsFor(site.root, site);
  const fs = new WorkspacePasteFileSystem(site.root);
  const rootPath = site.root.path.replace(/\/+$/, '');
  const listed = (await fs.listFiles(`${rootPath}/${settings.imagesFolder}`)).filter((f) => isImageFile(f.path));
  if (token.isCancellationRequested) return undefined;

  const files = await vscode.workspace.findFiles(new vscode.RelativePattern(site.root, TEXT_GLOB), EXCLUDE, undefined, token);
  const texts: SiteText[] = [];
  for (let i = 0; i < files.length; i += readBatch) {
    if (token.isCancellationRequested) return undefined;
    const batch = await Promise.all(files.slice(i, i + readBatch).map(async (uri) => {
      // Through the site's store: posts the other features read already are not read again.
      const text = await store.readFile(uri.path);
      return text === undefined ? undefined : { path: uri.path, text };
    }));
    for (const t of batch) if (t) texts.push(t);
  }
  const sizes = new Map(listed.map((f) => [f.path, f.size]));
  // `/images/…` in a Hugo or Hexo post names a file below the folder served at the site root.
  const unused = findUnusedImages({ siteRoot: publishRootOf(site), imagePaths: listed.map((f) => f.path), texts });
  return { unused: unused.map((p) => ({ uri: fs.uri(p), site, size: sizes.get(p) ?? 0 })), images: listed.length };
}

function relativeTo(root: vscode.Uri, uri: vscode.Uri): string {
  const prefix = root.path.endsWith('/') ? root.path : `${root.path}/`;
  return uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : vscode.workspace.asRelativePath(uri);
}
