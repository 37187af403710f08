// The render worker: a `worker_threads` thread the host (or the CLI) starts with a memory limit, and
// terminates when a render runs past its time limit. It keeps one SiteRenderer per site (read with
// node:fs), renders posts on request, and reports each step it enters (Liquid, Markdown, math, a
// layout, Sass, and on which file) so the host can say where a render it stopped was.
// Messages: src/core/protocol/renderWorkerMessages.ts. The client: ./renderWorkerClient.ts.
import * as path from 'node:path';
import { parentPort, workerData } from 'node:worker_threads';
import { encodeUriSegment, type FromWorkerMessage, type ToWorkerMessage, type WorkerResourceMap, type WorkerSiteSpec } from '../core/protocol/renderWorkerMessages';
import { SiteRenderer } from '../core/render/renderer';
import type { RenderStep } from '../core/render/types';
import { loadSite } from '../core/site/siteIndex';
import { SiteStore } from '../core/site/siteStore';
import { bundleTranslator, setTranslator } from '../core/text/l10n';
import { NodeFileSystem } from '../cli/nodeFileSystem';
import { relativeUrl } from '../cli/render';
import { FolderSassCache } from '../cli/sassCache';
import { DeltaSender, postKey } from './resultDelta';
import { TextHolder } from './textSync';

const toPosix = (p: string) => p.split(path.sep).join('/');

/** A folder whose file list the host gave (bounded), read with node:fs. */
class ListedFileSystem extends NodeFileSystem {
  constructor(base: string, private readonly files: string[]) { super(base); }
  override async listFiles(): Promise<string[]> { return this.files; }
}
interface OpenSite { key: string; renderer: Promise<SiteRenderer>; store: SiteStore }
const sites = new Map<string, OpenSite>();
/** What the host holds of each post's last result: the next one sends only new blocks. */
const deltas = new DeltaSender();
/** Each post's text as the host last sent it: the next request may send only the editor's changes. */
const texts = new TextHolder();
/** The site spec each root's last request sent: the next may send only the root (`sameSite`). */
const specs = new Map<string, WorkerSiteSpec>();

function post(m: FromWorkerMessage): void {
  parentPort?.postMessage(m);
}

/** A spec's identity: a site opened with another theme or generator is opened again. */
function specKey(spec: WorkerSiteSpec): string {
  return JSON.stringify([spec.generator, spec.theme?.root, spec.theme?.name, spec.theme?.version, spec.theme?.files.length, spec.fallbackCss?.length, spec.sassCacheDir, spec.files?.length]);
}

function open(spec: WorkerSiteSpec): Promise<SiteRenderer> {
  const root = toPosix(spec.root);
  const key = specKey(spec);
  const known = sites.get(root);
  if (known?.key === key) return known.renderer;
  // One read per post in the worker too, and only when asked for: the site model reads the posts when a
  // render first needs them (Liquid listing them), the index of a Hugo or Hexo site reads none.
  const fs = new SiteStore(spec.files ? new ListedFileSystem(root, spec.files) : new NodeFileSystem(root));
  const renderer = (async () => {
    const index = spec.generator && spec.generator !== 'jekyll' ? (await loadSite(fs, root, { generator: spec.generator, documents: false })).index : undefined;
    const theme = spec.theme ? { ...spec.theme, root: toPosix(spec.theme.root), fs: new NodeFileSystem(spec.theme.root) } : undefined;
    return SiteRenderer.open({
      fs, root, index, theme, fallbackCss: spec.fallbackCss,
      sassCache: spec.sassCacheDir ? new FolderSassCache(spec.sassCacheDir) : undefined,
    });
  })();
  renderer.catch(() => { if (sites.get(root)?.renderer === renderer) sites.delete(root); });
  sites.set(root, { key, renderer, store: fs });
  return renderer;
}

/** A site-relative path as a URL: appended to a base URL, segments encoded as VS Code encodes URIs. */
function urlMaker(map: WorkerResourceMap | undefined): ((p: string) => string) | undefined {
  if (!map) return undefined;
  if ('relativeTo' in map) return (p) => relativeUrl(map.relativeTo, path.join(map.root, ...p.split('/')));
  const base = map.base.replace(/\/+$/, '');
  return (p) => `${base}/${p.split('/').map(encodeUriSegment).join('/')}`;
}

async function render(m: Extract<ToWorkerMessage, { type: 'render' }>, text: string): Promise<void> {
  let last = '';
  const progress = (step: RenderStep, file: string) => {
    // Only changes cross the thread (a post with a thousand formulas would otherwise send thousands).
    const now = step + '\0' + file;
    if (now === last) return;
    last = now;
    post({ type: 'progress', id: m.id, step, file });
  };
  try {
    progress('site', sites.get(toPosix(m.site.root))?.key === specKey(m.site) ? m.request.path : '_config.yml');
    const renderer = await open(m.site);
    const { resources, themeResources, ...request } = m.request;
    const resolveResource = urlMaker(resources);
    const resolveThemeResource = urlMaker(themeResources);
    const result = await renderer.render({
      ...request, text, progress,
      ...(resolveResource ? { resolveResource } : {}), ...(resolveThemeResource ? { resolveThemeResource } : {}),
    });
    const sent = deltas.send(postKey(m.site.root, m.request.path), result, m.held === true);
    post({ type: 'result', id: m.id, result: sent.result, ...(sent.delta ? { delta: true as const, order: sent.order } : {}), ...(sent.sameCss ? { sameCss: true as const } : {}), ...(sent.sameNotices ? { sameNotices: true as const } : {}) });
  } catch (e) {
    post({ type: 'error', id: m.id, message: e instanceof Error ? e.message : String(e) });
  }
}

function handle(m: ToWorkerMessage): void {
  switch (m.type) {
    case 'render': {
      // Taken as the messages come (before any await): each request's edits apply to the one before it.
      const site = m.sameSite ? specs.get(m.site.root) : m.site;
      const text = site && texts.take(postKey(m.site.root, m.request.path), m.text);
      if (site && !m.sameSite) specs.set(site.root, site);
      if (site === undefined || text === undefined) post({ type: 'needText', id: m.id });
      else void render({ ...m, site }, text);
      break;
    }
    case 'fileChanged':
      void (async () => {
        const site = sites.get(toPosix(m.root));
        site?.store.changed(path.posix.join(toPosix(m.root), m.path));
        await site?.renderer.then((r) => r.fileChanged(m.path, m.change));
      })().catch(() => undefined);
      break;
    case 'open':
      void open(m.site).catch(() => undefined);
      break;
    case 'forget':
      if (m.root === undefined) sites.clear();
      else sites.delete(toPosix(m.root));
      deltas.forget();
      texts.forget();
      specs.clear();
      break;
  }
}

// The host's display language: its messages, filled in as vscode.l10n.t fills them.
const messages = (workerData as { l10n?: Record<string, string> } | null)?.l10n;
if (messages) setTranslator(bundleTranslator(messages));

parentPort?.on('message', handle);
