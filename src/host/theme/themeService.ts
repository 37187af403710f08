// A site's theme for the preview: the installed gem of `theme:` (found by src/core/theme/locate.ts),
// or a theme the user downloaded into the extension's global storage (`themes/<name>-<version>/` for
// gems, `themes/github/<owner>-<repo>@<ref>/` for `remote_theme:`). Lookups are cached per site and
// theme until `_config.yml` changes. Downloads happen only on the user's click, only in a trusted
// workspace: the gem from the gem registry (checked against its SHA-256) or the repository tarball
// from GitHub, at most 50 MB, unpacked by the strict reader in src/core/theme.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { SiteConfig } from '../../core/site/config';
import type { ThemeLayer } from '../../core/render/theme/themeLayer';
import {
  codeloadUrl, DEFAULT_GEM_REGISTRY, DEFAULT_GITHUB_CODELOAD, gemFileUrl, gemVersionsUrl, MAX_DOWNLOAD_BYTES, parseRemoteTheme,
  pickGemRelease, remoteThemeFolder, unpackGem, unpackRepoArchive, verifySha256, type RemoteTheme, type UnpackedTheme,
} from '../../core/theme/archive';
import { locateGemTheme, type ThemeSource } from '../../core/theme/locate';
import { Disposable } from '../util/disposable';
import { localPath } from '../util/localDisk';
import type { Log } from '../util/log';
import { lookupEnvironment, ThemeFileSystem } from './themeFiles';
import { refuseInRestrictedMode } from '../util/trust';

export type ThemeState =
  | { kind: 'none' }
  /** `uri`: the theme's folder as the workbench names it (a resource root of the preview). */
  | { kind: 'found'; layer: ThemeLayer; source: ThemeSource | 'downloaded'; uri: vscode.Uri }
  | { kind: 'missing'; gem?: { name: string; pinned?: string }; remote?: RemoteTheme; spec: string };

/** The site config keys that pick a theme. */
export type ThemeConfig = Pick<SiteConfig, 'profile' | 'gemTheme' | 'remoteTheme'>;

/** Test and mirror overrides of the two services (read at download time). */
function registryBase(): string {
  return process.env.TECHBLOG_GEM_REGISTRY || DEFAULT_GEM_REGISTRY;
}
function codeloadBase(): string {
  return process.env.TECHBLOG_GITHUB_CODELOAD || DEFAULT_GITHUB_CODELOAD;
}

export class ThemeService extends Disposable {
  private readonly cache = new Map<string, Promise<ThemeState>>();
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** A theme was downloaded: sites whose theme was missing may have it now. */
  readonly onDidChange = this.changed.event;
  /** Milliseconds the last gem lookup took (for the log and the report). */
  lastLookupMs = 0;

  constructor(private readonly storage: vscode.Uri | undefined, private readonly log: Log) {
    super();
  }

  private get themesDir(): string | undefined {
    return this.storage && onThisDisk(this.storage) ? path.join(this.storage.fsPath, 'themes') : undefined;
  }

  /** The folder at `fsPath` (on the extension host's disk) named like `like` (a remote workspace keeps its scheme). */
  private uriOf(fsPath: string, like: vscode.Uri | undefined): vscode.Uri {
    return like && like.scheme !== 'file' ? like.with({ path: vscode.Uri.file(fsPath).path }) : vscode.Uri.file(fsPath);
  }

  /** The theme of the site at `root` with config `config` (cached). */
  resolve(root: vscode.Uri, config: ThemeConfig): Promise<ThemeState> {
    const key = `${root.toString()}\0${config.gemTheme ?? ''}\0${config.remoteTheme ?? ''}`;
    let p = this.cache.get(key);
    if (!p) {
      p = this.lookUp(root, config).catch((e) => {
        this.log.warn(`Theme: lookup failed for ${root.toString(true)}: ${e instanceof Error ? e.message : String(e)}`);
        return { kind: 'none' } as ThemeState;
      });
      this.cache.set(key, p);
    }
    return p;
  }

  /** Looks every theme up again and tells the previews (a gem installed meanwhile). */
  refresh(): void {
    this.forget();
    this.changed.fire();
  }

  /** `_config.yml` changed, or a download finished: look up again. */
  forget(root?: vscode.Uri): void {
    if (!root) { this.cache.clear(); return; }
    for (const k of [...this.cache.keys()]) if (k.startsWith(root.toString() + '\0')) this.cache.delete(k);
  }

  private async layer(root: string, name: string, version?: string, readConfig = true): Promise<ThemeLayer> {
    const fs = new ThemeFileSystem();
    return { root: root.replace(/\\/g, '/'), name, version, fs, files: await fs.listFiles(root), readConfig };
  }

  private async lookUp(root: vscode.Uri, config: ThemeConfig): Promise<ThemeState> {
    if (config.profile !== 'jekyll') return { kind: 'none' };
    // jekyll-remote-theme replaces `theme:` when both are set.
    const remote = parseRemoteTheme(config.remoteTheme);
    if (remote) {
      const dir = this.themesDir && path.join(this.themesDir, 'github', remoteThemeFolder(remote));
      if (dir && await isDir(path.join(dir, '_layouts'))) {
        return { kind: 'found', layer: await this.layer(dir, `${remote.owner}/${remote.repo}`, remote.ref, false), source: 'downloaded', uri: this.uriOf(dir, this.storage) };
      }
      return { kind: 'missing', remote, spec: config.remoteTheme ?? '' };
    }
    const name = config.gemTheme?.trim();
    if (!name || !/^[A-Za-z0-9._-]+$/.test(name)) return { kind: 'none' };
    // The extension runs where the workspace is (extensionKind workspace): its disk is the workspace's.
    if (!onThisDisk(root)) return { kind: 'missing', gem: { name }, spec: name };
    const t0 = performance.now();
    const found = await locateGemTheme(name, root.fsPath.replace(/\\/g, '/'), lookupEnvironment(this.themesDir ? [this.themesDir.replace(/\\/g, '/')] : []));
    this.lastLookupMs = performance.now() - t0;
    if (found.found) {
      this.log.info(`Theme: ${name} ${found.found.version} for ${vscode.workspace.asRelativePath(root)} from ${found.found.root} (${found.found.source}${found.pinned ? ', pinned by Gemfile.lock' : ''}; looked up in ${this.lastLookupMs.toFixed(0)} ms)`);
      const downloaded = found.found.source === 'downloaded';
      return {
        kind: 'found', layer: await this.layer(found.found.root, found.found.name, found.found.version), source: found.found.source,
        uri: this.uriOf(found.found.root, downloaded ? this.storage : root),
      };
    }
    this.log.info(`Theme: ${name}${found.pinned ? ` ${found.pinned}` : ''} is not installed (${found.searched} gem folders searched in ${this.lastLookupMs.toFixed(0)} ms${found.installed.length ? `; installed: ${found.installed.join(', ')}` : ''})`);
    return { kind: 'missing', gem: { name: name.toLowerCase(), pinned: found.pinned }, spec: name };
  }

  /**
   * Downloads the missing theme of a site (after the user's click): verifies, unpacks into global
   * storage, and tells the previews. Returns the folder, or undefined when it did not happen.
   */
  async download(state: ThemeState): Promise<string | undefined> {
    if (state.kind !== 'missing') return undefined;
    if (refuseInRestrictedMode(vscode.l10n.t('Downloading a theme'))) return undefined;
    const themes = this.themesDir;
    if (!themes) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The extension has no local storage folder to put the theme in.'));
      return undefined;
    }
    const label = state.remote ? `${state.remote.owner}/${state.remote.repo}` : state.gem?.name ?? state.spec;
    try {
      const dir = await vscode.window.withProgress({
        location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Downloading the theme {0}', label), cancellable: true,
      }, async (progress, token) => {
        const abort = new AbortController();
        token.onCancellationRequested(() => abort.abort());
        const t0 = performance.now();
        let unpacked: UnpackedTheme;
        let target: string;
        if (state.remote) {
          const url = codeloadUrl(codeloadBase(), state.remote);
          progress.report({ message: url });
          unpacked = unpackRepoArchive(await fetchBounded(url, abort.signal));
          target = path.join(themes, 'github', remoteThemeFolder(state.remote));
        } else {
          const name = state.gem!.name;
          progress.report({ message: vscode.l10n.t('Looking up {0} on the gem registry', name) });
          const versions = new TextDecoder().decode(await fetchBounded(gemVersionsUrl(registryBase(), name), abort.signal));
          const release = pickGemRelease(versions, state.gem!.pinned);
          if (!release) throw new Error(vscode.l10n.t('The gem registry has no release of {0}{1}.', name, state.gem!.pinned ? ` ${state.gem!.pinned}` : ''));
          progress.report({ message: `${name}-${release.version}.gem` });
          const gem = await fetchBounded(gemFileUrl(registryBase(), name, release.version), abort.signal);
          verifySha256(gem, release.sha256);
          unpacked = unpackGem(gem);
          target = path.join(themes, `${name}-${release.version}`);
        }
        if (!unpacked.files.some((f) => f.path.startsWith('_layouts/'))) throw new Error(vscode.l10n.t('The download holds no _layouts/ folder: it is not a Jekyll theme.'));
        await writeTheme(target, unpacked);
        this.log.info(`Theme: downloaded ${label} into ${target} (${unpacked.files.length} files${unpacked.skipped.length ? `, ${unpacked.skipped.length} links or special files left out` : ''}) in ${(performance.now() - t0).toFixed(0)} ms`);
        return target;
      });
      this.forget();
      this.changed.fire();
      return dir;
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      this.log.warn(`Theme: download of ${label} failed: ${message}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('The theme {0} could not be downloaded: {1}', label, message));
      return undefined;
    }
  }
}

/** A folder node:fs reaches: local files, or a remote workspace's from its own extension host. */
function onThisDisk(uri: vscode.Uri): boolean {
  return localPath(uri) !== undefined;
}

async function isDir(p: string): Promise<boolean> {
  try {
    return (await fsp.stat(p)).isDirectory();
  } catch {
    return false;
  }
}

/** GETs `url` into memory, refusing more than MAX_DOWNLOAD_BYTES; a minute at most. */
async function fetchBounded(url: string, signal: AbortSignal): Promise<Uint8Array> {
  const res = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(60_000)]), redirect: 'follow' });
  if (!res.ok || !res.body) throw new Error(`${url}: HTTP ${res.status}`);
  const declared = Number(res.headers.get('content-length') ?? '0');
  if (declared > MAX_DOWNLOAD_BYTES) throw new Error(`${url}: ${declared} bytes, more than the ${MAX_DOWNLOAD_BYTES} allowed`);
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = res.body.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > MAX_DOWNLOAD_BYTES) {
      await reader.cancel();
      throw new Error(`${url}: more than the ${MAX_DOWNLOAD_BYTES} bytes allowed`);
    }
    chunks.push(value);
  }
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) { out.set(c, at); at += c.length; }
  return out;
}

/** Writes the checked files into a fresh folder beside `target`, then puts it in place. */
async function writeTheme(target: string, theme: UnpackedTheme): Promise<void> {
  const temp = `${target}.partial-${process.pid}-${Date.now()}`;
  await fsp.mkdir(temp, { recursive: true });
  try {
    for (const f of theme.files) {
      const dest = path.join(temp, ...f.path.split('/'));
      // The tar reader already refused absolute paths and `..`; this is the last line of defence.
      if (!dest.startsWith(temp + path.sep)) throw new Error(`refusing to write ${f.path} outside the theme folder`);
      await fsp.mkdir(path.dirname(dest), { recursive: true });
      await fsp.writeFile(dest, f.data, { flag: 'wx' }).catch(async (e: NodeJS.ErrnoException) => {
        if (e.code === 'EEXIST') await fsp.writeFile(dest, f.data);
        else throw e;
      });
    }
    await fsp.rm(target, { recursive: true, force: true });
    await fsp.rename(temp, target);
  } catch (e) {
    await fsp.rm(temp, { recursive: true, force: true });
    throw e;
  }
}
