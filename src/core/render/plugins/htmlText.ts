// The text of an HTML fragment, transformed node by node the way html-pipeline's filters do it
// (jemoji, jekyll-mentions): text inside some elements (`pre`, `code`, `a`, …) is left alone.

const TAG = /<!--[\s\S]*?-->|<\/?([A-Za-z][\w:-]*)\b(?:[^>"']|"[^"]*"|'[^']*')*>/g;
const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/**
 * `html` with `fn` applied to every run of text (as written, entities and all) that is not inside an
 * element named in `ignore`. Tags and comments are kept as they are.
 */
export function mapHtmlText(html: string, ignore: ReadonlySet<string>, fn: (text: string) => string): string {
  let out = '';
  let last = 0;
  // Open ignored elements, innermost last (a stack so `<code>` inside `<pre>` closes right).
  const open: string[] = [];
  TAG.lastIndex = 0;
  for (let m = TAG.exec(html); m; m = TAG.exec(html)) {
    const text = html.slice(last, m.index);
    out += open.length || !text ? text : fn(text);
    out += m[0];
    last = m.index + m[0].length;
    const name = m[1]?.toLowerCase();
    if (!name || VOID.has(name) || m[0].endsWith('/>')) continue;
    if (m[0][1] === '/') {
      const i = open.lastIndexOf(name);
      if (i >= 0) open.length = i;
    } else if (ignore.has(name)) open.push(name);
  }
  const rest = html.slice(last);
  return out + (open.length || !rest ? rest : fn(rest));
}

/** The part of a page jemoji and jekyll-mentions work on: the body when there is one, else all of it. */
export function mapBody(html: string, fn: (body: string) => string): string {
  const open = /<body(.*?)>\s*/s.exec(html);
  if (!open) return fn(html);
  const start = open.index + open[0].length;
  const end = html.indexOf('</body>', start);
  const stop = end < 0 ? html.length : end;
  return html.slice(0, start) + fn(html.slice(start, stop)) + html.slice(stop);
}
