import * as vscode from 'vscode';
import { sniffFormat } from '../../core/images/container';
import { changesImage, type ImageOptions } from '../../core/images/imageOptions';
import type { OptimiseResult } from '../../core/images/optimise';
import { formatChange, formatLabel, formatSize } from '../../core/images/sizes';
import { selectImageOptions } from '../../core/paste/destination';
import { ImagePaster, type PastePlan } from '../../core/paste/imagePaster';
import { type LinkStyle, linkStyles } from '../../core/paste/link';
import { imageExtensionFor, isImageFile } from '../../core/paste/mime';
import type { PasteSettings } from '../../core/paste/settings';
import type { ImageOptimiser } from '../images/imageOptimiser';
import type { SiteSummary, WorkspaceSites } from '../site/workspaceSites';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import { askAltTexts, askAltTextBox, type AltTextAsker } from './askAltText';
import { pasteSettingsFor, publishRootOf } from './pasteSettings';
import { isNotFound, WorkspacePasteFileSystem } from './workspacePasteFileSystem';
import { readWorkspaceFile } from '../util/localDisk';

type OkPlan = Extract<PastePlan, { ok: true }>;

/** `markdown.link.image.techblog.<style>`: under the built-in `markdown.link.image`, so a preference for image links matches ours too. */
const baseKind = vscode.DocumentDropOrPasteEditKind.Empty.append('markdown', 'link', 'image', 'techblog');
export const pasteEditKinds: Readonly<Record<LinkStyle, vscode.DocumentDropOrPasteEditKind>> = {
  relative: baseKind.append('relative'),
  root: baseKind.append('root'),
  baseurl: baseKind.append('baseurl'),
};
/** The image as it came, offered beside the optimised one when `techblog.paste.format` & co. change it. */
export const asPastedEditKind = baseKind.append('asPasted');

/** Clipboard images, copied or dropped image files (`files`), and resources from the Explorer (`text/uri-list`). */
export const imageMimeTypes: readonly string[] = ['image/*', 'files', 'text/uri-list'];

const uriListMime = 'text/uri-list';

interface ImageSource {
  readonly name?: string;
  readonly mime?: string;
  readonly uri?: vscode.Uri;
  data(): Promise<Uint8Array>;
}

/** One paste or drop turned into edits: the first is what Ctrl+V applies, the rest are in the paste widget. */
interface PreparedEdit {
  readonly title: string;
  readonly kind: vscode.DocumentDropOrPasteEditKind;
  readonly additionalEdit: vscode.WorkspaceEdit;
  readonly yieldTo?: readonly vscode.DocumentDropOrPasteEditKind[];
  /** The Markdown it inserts at each range. */
  readonly text: string;
  /** The images it creates (none when every image is reused). */
  readonly creates: readonly vscode.Uri[];
}

export interface ImagePasteOptions {
  /** Paste time (tests inject it). */
  readonly now?: () => Date;
  /** Without one, images are saved as pasted whatever the settings say. */
  readonly optimiser?: ImageOptimiser;
  /** Stands in for the alt-text input box of `techblog.paste.askAltText` (tests). */
  readonly askAlt?: AltTextAsker;
}

interface PlannedImage {
  readonly plan: OkPlan;
  readonly bytes: Uint8Array;
  /** The image as pasted, when `plan` and `bytes` are its optimised form. */
  readonly asPasted?: { readonly plan: OkPlan; readonly bytes: Uint8Array; readonly format: string };
}

/**
 * Typora-style image paste and drop for Markdown: saves the image in the dated images folder
 * (`techblog.paste.destination`) and inserts the link. A thin adapter over `ImagePaster` (src/core/paste).
 *
 * The edits write nothing themselves: the image is a `createFile` in the edit's `additionalEdit`,
 * followed by the link, so nothing is written when the user picks another paste option, undo removes
 * the file, and a failing write leaves the document unchanged (file operations run first).
 */
export class ImagePasteProvider extends Disposable implements vscode.DocumentPasteEditProvider, vscode.DocumentDropEditProvider {
  /** One paster per file system (scheme + authority); core paths are `uri.path` strings. */
  private readonly pasters = new Map<string, { paster: ImagePaster; fs: WorkspacePasteFileSystem }>();
  private readonly watched = new Set<string>();
  private readonly shown = new Set<string>();
  private readonly now: () => Date;
  private readonly optimiser: ImageOptimiser | undefined;
  /** The link texts last offered per document: seeing one inserted means the user took our edit. */
  private readonly offered = new Map<string, ReadonlySet<string>>();
  private readonly applied = this.register(new vscode.EventEmitter<vscode.Uri>());
  /** Fires when a document receives one of our paste or drop edits, by whatever gesture applied it. */
  readonly onDidApplyEdit = this.applied.event;
  private readonly askAlt: AltTextAsker;

  constructor(private readonly sites: WorkspaceSites, private readonly log: Log, options: ImagePasteOptions = {}) {
    super();
    this.now = options.now ?? (() => new Date());
    this.optimiser = options.optimiser;
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      const key = e.document.uri.toString();
      const texts = this.offered.get(key);
      if (!texts || !e.contentChanges.some((c) => texts.has(c.text))) return;
      this.offered.delete(key);
      this.applied.fire(e.document.uri);
    }));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.offered.delete(d.uri.toString())));
    this.askAlt = options.askAlt ?? askAltTextBox;
  }

  /** Build the dedupe index of the site a post belongs to, in the background, when the post opens. */
  watchEditors(): this {
    const warm = (editor: vscode.TextEditor | undefined) => {
      if (editor) void this.warmUp(editor.document);
    };
    this.register(vscode.window.onDidChangeActiveTextEditor(warm));
    for (const editor of vscode.window.visibleTextEditors) warm(editor);
    return this;
  }

  async warmUp(document: vscode.TextDocument): Promise<void> {
    if (document.languageId !== 'markdown' || document.isUntitled) return;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) return;
    try {
      const site = await this.siteFor(document.uri, folder);
      const { settings } = this.settingsFor(document.uri, site, false);
      const siteRoot = site?.root.path.replace(/\/+$/, '') ?? folder.uri.path;
      const { paster } = this.pasterFor(document.uri);
      this.watchImages(document.uri, siteRoot, settings);
      // Settings that convert pasted images: the image worker and its codecs load now, not on the paste.
      this.optimiser?.warm?.(selectImageOptions(document.uri.path, folder.uri.path, settings.rules, settings.image));
      const t0 = Date.now();
      const index = paster.indexFor(`${siteRoot}/${settings.imagesFolder}`);
      const before = index.counters.listings;
      await paster.warmUp(siteRoot, settings);
      if (index.counters.listings > before) {
        this.log.info(`Paste: indexed ${index.size} image(s) in ${siteRoot}/${settings.imagesFolder} in ${Date.now() - t0} ms`);
      }
    } catch (e) {
      this.log.warn(`Paste: could not index the images of ${document.uri.toString(true)}: ${message(e)}`);
    }
  }

  async provideDocumentPasteEdits(
    document: vscode.TextDocument, ranges: readonly vscode.Range[], dataTransfer: vscode.DataTransfer,
    context: vscode.DocumentPasteEditContext, token: vscode.CancellationToken,
  ): Promise<vscode.DocumentPasteEdit[] | undefined> {
    const only = context.only;
    if (only && ![...Object.values(pasteEditKinds), asPastedEditKind].some((k) => only.intersects(k))) return undefined;
    const prepared = await this.prepare(document, ranges, dataTransfer, token);
    return prepared?.filter((p) => !only || only.intersects(p.kind)).map((p) => {
      const edit = new vscode.DocumentPasteEdit('', p.title, p.kind);
      edit.additionalEdit = p.additionalEdit;
      if (p.yieldTo) edit.yieldTo = p.yieldTo;
      return edit;
    });
  }

  async provideDocumentDropEdits(
    document: vscode.TextDocument, position: vscode.Position, dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken,
  ): Promise<vscode.DocumentDropEdit[] | undefined> {
    const prepared = await this.prepare(document, [new vscode.Range(position, position)], dataTransfer, token);
    return prepared?.map((p) => {
      const edit = new vscode.DocumentDropEdit('', p.title, p.kind);
      edit.additionalEdit = p.additionalEdit;
      if (p.yieldTo) edit.yieldTo = p.yieldTo;
      return edit;
    });
  }

  /** undefined: not ours (no image), or refused with a message; the document stays unchanged. */
  async prepare(
    document: vscode.TextDocument, ranges: readonly vscode.Range[], dataTransfer: vscode.DataTransfer, token: vscode.CancellationToken,
  ): Promise<PreparedEdit[] | undefined> {
    const t0 = performance.now();
    if (!vscode.workspace.getConfiguration('techblog.paste', document.uri).get<boolean>('enabled', true)) return undefined;
    const sources = await imageSources(dataTransfer, document.uri);
    if (!sources.length || token.isCancellationRequested) return undefined;

    if (document.isUntitled) {
      this.warn(vscode.l10n.t('TechBlog: save this post in your blog folder first, then paste the image again: an untitled document has no folder to put images in.'), false);
      return undefined;
    }
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) {
      this.warn(vscode.l10n.t('TechBlog: {0} is not in a workspace folder. Open your blog folder to paste images into its posts.', vscode.workspace.asRelativePath(document.uri)), false);
      return undefined;
    }

    const site = await this.siteFor(document.uri, folder);
    const { settings } = this.settingsFor(document.uri, site, true);
    const siteRoot = site?.root.path.replace(/\/+$/, '');
    const { paster, fs } = this.pasterFor(document.uri);
    this.watchImages(document.uri, siteRoot ?? folder.uri.path, settings);
    const primary = ranges[0];
    const selectedText = primary && !primary.isEmpty ? document.getText(primary) : undefined;
    const documentText = document.getText();

    const plans: PlannedImage[] = [];
    const imageOptions = selectImageOptions(document.uri.path, folder.uri.path, settings.rules, settings.image);
    this.optimiser?.warm?.(imageOptions); // the codecs load while the image's bytes are read
    for (const source of sources) {
      let bytes: Uint8Array;
      try {
        bytes = await source.data();
      } catch (e) {
        this.log.warn(`Paste: could not read ${source.uri?.toString(true) ?? source.name ?? 'the pasted data'}: ${message(e)}`);
        continue;
      }
      if (token.isCancellationRequested) return undefined;
      const sameFs = source.uri && source.uri.scheme === document.uri.scheme && source.uri.authority === document.uri.authority;
      const optimised = await this.optimise(bytes, source, imageOptions);
      if (token.isCancellationRequested) return undefined;
      const planFor = (saved: Uint8Array, extension: string | undefined) => paster.plan({
          documentPath: document.uri.path,
          documentText,
          workspaceFolder: folder.uri.path,
          siteRoot,
          publishRoot: site && publishRootOf(site),
          bytes: saved,
          extension,
          mime: source.mime,
          fileName: source.name,
          sourcePath: sameFs ? source.uri!.path : undefined,
          selectedText,
          now: this.now(),
        }, settings);
      let plan: PastePlan;
      let asPasted: PastePlan | undefined;
      try {
        plan = await planFor(optimised?.bytes ?? bytes, optimised?.extension);
        // The name of the optimised image comes first (it is the one Ctrl+V saves).
        if (optimised && plan.ok && plan.write) asPasted = await planFor(bytes, undefined);
      } catch (e) {
        this.error(vscode.l10n.t('TechBlog could not paste the image: {0}', message(e)));
        return undefined;
      }
      if (!plan.ok) {
        if (plan.code === 'not-an-image') continue;
        this.error(vscode.l10n.t('TechBlog did not paste the image: {0}', plan.error));
        return undefined;
      }
      plans.push(optimised && asPasted?.ok
        ? { plan, bytes: optimised.bytes, asPasted: { plan: asPasted, bytes, format: sniffFormat(bytes) } }
        : { plan, bytes: optimised && plan.write ? optimised.bytes : bytes });
    }
    if (!plans.length || token.isCancellationRequested) return undefined;

    for (const { plan } of plans) {
      if (!plan.write) continue;
      const problem = await this.writeProblem(fs.uri(plan.imagePath));
      if (problem) {
        this.error(problem);
        return undefined;
      }
    }
    for (const { plan } of plans) for (const w of plan.warnings) this.warn(vscode.l10n.t('TechBlog: {0}', w));
    await askAltTexts(document.uri, selectedText, plans, this.askAlt);
    if (token.isCancellationRequested) return undefined;

    const primaryStyle = plans[0].plan.linkStyle;
    const styles = [primaryStyle, ...linkStyles.filter((s) => s !== primaryStyle)]
      .filter((s) => plans.every(({ plan }) => plan.links[s] !== undefined))
      // `{{ site.baseurl }}` is Liquid: only Jekyll turns it into a URL.
      .filter((s) => s !== 'baseurl' || !site || site.generator === 'jekyll' || s === primaryStyle);
    const reusedAll = plans.every(({ plan }) => !plan.write);
    const optimisedAny = plans.some((p) => p.asPasted);
    const editFor = (images: readonly { plan: OkPlan; bytes: Uint8Array }[], style: LinkStyle) => {
      const edit = new vscode.WorkspaceEdit();
      const creates: vscode.Uri[] = [];
      // File operations first: if a write fails, the link is never inserted.
      for (const { plan, bytes } of images) {
        if (!plan.write) continue;
        const uri = fs.uri(plan.imagePath);
        edit.createFile(uri, { contents: bytes, overwrite: false });
        creates.push(uri);
      }
      const text = images.map(({ plan }) => plan.links[style]!).join('\n');
      edit.set(document.uri, ranges.map((r) => vscode.SnippetTextEdit.replace(r, new vscode.SnippetString().appendText(text))));
      return { edit, creates, text };
    };
    const prepared = styles.map((style, i): PreparedEdit => {
      const { edit, creates, text } = editFor(plans, style);
      return {
        title: optimisedAny ? optimisedTitle(style, plans) : title(style, reusedAll),
        kind: pasteEditKinds[style],
        additionalEdit: edit,
        text,
        creates,
        // Our other link styles come after our preferred one, whatever order the widget gets them in.
        yieldTo: i === 0 ? undefined : [pasteEditKinds[primaryStyle]],
      };
    });
    if (optimisedAny && plans.every((p) => p.asPasted === undefined || p.asPasted.plan.links[primaryStyle] !== undefined)) {
      // The same images as they came, for who wants the original bytes this time.
      const original = plans.map((p) => p.asPasted ?? p);
      const { edit, creates, text } = editFor(original, primaryStyle);
      prepared.push({ title: asPastedTitle(original), kind: asPastedEditKind, additionalEdit: edit, text, creates, yieldTo: [pasteEditKinds[primaryStyle]] });
    }
    this.offered.set(document.uri.toString(), new Set(prepared.map((p) => p.text)));
    const ms = performance.now() - t0;
    this.log.info(`Paste into ${vscode.workspace.asRelativePath(document.uri)}: ${plans.map(({ plan }) =>
      `${vscode.workspace.asRelativePath(fs.uri(plan.imagePath))}${plan.reused ? ` (reused: ${plan.reused})` : ''}`).join(', ')} — edit ready in ${ms.toFixed(1)} ms`);
    return prepared;
  }

  /** The optimised image when the settings change it and the optimiser could; undefined: save it as pasted. */
  private async optimise(bytes: Uint8Array, source: ImageSource, options: ImageOptions): Promise<OptimiseResult | undefined> {
    // Files from disk (with a URI) are "dropped": a phone photo's EXIF goes by default; clipboard images stay as pasted.
    const dropped = source.uri !== undefined;
    if (!this.optimiser || !changesImage(options, { dropped, jpeg: sniffFormat(bytes) === 'jpeg' })) return undefined;
    const t0 = performance.now();
    try {
      const r = await this.optimiser.optimise({ bytes, dropped }, options);
      this.log.info(`Paste: ${r.changed ? `${formatSize(bytes.byteLength)} → ${formatSize(r.bytes.byteLength)} ${r.format} (${r.steps.join(', ')})` : `saved as pasted (${r.leftAlone})`} in ${(performance.now() - t0).toFixed(0)} ms`);
      return r.changed ? r : undefined;
    } catch (e) {
      this.warn(vscode.l10n.t('TechBlog could not optimise the image, so it is saved as pasted: {0}', message(e)), false);
      return undefined;
    }
  }

  /** The paster for a document's file system, created on first use. */
  pasterFor(uri: vscode.Uri): { paster: ImagePaster; fs: WorkspacePasteFileSystem } {
    const key = `${uri.scheme}://${uri.authority}`;
    let entry = this.pasters.get(key);
    if (!entry) {
      const fs = new WorkspacePasteFileSystem(uri);
      entry = { paster: new ImagePaster(fs), fs };
      this.pasters.set(key, entry);
    }
    return entry;
  }

  private settingsFor(resource: vscode.Uri, site: SiteSummary | undefined, report: boolean): { settings: PasteSettings; problems: string[] } {
    const result = pasteSettingsFor(resource, site);
    if (report) for (const p of result.problems) this.warn(vscode.l10n.t('TechBlog: {0}', p));
    return result;
  }

  /** The site of a document, when it lies inside the document's workspace folder. */
  private async siteFor(uri: vscode.Uri, folder: vscode.WorkspaceFolder): Promise<SiteSummary | undefined> {
    const site = await this.sites.siteFor(uri);
    const root = site?.root.path.replace(/\/+$/, '');
    const folderPath = folder.uri.path.replace(/\/+$/, '');
    return root && (root === folderPath || root.startsWith(`${folderPath}/`)) ? site : undefined;
  }

  /** Feed file changes in a site's images folder to the dedupe index (one watcher per folder). */
  private watchImages(resource: vscode.Uri, siteRoot: string, settings: PasteSettings): void {
    const key = `${resource.scheme}://${resource.authority}${siteRoot}/${settings.imagesFolder}`;
    if (this.watched.has(key)) return;
    this.watched.add(key);
    const { paster, fs } = this.pasterFor(resource);
    const folder = settings.imagesFolder;
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(fs.uri(siteRoot), `{${folder},${folder}/**}`)));
    const changed = (u: vscode.Uri) => paster.fileChanged(u.path);
    this.register(watcher.onDidCreate(changed));
    this.register(watcher.onDidChange(changed));
    this.register(watcher.onDidDelete(changed));
  }

  /** A reason the image cannot be written there, checked before any edit is offered. */
  private async writeProblem(target: vscode.Uri): Promise<string | undefined> {
    const where = vscode.workspace.asRelativePath(target);
    if (vscode.workspace.fs.isWritableFileSystem(target.scheme) === false) {
      return vscode.l10n.t('TechBlog did not paste the image: {0} is on a read-only file system.', where);
    }
    // The nearest folder that exists must be writable (the others are created with the file).
    let dir = vscode.Uri.joinPath(target, '..');
    for (let depth = 0; depth < 256; depth++) {
      try {
        const stat = await vscode.workspace.fs.stat(dir);
        if (stat.permissions !== undefined && (stat.permissions & vscode.FilePermission.Readonly)) {
          return vscode.l10n.t('TechBlog did not paste the image: the folder {0} is read-only.', vscode.workspace.asRelativePath(dir));
        }
        if (!(stat.type & vscode.FileType.Directory)) {
          return vscode.l10n.t('TechBlog did not paste the image: {0} is a file, not a folder.', vscode.workspace.asRelativePath(dir));
        }
        return undefined;
      } catch (e) {
        if (!isNotFound(e)) return undefined; // let the write itself report it
        const parent = vscode.Uri.joinPath(dir, '..');
        if (parent.path === dir.path) return undefined;
        dir = parent;
      }
    }
    return undefined;
  }

  /**
   * A warning; `once`: each distinct text once per session (setting problems and notes that come
   * with every paste), not for a refused paste, which the user must learn about every time.
   */
  private warn(text: string, once = true): void {
    this.log.warn(text);
    if (once && this.shown.has(text)) return;
    this.shown.add(text);
    void vscode.window.showWarningMessage(text);
  }

  private error(text: string): void {
    this.log.error(text);
    void vscode.window.showErrorMessage(text);
  }
}

function title(style: LinkStyle, reused: boolean): string {
  const what = reused ? vscode.l10n.t('Link the existing identical image') : vscode.l10n.t('Save image and insert link');
  return styleTitle(style, what);
}

function styleTitle(style: LinkStyle, what: string): string {
  switch (style) {
    case 'relative': return vscode.l10n.t('{0}: relative to the post (TechBlog)', what);
    case 'root': return vscode.l10n.t('{0}: /images/… from the site root (TechBlog)', what);
    case 'baseurl': return vscode.l10n.t('{0}: {1}/images/… (TechBlog)', what, '{{ site.baseurl }}');
  }
}

/** `Save optimised WebP (148.2 KB, −90 %) and insert link: relative to the post (TechBlog)`. */
function optimisedTitle(style: LinkStyle, plans: readonly PlannedImage[]): string {
  const before = plans.reduce((n, p) => n + (p.asPasted?.bytes ?? p.bytes).byteLength, 0);
  const after = plans.reduce((n, p) => n + p.bytes.byteLength, 0);
  const formats = [...new Set(plans.map((p) => formatLabel(p.plan.imagePath.slice(p.plan.imagePath.lastIndexOf('.') + 1).replace(/^jpg$/, 'jpeg'))))].join(', ');
  const what = vscode.l10n.t('Save optimised {0} ({1}, {2}) and insert link', formats, formatSize(after), formatChange(before, after));
  return styleTitle(style, what);
}

/** `Save image as pasted (1.5 MB) and insert link: relative to the post (TechBlog)`. */
function asPastedTitle(images: readonly { bytes: Uint8Array }[]): string {
  const size = images.reduce((n, p) => n + p.bytes.byteLength, 0);
  return vscode.l10n.t('Save image as pasted ({0}) and insert link (TechBlog)', formatSize(size));
}

/** The images in a paste or drop: files first (clipboard images, files from the OS), else image URIs (Explorer). */
async function imageSources(dataTransfer: vscode.DataTransfer, documentUri: vscode.Uri): Promise<ImageSource[]> {
  const sources: ImageSource[] = [];
  const seen = new Set<string>();
  for (const [mime, item] of dataTransfer) {
    const file = item.asFile();
    if (!file) continue;
    const imageMime = mime.toLowerCase().startsWith('image/') ? mime : undefined;
    if (!imageExtensionFor(imageMime, file.name)) continue;
    if (file.uri) {
      const key = file.uri.toString();
      if (seen.has(key)) continue;
      seen.add(key);
    }
    sources.push({ name: file.name, mime: imageMime, uri: file.uri, data: async () => file.data() });
  }
  if (sources.length) return sources;

  const list = await dataTransfer.get(uriListMime)?.asString();
  for (const line of list?.split(/\r?\n/) ?? []) {
    const s = line.trim();
    if (!s || s.startsWith('#')) continue;
    let uri: vscode.Uri;
    try {
      uri = vscode.Uri.parse(s, true);
    } catch {
      continue;
    }
    // Web images (http:) stay links: the built-in Markdown paste handles them.
    if (uri.scheme !== documentUri.scheme && uri.scheme !== 'file') continue;
    if (!isImageFile(uri.path) || seen.has(uri.toString())) continue;
    seen.add(uri.toString());
    sources.push({ name: uri.path.slice(uri.path.lastIndexOf('/') + 1), uri, data: async () => readWorkspaceFile(uri) });
  }
  return sources;
}

function message(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
