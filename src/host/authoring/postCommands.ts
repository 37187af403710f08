import * as vscode from 'vscode';
import { formatPostDate } from '../../core/authoring/dates';
import { matchingName, newPostPath, publishDraft } from '../../core/authoring/moves';
import { firstFreeName } from '../../core/authoring/naming';
import { readPostEntry, siteUsesDate, tagCounts } from '../../core/authoring/posts';
import { SLUG_STYLES, slugChoices, slugify, type SlugChoice, type SlugStyle } from '../../core/authoring/slug';
import { builtInLayout, builtInPost, fillTemplate, type NewPostText } from '../../core/authoring/template';
import type { Log } from '../util/log';
import type { CatalogSite, PostCatalog } from './postCatalog';
import type { PostNode } from './postsView';
import { siteNow } from './siteTime';
import { uriExists } from '../util/uriExists';
import { refuseInRestrictedMode } from '../util/trust';
import { readWorkspaceFile } from '../util/localDisk';

/** Arguments tests and other extensions may pass instead of answering the prompts. */
export interface NewPostArgs {
  title?: string;
  /** Tags; an empty list skips the prompt. */
  tags?: string[];
  /** Category; '' skips the prompt. */
  category?: string;
  /** The file name's slug; skips the choice offered for a title in another script than Latin. */
  slug?: string;
  /** The site folder (a Uri or its path); asked when the workspace has several. */
  site?: vscode.Uri | string;
}

/** The questions New Post asks, each announced when it is put on screen. */
type Prompt = 'site' | 'title' | 'slug' | 'tags' | 'category';
type OnPrompt = (kind: Prompt) => void;

/** A post to work on: a file, a Posts view item (its context menu), or none for the active editor. */
type PostArg = vscode.Uri | Extract<PostNode, { type: 'post' }> | undefined;

const decoder = new TextDecoder('utf-8', { fatal: false });

export function registerPostCommands(catalog: PostCatalog, log: Log): vscode.Disposable {
  const run = <A extends unknown[], R>(what: string, fn: (...a: A) => Promise<R>) => async (...a: A): Promise<R | undefined> => {
    try {
      return await fn(...a);
    } catch (e) {
      const message = e instanceof Error ? e.message : String(e);
      log.error(`${what}: ${e instanceof Error ? e.stack : e}`);
      void vscode.window.showErrorMessage(vscode.l10n.t('TechBlog: {0} failed: {1}', what, message));
      return undefined;
    }
  };
  // These create, move or rename files: not in Restricted Mode (the workspace is not trusted).
  const writing = <A extends unknown[], R>(what: string, label: () => string, fn: (...a: A) => Promise<R>) => {
    const guarded = run(what, fn);
    return async (...a: A): Promise<R | undefined> => (refuseInRestrictedMode(label()) ? undefined : guarded(...a));
  };
  // "A prompt is on screen" (its kind), for tests through the hidden command below: they wait on it, not on a timer.
  const prompted = new vscode.EventEmitter<Prompt>();
  const prompt: OnPrompt = (kind) => prompted.fire(kind);
  return vscode.Disposable.from(
    prompted,
    vscode.commands.registerCommand('techblog.authoring.whenPrompted', () => new Promise<Prompt>((resolve) => { const d = prompted.event((k) => { d.dispose(); resolve(k); }); })),
    vscode.commands.registerCommand('techblog.newPost', writing('New Post', () => vscode.l10n.t('Creating a post'), (args?: NewPostArgs) => newPost(catalog, false, args ?? {}, prompt))),
    vscode.commands.registerCommand('techblog.newDraft', writing('New Draft', () => vscode.l10n.t('Creating a draft'), (args?: NewPostArgs) => newPost(catalog, true, args ?? {}, prompt))),
    vscode.commands.registerCommand('techblog.publishDraft', writing('Publish Draft', () => vscode.l10n.t('Publishing a draft'), (arg?: PostArg) => publish(catalog, arg))),
    vscode.commands.registerCommand('techblog.renamePost', writing('Rename Post', () => vscode.l10n.t('Renaming a post'), (arg?: PostArg) => renameToMatch(catalog, arg))),
  );
}

function slugStyle(scope: vscode.Uri): SlugStyle {
  const s = vscode.workspace.getConfiguration('techblog', scope).get<string>('newPost.slugStyle', 'jekyll');
  return (SLUG_STYLES as readonly string[]).includes(s) ? (s as SlugStyle) : 'jekyll';
}

/** The site to work in: the one asked for, the only one, or the author's pick (the active editor's site first). */
async function pickSite(catalog: PostCatalog, wanted: vscode.Uri | string | undefined, prompt: OnPrompt): Promise<CatalogSite | undefined> {
  const sites = await catalog.all();
  if (!sites.length) {
    void vscode.window.showErrorMessage(vscode.l10n.t('TechBlog found no blog in this workspace: no folder has a _config.yml or hugo.toml.'));
    return undefined;
  }
  if (wanted !== undefined) {
    const path = typeof wanted === 'string' ? wanted.replace(/\/+$/, '') : wanted.path;
    const site = sites.find((s) => s.site.root.path === path || s.site.root.fsPath === path);
    if (!site) throw new Error(vscode.l10n.t('{0} is not a blog folder of this workspace.', String(wanted)));
    return site;
  }
  if (sites.length === 1) return sites[0];
  const active = vscode.window.activeTextEditor?.document.uri;
  const current = active ? await catalog.siteOf(active) : undefined;
  const items = sites.map((s) => ({ label: s.site.title ?? vscode.workspace.asRelativePath(s.site.root), description: vscode.workspace.asRelativePath(s.site.root, true), site: s }))
    .sort((a, b) => Number(b.site === current) - Number(a.site === current));
  const picking = vscode.window.showQuickPick(items, { title: vscode.l10n.t('Which blog?'), placeHolder: vscode.l10n.t('This workspace has several blogs') });
  prompt('site');
  return (await picking)?.site;
}

async function askTitle(draft: boolean, style: SlugStyle, prompt: OnPrompt): Promise<string | undefined> {
  const answer = vscode.window.showInputBox({
    title: draft ? vscode.l10n.t('New Draft') : vscode.l10n.t('New Post'),
    prompt: vscode.l10n.t('Title of the post'),
    ignoreFocusOut: true,
    validateInput: (v) => {
      if (!v.trim()) return vscode.l10n.t('Enter a title.');
      if (!slugify(v, style)) return { message: vscode.l10n.t('Nothing of this title can go into a file name; the file will be named "post".'), severity: vscode.InputBoxValidationSeverity.Warning };
      return undefined;
    },
  });
  prompt('title');
  return answer;
}

/**
 * Tags: the blog's tags to tick, most used first, and any typed in (comma-separated) as new ones.
 * Undefined = cancelled; accepting with nothing ticked or typed means no tags.
 */
async function askTags(site: CatalogSite, prompt: OnPrompt): Promise<string[] | undefined> {
  const known = tagCounts(site.posts, 'tags').map((t): vscode.QuickPickItem => ({ label: t.value, description: t.count === 1 ? vscode.l10n.t('1 post') : vscode.l10n.t('{0} posts', t.count) }));
  const qp = vscode.window.createQuickPick();
  qp.title = vscode.l10n.t('Tags (optional)');
  qp.placeholder = known.length ? vscode.l10n.t('Tick the blog\'s tags (most used first) or type new ones, separated by commas') : vscode.l10n.t('Type tags separated by commas; leave empty for none');
  qp.canSelectMany = true;
  qp.ignoreFocusOut = true;
  qp.matchOnDescription = false;
  qp.items = known;
  const typedTags = () => qp.value.split(',').map((t) => t.trim()).filter(Boolean);
  const listeners = [qp.onDidChangeValue(() => {
    const fresh = typedTags().filter((t) => !known.some((k) => k.label === t));
    const selected = qp.selectedItems;
    qp.items = [...fresh.map((t): vscode.QuickPickItem => ({ label: t, description: vscode.l10n.t('new tag'), alwaysShow: true })), ...known];
    qp.selectedItems = [...qp.items.filter((i) => fresh.includes(i.label)), ...selected.filter((i) => known.includes(i))];
  })];
  return shown(qp, listeners, () => [...new Set([...qp.selectedItems.map((i) => i.label), ...typedTags()])], () => prompt('tags'));
}

/**
 * Shows `qp` until the user accepts (the value of `accepted`) or hides it (undefined), then disposes it
 * and `listeners`; `shownNow` runs once it is on screen.
 */
async function shown<T>(qp: vscode.QuickPick<vscode.QuickPickItem>, listeners: vscode.Disposable[], accepted: () => T, shownNow: () => void): Promise<T | undefined> {
  try {
    return await new Promise<T | undefined>((resolve) => {
      listeners.push(qp.onDidAccept(() => { resolve(accepted()); qp.hide(); }));
      listeners.push(qp.onDidHide(() => resolve(undefined)));
      qp.show();
      shownNow();
    });
  } finally {
    for (const l of listeners) l.dispose();
    qp.dispose();
  }
}

/** For a title in another script than Latin: the file name's slug, today's (the title's letters) or an ASCII one. */
async function askSlug(choices: readonly SlugChoice[], prompt: OnPrompt): Promise<string | undefined> {
  if (choices.length === 1) return choices[0].slug;
  const detail: Record<SlugChoice['kind'], string> = {
    title: vscode.l10n.t('Keeps the title\'s own letters in the file name and URL'),
    ascii: vscode.l10n.t('Latin letters and digits only: the URL needs no percent-encoding'),
    date: vscode.l10n.t('From the date and time: short and plain ASCII'),
  };
  const items = choices.map((c) => ({ label: c.slug, detail: detail[c.kind], slug: c.slug }));
  const picking = vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('File name for the post'),
    placeHolder: vscode.l10n.t('The title is not in Latin letters: pick the slug of the file name'),
    ignoreFocusOut: true,
  });
  prompt('slug');
  return (await picking)?.slug;
}

/** Category: one of the blog's, a new one typed in, or none. Undefined = cancelled. */
async function askCategory(site: CatalogSite, prompt: OnPrompt): Promise<string | undefined> {
  const none: vscode.QuickPickItem = { label: vscode.l10n.t('No category') };
  const known = tagCounts(site.posts, 'categories').map((c): vscode.QuickPickItem => ({ label: c.value, description: vscode.l10n.t('{0} posts', c.count) }));
  const qp = vscode.window.createQuickPick();
  qp.title = vscode.l10n.t('Category (optional)');
  qp.placeholder = vscode.l10n.t('Pick a category or type a new one');
  qp.ignoreFocusOut = true;
  qp.items = [none, ...known];
  const listeners = [qp.onDidChangeValue((v) => {
    const typed = v.trim();
    const isKnown = known.some((k) => k.label === typed);
    qp.items = typed && !isKnown ? [{ label: typed, description: vscode.l10n.t('new category') }, none, ...known] : [none, ...known];
  })];
  return shown(qp, listeners, () => { const pick = qp.selectedItems[0]; return pick === none || !pick ? '' : pick.label; }, () => prompt('category'));
}

/** The template the site asks for: the `techblog.newPost.template` setting, else the generator's usual file. */
async function siteTemplate(site: CatalogSite, draft: boolean): Promise<string | undefined> {
  const root = site.site.root;
  const setting = vscode.workspace.getConfiguration('techblog', root).get<string>('newPost.template', '').trim();
  if (setting) {
    const uri = vscode.Uri.joinPath(root, setting);
    if (!(await uriExists(uri))) throw new Error(vscode.l10n.t('the template {0} named by techblog.newPost.template does not exist.', vscode.workspace.asRelativePath(uri)));
    return decoder.decode(await readWorkspaceFile(uri));
  }
  for (const rel of draft ? site.layout.templates.draft : site.layout.templates.post) {
    const uri = vscode.Uri.joinPath(root, rel);
    if (await uriExists(uri)) return decoder.decode(await readWorkspaceFile(uri));
  }
  return undefined;
}

async function newPost(catalog: PostCatalog, draft: boolean, args: NewPostArgs, prompt: OnPrompt): Promise<vscode.Uri | undefined> {
  const site = await pickSite(catalog, args.site, prompt);
  if (!site) return undefined;
  const root = site.site.root;
  const style = slugStyle(root);
  const title = (args.title ?? (await askTitle(draft, style, prompt)))?.trim();
  if (!title) return undefined;
  const now = siteNow(site.layout);
  const slug = args.slug ?? (await askSlug(slugChoices(title, style, now), prompt));
  if (!slug) return undefined;
  const tags = args.tags ?? (await askTags(site, prompt));
  if (tags === undefined) return undefined;
  const category = args.category ?? (await askCategory(site, prompt));
  if (category === undefined) return undefined;

  const { layout } = site;
  // Jekyll drafts take their date from the file's time until published; Hugo and Hexo write it always.
  const usesDate = layout.generator !== 'jekyll' || (!draft && siteUsesDate(site.posts));
  const values = {
    title, slug, tags, category: category || undefined,
    date: usesDate ? formatPostDate(now, layout.generator) : undefined,
    layout: builtInLayout(layout.generator, layout.defaultLayout),
    draftFlag: draft && !layout.draftsDir,
  };
  const template = await siteTemplate(site, draft);
  const content: NewPostText = template === undefined
    ? builtInPost(values, layout.frontMatter)
    : fillTemplate(template, { ...values, date: formatPostDate(now, layout.generator) });
  const rel = await firstFreeName(newPostPath(layout, draft, slug, now), (r) => uriExists(vscode.Uri.joinPath(root, r)));
  const uri = vscode.Uri.joinPath(root, rel);
  // Checked above and again here: a file that appeared meanwhile makes the edit fail instead of being overwritten.
  const edit = new vscode.WorkspaceEdit();
  edit.createFile(uri, { overwrite: false, ignoreIfExists: false, contents: new TextEncoder().encode(content.text) });
  if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('{0} could not be created.', vscode.workspace.asRelativePath(uri)));
  const editor = await vscode.window.showTextDocument(uri);
  const at = editor.document.positionAt(content.cursor);
  editor.selection = new vscode.Selection(at, at);
  editor.revealRange(new vscode.Range(at, at));
  return uri;
}

/** The document's text: the editor's when it is open (saved first, so the move loses nothing), else the file's. */
async function currentText(uri: vscode.Uri): Promise<string> {
  const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
  if (open?.isDirty && !(await open.save())) throw new Error(vscode.l10n.t('{0} could not be saved first.', vscode.workspace.asRelativePath(uri)));
  return open ? open.getText() : decoder.decode(await readWorkspaceFile(uri));
}

/** The post or draft a command works on (its argument, else the active editor), with its site. */
async function postAt(catalog: PostCatalog, arg: PostArg, what: string): Promise<{ uri: vscode.Uri; site: CatalogSite; rel: string }> {
  const uri = arg instanceof vscode.Uri ? arg
    : arg && 'entry' in arg ? vscode.Uri.joinPath(arg.site.site.root, arg.entry.rel)
      : vscode.window.activeTextEditor?.document.uri;
  if (!uri || uri.scheme === 'untitled') throw new Error(vscode.l10n.t('open a saved post or draft first ({0} works on the active editor).', what));
  const site = await catalog.siteOf(uri);
  if (!site) throw new Error(vscode.l10n.t('{0} is not inside a blog folder.', vscode.workspace.asRelativePath(uri)));
  return { uri, site, rel: uri.path.slice(site.site.root.path.replace(/\/?$/, '/').length) };
}

/** Moves `from` to `to` (never over an existing file; open editors follow), then writes `text` into it when given. */
async function moveFile(from: vscode.Uri, to: vscode.Uri, text?: string): Promise<void> {
  if (from.toString() !== to.toString()) {
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(from, to, { overwrite: false });
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(vscode.l10n.t('{0} could not be moved to {1}.', vscode.workspace.asRelativePath(from), vscode.workspace.asRelativePath(to)));
  }
  if (text === undefined) return;
  const doc = await vscode.workspace.openTextDocument(to);
  if (doc.getText() === text) return;
  const edit = new vscode.WorkspaceEdit();
  edit.replace(to, new vscode.Range(doc.positionAt(0), doc.positionAt(doc.getText().length)), text);
  if (!(await vscode.workspace.applyEdit(edit)) || !(await doc.save())) {
    throw new Error(vscode.l10n.t('{0} was moved but its date could not be written; set date: by hand.', vscode.workspace.asRelativePath(to)));
  }
}

async function publish(catalog: PostCatalog, arg: PostArg): Promise<vscode.Uri | undefined> {
  const { uri, site, rel } = await postAt(catalog, arg, vscode.l10n.t('Publish Draft'));
  const { layout } = site;
  const text = await currentText(uri);
  const inDrafts = layout.draftsDir !== undefined && rel.startsWith(layout.draftsDir + '/');
  const hugoDraft = !layout.draftsDir && readPostEntry(rel, 'post', text, layout.postsDir, true).kind === 'draft';
  if (!inDrafts && !hugoDraft) {
    throw new Error(layout.draftsDir
      ? vscode.l10n.t('{0} is not a draft: drafts live in {1}/.', vscode.workspace.asRelativePath(uri), layout.draftsDir)
      : vscode.l10n.t('{0} is not a draft: it has no "draft: true".', vscode.workspace.asRelativePath(uri)));
  }
  const pub = publishDraft(rel, text, layout, siteNow(layout));
  const target = pub.rel === rel ? rel : await firstFreeName(pub.rel, (r) => uriExists(vscode.Uri.joinPath(site.site.root, r)));
  const to = vscode.Uri.joinPath(site.site.root, target);
  await moveFile(uri, to, pub.text);
  void vscode.window.showInformationMessage(vscode.l10n.t('Published as {0}.', vscode.workspace.asRelativePath(to)));
  return to;
}

async function renameToMatch(catalog: PostCatalog, arg: PostArg): Promise<vscode.Uri | undefined> {
  const { uri, site, rel } = await postAt(catalog, arg, vscode.l10n.t('Rename Post to Match Its Date/Title'));
  const { layout } = site;
  const dir = [layout.postsDir, layout.draftsDir].find((d) => d !== undefined && rel.startsWith(d + '/'));
  if (!dir) throw new Error(vscode.l10n.t('{0} is not a post or draft: they live in {1}/.', vscode.workspace.asRelativePath(uri), [layout.postsDir, layout.draftsDir].filter(Boolean).join('/, ')));
  const text = await currentText(uri);
  const entry = readPostEntry(rel, dir === layout.postsDir ? 'post' : 'draft', text, dir);
  const title = entry.title && /^title\s*[:=]/m.test(text) ? entry.title : undefined;
  const name = matchingName(rel, dir === layout.postsDir ? 'post' : 'draft', title, entry.hasDateKey ? entry.date : undefined, layout.generator, slugStyle(site.site.root), siteNow(layout));
  const folder = rel.slice(0, rel.lastIndexOf('/'));
  if (`${folder}/${name}` === rel) {
    void vscode.window.showInformationMessage(vscode.l10n.t('{0} already matches its date and title.', name));
    return uri;
  }
  const target = await firstFreeName(`${folder}/${name}`, (r) => uriExists(vscode.Uri.joinPath(site.site.root, r)));
  const to = vscode.Uri.joinPath(site.site.root, target);
  await moveFile(uri, to);
  void vscode.window.showInformationMessage(vscode.l10n.t('Renamed to {0}.', target.slice(target.lastIndexOf('/') + 1)));
  return to;
}
