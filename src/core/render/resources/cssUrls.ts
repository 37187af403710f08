// `url(…)` in CSS: the site's stylesheets, `<style>` elements and `style="…"` attributes of layouts and
// posts all point at the site's files this way (header background images, fonts, icons). One scanner
// for every place; what a URL becomes is the caller's resolver (the site's ResourceResolver).

/** What a `url(…)` becomes: a new URL, `none` (a missing or blocked image: no request at all), or kept as written. */
export type CssUrlTarget = { url: string } | { none: true } | undefined;

// url( <ws> "…" | '…' | unquoted <ws> ): quoted strings may hold `)`, unquoted ones may not.
const CSS_URL = /url\(\s*(?:"((?:[^"\\\n]|\\[\s\S])*)"|'((?:[^'\\\n]|\\[\s\S])*)'|((?:[^'"()\\\s]|\\[\s\S])*))\s*\)/gi;

/** CSS escapes (`\28`, `\)`) inside a url() token, undone. */
function unescapeCss(s: string): string {
  return s.replace(/\\([0-9a-f]{1,6}\s?|[\s\S])/gi, (_, e: string) => {
    if (/^[0-9a-f]/i.test(e) && /^[0-9a-f]{1,6}\s?$/i.test(e)) {
      const cp = parseInt(e, 16);
      return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd';
    }
    return e === '\n' ? '' : e;
  });
}

/** A URL written back as a CSS string: quotes, backslashes and line breaks escaped. */
export function cssString(url: string): string {
  return `"${url.replace(/["\\\n\r\f]/g, (c) => `\\${c.charCodeAt(0).toString(16)} `)}"`;
}

/** Calls `resolve` with each `url(…)` of `css` (unescaped, trimmed) and writes back what it answers. */
export function mapCssUrls(css: string, resolve: (url: string) => CssUrlTarget): string {
  if (!/url\(/i.test(css)) return css;
  return css.replace(CSS_URL, (all, dq: string | undefined, sq: string | undefined, bare: string | undefined) => {
    const url = unescapeCss(dq ?? sq ?? bare ?? '').trim();
    if (url === '') return all;
    const r = resolve(url);
    if (!r) return all;
    return 'none' in r ? 'none' : `url(${cssString(r.url)})`;
  });
}
