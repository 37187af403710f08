import * as vscode from 'vscode';
import { groupPosts, tagCounts, type PostEntry, type PostFilter } from '../../core/authoring/posts';
import { ymd } from '../../core/authoring/dates';
import { Disposable } from '../util/disposable';
import type { CatalogSite, PostCatalog } from './postCatalog';

export const POSTS_VIEW_ID = 'techblog.posts';
/** The validator's diagnostics carry this source (src/host/frontmatter/diagnostics.ts). */
const DIAGNOSTIC_SOURCE = 'TechBlog';
const REFRESH_DELAY_MS = 250;

export type PostNode =
  | { type: 'site'; site: CatalogSite }
  | { type: 'year'; site: CatalogSite; year: number; count: number }
  | { type: 'month'; site: CatalogSite; year: number; month: number }
  | { type: 'drafts' | 'undated'; site: CatalogSite; count: number }
  | { type: 'post'; site: CatalogSite; entry: PostEntry };

const monthName = (year: number, month: number) => new Date(Date.UTC(year, month - 1, 1)).toLocaleString(vscode.env.language, { month: 'long', timeZone: 'UTC' });

/**
 * The "Posts" view: posts by year and month (newest first), drafts apart, each with its date and the
 * validator's problem count; an optional tag or category filter. Refreshes, debounced, when posts
 * change on disk or diagnostics change.
 */
export class PostsTreeProvider extends Disposable implements vscode.TreeDataProvider<PostNode> {
  private readonly changed = this.register(new vscode.EventEmitter<PostNode | undefined>());
  readonly onDidChangeTreeData = this.changed.event;
  private filterValue: PostFilter | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly filterChanged = this.register(new vscode.EventEmitter<PostFilter | undefined>());
  readonly onDidChangeFilter = this.filterChanged.event;

  constructor(private readonly catalog: PostCatalog) {
    super();
    this.register(catalog.onDidChange(() => this.refreshSoon()));
    this.register(vscode.languages.onDidChangeDiagnostics(() => this.refreshSoon()));
    this.register({ dispose: () => clearTimeout(this.timer) });
  }

  get filter(): PostFilter | undefined { return this.filterValue; }

  setFilter(filter: PostFilter | undefined): void {
    this.filterValue = filter;
    this.filterChanged.fire(filter);
    this.changed.fire(undefined);
  }

  refreshSoon(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => this.changed.fire(undefined), REFRESH_DELAY_MS);
  }

  async getChildren(node?: PostNode): Promise<PostNode[]> {
    if (!node) {
      const sites = await this.catalog.all();
      void vscode.commands.executeCommand('setContext', 'techblog.hasBlog', sites.length > 0);
      return sites.length === 1 ? this.siteChildren(sites[0]) : sites.map((site) => ({ type: 'site', site }));
    }
    const groups = groupPosts(node.site.posts, this.filterValue);
    switch (node.type) {
      case 'site': return this.siteChildren(node.site);
      case 'year': return groups.years.find((y) => y.year === node.year)?.months.map((m) => ({ type: 'month', site: node.site, year: node.year, month: m.month })) ?? [];
      case 'month': return groups.years.find((y) => y.year === node.year)?.months.find((m) => m.month === node.month)?.posts.map((entry) => ({ type: 'post', site: node.site, entry })) ?? [];
      case 'drafts': return groups.drafts.map((entry) => ({ type: 'post', site: node.site, entry }));
      case 'undated': return groups.undated.map((entry) => ({ type: 'post', site: node.site, entry }));
      default: return [];
    }
  }

  private siteChildren(site: CatalogSite): PostNode[] {
    const groups = groupPosts(site.posts, this.filterValue);
    const out: PostNode[] = groups.years.map((y) => ({ type: 'year', site, year: y.year, count: y.count }));
    if (groups.undated.length) out.push({ type: 'undated', site, count: groups.undated.length });
    if (groups.drafts.length) out.push({ type: 'drafts', site, count: groups.drafts.length });
    return out;
  }

  getTreeItem(node: PostNode): vscode.TreeItem {
    const C = vscode.TreeItemCollapsibleState;
    switch (node.type) {
      case 'site': {
        const item = new vscode.TreeItem(node.site.site.title ?? vscode.workspace.asRelativePath(node.site.site.root), C.Expanded);
        item.description = vscode.workspace.asRelativePath(node.site.site.root, true);
        item.iconPath = new vscode.ThemeIcon('book');
        return item;
      }
      case 'year': {
        const item = new vscode.TreeItem(String(node.year), C.Expanded);
        item.description = vscode.l10n.t('{0} posts', node.count);
        item.id = `${node.site.site.root}#${node.year}`;
        return item;
      }
      case 'month': {
        const item = new vscode.TreeItem(monthName(node.year, node.month), C.Expanded);
        item.id = `${node.site.site.root}#${node.year}-${node.month}`;
        return item;
      }
      case 'drafts': case 'undated': {
        const item = new vscode.TreeItem(node.type === 'drafts' ? vscode.l10n.t('Drafts') : vscode.l10n.t('Without a date'), C.Expanded);
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon(node.type === 'drafts' ? 'edit' : 'question');
        item.id = `${node.site.site.root}#${node.type}`;
        return item;
      }
      case 'post': return this.postItem(node.site, node.entry);
    }
  }

  private postItem(site: CatalogSite, entry: PostEntry): vscode.TreeItem {
    const uri = vscode.Uri.joinPath(site.site.root, entry.rel);
    const item = new vscode.TreeItem(entry.title, vscode.TreeItemCollapsibleState.None);
    const problems = problemCount(uri);
    const date = entry.date ? ymd(entry.date) : '';
    item.description = [date, problems.total ? vscode.l10n.t('{0} problems', problems.total) : ''].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon(problems.errors ? 'error' : problems.total ? 'warning' : entry.kind === 'draft' ? 'edit' : 'note');
    item.resourceUri = uri;
    item.id = uri.toString();
    item.contextValue = entry.kind === 'draft' ? 'techblog.draft' : 'techblog.post';
    const tooltip = new vscode.MarkdownString();
    tooltip.appendText(entry.title).appendMarkdown('\n\n').appendText(entry.rel);
    if (entry.categories.length) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Categories: {0}', entry.categories.join(', ')));
    if (entry.tags.length) tooltip.appendMarkdown('\n\n').appendText(vscode.l10n.t('Tags: {0}', entry.tags.join(', ')));
    item.tooltip = tooltip;
    item.command = { command: 'vscode.open', title: vscode.l10n.t('Open'), arguments: [uri] };
    return item;
  }
}

/** The validator's problems for a file, as the Problems panel counts them. */
export function problemCount(uri: vscode.Uri): { total: number; errors: number } {
  const mine = vscode.languages.getDiagnostics(uri).filter((d) => d.source === DIAGNOSTIC_SOURCE);
  return { total: mine.length, errors: mine.filter((d) => d.severity === vscode.DiagnosticSeverity.Error).length };
}

/** The view, its filter commands and the context keys its menus use. */
export function registerPostsView(catalog: PostCatalog): vscode.Disposable {
  const provider = new PostsTreeProvider(catalog);
  const view = vscode.window.createTreeView(POSTS_VIEW_ID, { treeDataProvider: provider, showCollapseAll: true });
  const showFilter = (f: PostFilter | undefined) => {
    view.description = f ? (f.kind === 'tags' ? vscode.l10n.t('tag: {0}', f.value) : vscode.l10n.t('category: {0}', f.value)) : undefined;
    void vscode.commands.executeCommand('setContext', 'techblog.postsFiltered', f !== undefined);
  };
  return vscode.Disposable.from(
    provider,
    view,
    provider.onDidChangeFilter(showFilter),
    vscode.commands.registerCommand('techblog.filterPosts', async (filter?: PostFilter) => {
      const chosen = filter ?? (await pickFilter(catalog));
      if (chosen) provider.setFilter(chosen);
      return chosen;
    }),
    vscode.commands.registerCommand('techblog.clearPostsFilter', () => provider.setFilter(undefined)),
    vscode.commands.registerCommand('techblog.refreshPosts', () => provider.refreshSoon()),
  );
}

async function pickFilter(catalog: PostCatalog): Promise<PostFilter | undefined> {
  const posts = (await catalog.all()).flatMap((s) => s.posts);
  type Item = vscode.QuickPickItem & { filter?: PostFilter };
  const section = (label: string): Item => ({ label, kind: vscode.QuickPickItemKind.Separator });
  const entries = (kind: PostFilter['kind'], icon: string): Item[] => tagCounts(posts, kind).map((t) => ({
    label: `$(${icon}) ${t.value}`, description: vscode.l10n.t('{0} posts', t.count), filter: { kind, value: t.value },
  }));
  const items: Item[] = [section(vscode.l10n.t('Categories')), ...entries('categories', 'folder'), section(vscode.l10n.t('Tags')), ...entries('tags', 'tag')];
  const pick = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Show only posts with…'), matchOnDescription: false });
  return pick?.filter;
}
