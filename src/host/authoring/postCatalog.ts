import * as vscode from 'vscode';
import { readPostEntry, type PostEntry } from '../../core/authoring/posts';
import type { FrontMatterFormat } from '../../core/frontmatter/types';
import { markdownPattern } from '../../core/site/markdownFiles';
import type { SiteLayout } from '../../core/site/profile';
import type { SiteStore } from '../../core/site/siteStore';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import { siteModelsOf, type SiteModels } from '../site/siteModels';
import type { SiteSummary, WorkspaceSites } from '../site/workspaceSites';

const POST_FILE = markdownPattern(['html']);

export interface CatalogSite {
  site: SiteSummary;
  layout: SiteLayout;
  posts: PostEntry[];
}

interface Loaded { site: SiteSummary; layout: SiteLayout; entries: Map<string, PostEntry>; store: SiteStore; formats: readonly FrontMatterFormat[] }

/**
 * The posts and drafts of every site, taken from the workspace's site model (siteModels.ts: the files
 * its index lists, the texts and front matter its store already read for validation) and then kept
 * current one file at a time from its file events; open documents count with their live text when saved.
 */
export class PostCatalog extends Disposable {
  private loaded: Promise<Loaded[]> | undefined;
  private readonly changed = this.register(new vscode.EventEmitter<void>());
  /** A post or draft was added, changed or removed, or the set of sites changed. */
  readonly onDidChange = this.changed.event;
  private readonly models: SiteModels;

  constructor(private readonly sites: WorkspaceSites, private readonly log: Log) {
    super();
    this.models = siteModelsOf(sites, log);
    this.register(sites.onDidChange(() => { this.loaded = undefined; this.changed.fire(); }));
    this.register(this.models.onDidChangeFile((e) => void this.onDisk(e.uri)));
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
    const [sites, indexed] = await Promise.all([this.sites.all(), this.models.indexes.all()]);
    const loaded = await Promise.all(sites.map(async (site) => {
      const { layout } = site;
      const index = indexed.find((i) => i.root.toString() === site.root.toString())?.index;
      const store = this.models.store(site.root);
      const formats = index?.config.formats ?? ['yaml', 'toml', 'json'];
      const entries = new Map<string, PostEntry>();
      const paths = index ? [...index.allPaths()] : [];
      for (const [dir, kind] of folders(layout)) {
        await Promise.all(paths.filter((rel) => rel.startsWith(dir + '/') && POST_FILE.test(rel)).map(async (rel) => {
          const entry = await read(store, site.root, rel, dir, kind, !layout.draftsDir, formats);
          if (entry) entries.set(entry.rel, entry);
        }));
      }
      return { site, layout, entries, store, formats };
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
      if (!folder || !POST_FILE.test(rel)) continue;
      const entry = await read(s.store, s.site.root, rel, folder[0], folder[1], !s.layout.draftsDir, s.formats);
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

/** A post's entry from the store's text and shared front matter; undefined when it is gone. */
async function read(store: SiteStore, root: vscode.Uri, rel: string, dir: string, kind: 'post' | 'draft', draftKey: boolean, formats: readonly FrontMatterFormat[]): Promise<PostEntry | undefined> {
  const path = vscode.Uri.joinPath(root, rel).path;
  const text = await store.readFile(path);
  return text === undefined ? undefined : readPostEntry(rel, kind, text, dir, draftKey, store.frontMatter(path, text, formats));
}
