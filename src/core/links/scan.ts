// Every link of a Markdown document with where its target is written: `[t](url)`, `![a](url)`,
// `[ref]: url`, `<a href>`, `<img src>`, `{% post_url name %}`, `{% link path %}`. Line based; fenced and
// indented code and inline code are skipped. The link rules, renames and completion all read this.

import { sortedByStart } from '../text/sorted';

export type LinkKind = 'markdown' | 'image' | 'definition' | 'html' | 'post_url' | 'link';

export interface FoundLink {
  kind: LinkKind;
  /** The target as written, without `<…>`; for Liquid tags the tag's argument (`2021-08-19-x`, `_posts/x.md`). */
  target: string;
  /** Offsets of `target` in the text. */
  start: number;
  end: number;
  /** Liquid tags: a `#fragment` written right after the tag (`{% post_url x %}#usage`), without `#`. */
  fragment?: { text: string; start: number; end: number };
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const INLINE = /(!?)\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>\n]*>|(?:\{\{[^}]*\}\})+[^\s)]*|[^\s)]+)/g;
const DEFINITION = /^ {0,3}\[([^\]]+)\]:[ \t]*(<[^>\n]*>|(?:\{\{[^}]*\}\})+\S*|\S+)/;
const HTML_ATTR = /<(a|img)\b[^>]*?\b(href|src)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const LIQUID = /\{%-?\s*(post_url|link)\s+((?:"[^"]*"|'[^']*'|[^\s%])+)\s*-?%\}(#[^\s)"'<>\]]*)?/g;

const INDENTED = /^( {4}|\t)/;
const HTML_LINK = /<(a|img)\b/i;

export function findLinks(text: string, from = 0): FoundLink[] {
  const out: FoundLink[] = [];
  let fence: string | undefined;
  // Only a line holding link syntax or a fence mark can matter: jump between those with indexOf (a
  // needle never spans a line break) rather than visiting every line. The lines reached are decided
  // as before: a fence opens or closes; outside one, an unindented line with link syntax is scanned.
  const next = (needle: string, at: number) => {
    const i = text.indexOf(needle, at);
    return i < 0 ? Infinity : i;
  };
  let nParen = next('](', from);
  let nColon = next(']:', from);
  let nTag = next('{%', from);
  let nAngle = next('<', from);
  let nTick = next('```', from);
  let nTilde = next('~~~', from);
  for (;;) {
    const m = Math.min(nParen, nColon, nTag, nAngle, nTick, nTilde);
    if (m === Infinity) break;
    const base = Math.max(from, text.lastIndexOf('\n', m - 1) + 1);
    let nl = text.indexOf('\n', m);
    if (nl < 0) nl = text.length;
    const line = text.slice(base, nl);
    // Every needle's next place is at or after this line's start (the earliest is `m`), so a needle is
    // on this line exactly when its place is before `nl`: that answers line.includes(needle), and a
    // line without ``` or ~~~ cannot be a fence.
    const f = nTick < nl || nTilde < nl ? FENCE.exec(line) : null;
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
    } else if (f) fence = f[1];
    else if (!INDENTED.test(line) && (nParen < nl || nColon < nl || nTag < nl || (nAngle < nl && HTML_LINK.test(line)))) scanLine(line, base, out);
    const after = nl + 1;
    if (nParen < after) nParen = next('](', after);
    if (nColon < after) nColon = next(']:', after);
    if (nTag < after) nTag = next('{%', after);
    if (nAngle < after) nAngle = next('<', after);
    if (nTick < after) nTick = next('```', after);
    if (nTilde < after) nTilde = next('~~~', after);
  }
  return sortedByStart(out);
}

function scanLine(line: string, base: number, out: FoundLink[]): void {
  LIQUID.lastIndex = INLINE.lastIndex = HTML_ATTR.lastIndex = 0;
  const masked = line.includes('`') ? line.replace(/`+[^`]*`+/g, (m) => ' '.repeat(m.length)) : line;
  // exec on the shared patterns (matchAll would copy the pattern for each line).
  if (masked.includes('{%')) for (let m: RegExpExecArray | null; (m = LIQUID.exec(masked));) {
    let arg = m[2];
    let start = m.index + m[0].indexOf(arg, m[1].length + 2);
    if (/^["']/.test(arg)) { arg = arg.slice(1, -1); start += 1; }
    const link: FoundLink = { kind: m[1] as 'post_url' | 'link', target: arg, start: base + start, end: base + start + arg.length };
    if (m[3] && m[3].length > 1) {
      const fs = m.index + m[0].length - m[3].length + 1;
      link.fragment = { text: m[3].slice(1), start: base + fs, end: base + fs + m[3].length - 1 };
    }
    out.push(link);
  }
  const def = masked.includes(']:') ? DEFINITION.exec(masked) : null;
  if (def && !def[1].startsWith('^')) push(out, 'definition', def[2], base + def.index + def[0].length - def[2].length);
  if (masked.includes('](')) for (let m: RegExpExecArray | null; (m = INLINE.exec(masked));) push(out, m[1] ? 'image' : 'markdown', m[3], base + m.index + m[0].length - m[3].length);
  if (masked.includes('<')) for (let m: RegExpExecArray | null; (m = HTML_ATTR.exec(masked));) {
    const url = m[3] ?? m[4] ?? m[5] ?? '';
    const quoted = m[3] !== undefined || m[4] !== undefined;
    push(out, m[1].toLowerCase() === 'img' ? 'image' : 'html', url, base + m.index + m[0].length - url.length - (quoted ? 1 : 0));
  }
}

function push(out: FoundLink[], kind: LinkKind, written: string, start: number): void {
  let url = written;
  if (url.startsWith('<') && url.endsWith('>')) { url = url.slice(1, -1); start += 1; }
  // A Liquid tag as the target is its own link (found above).
  if (url.includes('{%')) return;
  out.push({ kind, target: url, start, end: start + url.length });
}
