import * as vscode from 'vscode';
import { readPostEntry, type PostEntry } from '../../core/authoring/posts';
import { markdownGlobAlternatives } from '../../core/site/markdownFiles';
import type { SiteLayout } from '../../core/site/profile';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import type { SiteSummary, WorkspaceSites } from '../site/workspaceSites';

const POST_FILES = `**/*.${markdownGlobAlternatives(['html'])}`;
const decoder = new TextDecoder('utf-8', { fatal: false });

export interface CatalogSite {
  site: SiteSummary;
  layout: SiteLayout;
  posts: PostEntry[];
}

interface Loaded { site: SiteSummary; layout: SiteLayout; entries: Map<string, PostEntry> }

/**
 * The posts and drafts of every site, read once and then kept current one file at a time from
 * file-system events; open documents count with their live text when saved.
 */
export class PostCatalog extends Disposable {
  private loaded: Promise<Loaded[]> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** A post or draft was added, changed or removed, or the set of sites changed. */
  readonly onDidChange = this.changed.event;

  constructor(private readonly sites: WorkspaceSites, private readonly log: Log) {
    super();
    this.register(sites.onDidChange(() => { this.loaded = undefined; this.changed.fire(); }));
    const watcher = this.register(vscode.workspace.createFileSystemWatcher(POST_FILES));
    this.register(watcher.onDidCreate((u) => void this.onDisk(u)));
    this.register(watcher.onDidChange((u) => void this.onDisk(u)));
    this.register(watcher.onDidDelete((u) => void this.onDisk(u)));
  }

  async all(): Promise<CatalogSite[]> {
    this.loaded ??= this.load();
    const sites = await this.loaded;
    return sites.map((s) => ({ site: s.site, layout: s.layout, posts: [...s.entries.values()] }));
  }

  /** The catalog site holding `uri`, if any. */
  async siteOf(uri: vscode.Uri): Promise<CatalogSite | undefined> {
    const site = await this.sites.siteFor(uri);
    return site ? (await this.all()).find((s) => s.site.root.toString() === site.root.toString()) : undefined;
  }

  private async load(): Promise<Loaded[]> {
    const t0 = Date.now();
    const sites = await this.sites.all();
    const loaded = await Promise.all(sites.map(async (site) => {
      const { layout } = site;
      const entries = new Map<string, PostEntry>();
      for (const [dir, kind] of folders(layout)) {
        const uris = await vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.joinPath(site.root, dir), POST_FILES));
        await Promise.all(uris.map(async (uri) => {
          const entry = await read(uri, site.root, dir, kind, !layout.draftsDir);
          if (entry) entries.set(entry.rel, entry);
        }));
      }
      return { site, layout, entries };
    }));
    this.log.info(`Posts view: ${loaded.reduce((n, s) => n + s.entries.size, 0)} posts and drafts in ${Date.now() - t0} ms`);
    return loaded;
  }

  private async onDisk(uri: vscode.Uri): Promise<void> {
    if (!this.loaded) return; // read fresh on first use
    const sites = await this.loaded;
    for (const s of sites) {
      const rel = relativeTo(s.site.root, uri);
      if (rel === undefined) continue;
      const folder = folders(s.layout).find(([dir]) => rel.startsWith(dir + '/'));
      if (!folder) continue;
      const entry = await read(uri, s.site.root, folder[0], folder[1], !s.layout.draftsDir);
      if (entry) s.entries.set(rel, entry);
      else s.entries.delete(rel);
      this.changed.fire();
      return;
    }
  }
}

function folders(layout: SiteLayout): [string, 'post' | 'draft'][] {
  return layout.draftsDir ? [[layout.postsDir, 'post'], [layout.draftsDir, 'draft']] : [[layout.postsDir, 'post']];
}

function relativeTo(root: vscode.Uri, uri: vscode.Uri): string | undefined {
  const prefix = root.path.endsWith('/') ? root.path : root.path + '/';
  return uri.scheme === root.scheme && uri.path.startsWith(prefix) ? uri.path.slice(prefix.length) : undefined;
}

async function read(uri: vscode.Uri, root: vscode.Uri, dir: string, kind: 'post' | 'draft', draftKey: boolean): Promise<PostEntry | undefined> {
  const rel = relativeTo(root, uri);
  if (rel === undefined) return undefined;
  try {
    const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
    return readPostEntry(rel, kind, text, dir, draftKey);
  } catch {
    return undefined; // deleted, or not a file
  }
}
