// One SiteRenderer per blog site, built on first use and told about every file that changes on disk,
// so a keystroke re-renders only the post. A Markdown file outside every site is rendered with its
// folder as a site of its own (the bundled theme, no layouts), like `techblog render` does.
// Sites on disk render in the render worker (src/worker/), under the time and memory limits, which
// keeps a renderer of its own per site (told about the same file changes); the host's renderer
// then answers only the preview's link questions (URLs, baseurl), and is opened (it reads the whole site)
// only when one is asked, never before the first frame. Virtual workspaces and the web extension render here.
import * as vscode from 'vscode';
import type { WorkerSiteSpec } from '../../core/protocol/renderWorkerMessages';
import type { SiteRenderer } from '../../core/render/renderer';
import { parseSiteConfig } from '../../core/site/config';
import type { RenderRequest, RenderStep } from '../../core/render/types';
import type { RenderThread } from '../../worker/renderThread';
import type { RenderWorkerClient, WorkerOutcome } from '../../worker/renderWorkerClient';
import { EditLog, type VersionedText } from '../../worker/textSync';
import type { SiteIndexes } from '../frontmatter/siteIndexes';
import { siteModelsOf } from '../site/siteModels';
import { WorkspaceFileSystem } from '../frontmatter/workspaceFileSystem';
import { Disposable } from '../util/disposable';
import { readExtensionFile } from '../util/extensionFile';
import { loadHostRenderer } from './hostRendererChunk';
import { renderWorkerScript } from './renderThreadStart';
import { startRenderWorker } from './renderWorkerStart';
import { renderLimits } from './previewConfig';
import { HOST_MAX_OUTPUT_CHARS, renderWithinLimits } from '../../core/render/renderLimits';
import { StorageSassCache } from './sassCache';
import type { Log } from '../util/log';
import type { WorkspaceSites } from '../site/workspaceSites';
import type { ThemeService, ThemeState } from '../theme/themeService';

export interface PreviewSource {
  /** The host's renderer of the site, opened on first call (sites on disk render in the worker without it). */
  renderer(): Promise<SiteRenderer>;
  /** The site folder (or, outside every site, the document's folder). */
  root: vscode.Uri;
  /** The document's path relative to `root` (posix). */
  rel: string;
  inSite: boolean;
  /** The site's generator (Hugo and Hexo sites render in content mode). */
  generator?: 'jekyll' | 'hugo' | 'hexo';
  /** The site's theme as last looked up (found, missing, or none). */
  theme(): ThemeState | undefined;
}

/** Outside a site the document's folder is listed, but never more than this many files. */
const LOOSE_FOLDER_LIMIT = 2000;
const LOOSE_EXCLUDE = '{**/.git/**,**/node_modules/**,**/_site/**,**/vendor/**}';

/** File access for a folder that is not a site: a bounded listing, reads through vscode.workspace.fs. */
class LooseFolderFileSystem extends WorkspaceFileSystem {
  override async listFiles(dir: string): Promise<string[]> {
    const found = await vscode.workspace.findFiles(new vscode.RelativePattern(this.uri(dir), '**/*'), LOOSE_EXCLUDE, LOOSE_FOLDER_LIMIT);
    const prefix = dir.endsWith('/') ? dir : dir + '/';
    return found.map((u) => u.path).filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  }
}

export class PreviewRenderers extends Disposable {
  private indexes: SiteIndexes | undefined;
  private readonly renderers = new Map<string, Promise<SiteRenderer>>();
  /** Per document: its site and renderer (looked up once, not on every keystroke). */
  private readonly sources = new Map<string, Promise<PreviewSource>>();
  private fallbackCss: Promise<string | undefined> | undefined;
  /** Per site root: its theme as last looked up. */
  private readonly themeStates = new Map<string, ThemeState>();
  /** The site roots previews were opened in (their renderers may not be open). */
  private readonly roots = new Set<string>();
  private readonly changed = this.register(new vscode.EventEmitter<{ root: vscode.Uri; rel: string }>());
  /** A file of this site changed on disk: previews in it should render again. */
  readonly onDidChangeSite = this.changed.event;

  /** Compiled Sass, shared by every site and kept across restarts (undefined: compile on every open). */
  private readonly sassCache: StorageSassCache | undefined;
  /** The same cache's folder, for the render worker (which reads and writes it with node:fs). */
  private readonly sassCacheDir: string | undefined;
  /** The render worker (dist/renderWorker.js), started with the first render of a site on disk. */
  private worker: RenderWorkerClient | undefined;
  /** The previewed documents' edits by version (recorded by the PreviewManager), for the render worker. */
  readonly edits = new EditLog();
  /** Per folder that is not a site: its files, listed once (bounded) for the worker. */
  private readonly looseFiles = new Map<string, Promise<string[]>>();
  private readonly workerScript: string | undefined;

  /** The worker's thread, started while the preview's bundle loaded (./renderThreadStart.ts), until the worker client takes it. */
  private renderThread: RenderThread | undefined;

  constructor(private readonly sites: WorkspaceSites, private readonly extensionUri: vscode.Uri, private readonly log: Log, globalStorage?: vscode.Uri, private readonly themes?: ThemeService, renderThread?: RenderThread) {
    super();
    this.sassCache = globalStorage ? new StorageSassCache(globalStorage, log) : undefined;
    this.sassCacheDir = globalStorage?.scheme === 'file' ? vscode.Uri.joinPath(globalStorage, 'sass-cache').fsPath : undefined;
    this.workerScript = renderWorkerScript(extensionUri, log);
    this.renderThread = renderThread;
    this.register({ dispose: () => { this.worker?.dispose(); void this.renderThread?.worker.terminate(); } });
    // Site roots moved (a _config.yml came or went): start over.
    this.register(sites.onDidChange(() => { this.renderers.clear(); this.roots.clear(); this.sources.clear(); this.themes?.forget(); this.worker?.forget(); this.looseFiles.clear(); }));
    // A theme was downloaded: the sites that missed it get it.
    if (themes) this.register(themes.onDidChange(() => { for (const key of [...this.roots]) void this.refreshTheme(vscode.Uri.parse(key, true), true); }));
  }

  /** Looks the site's theme up again (after `_config.yml` changed, or a download) and gives it to the renderer. */
  private async refreshTheme(root: vscode.Uri, notify: boolean): Promise<boolean> {
    if (!this.roots.has(root.toString()) || !this.themes || !this.indexes) return false;
    const site = await this.indexes.forDocument(vscode.Uri.joinPath(root, '_config.yml'));
    if (!site) return false;
    this.themes.forget(root);
    const state = await this.themes.resolve(root, site.index.config);
    const before = this.themeStates.get(root.toString());
    this.themeStates.set(root.toString(), state);
    const layer = state.kind === 'found' ? state.layer : undefined;
    if (before?.kind === state.kind && (before.kind !== 'found' || (state.kind === 'found' && before.layer.root === state.layer.root))) return false;
    const renderer = this.renderers.get(root.toString());
    if (renderer) await (await renderer).setTheme(layer);
    if (notify) this.changed.fire({ root, rel: '_config.yml' });
    return true;
  }

  /** The site index service, created with the first preview (it watches the workspace). */
  private siteIndexes(): SiteIndexes {
    if (!this.indexes) {
      // The same indexes validation uses (one reading of the site, one watcher; owned by `sites`).
      this.indexes = siteModelsOf(this.sites, this.log).indexes;
      this.register(this.indexes.onDidChangeSite(async (e) => {
        if (!this.roots.has(e.root.toString())) return;
        if (e.root.scheme === 'file') this.worker?.fileChanged(e.root.fsPath, e.rel, e.what === 'create' ? 'created' : e.what === 'delete' ? 'deleted' : 'changed');
        try {
          // `theme:` may have changed: the renderer reloads with the theme found for the new config.
          if (e.rel === '_config.yml' && await this.refreshTheme(e.root, false)) { this.changed.fire({ root: e.root, rel: e.rel }); return; }
          const renderer = this.renderers.get(e.root.toString());
          if (renderer) await (await renderer).fileChanged(e.rel, e.what === 'create' ? 'created' : e.what === 'delete' ? 'deleted' : 'changed');
        } catch (err) {
          this.log.warn(`Preview: could not update after ${e.rel} changed: ${err instanceof Error ? err.message : String(err)}`);
        }
        this.changed.fire({ root: e.root, rel: e.rel });
      }));
    }
    return this.indexes;
  }

  private readFallbackCss(): Promise<string | undefined> {
    this.fallbackCss ??= readExtensionFile(vscode.Uri.joinPath(this.extensionUri, 'media', 'theme', 'fallback.css'))
      .then((b) => new TextDecoder().decode(b), () => undefined);
    return this.fallbackCss;
  }

  /** The renderer for a document and the document's place in its site. */
  forDocument(uri: vscode.Uri): Promise<PreviewSource> {
    const key = uri.toString();
    let p = this.sources.get(key);
    if (!p) {
      p = this.lookUp(uri);
      p.then(undefined, () => this.sources.delete(key));
      if (this.sources.size > 50) this.sources.clear();
      this.sources.set(key, p);
    }
    return p;
  }

  private async lookUp(uri: vscode.Uri): Promise<PreviewSource> {
    const site = await this.sites.siteFor(uri);
    const prefix = site && (site.root.path.endsWith('/') ? site.root.path : site.root.path + '/');
    if (site && prefix && uri.path.startsWith(prefix)) {
      const key = site.root.toString();
      this.roots.add(key);
      // The site index (it reads every post) loads beside the first render, not before it: the render worker
      // reads the site itself; the index tells it about file changes and serves the host's renderer.
      const indexed = this.siteIndexes().forDocument(uri);
      indexed.catch((e: unknown) => this.log.warn(`Preview: could not index ${site.root.toString(true)}: ${e instanceof Error ? e.message : String(e)}`));
      // The theme is looked up once per site (again when the config changes or a theme is downloaded), from `_config.yml` alone.
      if (this.themes && !this.themeStates.has(key)) {
        const text = await this.siteIndexes().fileSystem(site.root).readFile(vscode.Uri.joinPath(site.root, '_config.yml').path);
        this.themeStates.set(key, await this.themes.resolve(site.root, { ...parseSiteConfig(text, site.generator === 'hexo' ? 'hexo' : 'jekyll'), profile: site.generator }));
      }
      const renderer = () => this.open(site.root, async () => {
        const state = this.themeStates.get(key);
        const doc = await indexed;
        return { fs: this.siteIndexes().fileSystem(site.root), index: doc?.index, theme: state?.kind === 'found' ? state.layer : undefined };
      });
      return { renderer, root: site.root, rel: uri.path.slice(prefix.length), inSite: true, generator: site.generator, theme: () => this.themeStates.get(key) };
    }
    const root = vscode.Uri.joinPath(uri, '..');
    const renderer = () => this.open(root, () => ({ fs: new LooseFolderFileSystem(root) }));
    return { renderer, root, rel: uri.path.slice(uri.path.lastIndexOf('/') + 1), inSite: false, theme: () => undefined };
  }

  /**
   * Renders a document of `source`: in the render worker, under the time and memory limits, when the
   * site (and its theme) are files on disk; otherwise (a virtual workspace) on the host, as before.
   * `bases`: the webview URIs of the site's and the theme's folders (the worker appends file paths).
   * `doc`: the open document `request.text` is, by version: the worker then gets its edits (see `edits`).
   */
  async render(source: PreviewSource, request: RenderRequest, bases: { resources: string; themeResources?: string }, onProgress?: (step: RenderStep, file: string) => void, doc?: VersionedText): Promise<WorkerOutcome> {
    const spec = await this.workerSpec(source);
    // On this host (the web extension, a virtual workspace): the same time limit as the worker's, and an output cap.
    if (!spec) return renderWithinLimits(await source.renderer(), request, { timeoutMs: renderLimits().timeoutMs, maxOutputChars: HOST_MAX_OUTPUT_CHARS });
    this.worker ??= this.startWorker(this.workerScript!);
    const { resolveResource: _r, resolveThemeResource: _t, progress: _p, ...plain } = request;
    return this.worker.render(spec, { ...plain, resources: { base: bases.resources }, ...(bases.themeResources ? { themeResources: { base: bases.themeResources } } : {}) }, onProgress, doc);
  }

  private startWorker(script: string): RenderWorkerClient {
    const thread = this.renderThread;
    this.renderThread = undefined;
    return startRenderWorker(script, thread);
  }

  /**
   * Gets a document's first preview ready ahead of the command (a post of a blog was opened in an editor):
   * its site and theme looked up, the render worker started and the site open in it. Nothing is rendered.
   */
  async prewarm(uri: vscode.Uri): Promise<void> {
    const source = await this.forDocument(uri);
    const spec = await this.workerSpec(source);
    if (!spec) return;
    this.worker ??= this.startWorker(this.workerScript!);
    this.worker.warm(spec);
  }

  /** What the render worker needs to open the site of `source`; undefined when it renders on the host (not files on disk). */
  private async workerSpec(source: PreviewSource): Promise<WorkerSiteSpec | undefined> {
    const theme = source.theme();
    const found = theme?.kind === 'found' ? theme : undefined;
    if (!this.workerScript || source.root.scheme !== 'file' || (found && found.uri.scheme !== 'file')) return undefined;
    let files: string[] | undefined;
    if (!source.inSite) {
      const key = source.root.toString();
      let listed = this.looseFiles.get(key);
      if (!listed) this.looseFiles.set(key, (listed = new LooseFolderFileSystem(source.root).listFiles(source.root.path)));
      files = await listed;
    }
    return {
      root: source.root.fsPath, ...(files ? { files } : {}), generator: source.generator, fallbackCss: await this.readFallbackCss(), sassCacheDir: this.sassCacheDir,
      ...(found ? { theme: { root: found.uri.fsPath, name: found.layer.name, version: found.layer.version, files: [...found.layer.files], readConfig: found.layer.readConfig } } : {}),
    };
  }

  private open(root: vscode.Uri, make: () => Pick<Parameters<typeof SiteRenderer.open>[0], 'fs' | 'index' | 'theme'> | Promise<Pick<Parameters<typeof SiteRenderer.open>[0], 'fs' | 'index' | 'theme'>>): Promise<SiteRenderer> {
    const key = root.toString();
    let p = this.renderers.get(key);
    if (!p) {
      const t0 = Date.now();
      p = (async () => {
        // The renderer's code loads with the first host renderer (a site on disk renders in the worker without it).
        const { openSiteRenderer } = await loadHostRenderer();
        const renderer = await openSiteRenderer({ ...await make(), root: root.path, fallbackCss: await this.readFallbackCss(), sassCache: this.sassCache });
        this.log.info(`Preview: opened ${vscode.workspace.asRelativePath(root)} for rendering in ${Date.now() - t0} ms`);
        return renderer;
      })();
      p.then(undefined, () => this.renderers.delete(key));
      this.renderers.set(key, p);
    }
    return p;
  }
}
