// A rendered page as one self-contained HTML file: the CSS inlined as <style> elements.
import type { RenderResult } from './types';

/** `result.html` with `styles` (theme CSS first, then any extra sheets) inlined into its <head>. */
export function standaloneHtml(result: Pick<RenderResult, 'html' | 'css'>, extraCss: string[] = []): string {
  const styles = [...result.css, ...extraCss]
    .map((css) => `<style>\n${css.replace(/<\/style/gi, '<\\/style')}\n</style>`)
    .join('\n');
  const html = result.html;
  const head = html.search(/<\/head>/i);
  if (head >= 0) return html.slice(0, head) + styles + '\n' + html.slice(head);
  const body = html.search(/<body[\s>]/i);
  if (body >= 0) return html.slice(0, body) + `<head>${styles}</head>\n` + html.slice(body);
  return `<!DOCTYPE html>\n<html><head><meta charset="utf-8">${styles}</head><body>${html}</body></html>\n`;
}
