// `+++` TOML (Hugo) and `;;;` JSON (Hexo) front matter. TOML comes from toml-eslint-parser with every
// node's range, so multi-line arrays, their items, dotted keys and tables point at their own text. JSON's
// parser gives no node positions: top-level keys are located by a light scan and list items get none
// (rules then point at the whole value and offer no item-level fixes).
import type { AST } from 'toml-eslint-parser';
import { t } from '../text/l10n';
import { endOfLineIncludingBreak, startOfLine } from '../text/lineIndex';
import { readToml, tomlValue } from '../text/toml';
import type { FmEntry, FmError, FmNode, FrontMatterParse } from './types';

type Result = Pick<FrontMatterParse, 'entries' | 'data' | 'root' | 'rootRange' | 'errors'>;

function nodeFor(value: unknown, start: number, end: number, raw: string): FmNode {
  const kind: FmNode['kind'] = Array.isArray(value) ? 'seq' : value !== null && typeof value === 'object' && !(value instanceof Date) ? 'map' : 'scalar';
  const style = kind !== 'scalar' ? undefined : raw.startsWith('"') ? 'double' : raw.startsWith("'") ? 'single' : 'plain';
  return { kind, value, start, end, style, flow: kind === 'scalar' ? undefined : true };
}

/** A TOML value as the rules see it, offsets shifted by `base` (where the front matter starts). */
function tomlNode(n: AST.TOMLContentNode, base: number): FmNode {
  const start = base + n.range[0];
  const end = base + n.range[1];
  if (n.type === 'TOMLArray') {
    const items = n.elements.map((e) => tomlNode(e, base));
    return { kind: 'seq', value: items.map((i) => i.value), start, end, flow: true, items };
  }
  if (n.type === 'TOMLInlineTable') return { kind: 'map', value: tomlValue(n), start, end, flow: true };
  const style: FmNode['style'] = n.kind !== 'string' ? 'plain' : n.multiline ? 'block' : n.style === 'literal' ? 'single' : 'double';
  return { kind: 'scalar', value: n.value, start, end, style };
}

/** How a top-level key is written: `key = value`, `key.sub = value`, `[key]` / `[key.sub]`, `[[key]]`. */
type Piece = AST.TOMLKeyValue | AST.TOMLTable;

function firstKey(p: Piece): AST.TOMLBare | AST.TOMLQuoted {
  return p.key.keys[0];
}

function keyName(k: AST.TOMLBare | AST.TOMLQuoted): string {
  return k.type === 'TOMLBare' ? k.name : k.value;
}

export function tomlParse(text: string, start: number, end: number): Result {
  const read = readToml(text.slice(start, end));
  if (!read.ok) {
    const at = start + read.offset;
    const errors: FmError[] = [{ message: t('The front matter is not valid TOML: {0}', read.message), start: at, end: Math.min(at + 1, end), code: 'TOML' }];
    return { entries: [], data: undefined, root: 'invalid', errors };
  }
  const data = read.value;
  // Group the pieces by their top-level key: `params.a = 1`, `params.b = 2` and `[params.c]` are one `params`.
  const groups = new Map<string, Piece[]>();
  for (const p of read.ast.body[0].body) {
    const name = keyName(firstKey(p));
    const list = groups.get(name);
    if (list) list.push(p); else groups.set(name, [p]);
  }
  const entries: FmEntry[] = [];
  for (const [key, pieces] of groups) {
    const first = pieces[0];
    const k = firstKey(first);
    const lineStart = startOfLine(text, start + first.range[0]);
    let lineEnd = Math.min(endOfLineIncludingBreak(text, start + first.range[1]), end);
    let node: FmNode;
    if (pieces.length === 1 && first.type === 'TOMLKeyValue' && first.key.keys.length === 1) {
      node = tomlNode(first.value, start);
    } else {
      // A table or dotted keys: the value is the merged table; its text is the first piece (a table's header line).
      const headerEnd = first.type === 'TOMLTable' ? first.key.range[1] + (first.kind === 'array' ? 2 : 1) : first.range[1];
      node = nodeFor(data[key], start + first.range[0], start + Math.min(headerEnd, first.range[1]), '');
      node.flow = false;
      const last = pieces[pieces.length - 1];
      const lastEnd = Math.min(endOfLineIncludingBreak(text, start + last.range[1]), end);
      // Deleting the key as whole lines is possible only when its pieces follow one another.
      const contiguous = pieces.every((p, i) => i === 0 || text.slice(start + pieces[i - 1].range[1], start + p.range[0]).trim() === '');
      lineEnd = contiguous ? lastEnd : lineStart;
    }
    entries.push({ key, keyStart: start + k.range[0], keyEnd: start + k.range[1], node, lineStart, lineEnd });
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
