// Front matter through the yaml library: every input the fast path declines, with exact node ranges.
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type YAMLError } from 'yaml';
import { t } from '../text/l10n';
import { endOfLineIncludingBreak, startOfLine } from '../text/lineIndex';
import type { FmEntry, FmError, FmNode, FrontMatterParse } from './types';

/** Aliases may expand at most this often: Jekyll-sized headers use none, an alias bomb uses millions. */
export const MAX_ALIAS_COUNT = 100;

export type YamlResult = Pick<FrontMatterParse, 'entries' | 'data' | 'root' | 'rootRange' | 'errors'> & { document: Document };

// Jekyll reads front matter with Ruby's Psych, a YAML 1.1 parser: `published: no` is false there.
const OPTIONS = { version: '1.1', uniqueKeys: false, prettyErrors: false, logLevel: 'silent', keepSourceTokens: false } as const;

export function parseYamlDocument(src: string): Document {
  return parseDocument(src, OPTIONS) as Document;
}

export function yamlParse(text: string, start: number, end: number): YamlResult {
  const src = text.slice(start, end);
  const doc = parseYamlDocument(src);
  const errors: FmError[] = doc.errors.map((e) => ({ message: plainYamlError(e, src), start: start + e.pos[0], end: start + Math.max(e.pos[1], e.pos[0]), code: e.code }));
  const toJs = (node: unknown): unknown => {
    try {
      return (node as Node).toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT });
    } catch (e) {
      if (!errors.some((x) => x.code === 'ALIAS_COUNT')) {
        const n = node as Node;
        const at = start + (n.range?.[0] ?? 0);
        errors.push({ message: aliasMessage(e), start: at, end: start + (n.range?.[1] ?? 0), code: 'ALIAS_COUNT' });
      }
      return undefined;
    }
  };
  const contents = doc.contents as Node | null;
  const rootRange = contents?.range ? { start: start + contents.range[0], end: start + contents.range[1] } : undefined;
  if (!contents || (isScalar(contents) && contents.value === null && contents.range?.[0] === contents.range?.[1])) {
    return { entries: [], data: {}, root: 'empty', errors, document: doc };
  }
  if (!isMap(contents)) {
    return { entries: [], data: undefined, root: isSeq(contents) ? 'seq' : 'scalar', rootRange, errors, document: doc };
  }
  const fmNode = (node: unknown, at: number): FmNode => {
    if (node === null || node === undefined) return { kind: 'null', value: null, start: at, end: at };
    const n = node as Node;
    const [s, e] = n.range ?? [at - start, at - start];
    if (isScalar(n)) {
      // An empty value sits right after its colon, whatever spaces follow (as in the fast path).
      if (n.value === null && s === e) return { kind: 'null', value: null, start: at, end: at };
      const style = n.type === 'QUOTE_DOUBLE' ? 'double' : n.type === 'QUOTE_SINGLE' ? 'single' : n.type === 'PLAIN' ? 'plain' : 'block';
      return { kind: 'scalar', value: n.value, start: start + s, end: start + e, style };
    }
    if (isSeq(n)) {
      const items = n.items.map((item) => fmNode(item, start + s));
      const last = items[items.length - 1];
      // A block list ends where its last item does; the library's range runs on over the line break.
      const endAt = !n.flow && last ? last.end : start + e;
      return { kind: 'seq', value: toJs(n), start: start + s, end: endAt, flow: !!n.flow, items };
    }
    if (isMap(n)) return { kind: 'map', value: toJs(n), start: start + s, end: start + e, flow: !!n.flow };
    return { kind: 'other', value: toJs(n), start: start + s, end: start + e };
  };
  const entries: FmEntry[] = [];
  for (const pair of contents.items) {
    const k = pair.key as Node | null;
    const keyRange = k?.range ?? [0, 0];
    const key = isScalar(k) ? String(k.value) : k ? String(k) : '';
    const keyStart = start + keyRange[0];
    const keyEnd = start + keyRange[1];
    const colon = text.indexOf(':', keyEnd);
    const afterColon = colon >= 0 && colon < end ? colon + 1 : keyEnd;
    const node = fmNode(pair.value, afterColon);
    const lastChar = Math.max(keyEnd, node.end - 1, afterColon - 1);
    entries.push({ key, keyStart, keyEnd, node, lineStart: startOfLine(text, keyStart), lineEnd: Math.min(endOfLineIncludingBreak(text, lastChar), end) });
  }
  let data: Record<string, unknown> | undefined;
  try {
    data = contents.toJS(doc, { maxAliasCount: MAX_ALIAS_COUNT }) as Record<string, unknown>;
  } catch (e) {
    if (!errors.some((x) => x.code === 'ALIAS_COUNT')) errors.push({ message: aliasMessage(e), start, end: start, code: 'ALIAS_COUNT' });
    data = undefined;
  }
  return { entries, data, root: 'map', rootRange, errors, document: doc };
}

function aliasMessage(e: unknown): string {
  return e instanceof Error && /alias/i.test(e.message)
    ? t('The front matter cannot be read: its aliases (*name) expand too often — an alias bomb.')
    : t('The front matter cannot be read: an alias (*name) cannot be resolved.');
}

/** yaml's messages, reworded for people who write blog posts rather than parsers. */
export function plainYamlError(e: YAMLError, src: string): string {
  const at = e.pos[0];
  const lineStart = src.lastIndexOf('\n', at - 1) + 1;
  let lineEnd = src.indexOf('\n', at);
  if (lineEnd < 0) lineEnd = src.length;
  const line = src.slice(lineStart, lineEnd).replace(/\r$/, '');
  const key = /^\s*([^\s:#][^:]*?)\s*:/.exec(line)?.[1];
  switch (e.code) {
    case 'BLOCK_AS_IMPLICIT_KEY':
    case 'MULTILINE_IMPLICIT_KEY':
      if (key && /:\s.*:(\s|$)/.test(line)) return t('The value of `{0}` contains ": "; put the whole value in quotes.', key);
      return t('This line is not a valid `key: value` pair (check the indentation, and quote values that contain ": ").');
    case 'TAB_AS_INDENT':
      return t('A tab is used for indentation; YAML allows only spaces there.');
    case 'BAD_SCALAR_START': {
      const ch = src[at] ?? '';
      return t('A value cannot start with `{0}` unless it is in quotes.', ch);
    }
    case 'MISSING_CHAR':
      if (/quote/i.test(e.message)) return t('A quoted value is missing its closing quote.');
      if (/\]/.test(e.message)) return t('A list in [brackets] is missing its closing `]`.');
      if (/\}/.test(e.message)) return t('A mapping in {braces} is missing its closing `}`.');
      break;
    case 'BAD_INDENT':
      if (/Flow sequence/.test(e.message)) return t('A list in [brackets] is not closed with `]` on the same line, or its next line is not indented.');
      return t('This line is indented differently from the lines around it.');
    case 'MULTIPLE_DOCS':
      return t('The front matter holds a second YAML document (a `---` line with text after it).');
    case 'UNEXPECTED_TOKEN':
      return t('Unexpected text here: {0}.', e.message.replace(/\.$/, ''));
    default:
      break;
  }
  const msg = e.message.split('\n')[0].replace(/ at line \d+, column \d+.*$/, '');
  return msg.endsWith('.') ? msg : msg + '.';
}
