import * as vscode from 'vscode';
import { checkDocument, type CheckSettings } from '../../core/frontmatter/check';
import type { Problem, Severity } from '../../core/frontmatter/types';
import { checkSiteDataFile, isSiteDataFile } from '../../core/site/yamlFile';
import type { Range } from '../../core/text/textEdit';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import type { RuleDocs } from './ruleDocs';
import type { SiteDocument, SiteFileChange, SiteIndexes } from './siteIndexes';
import { readValidationSettings, type ValidationSettings } from './validationSettings';

const SCHEMES = new Set(['file', 'untitled', 'vscode-remote', 'vscode-vfs']);
const TYPING_DELAY_MS = 120;

export function toRange(r: Range): vscode.Range {
  return new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character);
}

const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

/** A site's techblog.schema.json is more specific than the user's setting, so it wins. */
function withSiteSchema(settings: ValidationSettings, site: SiteDocument): CheckSettings {
  return site.schema ? { ...settings.check, schema: site.schema } : settings.check;
}

export function isCheckable(doc: vscode.TextDocument): boolean {
  return doc.languageId === 'markdown' && SCHEMES.has(doc.uri.scheme);
}

/** `_config.yml` or a `_data` file by its path: checked for the YAML bounds (src/core/site/yamlFile.ts). */
function isDataDocument(doc: vscode.TextDocument): boolean {
  return SCHEMES.has(doc.uri.scheme) && /\/(_config\.yml|_data\/.+\.(ya?ml|json|csv|tsv))$/i.test(doc.uri.path);
}

/** One document whose diagnostics were just published, with their counts. */
export interface CheckedFile {
  uri: vscode.Uri;
  /** The document version checked; -1: the file as it is on disk (not open). */
  version: number;
  errors: number;
  warnings: number;
  infos: number;
  /** The check threw (logged); the document's diagnostics were left as they were. */
  failed?: boolean;
}

/** Diagnostics were published (after a keystroke, a file change on disk, a background batch or Check All Posts). */
export interface CheckedEvent { files: CheckedFile[] }

function counted(uri: vscode.Uri, version: number, problems: readonly Problem[]): CheckedFile {
  const f: CheckedFile = { uri, version, errors: 0, warnings: 0, infos: 0 };
  for (const p of problems) f[p.severity === 'error' ? 'errors' : p.severity === 'warning' ? 'warnings' : 'infos']++;
  return f;
}

/**
 * Front-matter diagnostics. A keystroke re-checks only its own document (the site index takes the new
 * tags in place); the background check (backgroundCheck.ts) and "Check All Posts" add every post of
 * every site and keep them current from disk.
 */
export class FrontMatterDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('techblog'));
  private readonly results = new Map<string, { version: number; problems: Problem[] }>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private settingsCache: ValidationSettings | undefined;
  private reportedSettingsProblems = '';
  /** Set by the background check and "Check All Posts": closed and unopened posts keep their diagnostics and follow disk changes. */
  private wholeWorkspace = false;
  private readonly checked = this.register(new vscode.EventEmitter<CheckedEvent>());
  /** Fired after diagnostics are published: tests and the background check wait on this, never on a timer. */
  readonly onDidCheck = this.checked.event;
  private readonly settingsChanged = this.register(new vscode.EventEmitter<void>());
  /** `techblog.validation.*` changed (fired after the settings were read again). */
  readonly onDidChangeSettings = this.settingsChanged.event;

  constructor(private readonly indexes: SiteIndexes, private readonly docs: RuleDocs, private readonly log: Log) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)));
    this.register(vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) this.schedule(e.document, TYPING_DELAY_MS); }));
    this.register(vscode.workspace.onDidCloseTextDocument((d) => this.closed(d)));
    this.register(vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('techblog.validation')) return;
      this.settingsCache = undefined;
      this.recheckOpen();
      this.settingsChanged.fire();
    }));
    this.register(indexes.onDidChangeSite((c) => this.siteChanged(c)));
    this.register(indexes.onDidResetSites(() => this.recheckOpen()));
    this.register({ dispose: () => { for (const t of this.timers.values()) clearTimeout(t); } });
    this.recheckOpen();
  }

  settings(): ValidationSettings {
    if (!this.settingsCache) {
      this.settingsCache = readValidationSettings();
      const problems = this.settingsCache.problems.join('\n');
      if (problems && problems !== this.reportedSettingsProblems) {
        this.log.warn(problems);
        void vscode.window.showWarningMessage(vscode.l10n.t('TechBlog settings have problems; those parts are ignored. {0}', this.settingsCache.problems[0]));
      }
      this.reportedSettingsProblems = problems;
    }
    return this.settingsCache;
  }

  /** Problems of the document's current text (checked now if the last check is older). */
  async problemsFor(doc: vscode.TextDocument): Promise<Problem[]> {
    const cached = this.results.get(doc.uri.toString());
    if (cached && cached.version === doc.version) return cached.problems;
    return (await this.check(doc)) ?? [];
  }

  private schedule(doc: vscode.TextDocument, delay: number): void {
    if (!isCheckable(doc) && !isDataDocument(doc)) return;
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.check(doc); }, delay));
  }

  private recheckOpen(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private async check(doc: vscode.TextDocument): Promise<Problem[] | undefined> {
    const settings = this.settings();
    if (!settings.enabled) {
      this.collection.clear();
      this.results.clear();
      this.checked.fire({ files: [counted(doc.uri, doc.version, [])] });
      return [];
    }
    const version = doc.version;
    try {
      const [siteDoc] = await Promise.all([this.indexes.forDocument(doc.uri), this.docs.load()]);
      if (doc.isClosed || doc.version !== version) return undefined; // a newer check is on its way
      const text = doc.getText();
      let problems: Problem[];
      // `_config.yml` and `_data`: a capped or malformed file is a problem on that file.
      if (!isCheckable(doc)) problems = siteDoc && isSiteDataFile(siteDoc.rel) ? checkSiteDataFile(siteDoc.rel, text) : [];
      else if (siteDoc) problems = checkDocument({ path: siteDoc.rel, text, site: siteDoc.index, settings: withSiteSchema(settings, siteDoc), parsed: siteDoc.index.updateFile(siteDoc.rel, text) });
      else problems = checkDocument({ path: doc.uri.path, text, settings: settings.check });
      this.publish(doc.uri, version, problems);
      return problems;
    } catch (e) {
      // Never let a checker failure surface as an error popup while typing.
      this.log.error(`Checking ${doc.uri.toString(true)} failed: ${e instanceof Error ? e.stack : e}`);
      this.checked.fire({ files: [{ ...counted(doc.uri, version, []), failed: true }] });
      return undefined;
    }
  }

  publish(uri: vscode.Uri, version: number, problems: Problem[]): void {
    this.publishMany([{ uri, version, problems }]);
  }

  /** Publishes several documents' problems in one update of the Problems panel. */
  publishMany(entries: readonly { uri: vscode.Uri; version: number; problems: Problem[] }[]): void {
    if (!entries.length) return;
    for (const e of entries) this.results.set(e.uri.toString(), { version: e.version, problems: e.problems });
    this.collection.set(entries.map((e) => [e.uri, e.problems.map((p) => this.toDiagnostic(p))]));
    this.checked.fire({ files: entries.map((e) => counted(e.uri, e.version, e.problems)) });
  }

  /**
   * Resolves once `uri`'s diagnostics are published for `version` or a later one (default: the open
   * document's version, else any check of the file), at once if they already are.
   */
  whenChecked(uri: vscode.Uri, version?: number): Promise<CheckedFile> {
    const key = uri.toString();
    const want = version ?? vscode.workspace.textDocuments.find((d) => d.uri.toString() === key)?.version ?? -1;
    const done = this.results.get(key);
    if (done && done.version >= want) return Promise.resolve(counted(uri, done.version, done.problems));
    return new Promise((resolve) => {
      const listener = this.onDidCheck((e) => {
        const f = e.files.find((x) => x.uri.toString() === key && x.version >= want);
        if (f) { listener.dispose(); resolve(f); }
      });
    });
  }

  /**
   * Closed and unopened posts keep their diagnostics and follow disk changes (on), or only open
   * documents have diagnostics (off: the others' are removed now).
   */
  setWholeWorkspace(on: boolean): void {
    this.wholeWorkspace = on;
    if (!on) this.forgetClosed(new Set());
  }

  /** Removes the diagnostics of documents that are not open and not in `keep` (files gone, sites gone). */
  forgetClosed(keep: ReadonlySet<string>): void {
    const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
    const gone: vscode.Uri[] = [];
    this.collection.forEach((uri) => { if (!open.has(uri.toString()) && !keep.has(uri.toString())) gone.push(uri); });
    for (const uri of gone) { this.collection.delete(uri); this.results.delete(uri.toString()); }
    if (gone.length) this.checked.fire({ files: gone.map((uri) => counted(uri, -1, [])) });
  }

  /** Resolves at the next publication of `uri`'s diagnostics (for waits on changes that keep the version: a file on disk, a setting). */
  whenNextChecked(uri: vscode.Uri): Promise<CheckedFile> {
    const key = uri.toString();
    return new Promise((resolve) => {
      const listener = this.onDidCheck((e) => {
        const f = e.files.find((x) => x.uri.toString() === key);
        if (f) { listener.dispose(); resolve(f); }
      });
    });
  }

  private toDiagnostic(p: Problem): vscode.Diagnostic {
    const d = new vscode.Diagnostic(toRange(p.range), p.message, SEVERITY[p.severity]);
    d.source = 'TechBlog';
    d.code = { value: p.rule, target: this.docs.target(p.rule) };
    return d;
  }

  private closed(doc: vscode.TextDocument): void {
    const key = doc.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    if (!this.wholeWorkspace || doc.uri.scheme === 'untitled') {
      this.results.delete(key);
      this.collection.delete(doc.uri);
      this.checked.fire({ files: [counted(doc.uri, -1, [])] });
      return;
    }
    // Closed without saving: the Problems panel shows the file as it is on disk again.
    void this.checkFromDisk(doc.uri);
  }

  /** Check a file that is not open, from disk (used by Check All and when files change on disk). */
  async checkFromDisk(uri: vscode.Uri): Promise<Problem[] | undefined> {
    const problems = await this.problemsOnDisk(uri);
    // Opened in an editor while the disk was read: its text is the one to check (and its check publishes);
    // publishing (or clearing) the disk's problems now would replace the editor's.
    const open = this.openDocument(uri);
    if (open) return this.problemsFor(open);
    if (problems === undefined) return undefined;
    if (problems === 'gone') {
      this.collection.delete(uri);
      this.results.delete(uri.toString());
      this.checked.fire({ files: [counted(uri, -1, [])] });
      return undefined;
    }
    // -1: a version no open document has, so an editor opening it re-checks its own text.
    this.publish(uri, -1, problems);
    return problems;
  }

  /**
   * The problems of a file as it is on disk, read through the site's store (the index read it already,
   * so this is no second read) with the front matter it parsed; undefined outside every site.
   */
  async problemsOnDisk(uri: vscode.Uri): Promise<Problem[] | 'gone' | undefined> {
    const [siteDoc] = await Promise.all([this.indexes.forDocument(uri), this.docs.load()]);
    if (!siteDoc) return undefined;
    const store = this.indexes.fileSystem(siteDoc.root);
    const text = await store.readFile(uri.path);
    if (text === undefined) return 'gone';
    const parsed = store.frontMatter(uri.path, text, siteDoc.index.config.formats);
    return checkDocument({ path: siteDoc.rel, text, site: siteDoc.index, settings: withSiteSchema(this.settings(), siteDoc), parsed });
  }

  /** Whether `uri` is open in an editor (then its live text is checked, not the disk's). */
  isOpen(uri: vscode.Uri): boolean {
    return this.openDocument(uri) !== undefined;
  }

  private openDocument(uri: vscode.Uri): vscode.TextDocument | undefined {
    const key = uri.toString();
    return vscode.workspace.textDocuments.find((d) => d.uri.toString() === key);
  }

  private siteChanged(c: SiteFileChange): void {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === c.uri.toString());
    if (this.wholeWorkspace && !open && c.index.kindOf(c.rel) !== 'other') {
      if (c.what === 'delete') {
        this.collection.delete(c.uri);
        this.results.delete(c.uri.toString());
        this.checked.fire({ files: [counted(c.uri, -1, [])] });
      }
      else void this.checkFromDisk(c.uri);
    }
    // Open posts of that site may link the image or name the layout that just appeared or went away.
    for (const d of vscode.workspace.textDocuments) {
      if (d !== open && isCheckable(d) && d.uri.path.startsWith(c.root.path + '/')) this.schedule(d, TYPING_DELAY_MS);
    }
  }

  /** "Check All Posts": every checkable document of every site; returns a summary. */
  async checkAll(progress: vscode.Progress<{ message?: string; increment?: number }>, token: vscode.CancellationToken): Promise<CheckAllSummary> {
    this.wholeWorkspace = true;
    const t0 = Date.now();
    const summary: CheckAllSummary = { sites: 0, files: 0, errors: 0, warnings: 0, infos: 0, ms: 0, cancelled: false };
    progress.report({ message: vscode.l10n.t('reading the blog…') });
    const sites = await this.indexes.all();
    const todo = sites.flatMap((s) => s.index.checkablePaths().map((rel) => ({ site: s, rel })));
    summary.sites = sites.length;
    const openDocs = new Map(vscode.workspace.textDocuments.map((d) => [d.uri.toString(), d]));
    let reported = 0;
    for (const [i, { site, rel }] of todo.entries()) {
      if (token.isCancellationRequested) { summary.cancelled = true; break; }
      const uri = vscode.Uri.joinPath(site.root, rel);
      const open = openDocs.get(uri.toString());
      const problems = open ? await this.problemsFor(open) : await this.checkFromDisk(uri);
      summary.files++;
      for (const p of problems ?? []) summary[p.severity === 'error' ? 'errors' : p.severity === 'warning' ? 'warnings' : 'infos']++;
      if (i - reported >= 25 || i === todo.length - 1) {
        progress.report({ message: rel, increment: ((i + 1 - reported) / todo.length) * 100 });
        reported = i + 1;
      }
    }
    summary.ms = Date.now() - t0;
    this.log.info(`Checked ${summary.files} documents in ${summary.sites} site(s) in ${summary.ms} ms: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos`);
    return summary;
  }
}

export interface CheckAllSummary {
  sites: number;
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  ms: number;
  cancelled: boolean;
}
