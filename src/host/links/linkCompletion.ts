import * as vscode from 'vscode';
import { linkCompletionContext, linkCompletions, type LinkCompletionItem } from '../../core/links/completion';
import type { SiteIndexes } from '../frontmatter/siteIndexes';
import { linkSiteOf } from './linkRenames';

/** Typing `](/`, `](`, `{% link `, `{% post_url ` or `#` in a link: the blog's published posts and pages, or the target's header ids. */
export const LINK_TRIGGERS = ['/', '(', '#', ' '];

const KINDS: Record<LinkCompletionItem['kind'], vscode.CompletionItemKind> = {
  post: vscode.CompletionItemKind.File,
  page: vscode.CompletionItemKind.File,
  file: vscode.CompletionItemKind.File,
  heading: vscode.CompletionItemKind.Reference,
};

export class LinkCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly indexes: SiteIndexes) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const linePrefix = doc.lineAt(position.line).text.slice(0, position.character);
    // Cheap test first: this runs on every trigger character typed in Markdown.
    if (!linePrefix.includes('](') && !linePrefix.includes('{%')) return undefined;
    const ctx = linkCompletionContext(linePrefix);
    if (!ctx) return undefined;
    const site = await this.indexes.forDocument(doc.uri);
    if (!site || site.index.config.profile !== 'jekyll') return undefined;
    const range = new vscode.Range(position.line, ctx.replaceStart, position.line, position.character);
    return linkCompletions(linkSiteOf(site.index), site.rel, ctx, ctx.where === 'fragment' ? doc.getText() : undefined).map((i) => {
      const item = new vscode.CompletionItem({ label: i.label, description: i.detail }, KINDS[i.kind]);
      item.insertText = i.insertText;
      item.range = range;
      item.sortText = i.sortText;
      item.filterText = i.filterText ?? i.label;
      return item;
    });
  }
}
