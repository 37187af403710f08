// The preview's messages between the extension host (src/host/preview) and the webview script
// (src/webview/preview.ts): typed tagged unions in one file both sides import, so a field renamed on
// one side is a compile error on the other. Plain data only (structured-clone safe), no DOM, no vscode.
import type { Notice } from '../render/notices';

/** The webview panel's view type (also the serializer's, and `activeWebviewPanelId` in when-clauses). */
export const PREVIEW_VIEW_TYPE = 'techblog.preview';

export type PreviewMode = 'site' | 'content';

/** What the webview keeps with `setState`, so VS Code can restore the panel after a reload. */
export interface PreviewState {
  /** The previewed document's URI (`uri.toString()`). */
  resource: string;
  /** Locked previews stay on their document; unlocked ones follow the active Markdown editor. */
  locked: boolean;
  /** The 0-based source line at the top of the preview when it was last scrolled. */
  line?: number;
}

/** Settings and labels the host writes into the page once (a `<meta>` element); updated with `settings`. */
export interface PreviewSettings {
  state: PreviewState;
  /** Editor scroll moves the preview and preview scroll moves the editor. */
  scrollSync: boolean;
  /**
   * The site's own scripts run on this page (`techblog.preview.siteScripts` in a trusted workspace):
   * the page script then hides our script nonce and keeps the DOM those scripts built across patches.
   */
  siteScripts: boolean;
  /** The nonce of the page's `<style>` elements (the site CSS the script adds later); never the script's. */
  styleNonce: string;
  /** Localized labels for the preview's own chrome. */
  strings: {
    /** Tooltip of the notice bar (`{0}`: the number of notices). */
    noticesTitle: string;
    /** Shown after the first notice when there are more (`{0}`: how many more). */
    moreNotices: string;
    /** Shown at the end of the expanded list, to fold it again. */
    fewerNotices: string;
  };
}

// ── host → webview ─────────────────────────────────────────────────────────────────────────────

/** A new rendering of the document: the webview patches its DOM to it (no reload). */
export interface UpdateMessage {
  type: 'update';
  /** Increases with every update of the panel; echoed back in `patched`. */
  version: number;
  state: PreviewState;
  /**
   * The `<body …>…</body>` element of the page (sanitized; `<style>` elements carry the page nonce);
   * absent when the webview already shows this body (the page was just built with it).
   */
  body?: string;
  /** The `lang` attribute of the page's `<html>` element. */
  lang?: string;
  /** The content of the layout's `<title>` element (sanitized HTML text: entities, no tags). */
  title?: string;
  /** The site's stylesheets (CSS text, in order); absent when unchanged since the last update. */
  css?: string[];
  /** Fallbacks the renderer took and why, most important first (why the theme is not shown leads). */
  notices: Notice[];
  /** Buttons shown with the first notice (e.g. "Download theme" when the site's theme is missing). */
  actions?: PreviewAction[];
  mode: PreviewMode;
  /** Scroll so that this 0-based source line is at the top (after switching documents, on first show). */
  line?: number;
  trace?: PreviewTrace;
}

/**
 * Where a keystroke's time went on the host (wall-clock milliseconds, `performance.timeOrigin + now()`),
 * sent only when the host runs with TECHBLOG_PREVIEW_TRACE=1: the webview logs it with its own times
 * (a `[techblog-trace]` console line the e2e keystroke bench reads).
 */
export interface PreviewTrace {
  /** The document changed (the first change since the last render began). */
  changed: number;
  /** The render began (the panel was idle, or the previous render ended). */
  start: number;
  /** The document's text and its site were at hand. */
  text: number;
  /** The render's result arrived from the worker. */
  rendered: number;
  /** The worker's own time in the render (its steps' sum), in ms. */
  renderMs: number;
  /** The message was posted to the webview. */
  posted: number;
  /** Bytes the render's messages took host → worker and worker → host (v8 serialization, as postMessage clones). */
  wireBytes?: [number, number];
  /** The first frame of a new panel: the steps before the render (see FirstFrameTrace); with the update sent on `ready`. */
  first?: FirstFrameTrace;
}

/**
 * Where the first preview's time went on the host (wall-clock ms, like PreviewTrace): the webview adds its
 * own stamps (page navigation, script start, DOMContentLoaded, first paint, load) and logs a
 * `[techblog-first]` console line the e2e first-preview bench reads.
 */
export interface FirstFrameTrace {
  /** The command ran (its handler on the extension host). */
  command?: number;
  /** The preview bundle and the blog's sites were at hand. */
  loaded?: number;
  /** The webview panel was created. */
  panel?: number;
  /** The page (`webview.html`, with the first rendering) was set. */
  page?: number;
  /** Bytes of that page. */
  pageBytes?: number;
  /** The page said `ready` (its script ran on the parsed body). */
  ready?: number;
}

/**
 * Only some top-level blocks of the body changed, and nothing around them: the webview replaces those
 * nodes alone (scroll position, images and typeset math elsewhere stay as they are). The body the
 * webview got last (`update`) marks each block with a `<!--tb:ID-->` comment before it and ends with
 * `<!--tb:end-->` (BLOCK_MARK); a patch the webview cannot apply makes it say `ready` (a full update follows).
 */
export interface PatchMessage {
  type: 'patch';
  /** Increases with every update of the panel; echoed back in `patched`. */
  version: number;
  state: PreviewState;
  title?: string;
  notices: Notice[];
  actions?: PreviewAction[];
  mode: PreviewMode;
  /**
   * The body's blocks in order, as runs of the blocks the page shows (src/core/protocol/blockRuns.ts):
   * `start, count, shift` — `count` shown blocks from the `start`th on, `shift` added to their
   * `data-line`s — or `start` -1: the next `count` of `blocks`. Shown blocks in no run are removed. Pressing
   * Enter in the middle of a 480-block post is three runs and one new block, not 480 ids.
   */
  order: number[];
  /** The new blocks, in order: their HTML (styles with the page nonce). */
  blocks: PatchBlock[];
  /** How many blocks the host thinks the page shows (a page that shows others asks for the whole body). */
  shown: number;
  trace?: PreviewTrace;
}

export interface PatchBlock {
  id: number;
  html: string;
}

/** The comment that starts a body block (`<!--tb:12-->`) and ends the last one (`<!--tb:end-->`). */
export const BLOCK_MARK = 'tb:';

/** What a notice's button asks the host to do. */
export type PreviewActionId = 'downloadTheme' | 'manageTrust';

const PREVIEW_ACTION_IDS: readonly string[] = ['downloadTheme', 'manageTrust'] satisfies PreviewActionId[];

/** True for the id of a notice button the host knows. */
export function isPreviewActionId(id: unknown): id is PreviewActionId {
  return typeof id === 'string' && PREVIEW_ACTION_IDS.includes(id);
}

export interface PreviewAction {
  id: PreviewActionId;
  /** The button's (localized) label. */
  label: string;
}

/** The editor scrolled: show this (fractional, 0-based) source line at the top of the preview. */
export interface ScrollToLineMessage {
  type: 'scrollToLine';
  line: number;
}

export interface SettingsMessage {
  type: 'settings';
  scrollSync: boolean;
  state: PreviewState;
}

export type HostToWebview = UpdateMessage | PatchMessage | ScrollToLineMessage | SettingsMessage;

// ── webview → host ─────────────────────────────────────────────────────────────────────────────

/** The page's script started (first load, or the webview was re-created after being hidden). */
export interface ReadyMessage {
  type: 'ready';
}

/** An update was applied to the DOM; `ms` is the time the patch took in the webview. */
export interface PatchedMessage {
  type: 'patched';
  version: number;
  ms: number;
  /** How many blocks were replaced, when it was a block patch (absent: the body was replaced or kept). */
  blocks?: number;
}

/** The preview was scrolled by the user: reveal this (fractional, 0-based) source line in the editor. */
export interface RevealLineMessage {
  type: 'revealLine';
  line: number;
}

/** A double-click in the preview: move the editor's cursor to this 0-based source line. */
export interface OpenLineMessage {
  type: 'openLine';
  line: number;
}

/** A link was clicked: the host decides (browser for the web, editor for files of the site). */
export interface OpenLinkMessage {
  type: 'openLink';
  /** The `href` attribute exactly as written in the page. */
  href: string;
}

/** A notice's button was clicked. */
export interface ActionMessage {
  type: 'action';
  id: PreviewActionId;
}

export type WebviewToHost = ReadyMessage | PatchedMessage | RevealLineMessage | OpenLineMessage | OpenLinkMessage | ActionMessage;

const finiteLine = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0 && v < 1e8;

/**
 * Checks a message that came from the webview. The page shows a post's HTML, so the host treats what
 * arrives as untrusted input: anything malformed is ignored.
 */
export function parseWebviewMessage(msg: unknown): WebviewToHost | undefined {
  if (!msg || typeof msg !== 'object') return undefined;
  const m = msg as Record<string, unknown>;
  switch (m.type) {
    case 'ready':
      return { type: 'ready' };
    case 'patched':
      if (typeof m.version !== 'number' || typeof m.ms !== 'number') return undefined;
      return { type: 'patched', version: m.version, ms: m.ms, ...(typeof m.blocks === 'number' ? { blocks: m.blocks } : {}) };
    case 'revealLine':
    case 'openLine':
      return finiteLine(m.line) ? { type: m.type, line: m.line } : undefined;
    case 'openLink':
      return typeof m.href === 'string' && m.href.length <= 8192 ? { type: 'openLink', href: m.href } : undefined;
    case 'action':
      return isPreviewActionId(m.id) ? { type: 'action', id: m.id } : undefined;
    default:
      return undefined;
  }
}

/** Checks a state VS Code hands back to the serializer (it was written by the webview). */
export function parsePreviewState(state: unknown): PreviewState | undefined {
  if (!state || typeof state !== 'object') return undefined;
  const s = state as Record<string, unknown>;
  if (typeof s.resource !== 'string' || !s.resource) return undefined;
  return { resource: s.resource, locked: s.locked === true, ...(finiteLine(s.line) ? { line: s.line } : {}) };
}
