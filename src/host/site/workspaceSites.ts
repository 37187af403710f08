import * as vscode from 'vscode';
import { parse as parseYaml } from 'yaml';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';

export interface SiteSummary {
  /** The folder holding `_config.yml`. */
  root: vscode.Uri;
  title: string | undefined;
}

/**
 * The blog sites in the open workspace: every folder with a `_config.yml` (a workspace may hold several).
 * Found lazily on first use and kept current by a file watcher, so activation does no file I/O.
 */
export class WorkspaceSites extends Disposable {
  private cached: Promise<SiteSummary[]> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;

  constructor(private readonly log: Log) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/_config.yml'));
    const invalidate = () => { this.cached = undefined; this.changed.fire(); };
    this.register(watcher.onDidCreate(invalidate));
    this.register(watcher.onDidChange(invalidate));
    this.register(watcher.onDidDelete(invalidate));
    this.register(vscode.workspace.onDidChangeWorkspaceFolders(invalidate));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => { if (e.affectsConfiguration('techblog.sites.exclude')) invalidate(); }));
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
    const configs = await vscode.workspace.findFiles('**/_config.yml', excludeGlob);
    const sites = await Promise.all(configs.map(async (configUri): Promise<SiteSummary> => {
      const root = vscode.Uri.joinPath(configUri, '..');
      return { root, title: await this.readTitle(configUri) };
    }));
    sites.sort((a, b) => a.root.path.localeCompare(b.root.path));
    this.log.info(`Found ${sites.length} site(s): ${sites.map((s) => vscode.workspace.asRelativePath(s.root)).join(', ') || '(none)'}`);
    return sites;
  }

  private async readTitle(configUri: vscode.Uri): Promise<string | undefined> {
    try {
      const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(configUri));
      const config: unknown = parseYaml(text, { maxAliasCount: 100 });
      const title = config && typeof config === 'object' ? (config as Record<string, unknown>).title : undefined;
      return typeof title === 'string' ? title : undefined;
    } catch (e) {
      // A broken _config.yml still marks a site; the validator reports what is wrong with it.
      this.log.warn(`Could not read ${configUri.fsPath}: ${e instanceof Error ? e.message : String(e)}`);
      return undefined;
    }
  }
}
