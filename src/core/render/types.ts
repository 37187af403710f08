// The rendering core's inputs and outputs. Everything here is plain data, so the VS Code host, the CLI
// and the tests can drive the same renderer.
import type { SiteFileSystem } from '../site/fileSystem';
import type { Notice } from './notices';

/**
 * File access for the renderer: the site index's interface plus an optional cheap existence check.
 * Paths are posix, relative to the site root as given to the renderer (or absolute, as the host has them).
 */
export interface RenderFileSystem extends SiteFileSystem {
  /** True when the file exists; when absent the renderer answers from `listFiles` (read once per site). */
  exists?(path: string): Promise<boolean>;
}

export type RenderMode = 'site' | 'content';

/** The first blocks of a body: at least `htmlChars` of their HTML, and past the block holding source line `line`. */
export interface FirstScreen { htmlChars: number; line?: number }

/** The steps of a render, as progress reports and limit notices name them. */
export type RenderStep = 'site' | 'liquid' | 'markdown' | 'math' | 'layout' | 'sass';

export interface RenderRequest {
  /** The post's path relative to the site root (posix), e.g. `_posts/2021-08-19-ebpf.md`. */
  path: string;
  /** The post's current text (the editor's buffer, unsaved changes included). */
  text: string;
  /** `site`: through the layout chain; `content`: the post body only, with the site's CSS. Default `site`. */
  mode?: RenderMode;
  /**
   * Turns a site-relative file path (`images/2021/a.png`) into the URL the output should use: the host
   * maps it to a webview URI, the CLI to a path relative to the output file. Default: the path itself.
   */
  resolveResource?: (sitePath: string) => string;
  /**
   * The same for a file of the site's theme layer (path relative to the theme's folder), which the site
   * publishes at the same site path. Default: `resolveResource` of its site path.
   */
  resolveThemeResource?: (themePath: string) => string;
  /** Show YouTube/Vimeo iframes as real frames; otherwise an offline card. Default false. */
  allowEmbeds?: boolean;
  /**
   * Show `https:` images (VS Code's Markdown preview does too); off: they show the placeholder of a
   * missing image. Insecure `http:` images never load. Default true.
   */
  remoteImages?: boolean;
  /**
   * Keep the layouts' `<script src>` that point at script files of the site (deferred, with
   * `resolveResource` URLs); other scripts, inline ones and `on*` handlers are dropped in any case. Default false.
   */
  siteScripts?: boolean;
  /** The build time (`site.time`) and the reference for future posts. Default: now. */
  now?: Date;
  /**
   * Restricted Mode (the host's workspace is not trusted): the post body as Markdown only, in content
   * mode with the bundled theme. No Liquid (no includes, no loops), no layouts, no Sass or site CSS,
   * no site scripts: nothing of the site's code runs. Default false.
   */
  restricted?: boolean;
  /**
   * Reuse what the post's last render did (Liquid's output, Markdown blocks, the page around the body)
   * for the parts an edit cannot change; false renders everything. The output is the same. Default true.
   */
  incremental?: boolean;
  /**
   * false: the page does not wait for Sass (a preview's first frame). The theme CSS comes when it is at
   * hand — compiled already, or in the compiled-CSS cache — else the page has none and `cssPending` is
   * set: Sass compiles in the background, and the next render (which waits for it) brings it. Default true.
   */
  waitForCss?: boolean;
  /**
   * A first frame: when the body must be rendered whole (nothing of an earlier render to reuse), render its
   * first blocks only — at least `htmlChars` of their HTML, past the block holding source line `line` — and
   * say `partial`; the next render of the same text renders the rest (the whole is a full render's output).
   */
  firstScreen?: FirstScreen;
  /**
   * Called as the render enters a step on a file (site-relative: the post, a layout, an include, a
   * stylesheet), so a render stopped by a limit can say where it was (src/worker/renderWorker.ts).
   */
  progress?: (step: RenderStep, file: string) => void;
  /**
   * Time and output limits checked as the render goes, for a render on the extension host (no worker to stop):
   * past one, the render rejects with RenderStoppedError (./renderLimits.ts). Default: none.
   */
  limits?: { timeoutMs: number; maxOutputChars: number };
}

/** One top-level block of a rendered body, as the preview patches it (src/core/render/incremental/markdownBlocks.ts). */
export interface BodyBlock {
  id: number;
  /** Length of its HTML in `bodyHtml` (the blocks concatenate to it). */
  length: number;
  /** How far its `data-line` values moved since its id was first rendered. */
  shift: number;
  /**
   * Its HTML (the slice of `bodyHtml`), so that whoever passes the result on can send only new blocks
   * without cutting the body; absent in a render worker's result for blocks the host already has.
   */
  html?: string;
}

export interface RenderResult {
  /** `site` mode: the whole document the layout chain produced; `content` mode: the body in a minimal document. */
  html: string;
  /** The post body alone (Markdown output), sanitized, with `data-line` on block elements. */
  bodyHtml: string;
  /** Theme CSS texts in the order the layouts link them (compiled from Sass where needed). */
  css: string[];
  /** Where the CSS came from: the site's own stylesheets, or the bundled fallback theme. */
  theme: 'site' | 'fallback' | 'none';
  /** One line each: fallbacks taken and why (a layout that could not render, a missing stylesheet…). */
  notices: string[];
  /** The same notices with their kind, most important first (why the theme is not shown leads). */
  noticeDetails: Notice[];
  /** The page title (front matter `title`, else derived like Jekyll does from the file name). */
  title: string;
  /** The mode actually rendered: `site` falls back to `content` when the layouts cannot render. */
  mode: RenderMode;
  /** True when the body has KaTeX output, so the page needs KaTeX's stylesheet. */
  hasMath: boolean;
  /** Milliseconds per stage, for the benchmark and the host's logging. */
  timings: Record<string, number>;
  /**
   * The body's top-level blocks in order (their HTML concatenates to `bodyHtml`), with ids that stay
   * while a block's HTML does: the preview patches only new ids. Absent when the body cannot be cut so.
   */
  blocks?: BodyBlock[];
  /** The theme CSS was not at hand (`waitForCss: false`): `css` is empty and Sass compiles; render again for it. */
  cssPending?: boolean;
  /** The body is its first blocks only (`firstScreen`): render the same text again for the rest. */
  partial?: boolean;
  /** The page around the body: `html` is `frame[0] + bodyHtml + frame[1]` (absent when the layouts used the body otherwise). */
  frame?: [string, string];
}
