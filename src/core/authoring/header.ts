// Writing front-matter values as text (YAML or TOML) and replacing one top-level key of a header in
// place, line by line, so the author's comments, quoting and key order elsewhere stay as they are.
import type { FrontMatterStyle } from '../site/profile';

/** A value to write: text, a list, a boolean, or text written as is (a date). */
export type HeaderValue = string | readonly string[] | boolean | { raw: string };

const YAML11_SPECIAL = /^(?:y|Y|yes|Yes|YES|n|N|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF|null|Null|NULL|~)$/;
// Letters, digits and a few inner punctuation marks; nothing YAML reads as an indicator (`:`, `#`, `,`, `[`, quotes, …).
const YAML_PLAIN = /^[\p{L}\p{N}](?:[\p{L}\p{N} ._/+-]*[\p{L}\p{N}._+-])?$/u;
const NUMBERISH = /^[-+.\d][\d._:eE+-]*$/;

/** A YAML scalar for `s`: plain when that reads back as the same string, else double-quoted. */
export function yamlScalar(s: string): string {
  return YAML_PLAIN.test(s) && !YAML11_SPECIAL.test(s) && !NUMBERISH.test(s) ? s : JSON.stringify(s);
}

/** A TOML basic string (JSON's escapes are all valid TOML escapes). */
export function tomlString(s: string): string {
  return JSON.stringify(s);
}

/** How `value` is written after `key: ` (YAML) or `key = ` (TOML). */
export function renderValue(value: HeaderValue, style: FrontMatterStyle): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'object' && !Array.isArray(value)) return (value as { raw: string }).raw;
  if (Array.isArray(value)) {
    const items = (value as readonly string[]).map((v) => (style === 'toml' ? tomlString(v) : yamlScalar(v)));
    return `[${items.join(', ')}]`;
  }
  return style === 'toml' ? tomlString(value as string) : yamlScalar(value as string);
}

export function keyLine(key: string, value: HeaderValue, style: FrontMatterStyle): string {
  return style === 'toml' ? `${key} = ${renderValue(value, style)}` : `${key}: ${renderValue(value, style)}`;
}

export interface HeaderBounds {
  style: FrontMatterStyle;
  eol: '\n' | '\r\n';
  /** Offset of the first line inside the header. */
  start: number;
  /** Offset of the closing delimiter line. */
  end: number;
  /** Offset just past the closing delimiter's line break (where the body starts). */
  bodyStart: number;
}

/** The header of `text` (`---` YAML or `+++` TOML, closed), or undefined. */
export function headerBounds(text: string): HeaderBounds | undefined {
  const bom = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const m = /^(---|\+\+\+)[ \t]*(\r?\n)/.exec(text.slice(bom));
  if (!m) return undefined;
  const style: FrontMatterStyle = m[1] === '+++' ? 'toml' : 'yaml';
  const eol = m[2] === '\r\n' ? '\r\n' : '\n';
  const start = bom + m[0].length;
  const close = style === 'toml' ? /^\+\+\+[ \t]*$/ : /^(---|\.\.\.)[ \t]*$/;
  let pos = start;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    if (close.test(text.slice(pos, nl).replace(/\r$/, ''))) return { style, eol, start, end: pos, bodyStart: Math.min(nl + 1, text.length) };
    if (nl >= text.length) return undefined;
    pos = nl + 1;
  }
  return undefined;
}

export interface HeaderEntry {
  key: string;
  /** The entry's text after `key:` / `key =` on its first line, trimmed. */
  inline: string;
  /** Whole lines of the entry: [lineStart, lineEnd) including the last line break. */
  lineStart: number;
  lineEnd: number;
  /** True when the entry holds no value (`key:`, `key: ""`, `key: []`, `key = ""`). */
  empty: boolean;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Every top-level entry named `key` in the header, in order. */
export function findEntries(text: string, key: string, h: HeaderBounds | undefined = headerBounds(text)): HeaderEntry[] {
  if (!h) return [];
  const re = h.style === 'toml'
    ? new RegExp(`^(?:${escapeRe(key)}|"${escapeRe(key)}")[ \\t]*=[ \\t]*(.*?)[ \\t]*\\r?$`)
    : new RegExp(`^(?:${escapeRe(key)}|"${escapeRe(key)}"|'${escapeRe(key)}')[ \\t]*:(?:[ \\t]+(.*?))?[ \\t]*\\r?$`);
  const lines: { start: number; end: number; text: string }[] = [];
  for (let pos = h.start; pos < h.end;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl >= h.end) nl = h.end - 1;
    lines.push({ start: pos, end: nl + 1, text: text.slice(pos, nl).replace(/\r$/, '') });
    pos = nl + 1;
  }
  const out: HeaderEntry[] = [];
  for (let i = 0; i < lines.length; i++) {
    const m = re.exec(lines[i].text);
    if (!m) continue;
    const inline = (m[1] ?? '').replace(/\s+#.*$/, '');
    let j = i + 1;
    if (h.style === 'yaml') {
      // Continuation: indented lines, `- item` lines of a block list, blank lines between them.
      while (j < lines.length && (/^[ \t]+\S/.test(lines[j].text) || /^-[ \t]/.test(lines[j].text) || lines[j].text === '-')) j++;
    } else if (inline.startsWith('[') && !balanced(inline)) {
      // A TOML array over several lines ends on the line that closes it.
      let depth = bracketDepth(inline);
      while (j < lines.length && depth > 0) depth += bracketDepth(lines[j++].text);
    } else if (/^("""|''')/.test(inline) && !inline.slice(3).includes(inline.slice(0, 3))) {
      const q = inline.slice(0, 3);
      while (j < lines.length && !lines[j].text.includes(q)) j++;
      j = Math.min(j + 1, lines.length);
    }
    const multiline = j > i + 1;
    const empty = !multiline && (inline === '' || inline === '""' || inline === "''" || inline === '[]' || inline === '~' || inline === 'null');
    out.push({ key, inline, lineStart: lines[i].start, lineEnd: lines[j - 1].end, empty });
    i = j - 1;
  }
  return out;
}

function bracketDepth(s: string): number {
  let depth = 0;
  let quote = '';
  for (const c of s) {
    if (quote) { if (c === quote) quote = ''; continue; }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#') break;
    else if (c === '[') depth++;
    else if (c === ']') depth--;
  }
  return depth;
}

const balanced = (s: string) => bracketDepth(s) <= 0;

export interface SetOptions {
  /** Leave a key that already has a value alone. */
  onlyIfEmpty?: boolean;
  /** Where to add the key when the header lacks it: after the opening line, before the closing one, or not at all. */
  insert?: 'top' | 'bottom' | false;
  /** Add it right after this key when present (else where `insert` says). */
  after?: string;
}

/**
 * `text` with the top-level `key` set to `value` (the last entry wins, as in Jekyll; earlier duplicates
 * are left for the validator to report). Without a header, one is added when `insert` allows.
 */
export function setHeaderValue(text: string, key: string, value: HeaderValue, options: SetOptions = {}): string {
  const insert = options.insert ?? 'bottom';
  const h = headerBounds(text);
  if (!h) {
    if (insert === false) return text;
    const eol = text.includes('\r\n') ? '\r\n' : '\n';
    return `---${eol}${keyLine(key, value, 'yaml')}${eol}---${eol}${text}`;
  }
  const line = keyLine(key, value, h.style);
  const entries = findEntries(text, key, h);
  const last = entries[entries.length - 1];
  if (last) {
    if (options.onlyIfEmpty && !last.empty) return text;
    return text.slice(0, last.lineStart) + line + h.eol + text.slice(last.lineEnd);
  }
  if (insert === false) return text;
  if (options.after) {
    const anchor = findEntries(text, options.after, h).pop();
    if (anchor) return text.slice(0, anchor.lineEnd) + line + h.eol + text.slice(anchor.lineEnd);
  }
  const at = insert === 'top' ? h.start : h.end;
  // A header whose last line lacks a line break cannot happen: the closing line follows a break.
  return text.slice(0, at) + line + h.eol + text.slice(at);
}

/** `text` without the top-level `key` (every entry of it). */
export function removeHeaderKey(text: string, key: string): string {
  const entries = findEntries(text, key);
  for (const e of [...entries].reverse()) text = text.slice(0, e.lineStart) + text.slice(e.lineEnd);
  return text;
}
