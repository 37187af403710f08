// What the preview (and `techblog render`) says about a render the limits stopped: which limit, which
// step (Liquid, Markdown, math, a layout, Sass, reading the site) and which file.
import type { RenderStopped } from '../protocol/renderWorkerMessages';
import { t } from '../text/l10n';
import type { RenderStep } from './types';

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
export function stoppedNoticeText(stopped: RenderStopped, limits: { timeoutMs: number; memoryMb: number }): string {
  const step = stepName(stopped.step);
  return stopped.limit === 'time'
    ? t('The preview stopped this render: {0} in {1} took longer than {2} s (techblog.preview.renderTimeoutSeconds). The last page that rendered stays; the next edit renders again.', step, stopped.file, String(limits.timeoutMs / 1000))
    : t('The preview stopped this render: {0} in {1} needed more than {2} MB (techblog.preview.renderMemoryLimitMb). The last page that rendered stays; the next edit renders again.', step, stopped.file, String(limits.memoryMb));
}
