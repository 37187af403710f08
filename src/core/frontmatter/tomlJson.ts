// `+++` TOML (Hugo) and `;;;` JSON (Hexo) front matter. Their parsers give no node positions, so
// top-level keys are located by a light scan; list items get no positions (rules then point at the
// whole value and offer no item-level fixes).
import { parse as parseToml } from 'smol-toml';
import { t } from '../text/l10n';
import { endOfLineIncludingBreak } from '../text/lineIndex';
import type { FmEntry, FmError, FmNode, FrontMatterParse } from './types';

type Result = Pick<FrontMatterParse, 'entries' | 'data' | 'root' | 'rootRange' | 'errors'>;

function nodeFor(value: unknown, start: number, end: number, raw: string): FmNode {
  const kind: FmNode['kind'] = Array.isArray(value) ? 'seq' : value !== null && typeof value === 'object' && !(value instanceof Date) ? 'map' : 'scalar';
  const style = kind !== 'scalar' ? undefined : raw.startsWith('"') ? 'double' : raw.startsWith("'") ? 'single' : 'plain';
  return { kind, value: value instanceof Date ? value : value, start, end, style, flow: kind === 'scalar' ? undefined : true };
}

function toData(v: unknown): Record<string, unknown> {
  // smol-toml returns its own date class; Jekyll-style rules want plain Dates or strings.
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) out[k] = x instanceof Date ? new Date(x.getTime()) : x;
  return out;
}

export function tomlParse(text: string, start: number, end: number): Result {
  const src = text.slice(start, end);
  let data: Record<string, unknown>;
  try {
    data = toData(parseToml(src));
  } catch (e) {
    const err = e as { message?: string; line?: number; column?: number };
    let at = start;
    if (typeof err.line === 'number') {
      let off = 0;
      for (let l = 1; l < err.line; l++) off = src.indexOf('\n', off) + 1;
      at = start + off + Math.max(0, (err.column ?? 1) - 1);
    }
    const first = (err.message ?? 'invalid TOML').split('\n')[0];
    const errors: FmError[] = [{ message: t('The front matter is not valid TOML: {0}', first), start: at, end: Math.min(at + 1, end), code: 'TOML' }];
    return { entries: [], data: undefined, root: 'invalid', errors };
  }
  const entries: FmEntry[] = [];
  let pos = start;
  while (pos < end) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0 || nl > end) nl = end;
    const line = text.slice(pos, nl).replace(/\r$/, '');
    if (/^\s*\[/.test(line)) break; // tables start: later keys are not top level
    const m = /^(\s*)("(?:[^"\\]|\\.)*"|'[^']*'|[A-Za-z0-9_-]+)(\s*)=(\s*)(.*?)\s*(#.*)?$/.exec(line);
    if (m) {
      const key = m[2].startsWith('"') ? JSON.parse(m[2]) as string : m[2].startsWith("'") ? m[2].slice(1, -1) : m[2];
      const keyStart = pos + m[1].length;
      const keyEnd = keyStart + m[2].length;
      const vStart = keyEnd + m[3].length + 1 + m[4].length;
      const vEnd = vStart + m[5].length;
      if (Object.hasOwn(data, key)) entries.push({ key, keyStart, keyEnd, node: nodeFor(data[key], vStart, vEnd, m[5]), lineStart: pos, lineEnd: Math.min(endOfLineIncludingBreak(text, pos), end) });
    }
    pos = nl + 1;
  }
  return { entries, data, root: 'map', errors: [] };
}

export function jsonParse(text: string, start: number, end: number): Result {
  const src = text.slice(start, end);
  const braced = src.trim().startsWith('{');
  let parsed: unknown;
  try {
    parsed = JSON.parse(braced ? src : `{${src}}`);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const p = /position (\d+)/.exec(msg);
    const at = start + Math.min(src.length, Math.max(0, p ? Number(p[1]) - (braced ? 0 : 1) : 0));
    return { entries: [], data: undefined, root: 'invalid', errors: [{ message: t('The front matter is not valid JSON: {0}', msg.split('\n')[0]), start: at, end: Math.min(at + 1, end), code: 'JSON' }] };
  }
  if (parsed === null || typeof parsed !== 'object') return { entries: [], data: undefined, root: 'scalar', errors: [] };
  if (Array.isArray(parsed)) return { entries: [], data: undefined, root: 'seq', errors: [] };
  const data = parsed as Record<string, unknown>;
  // Scan for keys one level deep, skipping strings and nested values.
  const entries: FmEntry[] = [];
  const topDepth = braced ? 1 : 0;
  let depth = 0;
  for (let i = start; i < end; i++) {
    const c = text[i];
    if (c === '"') {
      let j = i + 1;
      while (j < end && text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      let k = j + 1;
      while (k < end && /\s/.test(text[k])) k++;
      if (depth === topDepth && text[k] === ':') {
        const key = JSON.parse(text.slice(i, j + 1)) as string;
        let v = k + 1;
        while (v < end && /\s/.test(text[v])) v++;
        let d = 0;
        let w = v;
        for (; w < end; w++) {
          const x = text[w];
          if (x === '"') { w++; while (w < end && text[w] !== '"') w += text[w] === '\\' ? 2 : 1; continue; }
          if (x === '[' || x === '{') d++;
          else if (x === ']' || x === '}') { if (d === 0) break; d--; } else if (x === ',' && d === 0) break;
        }
        let ve = w;
        while (ve > v && /\s/.test(text[ve - 1])) ve--;
        entries.push({ key, keyStart: i, keyEnd: j + 1, node: nodeFor(data[key], v, ve, text.slice(v, ve)), lineStart: i, lineEnd: w < end && text[w] === ',' ? w + 1 : ve });
        i = w - 1;
        continue;
      }
      i = j;
      continue;
    }
    if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return { entries, data, root: 'map', errors: [] };
}
