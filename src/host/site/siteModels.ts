// The workspace's one site model service (issue 13): per site one SiteStore (each post read once, its
// front matter parsed once, for validation, the preview's `site.*`, completion and the Posts view), the
// site indexes built on them, and ONE file watcher that feeds them all.
import * as vscode from 'vscode';
import { SiteStore } from '../../core/site/siteStore';
import { SiteIndexes } from '../frontmatter/siteIndexes';
import { WorkspaceFileSystem } from '../frontmatter/workspaceFileSystem';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import type { WorkspaceSites } from './workspaceSites';

export interface SiteFileEvent { uri: vscode.Uri; what: 'create' | 'change' | 'delete' }

export class SiteModels extends Disposable {
  private readonly stores = new Map<string, SiteStore>();
  private readonly fileEvents = this.register(new vscode.EventEmitter<SiteFileEvent>());
  /** A file of the workspace changed on disk; the stores have already forgotten its old text. */
  readonly onDidChangeFile = this.fileEvents.event;
  private siteIndexes: SiteIndexes | undefined;

  constructor(private readonly sites: WorkspaceSites, private readonly log: Log) {
    super();
    const watcher = this.register(vscode.workspace.createFileSystemWatcher('**/*'));
    this.register(watcher.onDidCreate((uri) => this.onDisk(uri, 'create')));
    this.register(watcher.onDidChange((uri) => this.onDisk(uri, 'change')));
    this.register(watcher.onDidDelete((uri) => this.onDisk(uri, 'delete')));
    // Files created or deleted by a workspace edit — a pasted image's `createFile` — are known at once, without
    // waiting for the watcher, which can report a file in a folder created with it late or not at all (a paste
    // into a new images/<year>/ left the preview showing "Missing image" under load). A second report of the
    // same file by the watcher only schedules one more render.
    this.register(vscode.workspace.onDidCreateFiles((e) => { for (const uri of e.files) this.onDisk(uri, 'create'); }));
    this.register(vscode.workspace.onDidDeleteFiles((e) => { for (const uri of e.files) this.onDisk(uri, 'delete'); }));
  }

  /** The store of the site at `root` (made on first use). */
  store(root: vscode.Uri): SiteStore {
    const key = root.toString();
    let s = this.stores.get(key);
    if (!s) this.stores.set(key, (s = new SiteStore(new WorkspaceFileSystem(root))));
    return s;
  }

  /** Every site's index (layouts, files, tags), read through the stores. */
  get indexes(): SiteIndexes {
    return (this.siteIndexes ??= this.register(new SiteIndexes(this.sites, this.log, this)));
  }

  /** Reads and parses the stores saved, for the log. */
  stats(): { reads: number; hits: number; parses: number } {
    const out = { reads: 0, hits: 0, parses: 0 };
    for (const s of this.stores.values()) { out.reads += s.stats.reads; out.hits += s.stats.hits; out.parses += s.stats.parses; }
    return out;
  }

  private onDisk(uri: vscode.Uri, what: SiteFileEvent['what']): void {
    for (const [key, store] of this.stores) {
      const root = vscode.Uri.parse(key, true);
      const prefix = root.path.endsWith('/') ? root.path : root.path + '/';
      if (uri.scheme === root.scheme && uri.path.startsWith(prefix)) store.changed(uri.path);
    }
    this.fileEvents.fire({ uri, what });
  }
}

/** The workspace's site models, shared by every feature (owned by `sites`). */
export function siteModelsOf(sites: WorkspaceSites, log: Log): SiteModels {
  return sites.service('siteModels', () => new SiteModels(sites, log));
}
