// One call per pasted or dropped image: decide where it goes (or which existing image it is),
// and the Markdown to insert. Writes nothing: the host turns the plan into a WorkspaceEdit
// (createFile with overwrite: false + the link), so a paste the user does not pick writes nothing.
import * as path from '../text/posixPath';
import { t } from '../text/l10n';
import { defaultFileNamePattern, isInside, refusedSegment, resolveDestination, selectDestination, variablesUsed } from './destination';
import { existsIn, type PasteFileSystem } from './fileSystem';
import { sha256Hex, type HashFn } from './hash';
import { ImageHashIndex } from './hashIndex';
import { linkFor, type LinkStyle } from './link';
import { imageExtensionFor, isImageFile } from './mime';
import { NameReservations, uniqueName } from './naming';
import { defaultPasteSettings, type PasteSettings } from './settings';
import { buildVariables, frontMatterDate } from './variables';

export interface PasteRequest {
  /** Absolute posix path of the Markdown document (`document.uri.path`). */
  readonly documentPath: string;
  /** The document's text, read for the front matter `date:` (postYear/postMonth/postDay). */
  readonly documentText?: string;
  /** The raw `date:` if the host already has it; wins over `documentText`. */
  readonly frontMatterDate?: string | Date;
  readonly workspaceFolder: string;
  /** Folder with `_config.yml`; defaults to the workspace folder. */
  readonly siteRoot?: string;
  /**
   * The folder the generator serves at the site root, for `/…` links: Hugo's `static/`, Hexo's
   * `source/`; defaults to `siteRoot` (Jekyll).
   */
  readonly publishRoot?: string;
  readonly bytes: Uint8Array;
  /** `image/png` for clipboard images; may be empty for dropped files. */
  readonly mime?: string;
  /** Dropped file's name (`Screen Shot 2021.png`). */
  readonly fileName?: string;
  /** The extension of `bytes` when they were converted (`webp`, from src/core/images); default: the mime type's or file name's. */
  readonly extension?: string;
  /** Dropped file's own path when it is in the workspace: already in the images folder = just link it. */
  readonly sourcePath?: string;
  /** Selected text: becomes the alt text. */
  readonly selectedText?: string;
  readonly now: Date;
}

export type PasteLinks = { readonly relative: string } & { readonly [S in Exclude<LinkStyle, 'relative'>]?: string };

export type PastePlan =
  | {
    readonly ok: true;
    readonly imagePath: string;
    /** false: the image exists already (`reused` says why); insert the link only. */
    readonly write: boolean;
    readonly reused?: 'identical-bytes' | 'already-in-images-folder';
    /** The Markdown for `settings.linkStyle` (relative when that style is impossible here). */
    readonly markdown: string;
    readonly linkStyle: LinkStyle;
    /** Every style that works here, for the other paste kinds. */
    readonly links: PasteLinks;
    readonly hash?: string;
    /** Things the user may want to know, e.g. a destination Jekyll will not publish. */
    readonly warnings: readonly string[];
  }
  | { readonly ok: false; readonly code: 'not-an-image' | 'outside-workspace' | 'destination' | 'no-free-name'; readonly error: string };

/**
 * Timestamps are bumped past the previous paste's only when that one is less than this far
 * ahead: a clock set back by more is trusted rather than naming images in the "future".
 */
const burstWindowMs = 60_000;
const maxTimestampBumps = 1000;

export class ImagePaster {
  private readonly reservations = new NameReservations();
  private readonly indexes = new Map<string, ImageHashIndex>();
  private readonly exists: (p: string) => Promise<boolean>;
  private readonly hash: HashFn;
  private lastStampMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly fs: PasteFileSystem, options: { readonly hash?: HashFn } = {}) {
    this.exists = existsIn(fs);
    this.hash = options.hash ?? sha256Hex;
  }

  async plan(request: PasteRequest, settings: PasteSettings = defaultPasteSettings): Promise<PastePlan> {
    const { documentPath, workspaceFolder, bytes, now } = request;
    const ext = imageExtensionFor(request.mime, request.fileName);
    if (!ext) {
      const what = request.fileName ?? request.mime;
      return { ok: false, code: 'not-an-image', error: what === undefined ? t('Not an image: unknown data.') : t('Not an image: {0}.', what) };
    }
    const savedExt = request.extension ?? ext;
    if (!isInside(documentPath, workspaceFolder)) {
      return { ok: false, code: 'outside-workspace', error: t('{0} is not inside the workspace folder {1}; save it in the blog\'s folder to paste images.', documentPath, workspaceFolder) };
    }
    const siteRoot = request.siteRoot ?? workspaceFolder;
    const imagesRoot = path.join(siteRoot, settings.imagesFolder);

    if (request.sourcePath && isImageFile(request.sourcePath) && isInside(request.sourcePath, imagesRoot)) {
      return this.done(request, settings, siteRoot, request.sourcePath, { reused: 'already-in-images-folder' });
    }

    let pattern = selectDestination(documentPath, workspaceFolder, settings.rules, settings.destination).trim();
    if (pattern.endsWith('/')) {
      pattern += defaultFileNamePattern;
    }
    const used = variablesUsed(pattern);
    const hash = settings.dedupe || used.has('hash') ? await this.hash(bytes) : undefined;

    const date = request.frontMatterDate ?? (request.documentText === undefined ? undefined : frontMatterDate(request.documentText));
    const resolveAt = (t: Date) => resolveDestination({
      pattern,
      vars: buildVariables({ documentPath, siteRoot, workspaceFolder, frontMatterDate: date, now: t, ext: savedExt, fileName: request.fileName, hash }),
    });

    // Check the pattern before dedupe, so a broken setting is reported on every paste, not only on new images.
    const first = resolveAt(now);
    if (!first.ok) {
      return { ok: false, code: 'destination', error: first.error };
    }

    if (settings.dedupe && hash) {
      const index = this.indexFor(imagesRoot);
      const existing = await index.find(bytes.byteLength, hash);
      if (existing) {
        return this.done(request, settings, siteRoot, existing, { reused: 'identical-bytes', hash });
      }
    }

    let chosen: string | undefined;
    if (used.has('timestamp')) {
      // Same-millisecond pastes: bump the timestamp rather than add `-1`, so names keep Typora's
      // exact form and still sort in paste order (`…189-1.png` would sort before `…189.png`).
      let t = now.getTime();
      for (let i = 0; i < maxTimestampBumps && !chosen; i++, t++) {
        if (t <= this.lastStampMs && this.lastStampMs - t < burstWindowMs) {
          t = this.lastStampMs + 1; // also skips what concurrent pastes took while we waited
        }
        const r = resolveAt(new Date(t));
        if (!r.ok) {
          return { ok: false, code: 'destination', error: r.error };
        }
        // Reserve before asking the disk (see uniqueName); a name found on disk stays reserved.
        if (this.reservations.tryReserve(r.path)) {
          this.lastStampMs = Math.max(this.lastStampMs, t);
          if (!(await this.exists(r.path))) {
            chosen = r.path;
          }
        }
      }
    }
    // Patterns without a timestamp, and the (theoretical) case of no free millisecond: `-1`, `-2`.
    chosen ??= await uniqueName(first.path, this.exists, this.reservations);
    if (!chosen) {
      return { ok: false, code: 'no-free-name', error: t('No free file name for the pasted image near {0}.', first.path) };
    }

    const escape = await this.realPathRefusal(chosen, workspaceFolder);
    if (escape) {
      return { ok: false, code: 'destination', error: escape };
    }

    if (settings.dedupe && hash) {
      // Recorded before the host writes: a hit is confirmed with a stat, so if this paste is
      // never applied the entry is dropped instead of linked.
      this.indexFor(imagesRoot).record(chosen, bytes.byteLength, hash);
    }
    return this.done(request, settings, siteRoot, chosen, { hash });
  }

  /**
   * Containment on real paths: the nearest existing folder of `target` must really be inside the
   * workspace folder (a symbolic link `images -> ../../elsewhere` or `-> .git/hooks` is refused).
   */
  private async realPathRefusal(target: string, workspaceFolder: string): Promise<string | undefined> {
    const realPath = this.fs.realPath?.bind(this.fs);
    if (!realPath) return undefined;
    const realWs = (await realPath(workspaceFolder)) ?? workspaceFolder;
    let dir = path.dirname(target);
    // Up to the first folder that exists (the destination's own folders are created by the write).
    for (let i = 0; i < 64 && isInside(dir, workspaceFolder) && !(await this.fs.stat(dir)); i++) dir = path.dirname(dir);
    const real = dir === workspaceFolder ? realWs : await realPath(dir);
    const rest = target.slice(dir.length);
    const refused = real === undefined ? t('its folder {0} cannot be resolved', dir)
      : real !== realWs && !isInside(real, realWs) ? t('its folder {0} is a link to {1}, outside the workspace folder', dir, real)
        : refusedSegment(real.slice(realWs.length) + rest);
    return refused && t('The paste destination {0} is refused: {1}. Nothing was written; change techblog.paste.destination / techblog.paste.rules.', target, refused.replace(/[.。]$/, ''));
  }

  /** Tell the paster a file or folder changed on disk (file watcher create/change/delete). */
  fileChanged(p: string): void {
    for (const index of this.indexes.values()) {
      index.invalidate(p);
    }
  }

  /**
   * Build the dedupe index of a site in the background (e.g. when one of its posts opens):
   * listing 10,000 images costs a few hundred ms once, better not paid by the first paste.
   */
  warmUp(siteRoot: string, settings: PasteSettings = defaultPasteSettings): Promise<void> {
    return settings.dedupe ? this.indexFor(path.join(siteRoot, settings.imagesFolder)).warmUp() : Promise.resolve();
  }

  /** The dedupe index of one images folder, created on first use and kept. */
  indexFor(imagesRoot: string): ImageHashIndex {
    let index = this.indexes.get(imagesRoot);
    if (!index) {
      index = new ImageHashIndex(this.fs, imagesRoot, this.hash);
      this.indexes.set(imagesRoot, index);
    }
    return index;
  }

  private done(
    request: PasteRequest, settings: PasteSettings, siteRoot: string, imagePath: string,
    extra: { reused?: 'identical-bytes' | 'already-in-images-folder'; hash?: string },
  ): PastePlan {
    const common = { imagePath, documentPath: request.documentPath, siteRoot, alt: request.selectedText };
    const served = { ...common, siteRoot: request.publishRoot ?? siteRoot };
    const relative = linkFor({ ...common, style: 'relative' });
    const root = linkFor({ ...served, style: 'root' });
    const baseurl = linkFor({ ...served, style: 'baseurl' });
    if (!relative.ok) {
      return { ok: false, code: 'destination', error: relative.error };
    }
    const links: PasteLinks = {
      relative: relative.markdown,
      ...(root.ok ? { root: root.markdown } : {}),
      ...(baseurl.ok ? { baseurl: baseurl.markdown } : {}),
    };
    const warnings: string[] = [];
    let linkStyle = settings.linkStyle;
    if (links[linkStyle] === undefined) {
      warnings.push(served.siteRoot === siteRoot
        ? t('{0} is outside the site {1}: inserted a relative link instead of a {2} link.', imagePath, siteRoot, linkStyle)
        : t('{0} is outside {1}, the folder the site serves at its root: inserted a relative link instead of a {2} link.', imagePath, served.siteRoot, linkStyle));
      linkStyle = 'relative';
    }
    const inSite = path.relative(siteRoot, imagePath);
    if (isInside(imagePath, siteRoot) && inSite.split('/').slice(0, -1).some((s) => s.startsWith('_') || s.startsWith('.'))) {
      warnings.push(t('{0} is in a folder whose name starts with "_" or ".": Jekyll does not copy it to the site unless _config.yml includes it.', inSite));
    }
    return {
      ok: true, imagePath, write: extra.reused === undefined, reused: extra.reused,
      markdown: links[linkStyle]!, linkStyle, links, hash: extra.hash, warnings,
    };
  }
}
