import * as vscode from 'vscode';
import { validateUserSchema, withoutPatterns, type UserSchema } from '../../core/frontmatter/schema';
import { workspaceTrusted } from '../util/trust';
import { loadSite } from '../../core/site/siteIndex';
import type { SiteIndex } from '../../core/site/siteIndex';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import type { SiteSummary, WorkspaceSites } from '../site/workspaceSites';
import type { SiteStore } from '../../core/site/siteStore';
import type { SiteModels } from '../site/siteModels';

/** New folders (a blog copied in) make the sites be looked up again this long after the last one. */
const NEW_FOLDER_SETTLE_MS = 1_000;

export interface SiteFileChange {
  root: vscode.Uri;
  uri: vscode.Uri;
  index: SiteIndex;
  rel: string;
  what: 'create' | 'change' | 'delete';
}

/** A site's own schema file, beside its _config.yml (editors validate it through contributes.jsonValidation). */
export const SITE_SCHEMA_FILE = 'techblog.schema.json';

export interface SiteDocument {
  index: SiteIndex;
  /** The site's techblog.schema.json, when it has a valid one. */
  schema: UserSchema | undefined;
  /** The document's path relative to the site root. */
  rel: string;
  root: vscode.Uri;
}

/**
 * One SiteIndex per blog site (layouts, file list, tag spellings), built on first use and then kept
 * current one file at a time from file-system events, so no event ever rescans a whole site.
 */
export class SiteIndexes extends Disposable {
  private readonly loaded = new Map<string, Promise<SiteIndex>>();
  private readonly schemas = new Map<string, Promise<UserSchema | undefined>>();
  private readonly changed = this.register(new vscode.EventEmitter<SiteFileChange>());
  /** A site's file changed on disk (a post, a layout, an image): checks that depend on it may differ. */
  readonly onDidChangeSite = this.changed.event;
  private readonly reset = this.register(new vscode.EventEmitter<void>());
  /** Sites were found again (a config file or `techblog.site.profile` changed): every check may differ. */
  readonly onDidResetSites = this.reset.event;

  private folderTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly sites: WorkspaceSites, private readonly log: Log, private readonly models: SiteModels) {
    super();
    this.register({ dispose: () => clearTimeout(this.folderTimer) });
    this.register(sites.onDidChange(() => { this.loaded.clear(); this.schemas.clear(); this.reset.fire(); }));
    // Trusted now: the site schema's patterns apply (Restricted Mode left them out).
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => { this.schemas.clear(); this.reset.fire(); }));
    // The workspace's one watcher (siteModels.ts): its store has forgotten the file's old text already.
    this.register(models.onDidChangeFile((e) => void this.onDisk(e.uri, e.what)));
  }

  /** The site a document belongs to, with its index; undefined outside every site. */
  async forDocument(uri: vscode.Uri): Promise<SiteDocument | undefined> {
    const site = await this.sites.siteFor(uri);
    if (!site) return undefined;
    const [index, schema] = await Promise.all([this.indexOf(site), this.schemaOf(site.root)]);
    const rel = index.relative(uri.path);
    return rel === undefined ? undefined : { index, rel, root: site.root, schema };
  }

  /** Every site with its index (for whole-workspace checks). */
  async all(): Promise<{ root: vscode.Uri; index: SiteIndex }[]> {
    const sites = await this.sites.all();
    return Promise.all(sites.map(async (s) => ({ root: s.root, index: await this.indexOf(s) })));
  }

  /** The site's files, read through its store: a post read by one feature is not read again by another. */
  fileSystem(root: vscode.Uri): SiteStore {
    return this.models.store(root);
  }

  private indexOf({ root, generator }: SiteSummary): Promise<SiteIndex> {
    const key = root.toString();
    let p = this.loaded.get(key);
    if (!p) {
      const t0 = Date.now();
      p = Promise.resolve(vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('TechBlog: reading the blog') }, async () => {
        const { index } = await loadSite(this.fileSystem(root), root.path, { generator });
        this.log.info(`Indexed ${vscode.workspace.asRelativePath(root)} (${generator}): ${index.documentCount()} documents, ${index.layouts().length} layouts in ${Date.now() - t0} ms (site store: ${JSON.stringify(this.models.stats())})`);
        return index;
      }));
      p.then(undefined, (e) => { this.loaded.delete(key); this.log.error(`Could not index ${root.fsPath}: ${e}`); });
      this.loaded.set(key, p);
    }
    return p;
  }

  private schemaOf(root: vscode.Uri): Promise<UserSchema | undefined> {
    const key = root.toString();
    let p = this.schemas.get(key);
    if (!p) {
      p = (async () => {
        const text = await this.fileSystem(root).readFile(vscode.Uri.joinPath(root, SITE_SCHEMA_FILE).path);
        if (text === undefined) return undefined;
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch (e) {
          this.reportSchemaProblem(root, [e instanceof Error ? e.message : String(e)]);
          return undefined;
        }
        const verdict = validateUserSchema(parsed);
        if (!verdict.ok) { this.reportSchemaProblem(root, verdict.errors); return undefined; }
        // Restricted Mode: a stranger's regular expressions are not run.
        return workspaceTrusted() ? parsed as UserSchema : withoutPatterns(parsed as UserSchema);
      })();
      this.schemas.set(key, p);
    }
    return p;
  }

  private reportSchemaProblem(root: vscode.Uri, errors: string[]): void {
    const file = vscode.workspace.asRelativePath(vscode.Uri.joinPath(root, SITE_SCHEMA_FILE));
    this.log.warn(`${file} is not a valid TechBlog schema and is ignored:\n${errors.join('\n')}`);
    void vscode.window.showWarningMessage(vscode.l10n.t('{0} is ignored: {1}', file, errors[0]));
  }

  private async onDisk(uri: vscode.Uri, what: 'create' | 'change' | 'delete'): Promise<void> {
    // A folder copied or moved in (a whole blog) may be reported as the folder alone, without the
    // `_config.yml` inside it: once new folders stop coming (the copy is done), the sites are looked up again.
    if (what === 'create' && !/\.[^/]*$/.test(uri.path)) {
      const stat = await Promise.resolve(vscode.workspace.fs.stat(uri)).catch(() => undefined);
      if (stat && stat.type & vscode.FileType.Directory) {
        clearTimeout(this.folderTimer);
        this.folderTimer = setTimeout(() => this.sites.refresh(), NEW_FOLDER_SETTLE_MS);
        return;
      }
    }
    const site = await this.sites.siteFor(uri);
    if (!site) return;
    const pending = this.loaded.get(site.root.toString());
    if (!pending) return; // not loaded yet: it will read the current state when it is
    const index = await pending;
    const rel = index.relative(uri.path);
    if (rel === undefined) return;
    const fs = this.fileSystem(site.root);
    if (rel === SITE_SCHEMA_FILE) this.schemas.delete(site.root.toString());
    if (rel === 'Gemfile') index.gemfile = what === 'delete' ? undefined : await fs.readFile(uri.path);
    if (what === 'delete') {
      index.removePath(rel);
    } else if (rel === '_config.yml') {
      index.setConfigText(await fs.readFile(uri.path));
    } else {
      index.addPath(rel);
      // An open document is indexed from its live text by the diagnostics; the disk copy is older.
      const open = vscode.workspace.textDocuments.some((d) => d.uri.toString() === uri.toString());
      if (!open && index.kindOf(rel) !== 'other') {
        const text = await fs.readFile(uri.path);
        if (text !== undefined) index.updateFile(rel, text);
      }
    }
    this.changed.fire({ root: site.root, uri, index, rel, what });
  }
}
