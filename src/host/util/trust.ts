// Workspace Trust: the one place the host asks whether the workspace is trusted. In Restricted Mode
// (not trusted) TechBlog reads files and checks front matter, pastes images with the user's own
// settings, and previews the post body only; work that writes or deletes anything else is refused.
import * as vscode from 'vscode';

/** VS Code's "Manage Workspace Trust" editor. */
export const MANAGE_TRUST_COMMAND = 'workbench.trust.manage';

export function workspaceTrusted(): boolean {
  return vscode.workspace.isTrusted;
}

/**
 * In Restricted Mode: says that `what` (a localized action, e.g. "Deleting images") is off until the
 * workspace is trusted, with a button to VS Code's trust editor, and returns true. Trusted: false.
 */
export function refuseInRestrictedMode(what: string): boolean {
  if (workspaceTrusted()) return false;
  const manage = vscode.l10n.t('Manage Workspace Trust');
  const message = vscode.l10n.t('{0} is off in Restricted Mode: TechBlog changes no files of a workspace you have not trusted (pasting an image still works). Trust the workspace to use it.', what);
  void vscode.window.showWarningMessage(message, manage).then((picked) => {
    if (picked === manage) void vscode.commands.executeCommand(MANAGE_TRUST_COMMAND);
  });
  return true;
}
