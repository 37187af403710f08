// The "Get Started with TechBlog" walkthrough's buttons. Each does its step for real, on the blog the
// user has open or on a copy of the sample blog shipped in the extension, so a new user sees paste,
// preview and a quick fix work before reading any documentation.
import * as vscode from 'vscode';
import { markdownGlobAlternatives } from '../../core/site/markdownFiles';
import type { Log } from '../util/log';
import type { WorkspaceSites } from '../site/workspaceSites';
import { uriExists } from '../util/uriExists';

export function registerWalkthrough(sites: WorkspaceSites, extensionUri: vscode.Uri, log: Log): vscode.Disposable {
  // The first step completes on `techblog.hasBlog`, which WorkspaceSites sets when it finds the blogs.
  return vscode.Disposable.from(
    vscode.commands.registerCommand('techblog.walkthrough.openSampleBlog', () => openSampleBlog(extensionUri, log)),
    vscode.commands.registerCommand('techblog.walkthrough.openPost', () => openPost(sites)),
    vscode.commands.registerCommand('techblog.walkthrough.pasteScreenshot', () => pasteScreenshot(sites)),
    vscode.commands.registerCommand('techblog.walkthrough.openPreview', () => openPreview(sites)),
    vscode.commands.registerCommand('techblog.walkthrough.fixWarning', () => fixWarning(sites)),
  );
}

/** Copies the bundled sample blog into a folder the user picks (never over existing files) and opens it. */
async function openSampleBlog(extensionUri: vscode.Uri, log: Log): Promise<vscode.Uri | undefined> {
  const picked = await vscode.window.showOpenDialog({
    canSelectFiles: false, canSelectFolders: true, canSelectMany: false,
    openLabel: vscode.l10n.t('Create the Sample Blog Here'),
    title: vscode.l10n.t('Where should TechBlog put a copy of its sample blog?'),
  });
  if (!picked?.[0]) return undefined;
  const target = vscode.Uri.joinPath(picked[0], 'techblog-sample-blog');
  if (await uriExists(target)) {
    void vscode.window.showErrorMessage(vscode.l10n.t('{0} already exists. Pick another folder, or open that one with File > Open Folder.', target.fsPath));
    return undefined;
  }
  try {
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(extensionUri, 'examples', 'sample-blog'), target, { overwrite: false });
  } catch (e) {
    log.error(`Copying the sample blog to ${target.toString()} failed: ${String(e)}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not create the sample blog in {0}: {1}', picked[0].fsPath, e instanceof Error ? e.message : String(e)));
    return undefined;
  }
  await vscode.commands.executeCommand('vscode.openFolder', target, { forceNewWindow: false });
  return target;
}

/** The post in the active editor, else the newest post of the first site (by path: Jekyll names start with the date). */
async function postToUse(sites: WorkspaceSites): Promise<vscode.Uri | undefined> {
  const active = vscode.window.activeTextEditor?.document;
  if (active?.languageId === 'markdown' && active.uri.scheme !== 'untitled') return active.uri;
  for (const site of await sites.all()) {
    const postsDir = vscode.Uri.joinPath(site.root, site.layout.postsDir);
    const posts = await vscode.workspace.findFiles(new vscode.RelativePattern(postsDir, `**/*.${markdownGlobAlternatives()}`), undefined, 2000);
    posts.sort((a, b) => b.path.localeCompare(a.path));
    if (posts[0]) return posts[0];
  }
  void vscode.window.showInformationMessage(
    vscode.l10n.t('Open your blog folder first (the folder with _config.yml), or try the sample blog.'),
  );
  return undefined;
}

async function openPost(sites: WorkspaceSites): Promise<vscode.TextEditor | undefined> {
  const post = await postToUse(sites);
  if (!post) return undefined;
  const editor = await vscode.window.showTextDocument(post, { preview: false, viewColumn: vscode.ViewColumn.One });
  return editor;
}

/**
 * Pastes the clipboard at the end of a post, where TechBlog's paste handler saves an image into
 * images/<year>/. VS Code's API reads only text from the clipboard: text there means no screenshot,
 * so say so instead of pasting the text into the user's post. Resolves with that message when it
 * showed it (what tests wait on), else once the paste ran.
 */
async function pasteScreenshot(sites: WorkspaceSites): Promise<string | undefined> {
  const clipboardText = await vscode.env.clipboard.readText();
  if (clipboardText.trim()) {
    const message = vscode.l10n.t('The clipboard holds text, not a picture. Take a screenshot (for example with Print Screen, or Shift+Win+S / Shift+Cmd+4), then press this button again or Ctrl+V in a post.');
    void vscode.window.showInformationMessage(message);
    return message;
  }
  const editor = await openPost(sites);
  if (!editor) return undefined;
  const end = editor.document.lineAt(editor.document.lineCount - 1).range.end;
  editor.selection = new vscode.Selection(end, end);
  editor.revealRange(new vscode.Range(end, end));
  await vscode.commands.executeCommand('editor.action.clipboardPasteAction');
  return undefined;
}

async function openPreview(sites: WorkspaceSites): Promise<void> {
  if (!(await openPost(sites))) return;
  await vscode.commands.executeCommand('techblog.openPreviewToSide');
}

/** Checks every post, then opens the first problem TechBlog can fix and shows its quick fixes. */
async function fixWarning(sites: WorkspaceSites): Promise<void> {
  if (!(await sites.all()).length) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Open your blog folder first (the folder with _config.yml), or try the sample blog.'));
    return;
  }
  await vscode.commands.executeCommand('techblog.checkAllPosts');
  const problems = vscode.languages.getDiagnostics()
    .flatMap(([uri, ds]) => ds.filter((d) => d.source === 'TechBlog').map((d) => ({ uri, d })))
    .sort((a, b) => a.d.severity - b.d.severity || a.uri.path.localeCompare(b.uri.path));
  const first = problems[0];
  if (!first) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No front-matter problems in this blog. Well kept!'));
    return;
  }
  const editor = await vscode.window.showTextDocument(first.uri, { preview: false, selection: first.d.range });
  editor.revealRange(first.d.range, vscode.TextEditorRevealType.InCenter);
  await vscode.commands.executeCommand('editor.action.quickFix');
}

