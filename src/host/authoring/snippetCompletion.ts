import * as vscode from 'vscode';
import { formatPostDate } from '../../core/authoring/dates';
import { headerBounds } from '../../core/authoring/header';
import { siteUsesDate } from '../../core/authoring/posts';
import { authoringContext, headerForSite, parseSnippetFile, type Snippet } from '../../core/authoring/snippets';
import { readExtensionFile } from '../util/extensionFile';
import type { Log } from '../util/log';
import type { PostCatalog } from './postCatalog';
import { siteNow } from './siteTime';

/** `/` opens the block snippets at the start of a line; a space after `include` lists names. */
export const SNIPPET_TRIGGERS = ['/', ' '];

/**
 * TechBlog's snippets without the user turning on quick suggestions for Markdown: the post headers at
 * the top of a header-less post, the blocks after `/` at the start of a line, and the site's includes
 * inside `{% include %}` (names inside `{% post_url %}` are the link completion's). The bodies come from
 * the contributed snippets file.
 */
export class SnippetCompletion implements vscode.CompletionItemProvider {
  private snippets: Promise<Snippet[]> | undefined;

  constructor(private readonly extensionUri: vscode.Uri, private readonly catalog: PostCatalog, private readonly log: Log) {}

  private load(): Promise<Snippet[]> {
    this.snippets ??= readExtensionFile(vscode.Uri.joinPath(this.extensionUri, 'snippets', 'markdown.code-snippets'))
      .then((bytes) => parseSnippetFile(new TextDecoder().decode(bytes)))
      .catch((e) => { this.log.error(`Could not read the snippets: ${e}`); return []; });
    return this.snippets;
  }

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const linePrefix = doc.lineAt(position.line).text.slice(0, position.character);
    // Cheap test first: this runs on every space typed in Markdown.
    if (!/[/\-%\w]/.test(linePrefix) && !(position.line === 0 && linePrefix === '')) return undefined;
    const text = doc.getText();
    const header = headerBounds(text);
    const offset = doc.offsetAt(position);
    const ctx = authoringContext(linePrefix, position.line, header !== undefined || /^(---|\+\+\+)\s*$/.test(doc.lineAt(0).text), header !== undefined && offset >= header.start && offset < header.end);
    if (!ctx) return undefined;
    const range = new vscode.Range(position.line, ctx.replaceStart, position.line, position.character);
    // The link completion (src/host/links/linkCompletion.ts) offers the published posts there.
    if (ctx.where === 'post_url') return undefined;
    if (ctx.where === 'include') return this.includes(doc.uri, range);
    const snippets = await this.load();
    const items: vscode.CompletionItem[] = [];
    const lead = ctx.typed.startsWith('/') ? '/' : '';
    if (ctx.where === 'header') {
      const date = await this.headerDate(doc.uri);
      for (const s of snippets.filter((x) => x.kind === 'header')) items.push(this.item(s, headerForSite(s.body, date), range, lead, '0'));
    }
    if (ctx.where === 'block' || lead === '/') {
      for (const s of snippets.filter((x) => x.kind === 'block')) items.push(this.item(s, s.body, range, '/', '1'));
    }
    return items;
  }

  private item(s: Snippet, body: string, range: vscode.Range, lead: string, group: string): vscode.CompletionItem {
    const item = new vscode.CompletionItem({ label: s.prefixes[0], description: s.name }, vscode.CompletionItemKind.Snippet);
    item.insertText = new vscode.SnippetString(body);
    item.range = range;
    item.filterText = lead + s.prefixes.join(' ');
    item.sortText = group + s.prefixes[0];
    // Tells ours apart from VS Code's own snippet items, which list the same contributed snippets.
    item.detail = `TechBlog · ${s.description}`;
    item.documentation = new vscode.MarkdownString().appendCodeblock(body.replace(/\$\{\d+:([^}]*)\}/g, '$1').replace(/\$\{?\d+\}?/g, ''), 'markdown');
    return item;
  }

  /** `date:` for the header: now in the site's zone when the site writes `date:` in its posts, else none. */
  private async headerDate(uri: vscode.Uri): Promise<string | undefined> {
    const site = await this.catalog.siteOf(uri);
    if (!site) return undefined;
    if (site.layout.generator === 'jekyll' && !siteUsesDate(site.posts)) return undefined;
    return formatPostDate(siteNow(site.layout), site.layout.generator);
  }

  private async includes(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CompletionItem[]> {
    const site = await this.catalog.siteOf(uri);
    if (!site) return [];
    const dir = vscode.Uri.joinPath(site.site.root, '_includes');
    const files = await vscode.workspace.findFiles(new vscode.RelativePattern(dir, '**/*'));
    return files.map((f) => f.path.slice(dir.path.length + 1)).sort().map((name) => {
      const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.File);
      item.range = range;
      return item;
    });
  }
}
