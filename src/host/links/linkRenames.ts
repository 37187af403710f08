import * as vscode from 'vscode';
import { expandMoves, linkEditsForMoves, type Move } from '../../core/links/rename';
import type { LinkSite } from '../../core/links/resolve';
import type { SiteIndex } from '../../core/site/siteIndex';
import { LineIndex } from '../../core/text/lineIndex';
import type { SiteIndexes } from '../frontmatter/siteIndexes';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';

export type UpdateLinksMode = 'never' | 'prompt' | 'always';

/** `techblog.links.updateOnFileMove` for a site. */
export function updateLinksMode(scope: vscode.Uri | undefined): UpdateLinksMode {
  const v = vscode.workspace.getConfiguration('techblog', scope).get<string>('links.updateOnFileMove', 'prompt');
  return v === 'never' || v === 'always' ? v : 'prompt';
}

export function linkSiteOf(index: SiteIndex): LinkSite {
  return { config: index.config, links: index.links, hasFile: (r) => index.hasFile(r), kindOf: (r) => index.kindOf(r) };
}

/**
 * Renaming or moving posts, pages and images (the explorer, Rename Post, any workspace edit) updates the
 * links to them across the blog. The edits are worked out before the move, on the blog as it is, and
 * applied after it as one refactoring: previewed for the author to confirm (`prompt`), or at once (`always`).
 */
export class LinkRenames extends Disposable {
  private readonly pending = new Map<string, Promise<vscode.WorkspaceEdit | undefined>>();
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

  private async computeEdit(files: readonly { oldUri: vscode.Uri; newUri: vscode.Uri }[]): Promise<vscode.WorkspaceEdit | undefined> {
    const bySite = new Map<string, { root: vscode.Uri; index: SiteIndex; moves: Move[] }>();
    for (const f of files) {
      const doc = await this.indexes.forDocument(f.oldUri);
      if (!doc || updateLinksMode(f.oldUri) === 'never') continue;
      const to = doc.index.relative(f.newUri.path);
      if (to === undefined || f.oldUri.scheme !== f.newUri.scheme) continue;
      const key = doc.root.toString();
      let entry = bySite.get(key);
      if (!entry) bySite.set(key, (entry = { root: doc.root, index: doc.index, moves: [] }));
      entry.moves.push({ from: doc.rel, to });
    }
    if (!bySite.size) return undefined;
    const edit = new vscode.WorkspaceEdit();
    const label = vscode.l10n.t('Update links to the moved files');
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
        for (const x of edits) {
          const a = lines.positionAt(x.start);
          const b = lines.positionAt(x.end);
          edit.replace(uri, new vscode.Range(a.line, a.character, b.line, b.character), x.newText, { label, needsConfirmation: updateLinksMode(root) === 'prompt' });
          count++;
        }
      }
    }
    return count ? edit : undefined;
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

  private async didRename(e: vscode.FileRenameEvent): Promise<void> {
    const key = this.key(e.files);
    const work = this.pending.get(key);
    if (!work) return;
    this.pending.delete(key);
    const edit = await work;
    if (!edit) { this.done.fire({ files: 0, links: 0 }); return; }
    const entries = edit.entries();
    const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => d.uri.toString()));
    const ok = await vscode.workspace.applyEdit(edit, { isRefactoring: true });
    const links = entries.reduce((n, [, es]) => n + es.length, 0);
    if (ok) {
      // Files that had no unsaved changes are saved, so the site (and `jekyll build`) sees the new links;
      // an author's unsaved work stays unsaved.
      await Promise.all(entries.map(async ([uri]) => {
        const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
        if (doc?.isDirty && !dirtyBefore.has(uri.toString())) await doc.save();
      }));
      this.log.info(`Updated ${links} links in ${entries.length} files after a move.`);
    }
    this.done.fire(ok ? { files: entries.length, links } : { files: 0, links: 0 });
  }
}
