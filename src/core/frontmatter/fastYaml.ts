// Fast path for the front matter nearly every post has: top-level `key: value` lines whose values are
// plain or quoted one-line scalars, one-line flow lists of such scalars, or block lists of them.
// It is ~20x quicker than composing a yaml Document, which is what makes whole-blog checks cheap.
// Anything outside that subset returns undefined and the yaml library takes over, so the two can only
// disagree where this file is wrong; the fuzz test compares them on every input this path accepts.
import type { FmEntry, FmNode } from './types';

// YAML 1.1's booleans and null, every spelling: one map lookup instead of three regexes per short scalar.
// The patterns they spell out: /^(?:Y|y|[Yy]es|YES|[Tt]rue|TRUE|[Oo]n|ON)$/, /^(?:N|n|[Nn]o|NO|[Ff]alse|FALSE|[Oo]ff|OFF)$/, /^(?:null|Null|NULL)$/.
const WORDS = new Map<string, boolean | null>([
  ...['Y', 'y', 'Yes', 'yes', 'YES', 'True', 'true', 'TRUE', 'On', 'on', 'ON'].map((w) => [w, true] as const),
  ...['N', 'n', 'No', 'no', 'NO', 'False', 'false', 'FALSE', 'Off', 'off', 'OFF'].map((w) => [w, false] as const),
  ...['null', 'Null', 'NULL'].map((w) => [w, null] as const),
]);
// YAML 1.1 timestamp, as the yaml library (and Ruby's Psych) read it.
const TIMESTAMP = /^([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})(?:(?:t|T|[ \t]+)([0-9]{1,2}):([0-9]{1,2}):([0-9]{1,2}(\.[0-9]+)?)(?:[ \t]*(Z|[-+][012]?[0-9](?::[0-9]{2})?))?)?$/;
// Characters that make a line need the real parser: tabs, controls, BOM, YAML 1.1 line breaks.
const OTHER_NUMBER = [
  /^[-+]?0b[0-1_]+$/, /^[-+]?0[0-7_]+$/, /^[-+]?[0-9][0-9_]*$/, /^[-+]?0x[0-9a-fA-F_]+$/,
  /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/,
  /^[-+]?(?:[0-9][0-9_]*)?(?:\.[0-9_]*)?[eE][-+]?[0-9]+$/, /^[-+]?(?:[0-9][0-9_]*)?\.[0-9_]*$/,
];
// eslint-disable-next-line no-control-regex
const HARD = /[\t\x00-\x08\x0b-\x1f\x7f\x85\u2028\u2029\ufeff\ufffd\ufffe\uffff]/;

/** [A-Za-z_], and after the first character [0-9-] too. */
const isKeyChar = (c: number, first: boolean) => (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || (!first && ((c >= 48 && c <= 57) || c === 45));

/**
 * A `key: value` line read as /^([A-Za-z_][A-Za-z0-9_-]*)( *):(?:( +)(.*))?$/ reads it, without the
 * regex and its captures (one for every line of every post): where the key ends, the colon's index,
 * and where the value starts after the spaces (-1 when the line ends at the colon). `(.*)$` always
 * takes the rest of the line: the caller has turned away lines with a line break other than `\n`.
 */
function keyLine(line: string): { keyEnd: number; colon: number; valueAt: number } | undefined {
  if (!isKeyChar(line.charCodeAt(0), true)) return undefined;
  let i = 1;
  while (i < line.length && isKeyChar(line.charCodeAt(i), false)) i++;
  const keyEnd = i;
  while (line.charCodeAt(i) === 32) i++;
  if (line.charCodeAt(i) !== 58) return undefined;
  const colon = i;
  if (colon + 1 === line.length) return { keyEnd, colon, valueAt: -1 };
  if (line.charCodeAt(colon + 1) !== 32) return undefined;
  let valueAt = colon + 1;
  while (line.charCodeAt(valueAt) === 32) valueAt++;
  return { keyEnd, colon, valueAt };
}

export interface FastResult { entries: FmEntry[]; data: Record<string, unknown> }

class Unsupported { }
const UNSUPPORTED = new Unsupported();

function timestamp(m: RegExpMatchArray): Date {
  const [, year, month, day, hour, minute, second] = m.map(Number);
  const millisec = m[7] ? Number((m[7] + '00').substr(1, 3)) : 0;
  let date = Date.UTC(year, month - 1, day, hour || 0, minute || 0, second || 0, millisec);
  const tz = m[8];
  if (tz && tz !== 'Z') {
    const sign = tz[0] === '-' ? -1 : 1;
    const [h, mm] = tz.slice(1).split(':');
    let d = sign * (mm === undefined ? Number(h) : Number(h) * 60 + Number(mm));
    if (Math.abs(d) < 30) d *= 60;
    date -= 60000 * d;
  }
  return new Date(date);
}

/** The value of a plain scalar, or UNSUPPORTED for forms left to the yaml library. */
function resolvePlain(s: string): unknown {
  const c = s.charCodeAt(0);
  if (c >= 48 && c <= 57) {
    if (/^(?:0|[1-9][0-9]{0,14})$/.test(s)) return Number(s);
    const m = TIMESTAMP.exec(s);
    if (m) return timestamp(m);
    // Other YAML 1.1 numbers (octal, hex, 1_000, 1:30, floats) are left to the library; the rest,
    // such as Jekyll's `2021-08-19 10:00:00 +0800`, is plain text there too.
    // None of those forms has a space, which a date with a time always has.
    if (!s.includes(' ') && OTHER_NUMBER.some((re) => re.test(s))) return UNSUPPORTED;
    return s;
  }
  if (s.length <= 5) {
    const word = WORDS.get(s);
    if (word !== undefined) return word;
  }
  return s;
}

// First characters a plain scalar may not start with in this subset (YAML indicators and number signs).
const PLAIN_START_BAD = new Set('-?:,[]{}#&*!|>\'"%@`~+.= ');

interface Scanned { node: FmNode; next: number }

function scanQuoted(line: string, i: number, base: number): Scanned | Unsupported {
  const q = line[i];
  if (q === '"') {
    const close = line.indexOf('"', i + 1);
    if (close < 0) return UNSUPPORTED;
    const inner = line.slice(i + 1, close);
    if (inner.includes('\\')) return UNSUPPORTED;
    return { node: { kind: 'scalar', value: inner, start: base + i, end: base + close + 1, style: 'double' }, next: close + 1 };
  }
  let j = i + 1;
  let value = '';
  for (;;) {
    const k = line.indexOf("'", j);
    if (k < 0) return UNSUPPORTED;
    value += line.slice(j, k);
    if (line[k + 1] === "'") { value += "'"; j = k + 2; continue; }
    return { node: { kind: 'scalar', value, start: base + i, end: base + k + 1, style: 'single' }, next: k + 1 };
  }
}

/** After a value: nothing, or spaces and a comment. */
function restIsEmpty(line: string, i: number): boolean {
  const rest = line.slice(i);
  if (rest.trim() === '') return true;
  return /^ +#/.test(rest);
}

/** Where [from, end) of `line` ends without its trailing spaces: `.slice(from, end).replace(/ +$/, '')` without the regex. */
function withoutTrailingSpaces(line: string, from: number, end: number): number {
  while (end > from && line.charCodeAt(end - 1) === 32) end--;
  return end;
}

function scanBlockScalar(line: string, i: number, base: number, allowFlow: boolean): Scanned | Unsupported {
  const c = line[i];
  if (c === '"' || c === "'") {
    const r = scanQuoted(line, i, base);
    if (r instanceof Unsupported || !restIsEmpty(line, r.next)) return UNSUPPORTED;
    return r;
  }
  if (c === '[' && allowFlow) return scanFlowSeq(line, i, base);
  if (PLAIN_START_BAD.has(c)) return UNSUPPORTED;
  let end = line.length;
  const hash = line.indexOf(' #', i);
  if (hash >= 0) end = hash;
  const raw = line.slice(i, withoutTrailingSpaces(line, i, end));
  if (raw.includes(': ') || raw.endsWith(':')) return UNSUPPORTED;
  const value = resolvePlain(raw);
  if (value === UNSUPPORTED) return UNSUPPORTED;
  return { node: { kind: 'scalar', value, start: base + i, end: base + i + raw.length, style: 'plain' }, next: line.length };
}

function scanFlowSeq(line: string, i: number, base: number): Scanned | Unsupported {
  const items: FmNode[] = [];
  let j = i + 1;
  let expectItem = true;
  for (;;) {
    while (line[j] === ' ') j++;
    if (j >= line.length) return UNSUPPORTED;
    const c = line[j];
    if (c === ']') {
      if (items.length && expectItem) return UNSUPPORTED; // trailing comma: leave it to the real parser
      j++;
      break;
    }
    if (!expectItem) {
      if (c !== ',') return UNSUPPORTED;
      j++;
      expectItem = true;
      continue;
    }
    if (c === '"' || c === "'") {
      const r = scanQuoted(line, j, base);
      if (r instanceof Unsupported) return UNSUPPORTED;
      items.push(r.node);
      j = r.next;
    } else {
      if (PLAIN_START_BAD.has(c)) return UNSUPPORTED;
      let k = j;
      while (k < line.length && !',[]{}#:"\''.includes(line[k])) k++;
      if (k >= line.length || (line[k] !== ',' && line[k] !== ']')) return UNSUPPORTED;
      const raw = line.slice(j, withoutTrailingSpaces(line, j, k));
      const value = resolvePlain(raw);
      if (value === UNSUPPORTED) return UNSUPPORTED;
      items.push({ kind: 'scalar', value, start: base + j, end: base + j + raw.length, style: 'plain' });
      j = k;
    }
    expectItem = false;
  }
  if (!restIsEmpty(line, j)) return UNSUPPORTED;
  return {
    node: { kind: 'seq', value: items.map((n) => n.value), start: base + i, end: base + j, flow: true, items },
    next: j,
  };
}

/** Parses [start, end) of `text` when it is in the subset; undefined otherwise. */
export function fastParseYaml(text: string, start: number, end: number): FastResult | undefined {
  const entries: FmEntry[] = [];
  let pending: FmEntry | undefined; // a key with no value yet: block list items may follow
  let itemIndent = -1;
  let pos = start;
  while (pos < end) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > end) nl = end;
    let lineEnd = nl;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    const line = text.slice(pos, lineEnd);
    const base = pos;
    const lineStart = pos;
    pos = nl + 1;
    if (HARD.test(line) || line.includes('\r')) return undefined;
    let indent = 0;
    while (line.charCodeAt(indent) === 32) indent++;
    if (indent === line.length || line[indent] === '#') continue;
    const c = line[indent];
    if (c === '-' && (line.length === indent + 1 || line[indent + 1] === ' ')) {
      if (!pending) return undefined;
      if (itemIndent < 0) itemIndent = indent;
      else if (indent !== itemIndent) return undefined;
      let v = indent + 1;
      while (line[v] === ' ') v++;
      if (v >= line.length || line[v] === '#') return undefined; // null item
      const r = scanBlockScalar(line, v, base, false);
      if (r instanceof Unsupported) return undefined;
      const node = pending.node;
      if (node.kind !== 'seq') {
        pending.node = { kind: 'seq', value: [], start: base + indent, end: r.node.end, flow: false, items: [] };
      }
      const seq = pending.node;
      seq.items!.push(r.node);
      (seq.value as unknown[]).push(r.node.value);
      seq.end = r.node.end;
      pending.lineEnd = Math.min(pos, end);
      continue;
    }
    if (indent > 0) return undefined;
    const k = keyLine(line);
    if (!k) return undefined;
    const key = line.slice(0, k.keyEnd);
    if ((key.length <= 5 && WORDS.has(key)) || key === '__proto__') return undefined;
    const { colon, valueAt } = k;
    const keyEnd = base + key.length;
    let node: FmNode;
    // No value, or only spaces, or a comment after the colon's spaces.
    if (valueAt < 0 || valueAt === line.length || line.charCodeAt(valueAt) === 35) {
      node = { kind: 'null', value: null, start: base + colon + 1, end: base + colon + 1 };
    } else {
      const r = scanBlockScalar(line, valueAt, base, true);
      if (r instanceof Unsupported) return undefined;
      node = r.node;
    }
    const entry: FmEntry = { key, keyStart: base, keyEnd, node, lineStart, lineEnd: Math.min(pos, end) };
    entries.push(entry);
    pending = node.kind === 'null' ? entry : undefined;
    itemIndent = -1;
  }
  const data: Record<string, unknown> = {};
  for (const e of entries) data[e.key] = e.node.value;
  return { entries, data };
}
