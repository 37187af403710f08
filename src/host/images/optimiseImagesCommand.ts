// "TechBlog: Optimise Images": the images already in a site's images folder through the paste's image
// pipeline (in the image worker), with progress, a confirmation showing the bytes to be saved, and a
// report. A file whose format changes is renamed with a WorkspaceEdit, so the link updates of moved
// files (src/host/links/linkRenames.ts, `techblog.links.updateOnFileMove`) follow it across the blog.
import * as vscode from 'vscode';
import { imageFormats, type ImageFormat, type ImageOptions } from '../../core/images/imageOptions';
import { imagesUnder, optimiseExisting, type OptimiseExistingResult } from '../../core/images/optimiseExisting';
import { formatChange, formatLabel, formatSize } from '../../core/images/sizes';
import { pasteSettingsFor } from '../paste/pasteSettings';
import type { SiteSummary, WorkspaceSites } from '../site/workspaceSites';
import type { Log } from '../util/log';
import { refuseInRestrictedMode } from '../util/trust';
import type { ImageOptimiser } from './imageOptimiser';
import { readWorkspaceFile } from '../util/localDisk';

export interface OptimiseImagesOptions {
  /** false: no questions (tests): the site of the active editor or the first, `format` or the settings'. */
  readonly interactive?: boolean;
  readonly format?: ImageFormat;
  /** Only the images below this site-relative folder (default: the whole images folder). */
  readonly under?: string;
}

export interface OptimiseImagesReport {
  readonly changed: { readonly from: string; readonly to: string; readonly before: number; readonly after: number }[];
  readonly images: number;
  readonly saved: number;
}

export function registerOptimiseImages(sites: WorkspaceSites, optimiser: ImageOptimiser | undefined, log: Log): vscode.Disposable {
  return vscode.commands.registerCommand('techblog.optimiseImages', async (options?: OptimiseImagesOptions): Promise<OptimiseImagesReport | undefined> => {
    const interactive = options?.interactive !== false;
    if (refuseInRestrictedMode(vscode.l10n.t('Optimising images'))) return undefined;
    if (!optimiser) {
      void vscode.window.showErrorMessage(vscode.l10n.t('TechBlog cannot optimise images here: the image worker cannot run in this environment.'));
      return undefined;
    }
    const site = await pickSite(sites, interactive);
    if (!site) return undefined;
    const { settings } = pasteSettingsFor(site.root, site);
    const format = options?.format ?? (interactive ? await pickFormat(settings.image.format) : settings.image.format);
    if (!format) return undefined;
    // Existing images: metadata goes from all of them, PNGs that stay PNGs are optimised losslessly.
    const imageOptions: ImageOptions = { ...settings.image, format, stripMetadata: 'always', optimizePng: true };

    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(site.root, `${settings.imagesFolder}/**/*`));
    const rootPath = site.root.path.replace(/\/+$/, '');
    const rels = imagesUnder(files.map((u) => u.path.slice(rootPath.length + 1)), options?.under ?? settings.imagesFolder);
    const existing = new Set(rels.map((r) => r.toLowerCase()));
    const uriOf = (rel: string) => vscode.Uri.joinPath(site.root, rel);
    const t0 = Date.now();
    const result = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('TechBlog: optimising images'), cancellable: true },
      (progress, token) => optimiseExisting(rels, imageOptions, {
        readFile: async (rel) => readWorkspaceFile(uriOf(rel)),
        exists: (rel) => existing.has(rel.toLowerCase()),
        optimise: (input, o) => optimiser.optimise(input, o),
        progress: (done, total, rel) => progress.report({ message: `${done}/${total} ${rel}`, increment: 100 / Math.max(1, total) }),
        isCancelled: () => token.isCancellationRequested,
      }),
    );
    log.info(`Optimise Images: ${result.changes.length} of ${rels.length} image(s) can change, ${result.failed.length} failed, in ${Date.now() - t0} ms`);
    for (const f of result.failed) log.warn(`Optimise Images: ${f.rel}: ${f.reason}`);
    const { before, after } = result.totals;
    if (!result.changes.length) {
      if (interactive) void vscode.window.showInformationMessage(vscode.l10n.t('No image to optimise: the {0} images in {1} are as small as these settings make them.', rels.length, settings.imagesFolder));
      return { changed: [], images: rels.length, saved: 0 };
    }
    if (interactive) {
      const go = vscode.l10n.t('Optimise');
      const renamed = result.changes.filter((c) => c.newRel !== c.rel).length;
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Optimise {0} of {1} images, {2} → {3} ({4})?', result.changes.length, rels.length, formatSize(before), formatSize(after), formatChange(before, after)),
        { modal: true, detail: (renamed ? vscode.l10n.t('{0} images become {1}: they are renamed and the links to them updated.', renamed, formatLabel(format)) + '\n' : '') + listOf(result) },
        go);
      if (answer !== go) return undefined;
    }
    // New bytes first, then the renames as one edit: the link updates see every move at once.
    for (const c of result.changes) await vscode.workspace.fs.writeFile(uriOf(c.rel), c.bytes);
    const renames = new vscode.WorkspaceEdit();
    for (const c of result.changes) if (c.newRel !== c.rel) renames.renameFile(uriOf(c.rel), uriOf(c.newRel), { overwrite: false });
    if (renames.size || result.changes.some((c) => c.newRel !== c.rel)) await vscode.workspace.applyEdit(renames);
    const report: OptimiseImagesReport = {
      changed: result.changes.map((c) => ({ from: c.rel, to: c.newRel, before: c.before, after: c.after })),
      images: rels.length,
      saved: before - after,
    };
    if (interactive) void vscode.window.showInformationMessage(vscode.l10n.t('Optimised {0} images: saved {1} ({2} → {3}).', result.changes.length, formatSize(before - after), formatSize(before), formatSize(after)));
    return report;
  });
}

function listOf(result: OptimiseExistingResult): string {
  const lines = result.changes.slice(0, 8).map((c) => `${c.rel}${c.newRel !== c.rel ? ` → ${c.newRel.slice(c.newRel.lastIndexOf('/') + 1)}` : ''}: ${formatSize(c.before)} → ${formatSize(c.after)}`);
  return lines.join('\n') + (result.changes.length > 8 ? `\n… ${result.changes.length - 8}` : '');
}

async function pickSite(sites: WorkspaceSites, interactive: boolean): Promise<SiteSummary | undefined> {
  const active = vscode.window.activeTextEditor?.document.uri;
  const current = active && (await sites.siteFor(active));
  const all = await sites.all();
  if (!all.length) {
    if (interactive) void vscode.window.showInformationMessage(vscode.l10n.t('TechBlog found no blog in this workspace: no folder has a _config.yml or hugo.toml.'));
    return undefined;
  }
  if (current || all.length === 1 || !interactive) return current ?? all[0];
  const picked = await vscode.window.showQuickPick(all.map((s) => ({ label: vscode.workspace.asRelativePath(s.root), site: s })), { title: vscode.l10n.t('Optimise the images of which blog?') });
  return picked?.site;
}

async function pickFormat(current: ImageFormat): Promise<ImageFormat | undefined> {
  const label = (f: ImageFormat) => (f === 'keep' ? vscode.l10n.t('Keep each image\'s format') : vscode.l10n.t('Convert to {0}', formatLabel(f)));
  const items = [current, ...imageFormats.filter((f) => f !== current)].map((f) => ({ label: label(f), format: f }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Optimise Images: format'),
    placeHolder: vscode.l10n.t('Metadata (EXIF, GPS) is removed and PNGs are optimised losslessly in every case'),
  });
  return picked?.format;
}
