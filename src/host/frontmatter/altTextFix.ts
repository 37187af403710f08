import * as vscode from 'vscode';
import { altTextSource } from '../../core/frontmatter/rules/altText';
import type { FixQuestion } from '../../core/frontmatter/types';

export const WRITE_ALT_TEXT_COMMAND = 'techblog.images.writeAltText';

/** The quick fix of `image-alt-default`: runs the command below, which asks. */
export function altTextCommand(uri: vscode.Uri, range: vscode.Range, written: string, question: FixQuestion): vscode.Command {
  return { title: vscode.l10n.t('Write alt text for this image…'), command: WRITE_ALT_TEXT_COMMAND, arguments: [uri, range, written, question] };
}

/**
 * Asks for an image's alt text and writes it over the generated name. `answer` stands in for the
 * input box (tests). Escape, or a text changed meanwhile, changes nothing. Returns whether it wrote.
 */
export function registerAltTextFix(): vscode.Disposable {
  return vscode.commands.registerCommand(WRITE_ALT_TEXT_COMMAND, async (uri: vscode.Uri, range: vscode.Range, written: string, question: FixQuestion, answer?: string): Promise<boolean> => {
    const words = answer ?? await vscode.window.showInputBox({
      title: vscode.l10n.t('Alt text'),
      prompt: vscode.l10n.t('Describe the image for readers who cannot see it (Escape keeps "{0}").', question.current),
      placeHolder: question.current,
      ignoreFocusOut: true,
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter a few words, or press Escape to keep "{0}".', question.current)),
    });
    if (words === undefined || !words.trim()) return false;
    const doc = await vscode.workspace.openTextDocument(uri);
    if (doc.getText(range) !== written) {
      void vscode.window.showWarningMessage(vscode.l10n.t('TechBlog did not change the alt text: the image link changed meanwhile. Run the quick fix again.'));
      return false;
    }
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, range, altTextSource(words, question.syntax));
    return vscode.workspace.applyEdit(edit);
  });
}
