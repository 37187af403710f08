import * as vscode from 'vscode';
import { safeEdits } from '../../core/frontmatter/fixes';
import type { Fix, Problem } from '../../core/frontmatter/types';
import type { TextEdit } from '../../core/text/textEdit';
import { altTextCommand } from './altTextFix';
import { toRange, type FrontMatterDiagnostics } from './diagnostics';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('techblog');

function workspaceEdit(uri: vscode.Uri, edits: readonly TextEdit[], renameTo?: string): vscode.WorkspaceEdit {
  const we = new vscode.WorkspaceEdit();
  for (const e of edits) we.replace(uri, toRange(e.range), e.newText);
  if (renameTo) we.renameFile(uri, vscode.Uri.joinPath(uri, '..', renameTo), { overwrite: false });
  return we;
}

const sameRange = (d: vscode.Diagnostic, p: Problem) => d.range.isEqual(toRange(p.range));

/** Quick fixes for each TechBlog diagnostic, and `source.fixAll.techblog` for the safe ones. */
export class FrontMatterCodeActions implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND];

  constructor(private readonly diagnostics: FrontMatterDiagnostics) {}

  async provideCodeActions(doc: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const problems = await this.diagnostics.problemsFor(doc);
    if (context.only?.contains(FIX_ALL_KIND)) {
      return this.fixAll(doc, problems);
    }
    const actions: vscode.CodeAction[] = [];
    for (const d of context.diagnostics) {
      if (d.source !== 'TechBlog') continue;
      const rule = typeof d.code === 'object' ? d.code.value : d.code;
      const problem = problems.find((p) => p.rule === rule && sameRange(d, p));
      for (const fix of problem?.fixes ?? []) actions.push(this.quickFix(doc, d, fix));
    }
    return actions;
  }

  private quickFix(doc: vscode.TextDocument, d: vscode.Diagnostic, fix: Fix): vscode.CodeAction {
    const a = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
    if (fix.ask) a.command = altTextCommand(doc.uri, d.range, doc.getText(d.range), fix.ask);
    else a.edit = workspaceEdit(doc.uri, fix.edits, fix.renameTo);
    a.diagnostics = [d];
    a.isPreferred = fix.preferred === true;
    return a;
  }

  private fixAll(doc: vscode.TextDocument, problems: Problem[]): vscode.CodeAction[] {
    const { edits, fixed } = safeEdits(problems);
    if (!edits.length) return [];
    const a = new vscode.CodeAction(vscode.l10n.t('Fix all safe front-matter problems ({0})', fixed.length), FIX_ALL_KIND);
    a.edit = workspaceEdit(doc.uri, edits);
    return [a];
  }
}
