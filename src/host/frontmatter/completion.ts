import * as vscode from 'vscode';
import { completionContext, valueSuggestions } from '../../core/frontmatter/completion';
import { parseFrontMatter } from '../../core/frontmatter/parse';
import { keyDocumentation, schemaKeys, type DocScope } from '../../core/frontmatter/schema';
import type { FrontMatterDiagnostics } from './diagnostics';
import type { SiteIndexes, SiteDocument } from './siteIndexes';

// Markdown has quick suggestions off by default, so front matter offers completion on these characters.
export const TRIGGER_CHARACTERS = [':', ' ', '[', ',', '-', '"'];

function scopeOf(site: SiteDocument | undefined): DocScope {
  const kind = site?.index.kindOf(site.rel);
  return kind === 'post' ? 'posts' : kind === 'draft' ? 'drafts' : 'pages';
}

/** Keys from the schema, and values from the blog: tags and categories by use, layouts, booleans, now. */
export class FrontMatterCompletion implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(private readonly indexes: SiteIndexes, private readonly diagnostics: FrontMatterDiagnostics) {}

  async provideCompletionItems(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    const text = doc.getText();
    const offset = doc.offsetAt(position);
    const ctx = completionContext(text, offset);
    if (ctx.where === 'outside') return undefined;
    const site = await this.indexes.forDocument(doc.uri);
    const schema = site?.schema ?? this.diagnostics.settings().check.schema;
    const range = new vscode.Range(doc.positionAt(ctx.replaceStart), doc.positionAt(ctx.replaceEnd));
    if (ctx.where === 'key') {
      const present = new Set(ctx.presentKeys);
      return schemaKeys(site?.index.config.profile ?? 'jekyll', scopeOf(site), schema)
        .filter((k) => !present.has(k.key))
        .map((k, i) => {
          const item = new vscode.CompletionItem(k.key, vscode.CompletionItemKind.Property);
          item.insertText = k.key + ctx.insert;
          item.range = range;
          item.detail = k.required ? vscode.l10n.t('{0} · required', k.type) : k.type;
          item.documentation = new vscode.MarkdownString(k.description);
          // Required keys first, then the schema's own order.
          item.sortText = `${k.required ? 0 : 1}${String(i).padStart(4, '0')}`;
          item.command = { command: 'editor.action.triggerSuggest', title: '' };
          return item;
        });
    }
    const present = new Set(ctx.presentValues);
    return valueSuggestions(ctx.key, { site: site?.index, scope: scopeOf(site), schema })
      .filter((s) => !present.has(s.label))
      .map((s, i) => {
        const item = new vscode.CompletionItem(s.label, vscode.CompletionItemKind.Value);
        item.range = range;
        item.detail = s.detail;
        // Already in the blog's order (most used first): keep it.
        item.sortText = String(i).padStart(5, '0');
        item.filterText = (ctx.quote ?? '') + s.label;
        if (ctx.quote) item.insertText = s.label;
        return item;
      });
  }

  async provideHover(doc: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const text = doc.getText();
    const parse = parseFrontMatter(text);
    const offset = doc.offsetAt(position);
    const entry = parse.entries.find((e) => offset >= e.keyStart && offset <= e.keyEnd);
    if (!entry) return undefined;
    const site = await this.indexes.forDocument(doc.uri);
    const docs = keyDocumentation(entry.key, site?.index.config.profile ?? 'jekyll', scopeOf(site), site?.schema ?? this.diagnostics.settings().check.schema);
    if (!docs) return undefined;
    return new vscode.Hover(new vscode.MarkdownString(docs), new vscode.Range(doc.positionAt(entry.keyStart), doc.positionAt(entry.keyEnd)));
  }
}
