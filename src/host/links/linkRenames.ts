import * as vscode from 'vscode';
import { expandMoves, linkEditsForMoves, type Move } from '../../core/links/rename';
import type { LinkSite } from '../../core/links/resolve';
import type { SiteIndex } from '../../core/site/siteIndex';
import { LineIndex } from '../../core/text/lineIndex';
import type { SiteIndexes } from '../frontmatter/siteIndexes';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import { readWorkspaceFile } from '../util/localDisk';

export type UpdateLinksMode = 'never' | 'prompt' | 'always';

/** `techblog.links.updateOnFileMove` for a site. */
export function updateLinksMode(scope: vscode.Uri | undefined): UpdateLinksMode {
  const v = vscode.workspace.getConfiguration('techblog', scope).get<string>('links.updateOnFileMove', 'prompt');
  return v === 'never' || v === 'always' ? v : 'prompt';
}

/** The link edits for one move, with the text each edited file had when they were worked out. */
interface LinkUpdate {
  readonly edit: vscode.WorkspaceEdit;
  readonly texts: ReadonlyMap<string, string>;
  readonly moved: readonly vscode.Uri[];
  readonly prompt: boolean;
}

export function linkSiteOf(index: SiteIndex): LinkSite {
  return { config: index.config, links: index.links, hasFile: (r) => index.hasFile(r), kindOf: (r) => index.kindOf(r) };
}

/**
 * Renaming or moving posts, pages and images (the explorer, Rename Post, any workspace edit) updates the
 * links to them across the blog. The edits are worked out before the move, on the blog as it is, and
 * applied after it as one refactoring: once the author confirms in a notification, or previewed in Refactor
 * Preview if they ask for it (`prompt`), or at once (`always`).
 */
export class LinkRenames extends Disposable {
  private readonly pending = new Map<string, Promise<LinkUpdate | undefined>>();
  /** Settles after each batch of link updates (for tests and for commands that wait for it). */
  private readonly done = this.register(new vscode.EventEmitter<{ files: number; links: number }>());
  readonly onDidUpdateLinks = this.done.event;

  constructor(private readonly indexes: SiteIndexes, private readonly log: Log) {
    super();
    this.register(vscode.workspace.onWillRenameFiles((e) => this.willRename(e)));
    this.register(vscode.workspace.onDidRenameFiles((e) => void this.didRename(e)));
  }

  private key(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): string {
    return files.map((f) => `${f.oldUri.toString()}>${f.newUri.toString()}`).join('|');
  }

  private willRename(e: vscode.FileWillRenameEvent): void {
    if (!vscode.workspace.isTrusted || e.files.every((f) => updateLinksMode(f.oldUri) === 'never')) return;
    const work = this.computeEdit(e.files).catch((err) => { this.log.error(`Link update: ${err instanceof Error ? err.stack : err}`); return undefined; });
    this.pending.set(this.key(e.files), work);
    // Hold the move until the edits are known: they are computed on the files as they are before it.
    e.waitUntil(work.then(() => undefined));
  }

  private async computeEdit(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<LinkUpdate | undefined> {
    const bySite = new Map<string, { root: vscode.Uri; index: SiteIndex; moves: Move[] }>();
    for (const f of files) {
      const doc = await this.indexes.forDocument(f.oldUri);
      if (!doc || updateLinksMode(f.oldUri) === 'never') continue;
      const to = doc.index.relative(f.newUri.path);
      if (to === undefined || f.oldUri.scheme !== f.newUri.scheme) continue;
      // A file created or moved here a moment ago may not have reached the index through the watcher yet.
      if (!doc.index.hasFile(doc.rel)) await this.indexFile(doc.index, doc.rel, f.oldUri);
      const key = doc.root.toString();
      let entry = bySite.get(key);
      if (!entry) bySite.set(key, (entry = { root: doc.root, index: doc.index, moves: [] }));
      entry.moves.push({ from: doc.rel, to });
    }
    if (!bySite.size) return undefined;
    const edit = new vscode.WorkspaceEdit();
    const label = vscode.l10n.t('Update links to the moved files');
    const before = new Map<string, string>();
    let prompt = false;
    let count = 0;
    for (const { root, index, moves } of bySite.values()) {
      const all = expandMoves(moves, index.allPaths());
      const texts = await this.texts(root, index);
      const newRel = new Map(all.map((m) => [m.from, m.to]));
      for (const { rel, edits } of linkEditsForMoves(linkSiteOf(index), texts, all)) {
        const text = texts.get(rel)!;
        const lines = new LineIndex(text);
        // A moved document's own links are edited at its new place (the edit is applied after the move).
        const uri = vscode.Uri.joinPath(root, newRel.get(rel) ?? rel);
        before.set(uri.toString(), text);
        if (updateLinksMode(root) === 'prompt') prompt = true;
        for (const x of edits) {
          const a = lines.positionAt(x.start);
          const b = lines.positionAt(x.end);
          edit.replace(uri, new vscode.Range(a.line, a.character, b.line, b.character), x.newText, { label, needsConfirmation: false });
          count++;
        }
      }
    }
    return count ? { edit, texts: before, moved: files.map((f) => f.newUri), prompt } : undefined;
  }

  /** Every document of the site with its current text (open editors' unsaved text first). */
  private async texts(root: vscode.Uri, index: SiteIndex): Promise<Map<string, string>> {
    const open = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    const fs = this.indexes.fileSystem(root);
    const out = new Map<string, string>();
    const rels = index.checkablePaths();
    let next = 0;
    const worker = async () => {
      while (next < rels.length) {
        const rel = rels[next++];
        const uri = vscode.Uri.joinPath(root, rel);
        const text = open.get(uri.toString())?.getText() ?? (await fs.readFile(uri.path));
        if (text !== undefined) out.set(rel, text);
      }
    };
    await Promise.all(Array.from({ length: 16 }, worker));
    return out;
  }

  /** Adds a document of a site to its index from its current text (open editor first, else disk). */
  private async indexFile(index: SiteIndex, rel: string, uri: vscode.Uri): Promise<void> {
    // Read from disk, not through the site's store: the watcher's events for this move may not have reached it.
    const text = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString())?.getText()
      ?? (await Promise.resolve(readWorkspaceFile(uri)).then((b) => new TextDecoder().decode(b), () => undefined));
    if (text === undefined) return;
    index.addPath(rel);
    if (index.kindOf(rel) !== 'other') index.updateFile(rel, text);
  }

  private async didRename(e: vscode.FileRenameEvent): Promise<void> {
    const key = this.key(e.files);
    const work = this.pending.get(key);
    if (!work) return;
    this.pending.delete(key);
    const update = await work;
    // The index follows the move now, not when the watcher reports it, so a rename right after this one
    // (or the links worked out below) sees the file at its new place.
    for (const f of e.files) {
      const doc = await this.indexes.forDocument(f.newUri);
      const from = doc?.index.relative(f.oldUri.path);
      if (!doc || from === undefined) continue;
      doc.index.removePath(from);
      await this.indexFile(doc.index, doc.rel, f.newUri);
    }
    const none = { files: 0, links: 0 };
    if (!update) { this.done.fire(none); return; }
    let { edit } = update;
    let preview = false;
    if (update.prompt) {
      const answer = await this.ask(update);
      if (answer === 'no') { this.log.info('Link update: declined, links left as they are.'); this.done.fire(none); return; }
      preview = answer === 'preview';
      // The author may have edited a linking file while the question was open: its edits no longer fit.
      const { fresh, stale } = await this.stillFitting(update);
      if (stale.length) {
        this.log.warn(`Link update: ${stale.length} file(s) changed since the move, their links left as they are: ${stale.map((u) => vscode.workspace.asRelativePath(u)).join(', ')}`);
        void vscode.window.showWarningMessage(vscode.l10n.t('Links not updated in {0}: the file changed after the move.', stale.map((u) => vscode.workspace.asRelativePath(u)).join(', ')));
      }
      edit = fresh;
    }
    const entries = edit.entries();
    if (!entries.length) { this.done.fire(none); return; }
    const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
    const ok = await vscode.workspace.applyEdit(preview ? withConfirmation(edit) : edit, { isRefactoring: true });
    const links = entries.reduce((n, [, es]) => n + es.length, 0);
    if (ok) {
      // Files that had no unsaved changes are saved, so the site (and `jekyll build`) sees the new links;
      // an author's unsaved work stays unsaved.
      await Promise.all(entries.map(async ([uri]) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc?.isDirty && !dirtyBefore.has(uri.toString())) await doc.save();
        // The site's store forgets the old text now, not when the file watcher reports the save: a move
        // right after this one reads these files (once VS Code has closed them) from the store, and with the
        // text from before these edits it found no links to update in them.
        const site = await this.indexes.forDocument(uri);
        if (site) this.indexes.fileSystem(site.root).changed(uri.path);
      }));
    }
    // From Refactor Preview, `ok` is true even when nothing was ticked: count the files that changed.
    const applied = ok && preview ? await this.changedSince(update, entries) : ok ? { files: entries.length, links } : none;
    if (applied.files) this.log.info(`Updated ${applied.links} links in ${applied.files} files after a move.`);
    else this.log.info(preview ? 'Link update: nothing applied from Refactor Preview (discarded or nothing ticked).' : 'Link update: the edit was not applied.');
    this.done.fire(applied);
  }

  /**
   * `prompt`: a notification (not a modal dialog, so the author can look at the files first) asks whether to
   * update the links now, preview them in Refactor Preview, or leave them. Dismissing it leaves them.
   */
  private async ask(update: LinkUpdate): Promise<'yes' | 'preview' | 'no'> {
    const entries = update.edit.entries();
    const links = entries.reduce((n, [, es]) => n + es.length, 0);
    const [first] = update.moved;
    const question = update.moved.length === 1
      ? vscode.l10n.t('{0} moved. Update {1} links to it in {2} files?', first.path.slice(first.path.lastIndexOf('/') + 1), links, entries.length)
      : vscode.l10n.t('{0} files moved. Update {1} links to them in {2} files?', update.moved.length, links, entries.length);
    const yes = vscode.l10n.t('Update Links');
    const preview = vscode.l10n.t('Preview Changes');
    const no = vscode.l10n.t("Don't Update");
    const answer = await vscode.window.showInformationMessage(question, yes, preview, no);
    return answer === yes ? 'yes' : answer === preview ? 'preview' : 'no';
  }

  private async currentText(uri: vscode.Uri): Promise<string | undefined> {
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (doc) return doc.getText();
    try { return new TextDecoder().decode(await readWorkspaceFile(uri)); } catch { return undefined; }
  }

  private async stillFitting(update: LinkUpdate): Promise<{ fresh: vscode.WorkspaceEdit; stale: vscode.Uri[] }> {
    const fresh = new vscode.WorkspaceEdit();
    const stale: vscode.Uri[] = [];
    const label = vscode.l10n.t('Update links to the moved files');
    for (const [uri, edits] of update.edit.entries()) {
      if ((await this.currentText(uri)) !== update.texts.get(uri.toString())) { stale.push(uri); continue; }
      for (const x of edits) fresh.replace(uri, x.range, x.newText, { label, needsConfirmation: false });
    }
    return { fresh, stale };
  }

  private async changedSince(update: LinkUpdate, entries: [vscode.Uri, vscode.TextEdit[]][]): Promise<{ files: number; links: number }> {
    let files = 0;
    let links = 0;
    for (const [uri, edits] of entries) {
      const before = update.texts.get(uri.toString());
      const now = await this.currentText(uri);
      if (now === before) continue;
      files++;
      links += edits.length;
    }
    return { files, links };
  }
}

/** The same edits marked as needing confirmation, which opens them in VS Code's Refactor Preview. */
function withConfirmation(edit: vscode.WorkspaceEdit): vscode.WorkspaceEdit {
  const out = new vscode.WorkspaceEdit();
  const label = vscode.l10n.t('Update links to the moved files');
  for (const [uri, edits] of edit.entries()) for (const x of edits) out.replace(uri, x.range, x.newText, { label, needsConfirmation: true });
  return out;
}
