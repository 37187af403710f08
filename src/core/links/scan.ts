// Every link of a Markdown document with where its target is written: `[t](url)`, `![a](url)`,
// `[ref]: url`, `<a href>`, `<img src>`, `{% post_url name %}`, `{% link path %}`. Line based; fenced and
// indented code and inline code are skipped. The link rules, renames and completion all read this.

import { plainLineStart } from './headings';

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

/** Where `needle` next occurs in `text` at or after a position; positions asked for only grow (each search starts past the last hit). */
function nextOf(text: string, needle: string): (at: number) => number {
  let found = -2;
  return (at) => {
    if (found !== -1 && found < at) found = text.indexOf(needle, at);
    return found < 0 ? Infinity : found;
  };
}

export function findLinks(text: string, from = 0): FoundLink[] {
  const out: FoundLink[] = [];
  let fence: string | undefined;
  let pos = from;
  // A prose line (plainLineStart) needs scanning only when it holds one of these.
  const paren = nextOf(text, '](');
  const colon = nextOf(text, ']:');
  const tag = nextOf(text, '{%');
  const angle = nextOf(text, '<');
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const base = pos;
    pos = nl + 1;
    if (base < nl && plainLineStart(text.charCodeAt(base))) {
      // Not a fence, not indented: in a fence it is code, else it is scanned when it may hold a link.
      if (!fence && (paren(base) < nl || colon(base) < nl || tag(base) < nl || (angle(base) < nl && /<(a|img)\b/i.test(text.slice(base, nl))))) scanLine(text.slice(base, nl), base, out);
      if (nl >= text.length) break;
      continue;
    }
    const line = text.slice(base, nl);
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
    } else if (f) fence = f[1];
    else if (!/^( {4}|\t)/.test(line) && (line.includes('](') || line.includes(']:') || line.includes('{%') || /<(a|img)\b/i.test(line))) scanLine(line, base, out);
    if (nl >= text.length) break;
  }
  return out.sort((a, b) => a.start - b.start);
}

function scanLine(line: string, base: number, out: FoundLink[]): void {
  const masked = line.includes('`') ? line.replace(/`+[^`]*`+/g, (m) => ' '.repeat(m.length)) : line;
  const liquidStarts = new Set<number>();
  for (const m of masked.matchAll(LIQUID)) {
    let arg = m[2];
    let start = m.index + m[0].indexOf(arg, m[1].length + 2);
    if (/^["']/.test(arg)) { arg = arg.slice(1, -1); start += 1; }
    const link: FoundLink = { kind: m[1] as 'post_url' | 'link', target: arg, start: base + start, end: base + start + arg.length };
    if (m[3] && m[3].length > 1) {
      const fs = m.index + m[0].length - m[3].length + 1;
      link.fragment = { text: m[3].slice(1), start: base + fs, end: base + fs + m[3].length - 1 };
    }
    out.push(link);
    liquidStarts.add(m.index);
  }
  const def = masked.includes(']:') ? DEFINITION.exec(masked) : null;
  if (def && !def[1].startsWith('^')) push(out, 'definition', def[2], base + def.index + def[0].length - def[2].length);
  if (masked.includes('](')) for (const m of masked.matchAll(INLINE)) push(out, m[1] ? 'image' : 'markdown', m[3], base + m.index + m[0].length - m[3].length);
  if (masked.includes('<')) for (const m of masked.matchAll(HTML_ATTR)) {
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
