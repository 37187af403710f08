// What the preview (and `techblog render`) says about a render the limits stopped: which limit, which
// step (Liquid, Markdown, math, a layout, Sass, reading the site) and which file.
import type { RenderStopped } from '../protocol/renderWorkerMessages';
import { t } from '../text/l10n';
import type { RenderRequest, RenderResult, RenderStep } from './types';

/**
 * Limits of a render on the extension host itself, where no worker can be stopped (the web extension; a
 * virtual workspace): the renderer checks them as it goes (RenderRequest.limits) — Liquid between templates,
 * the rest between steps — and stops with RenderStoppedError.
 */
export interface HostRenderLimits {
  timeoutMs: number;
  /** Characters of Liquid output (the post's and its layouts' together) before the render stops. */
  maxOutputChars: number;
}

/** The output cap of a render on the host: 16 M characters, 16× a 1 MB post with its layouts. */
export const HOST_MAX_OUTPUT_CHARS = 16 * 1024 * 1024;

/** A render the limits of RenderRequest.limits stopped: which limit, in which step and file. */
export class RenderStoppedError extends Error {
  constructor(readonly stopped: RenderStopped) {
    super(`render stopped: ${stopped.limit} limit in ${stopped.step} of ${stopped.file}`);
  }
}

/** Renders on the host within `limits`: the result, or what stopped it — the render worker's outcome, without a worker. */
export async function renderWithinLimits(renderer: { render(req: RenderRequest): Promise<RenderResult> }, request: RenderRequest,
  limits: HostRenderLimits): Promise<{ result: RenderResult } | { stopped: RenderStopped }> {
  try {
    return { result: await renderer.render({ ...request, limits }) };
  } catch (e) {
    if (e instanceof RenderStoppedError) return { stopped: e.stopped };
    throw e;
  }
}

export function stepName(step: RenderStep): string {
  switch (step) {
    case 'site': return t('Reading the site');
    case 'liquid': return t('Liquid');
    case 'markdown': return t('Markdown');
    case 'math': return t('Math (KaTeX)');
    case 'layout': return t('The layout\'s Liquid');
    case 'sass': return t('Sass');
  }
}

/** The notice for a stopped render; `limits` are the ones it ran under. */
export function stoppedNoticeText(stopped: RenderStopped, limits: { timeoutMs: number; memoryMb: number; maxOutputChars?: number }): string {
  const step = stepName(stopped.step);
  switch (stopped.limit) {
    case 'time': return t('The preview stopped this render: {0} in {1} took longer than {2} s (techblog.preview.renderTimeoutSeconds). The last page that rendered stays; the next edit renders again.', step, stopped.file, String(limits.timeoutMs / 1000));
    case 'memory': return t('The preview stopped this render: {0} in {1} needed more than {2} MB (techblog.preview.renderMemoryLimitMb). The last page that rendered stays; the next edit renders again.', step, stopped.file, String(limits.memoryMb));
    case 'output': return t('The preview stopped this render: {0} in {1} wrote more than {2} million characters of HTML. The last page that rendered stays; the next edit renders again.', step, stopped.file, String(Math.round((limits.maxOutputChars ?? HOST_MAX_OUTPUT_CHARS) / 1e6)));
  }
}
