// Messages between the extension host (or the CLI) and the render worker (src/worker/renderWorker.ts),
// which runs Liquid, Markdown, KaTeX, Sass and the sanitizer off the host's main thread, under a time
// and a memory limit. Everything here is structured-clone data: no functions cross the thread.
import type { RenderRequest, RenderResult, RenderStep } from '../render/types';

/** A site as the worker opens it: folders are file-system paths (posix on every OS but Windows). */
export interface WorkerSiteSpec {
  /** The site folder (the document's folder for a file outside every site). */
  root: string;
  /** Hugo and Hexo sites render in content mode (from the host's index); default jekyll. */
  generator?: 'jekyll' | 'hugo' | 'hexo';
  /** The site's gem or remote theme, if one was found on disk. */
  theme?: { root: string; name: string; version?: string; files: string[]; readConfig?: boolean };
  /** The bundled fallback theme's CSS. */
  fallbackCss?: string;
  /** The folder's files (relative, posix) when the host listed them (a folder that is not a site: bounded). */
  files?: string[];
  /** Where compiled Sass is kept between renders and restarts (a folder); none: compile on every open. */
  sassCacheDir?: string;
}

/**
 * How the worker turns a file path into a URL: `base` (the host's webview URI of the folder) with the
 * site-relative path appended, segments percent-encoded; or `relativeTo`, a folder the URL is relative
 * to (the CLI's output file's folder), with `root` the folder the paths are in.
 */
export type WorkerResourceMap = { base: string } | { relativeTo: string; root: string };

export type WorkerRenderRequest = Omit<RenderRequest, 'resolveResource' | 'resolveThemeResource' | 'progress'> & {
  resources?: WorkerResourceMap;
  themeResources?: WorkerResourceMap;
};

/**
 * The post's text on the wire (src/worker/textSync.ts): whole (with the editor's version, when there is one),
 * or the editor's changes since the version the worker holds (`from`) and the length of the result.
 */
export type WireText =
  | { text: string; version?: number }
  | { version: number; from: number; changes: TextChange[]; length: number };

/** One change as the editor reports it: [start, end) of the text before it replaced by `text`. */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export type ToWorkerMessage =
  /**
   * `held`: the host holds this post's blocks from an earlier result (the answer may be a delta, src/worker/resultDelta.ts).
   * The request's text travels as `text` (whole, or edits of the text the worker holds); `sameSite`: `site` is
   * only the root, the spec is the one the last request for that root sent (its fallback CSS alone is 13 KB).
   */
  | { type: 'render'; id: number; site: WorkerSiteSpec; request: Omit<WorkerRenderRequest, 'text'>; text: WireText; held?: boolean; sameSite?: true }
  /** A file of an open site changed on disk (path relative to the site root). */
  | { type: 'fileChanged'; root: string; path: string; change: 'changed' | 'created' | 'deleted' }
  /** Forget an open site (its folder moved, or it is no longer previewed). */
  | { type: 'forget'; root?: string }
  /** Open a site before its first render (a post of it was opened in an editor): the first preview finds it read. */
  | { type: 'open'; site: WorkerSiteSpec };

export type FromWorkerMessage =
  /** The render entered a step on a file (site-relative): the host names them when it stops a render. */
  | { type: 'progress'; id: number; step: RenderStep; file: string }
  /**
   * `delta`: `result.blocks` are only the blocks the host did not hold (with their HTML), `order` says where
   * they and the held ones go (src/worker/resultDelta.ts); `html`, `bodyHtml` are empty, `frame` absent
   * when unchanged; `sameCss`: `css` is empty, the host's last one stands; `sameNotices`: so are the notices.
   */
  | { type: 'result'; id: number; result: RenderResult; delta?: true; sameCss?: true; sameNotices?: true; order?: number[] }
  /** The render's edits do not start from the text the worker holds (or it has no site spec for `sameSite`): send the whole text and spec (the same request). */
  | { type: 'needText'; id: number }
  | { type: 'error'; id: number; message: string };

/** Why a render was stopped (`output`: a render on the extension host wrote more HTML than it may, see HostRenderLimits). */
export type RenderLimit = 'time' | 'memory' | 'output';

/** A render the limits stopped: the step and file it was on (as the worker last reported them). */
export interface RenderStopped {
  limit: RenderLimit;
  step: RenderStep;
  file: string;
  /** Milliseconds from the request to the stop. */
  elapsedMs: number;
}

/** Encodes a path segment as VS Code's URI `toString()` does (every character but A-Z a-z 0-9 - . _ ~). */
export function encodeUriSegment(s: string): string {
  return encodeURIComponent(s).replace(/[!'()*]/g, (c) => '%' + c.charCodeAt(0).toString(16).toUpperCase());
}
