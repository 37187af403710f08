import * as vscode from 'vscode';
import {
  GENERATORS, LAYOUT_MARKER_GLOB, markerRoot, probeSite, SITE_MARKER_GLOB, withoutThemeFolders,
  type Generator, type ProfileDetection, type ProfileSetting, type SiteLayout, type SiteProbe,
} from '../../core/site/profile';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import { readWorkspaceFile } from '../util/localDisk';

/**
 * One blog site of the workspace. A small, stable shape other features build on (New Post, the
 * Posts view, paste and preview defaults):
 * - `root`: the site folder;
 * - `generator`: `jekyll` | `hugo` | `hexo`, detected or forced by `techblog.site.profile`;
 * - `layout`: where that generator keeps posts, drafts, templates, the files it serves at the site
 *   root and images (paths relative to `root`), and the front-matter style new posts use;
 * - `detection`: why (`evidence`), and whether the setting forced it.
 */
export interface SiteSummary {
  /** The site folder (holding `_config.yml`, `hugo.toml`, …). */
  root: vscode.Uri;
  title: string | undefined;
  generator: Generator;
  layout: SiteLayout;
  detection: ProfileDetection;
}

const decoder = new TextDecoder('utf-8', { fatal: false });

/** Detection's view of a folder through vscode.workspace.fs (works in remote workspaces too). */
function probeOf(root: vscode.Uri): SiteProbe {
  const at = (rel: string) => (rel ? vscode.Uri.joinPath(root, ...rel.split('/')) : root);
  return {
    async list(dir) {
      try {
        return (await vscode.workspace.fs.readDirectory(at(dir))).map(([name, type]) => (type & vscode.FileType.Directory ? name + '/' : name));
      } catch {
        return undefined;
      }
    },
    async read(path) {
      try {
        return decoder.decode(await readWorkspaceFile(at(path)));
      } catch {
        return undefined;
      }
    },
  };
}

/** The `techblog.site.profile` setting of a folder; anything unknown is `auto`. */
export function profileSetting(root: vscode.Uri): ProfileSetting {
  const v = vscode.workspace.getConfiguration('techblog.site', root).get<string>('profile', 'auto');
  return (GENERATORS as readonly string[]).includes(v) ? (v as Generator) : 'auto';
}

/** Context key: the workspace holds at least one blog (known once sites were first looked for). */
export const HAS_BLOG_CONTEXT = 'techblog.hasBlog';

/**
 * The blog sites in the open workspace (a workspace may hold several, of different generators).
 * Found lazily on first use and kept current by a file watcher, so activation does no file I/O.
 */
export class WorkspaceSites extends Disposable {
  private cached: Promise<SiteSummary[]> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** Sites came or went, or a site's generator or layout may have changed: look them up again. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(SITE_MARKER_GLOB));
    const invalidate = () => { this.cached = undefined; this.changed.fire(); };
    this.register(watcher.onDidCreate(invalidate));
    this.register(watcher.onDidChange(invalidate));
    this.register(watcher.onDidDelete(invalidate));
    // A site without `_config.yml` is found by its `_layouts/`: only layouts coming or going matter.
    const layouts = this.register(vscode.workspace.createFileSystemWatcher(LAYOUT_MARKER_GLOB, false, true, false));
    this.register(layouts.onDidCreate(invalidate));
    this.register(layouts.onDidDelete(invalidate));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(invalidate));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('techblog.sites.exclude') || e.affectsConfiguration('techblog.site.profile')) invalidate();
    }));
  }

  private readonly services = new Map<string, vscode.Disposable>();

  /** A service shared by every feature of this workspace (the site models), made on first use and disposed with the sites. */
  service<T extends vscode.Disposable>(key: string, make: () => T): T {
    let s = this.services.get(key);
    if (!s) this.services.set(key, (s = this.register(make())));
    return s as T;
  }

  /** Look the sites up again (a folder came in whose site marker the watcher may not have reported). */
  refresh(): void {
    this.cached = undefined;
    this.changed.fire();
  }

  all(): Promise<SiteSummary[]> {
    this.cached ??= this.find();
    return this.cached;
  }

  /** The site a file belongs to: the deepest site folder containing it. */
  async siteFor(uri: vscode.Uri): Promise<SiteSummary | undefined> {
    const path = uri.path;
    return (await this.all())
      .filter((s) => uri.scheme === s.root.scheme && path.startsWith(s.root.path.endsWith('/') ? s.root.path : s.root.path + '/'))
      .sort((a, b) => b.root.path.length - a.root.path.length)[0];
  }

  private async find(): Promise<SiteSummary[]> {
    const exclude = vscode.workspace.getConfiguration('techblog').get<string[]>('sites.exclude', []);
    const excludeGlob = exclude.length ? `{${exclude.join(',')}}` : undefined;
    const markers = (await Promise.all([SITE_MARKER_GLOB, LAYOUT_MARKER_GLOB].map((g) => vscode.workspace.findFiles(g, excludeGlob)))).flat();
    const roots = new Map<string, vscode.Uri>();
    for (const m of markers) {
      const rootPath = markerRoot(m.path);
      if (rootPath !== undefined) roots.set(`${m.scheme}://${m.authority}${rootPath}`, m.with({ path: rootPath || '/' }));
    }
    const probed = await Promise.all([...roots.values()].map(async (root): Promise<SiteSummary | undefined> => {
      try {
        const info = await probeSite(probeOf(root), profileSetting(root));
        return info && { root, title: info.title, generator: info.detection.generator, layout: info.layout, detection: info.detection };
      } catch (e) {
        this.log.warn(`Could not look into ${root.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
        return undefined;
      }
    }));
    const found = probed.filter((s): s is SiteSummary => s !== undefined).map((site) => ({ root: site.root.path, generator: site.generator, site }));
    const sites = withoutThemeFolders(found).map((f) => f.site).sort((a, b) => a.root.path.localeCompare(b.root.path));
    this.log.info(`Found ${sites.length} site(s): ${sites.map((s) => `${vscode.workspace.asRelativePath(s.root)} (${s.generator}${s.detection.forced ? ', forced' : ''}: ${s.detection.evidence.join(', ')})`).join('; ') || '(none)'}`);
    // Set where discovery happens, so no one needs to run it just for this (the walkthrough's first step).
    void vscode.commands.executeCommand('setContext', HAS_BLOG_CONTEXT, sites.length > 0);
    return sites;
  }
}
