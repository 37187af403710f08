// JSON with comments, as VS Code writes `.vscode/settings.json`: `//` and `/* */` comments and trailing
// commas are allowed. They are blanked out (strings left alone) and JSON.parse reads the rest, so an
// error's position still points into the original text.

/** Parses JSONC; throws a SyntaxError as JSON.parse does. */
export function parseJsonc(text: string): unknown {
  const src = text.replace(/^\uFEFF/, ' ');
  const out = src.split('');
  const blank = (from: number, to: number) => { for (let k = from; k < to; k++) if (out[k] !== '\n' && out[k] !== '\r') out[k] = ' '; };
  /** Where the comment starting at `i` ends (exclusive), or `i` when there is none. */
  const commentEnd = (i: number): number => {
    if (src[i] !== '/') return i;
    if (src[i + 1] === '/') { const nl = src.slice(i).search(/[\r\n]/); return nl < 0 ? src.length : i + nl; }
    if (src[i + 1] === '*') { const close = src.indexOf('*/', i + 2); return close < 0 ? src.length : close + 2; }
    return i;
  };
  let commaAt = -1;
  for (let i = 0; i < src.length;) {
    const c = src[i];
    const end = commentEnd(i);
    if (end > i) { blank(i, end); i = end; continue; }
    if (c === '"') {
      commaAt = -1;
      for (i++; i < src.length && src[i] !== '"'; i++) if (src[i] === '\\') i++;
      i++;
      continue;
    }
    if ((c === '}' || c === ']') && commaAt >= 0) out[commaAt] = ' ';
    if (c === ',') commaAt = i;
    else if (!/\s/.test(c)) commaAt = -1;
    i++;
  }
  return JSON.parse(out.join(''));
}
