// Links clicked in the preview: the web and mail open outside VS Code; links to posts, pages and
// files of the site open them in the editor. Nothing else is followed (the renderer already drops
// `javascript:` and friends; the host refuses any other scheme, `command:` included).
import * as posix from '../../core/text/posixPath';
import { MARKDOWN_EXTENSIONS } from '../../core/site/markdownFiles';
import * as vscode from 'vscode';
import type { Log } from '../util/log';

export type LinkTarget =
  | { kind: 'external'; url: string }
  | { kind: 'site'; /** Site-relative URL path (decoded, without baseurl), e.g. `/about/` or `/images/a.png`. */ urlPath: string; /** The link as written, without query and fragment, decoded. */ raw: string; fragment: string }
  | { kind: 'resource'; /** A webview resource URL that points into the site: its site-relative path. */ sitePath: string }
  | { kind: 'refused'; reason: string };

export interface LinkBase {
  /** `webview.asWebviewUri(siteRoot).toString()`: resource URLs under it are files of the site. */
  resourceBase: string;
  /** The previewed document's published URL (`/otel-collector-first-look/`). */
  pageUrl: string;
  /** The site's `baseurl` (`''` or `/blog`). */
  baseurl: string;
}

const SCHEME = /^([a-z][a-z0-9+.-]*):/i;

function decode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** What a link points to (no I/O). */
export function linkTarget(href: string, base: LinkBase): LinkTarget {
  // Browsers ignore ASCII whitespace and control characters around and inside a scheme.
  // eslint-disable-next-line no-control-regex
  const h = href.trim().replace(/[\u0000-\u001f]/g, '');
  if (h === '' || h.startsWith('#')) return { kind: 'refused', reason: 'a link inside the page' };
  const scheme = SCHEME.exec(h)?.[1].toLowerCase();
  if (scheme === 'http' || scheme === 'https') {
    const prefix = base.resourceBase.replace(/\/+$/, '') + '/';
    if (h.startsWith(prefix)) return { kind: 'resource', sitePath: decode(h.slice(prefix.length).replace(/[?#].*$/, '')) };
    return { kind: 'external', url: h };
  }
  if (scheme === 'mailto' || scheme === 'tel') return { kind: 'external', url: h };
  if (scheme !== undefined) return { kind: 'refused', reason: `the ${scheme}: scheme is not opened from the preview` };
  if (h.startsWith('//')) return { kind: 'external', url: 'https:' + h };

  const hashAt = h.indexOf('#');
  const fragment = hashAt >= 0 ? decode(h.slice(hashAt + 1)) : '';
  const pathPart = h.replace(/[?#].*$/, '');
  let urlPath: string;
  if (pathPart.startsWith('/')) urlPath = pathPart;
  else {
    const dir = base.pageUrl.endsWith('/') ? base.pageUrl : posix.dirname(base.pageUrl);
    urlPath = posix.join(dir || '/', pathPart);
  }
  urlPath = posix.normalize(decode(urlPath));
  const b = base.baseurl.replace(/\/+$/, '');
  if (b && (urlPath === b || urlPath.startsWith(b + '/'))) urlPath = urlPath.slice(b.length) || '/';
  return { kind: 'site', urlPath, raw: decode(pathPart), fragment };
}

export interface LinkContext {
  base: LinkBase;
  siteRoot: vscode.Uri;
  document: vscode.Uri;
  /** Site-relative source path of the post or page published at a URL. */
  pathOfUrl(urlPath: string): string | undefined;
  /** Where to open files (the column of the editor showing the previewed document). */
  column: vscode.ViewColumn | undefined;
  log: Log;
}

export type LinkOutcome = 'external' | 'opened' | 'refused' | 'missing';

async function isFile(uri: vscode.Uri): Promise<boolean> {
  try {
    return ((await vscode.workspace.fs.stat(uri)).type & vscode.FileType.File) !== 0;
  } catch {
    return false;
  }
}

function inside(root: vscode.Uri, uri: vscode.Uri): boolean {
  const r = root.path.endsWith('/') ? root.path : root.path + '/';
  return uri.scheme === root.scheme && uri.authority === root.authority && uri.path.startsWith(r);
}

/** Opens what a clicked link points to; returns what it did. */
export async function openPreviewLink(href: string, ctx: LinkContext): Promise<LinkOutcome> {
  const target = linkTarget(href, ctx.base);
  if (target.kind === 'refused') {
    ctx.log.info(`Preview: not following ${JSON.stringify(href.slice(0, 200))}: ${target.reason}.`);
    return 'refused';
  }
  if (target.kind === 'external') {
    await vscode.env.openExternal(vscode.Uri.parse(target.url, true));
    return 'external';
  }
  const candidates: vscode.Uri[] = [];
  if (target.kind === 'resource') candidates.push(vscode.Uri.joinPath(ctx.siteRoot, target.sitePath));
  else {
    const post = ctx.pathOfUrl(target.urlPath);
    if (post) candidates.push(vscode.Uri.joinPath(ctx.siteRoot, post));
    const rel = target.urlPath.replace(/^\/+/, '');
    if (rel) candidates.push(vscode.Uri.joinPath(ctx.siteRoot, rel));
    if (target.urlPath.endsWith('/')) for (const index of [...MARKDOWN_EXTENSIONS.map((e) => `index.${e}`), 'index.html']) candidates.push(vscode.Uri.joinPath(ctx.siteRoot, rel, index));
    // Typora writes links relative to the file (`../images/a.png`, `other-post.md`).
    if (target.raw && !target.raw.startsWith('/')) candidates.push(vscode.Uri.joinPath(ctx.document, '..', target.raw));
  }
  for (const uri of candidates) {
    if (!inside(ctx.siteRoot, uri) && !vscode.workspace.getWorkspaceFolder(uri)) continue;
    if (!(await isFile(uri))) continue;
    await vscode.commands.executeCommand('vscode.open', uri, { viewColumn: ctx.column ?? vscode.ViewColumn.Active, preview: false });
    return 'opened';
  }
  void vscode.window.showWarningMessage(vscode.l10n.t('The preview found no file in the workspace for the link {0}.', href));
  return 'missing';
}
