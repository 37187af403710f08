// The background check (issue 14): opening a blog checks every post, page and draft at low priority,
// so the Problems panel and the Posts view's problem counts are right before any command. It starts
// after activation (never inside `activate`), reads each post once through the shared site model
// (the index's reading; see siteModels.ts), yields to the extension host between posts, waits while
// the user types, shows its progress in the status bar, and starts again when the sites are found
// again or `techblog.validation.scope` / `enable` change. Scope `open`: nothing runs, and closed
// documents lose their diagnostics.
import * as vscode from 'vscode';
import { runInBackground, type BackgroundHost } from '../../core/frontmatter/backgroundCheck';
import type { Problem } from '../../core/frontmatter/types';
import { Disposable } from '../util/disposable';
import type { Log } from '../util/log';
import type { FrontMatterDiagnostics } from './diagnostics';
import type { SiteIndexes } from './siteIndexes';

/** After activation: the window and the first editor get the host first. */
const START_DELAY_MS = 250;
/** The check waits until the user has not typed for this long. */
const TYPING_IDLE_MS = 1_000;
/** The status bar shows progress only for runs longer than this (no flicker on a small blog). */
const STATUS_DELAY_MS = 250;

export interface BackgroundSummary {
  /** Finished (not cancelled) runs so far, this one included. */
  runs: number;
  scope: 'workspace' | 'open';
  sites: number;
  /** Documents checked from disk (open ones are checked from their editors). */
  files: number;
  errors: number;
  warnings: number;
  infos: number;
  /** Times the run waited for the user to stop typing. */
  pauses: number;
  ms: number;
  /** Of `ms`: finding the sites and reading their indexes (the one read of every post). */
  indexMs: number;
  /** From the extension's activation to this run's end (its problems published). */
  sinceActivationMs: number;
}

export interface BackgroundState {
  runs: number;
  running: boolean;
  /** The run waits for the user to stop typing. */
  paused: boolean;
  /** Documents checked so far in the current (or last) run. */
  done: number;
  total: number;
  last: BackgroundSummary | undefined;
}

interface Run { cancelled: boolean }

export class BackgroundCheck extends Disposable {
  private readonly status = this.register(vscode.window.createStatusBarItem('techblog.backgroundCheck', vscode.StatusBarAlignment.Left, -100));
  private readonly finished = this.register(new vscode.EventEmitter<BackgroundSummary>());
  /** A run finished (not cancelled): its summary. */
  readonly onDidFinish = this.finished.event;
  private current: Run | undefined;
  private state: BackgroundState = { runs: 0, running: false, paused: false, done: 0, total: 0, last: undefined };
  private lastKeystroke = 0;
  private typingTimer: ReturnType<typeof setTimeout> | undefined;
  private typingDone: Promise<void> | undefined;
  private releaseTyping: (() => void) | undefined;
  private statusTimer: ReturnType<typeof setTimeout> | undefined;
  /** Made during activation: the first run's "since activation" starts here. */
  private readonly createdAt = Date.now();

  constructor(private readonly diagnostics: FrontMatterDiagnostics, private readonly indexes: SiteIndexes, private readonly log: Log) {
    super();
    this.status.name = vscode.l10n.t('TechBlog: checking posts');
    this.status.command = 'workbench.actions.view.problems';
    this.register(vscode.workspace.onDidChangeTextDocument((e) => {
      // Typing in an editor (not an output channel, not an edit to a file in no editor).
      if (e.contentChanges.length && vscode.window.visibleTextEditors.some((ed) => ed.document === e.document)) this.typed();
    }));
    this.register(diagnostics.onDidChangeSettings(() => this.restart()));
    this.register(indexes.onDidResetSites(() => this.restart()));
    const start = setTimeout(() => this.restart(), START_DELAY_MS);
    this.register({
      dispose: () => {
        clearTimeout(start);
        clearTimeout(this.typingTimer);
        clearTimeout(this.statusTimer);
        if (this.current) this.current.cancelled = true;
        this.releaseTyping?.();
      },
    });
  }

  /** Where the check is (for tests and the status bar). */
  snapshot(): BackgroundState {
    return { ...this.state };
  }

  /** Resolves with the first run that finishes after `after` finished runs (at once if one has). */
  whenFinished(after = this.state.runs): Promise<BackgroundSummary> {
    if (this.state.runs > after && this.state.last) return Promise.resolve(this.state.last);
    return new Promise((resolve) => {
      const listener = this.onDidFinish((s) => { if (s.runs > after) { listener.dispose(); resolve(s); } });
    });
  }

  /** Cancels the current run and starts a new one with the current settings and sites. */
  restart(): void {
    if (this.current) this.current.cancelled = true;
    const run: Run = { cancelled: false };
    this.current = run;
    void this.run(run).catch((e: unknown) => {
      this.log.error(`The background check failed: ${e instanceof Error ? e.stack : e}`);
      if (this.current === run) this.setRunning(false);
    });
  }

  private async run(run: Run): Promise<void> {
    const t0 = Date.now();
    const settings = this.diagnostics.settings();
    const summary: BackgroundSummary = { runs: 0, scope: settings.scope, sites: 0, files: 0, errors: 0, warnings: 0, infos: 0, pauses: 0, ms: 0, indexMs: 0, sinceActivationMs: 0 };
    if (!settings.enabled || settings.scope === 'open') {
      // Closed documents lose their diagnostics; open ones follow their editors (or the `enable` switch).
      this.diagnostics.setWholeWorkspace(false);
      this.finish(run, summary, t0);
      return;
    }
    this.diagnostics.setWholeWorkspace(true);
    this.state = { ...this.state, running: true, paused: false, done: 0, total: 0 };
    this.statusTimer = setTimeout(() => this.showStatus(), STATUS_DELAY_MS);
    // The sites' indexes: the one read of every post (shared with the preview, completion, the Posts view).
    const sites = await this.indexes.all();
    if (run.cancelled) return;
    summary.indexMs = Date.now() - t0;
    summary.sites = sites.length;
    const todo = sites.flatMap((s) => s.index.checkablePaths().map((rel) => vscode.Uri.joinPath(s.root, rel)));
    const host: BackgroundHost = {
      yieldNow: () => new Promise((resolve) => setImmediate(resolve)),
      typing: () => this.typingDone,
      cancelled: () => run.cancelled,
      now: () => Date.now(),
    };
    const result = await runInBackground(todo, async (uri) => {
      if (this.diagnostics.isOpen(uri)) return undefined; // checked from its editor
      const problems = await this.diagnostics.problemsOnDisk(uri);
      return problems === undefined || problems === 'gone' ? undefined : { uri, problems };
    }, host, {
      flush: (batch: { uri: vscode.Uri; problems: Problem[] }[]) => {
        // An editor opened meanwhile has the newer word (its own check publishes its version).
        const closed = batch.filter((b) => !this.diagnostics.isOpen(b.uri));
        this.diagnostics.publishMany(closed.map((b) => ({ uri: b.uri, version: -1, problems: b.problems })));
        for (const b of closed) {
          summary.files++;
          for (const p of b.problems) summary[p.severity === 'error' ? 'errors' : p.severity === 'warning' ? 'warnings' : 'infos']++;
        }
      },
      progress: (done, total, paused) => {
        if (this.current !== run) return;
        this.state = { ...this.state, done, total, paused };
        this.updateStatus();
      },
    });
    if (result.cancelled) return;
    // Files that are no longer part of a site (deleted with their folder, excluded, a site gone) lose theirs.
    this.diagnostics.forgetClosed(new Set(todo.map((u) => u.toString())));
    summary.pauses = result.pauses;
    this.finish(run, summary, t0);
  }

  private finish(run: Run, summary: BackgroundSummary, t0: number): void {
    if (run.cancelled || this.current !== run) return;
    summary.ms = Date.now() - t0;
    summary.sinceActivationMs = Date.now() - this.createdAt;
    summary.runs = this.state.runs + 1;
    this.state = { ...this.state, runs: summary.runs, last: summary };
    this.setRunning(false);
    if (summary.scope === 'workspace') {
      this.log.info(`Background check: ${summary.files} documents in ${summary.sites} site(s) in ${summary.ms} ms (of which finding and indexing the sites ${summary.indexMs} ms; ${summary.pauses} pauses for typing), ${summary.sinceActivationMs} ms after activation: ${summary.errors} errors, ${summary.warnings} warnings, ${summary.infos} infos`);
    }
    this.finished.fire(summary);
  }

  private setRunning(running: boolean): void {
    this.state = { ...this.state, running, paused: false };
    if (!running) {
      clearTimeout(this.statusTimer);
      this.status.hide();
    }
  }

  private showStatus(): void {
    if (!this.state.running) return;
    this.updateStatus();
    this.status.show();
  }

  private updateStatus(): void {
    const { done, total, paused } = this.state;
    this.status.text = paused
      ? `$(debug-pause) ${vscode.l10n.t('TechBlog: checking paused while you type')}`
      : `$(sync~spin) ${vscode.l10n.t('TechBlog: checking posts {0}/{1}', done, total)}`;
    this.status.tooltip = vscode.l10n.t('TechBlog checks every post of the blog in the background, so the Problems panel is complete. Click to show the Problems panel; set techblog.validation.scope to "open" to check only open documents.');
  }

  /** A keystroke: the check waits until typing has stopped for TYPING_IDLE_MS. */
  private typed(): void {
    this.lastKeystroke = Date.now();
    if (this.typingTimer) return;
    this.typingDone = new Promise((resolve) => { this.releaseTyping = resolve; });
    const arm = (ms: number) => {
      this.typingTimer = setTimeout(() => {
        const idle = Date.now() - this.lastKeystroke;
        if (idle < TYPING_IDLE_MS) { arm(TYPING_IDLE_MS - idle); return; }
        this.typingTimer = undefined;
        this.typingDone = undefined;
        const release = this.releaseTyping;
        this.releaseTyping = undefined;
        release?.();
      }, ms);
    };
    arm(TYPING_IDLE_MS);
  }
}
