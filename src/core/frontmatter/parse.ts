// Finding and reading the front matter of a post: delimiters, BOM, CRLF, bounds on the YAML work.
import type { Document } from 'yaml';
import { t } from '../text/l10n';
import { LineIndex } from '../text/lineIndex';
import { fastParseYaml } from './fastYaml';
import { jsonParse, tomlParse } from './tomlJson';
import type { FmError, FrontMatterFormat, FrontMatterParse } from './types';
import { parseYamlDocument, yamlParse } from './yamlPath';

export interface ParseOptions {
  /** Delimiters the site profile honours; default all three (`---` YAML, `+++` TOML, `;;;` JSON). */
  formats?: readonly FrontMatterFormat[];
}

/** Front matter larger than this is not parsed: real headers are a few hundred bytes. */
export const MAX_FRONT_MATTER_CHARS = 64 * 1024;
/** Deeper nesting than this is refused before the yaml library sees it (its work grows with depth). */
export const MAX_NESTING = 64;
export const MAX_INDENT = 128;

const OPEN: Record<FrontMatterFormat, RegExp> = { yaml: /^---[ \t]*\r?$/, toml: /^\+\+\+[ \t]*\r?$/, json: /^;;;[ \t]*\r?$/ };
// Jekyll also accepts `...` as the closing line of YAML front matter.
const CLOSE: Record<FrontMatterFormat, RegExp> = { yaml: /^(---|\.\.\.)[ \t]*\r?$/, toml: /^\+\+\+[ \t]*\r?$/, json: /^;;;[ \t]*\r?$/ };

export function parseFrontMatter(text: string, options: ParseOptions = {}): FrontMatterParse {
  const formats = options.formats ?? ['yaml', 'toml', 'json'];
  const bom = text.charCodeAt(0) === 0xfeff;
  const start = bom ? 1 : 0;
  let firstNl = text.indexOf('\n', start);
  if (firstNl < 0) firstNl = text.length;
  const firstLine = text.slice(start, firstNl);
  const eol = firstLine.endsWith('\r') ? '\r\n' : '\n';
  const format = formats.find((f) => OPEN[f].test(firstLine));
  // One object literal with every field (no spreads): this runs for each of thousands of posts.
  const make = (f: FrontMatterParse['format'], open: FrontMatterParse['open'], close: FrontMatterParse['close'], contentStart: number, contentEnd: number, bodyStart: number): FrontMatterParse => ({
    text, lines: new LineIndex(text), format: f, bom, eol, open, close, contentStart, contentEnd, bodyStart,
    entries: [], data: undefined, root: 'empty', rootRange: undefined, errors: [], parser: 'none',
  });
  if (!format || firstNl >= text.length) {
    // `---` alone at the very end of a file opens nothing Jekyll would read.
    if (format) return make(format, { start, end: start + firstLine.replace(/\r$/, '').length }, undefined, text.length, text.length, text.length);
    return make('none', undefined, undefined, start, start, start);
  }
  const open = { start, end: start + firstLine.replace(/\r$/, '').length };
  const contentStart = firstNl + 1;
  let close: { start: number; end: number } | undefined;
  let pos = contentStart;
  while (pos <= text.length) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    // Cheap first-character test before the regex: this loop may walk a 10 MB body when unclosed.
    const c = text[pos];
    if ((c === '-' || c === '.' || c === '+' || c === ';') && CLOSE[format].test(text.slice(pos, nl))) {
      close = { start: pos, end: pos + text.slice(pos, nl).replace(/\r$/, '').length };
      break;
    }
    if (nl >= text.length) break;
    pos = nl + 1;
  }
  if (!close) {
    return make(format, open, undefined, contentStart, contentStart, contentStart);
  }
  const contentEnd = close.start;
  let bodyStart = text.indexOf('\n', close.end);
  bodyStart = bodyStart < 0 ? text.length : bodyStart + 1;
  const result = make(format, open, close, contentStart, contentEnd, bodyStart);
  if (contentEnd - contentStart > MAX_FRONT_MATTER_CHARS) {
    result.root = 'invalid';
    result.errors = [{ message: t('The front matter is {0} KB; TechBlog reads front matter up to {1} KB. Move long content into the post body.', Math.round((contentEnd - contentStart) / 1024), MAX_FRONT_MATTER_CHARS / 1024), start: contentStart, end: contentStart, code: 'TOO_LARGE' }];
    return result;
  }
  if (format === 'yaml') {
    // The fast path is linear and refuses anything unusual (NUL, deep nesting), so it needs no guard.
    const fast = fastParseYaml(text, contentStart, contentEnd);
    if (fast) {
      result.entries = fast.entries;
      result.data = fast.data;
      result.root = fast.entries.length ? 'map' : 'empty';
      result.parser = 'fast';
      return result;
    }
  }
  const guard = guardContent(text, contentStart, contentEnd);
  if (guard) {
    result.root = 'invalid';
    result.errors = [guard];
    return result;
  }
  const y = format === 'toml' ? tomlParse(text, contentStart, contentEnd) : format === 'json' ? jsonParse(text, contentStart, contentEnd) : yamlParse(text, contentStart, contentEnd);
  result.entries = y.entries;
  result.data = y.data;
  result.root = y.root;
  result.rootRange = y.rootRange;
  result.errors = format === 'yaml' ? [...extraErrors(text, contentStart, contentEnd), ...y.errors] : y.errors;
  result.parser = format;
  return result;
}

/** The yaml Document for hosts that want the library's own nodes (hover on nested values, say). */
export function yamlDocumentOf(parse: FrontMatterParse): Document | undefined {
  if (parse.format !== 'yaml' || !parse.close || parse.root === 'invalid') return undefined;
  return parseYamlDocument(parse.text.slice(parse.contentStart, parse.contentEnd));
}

/** Refuses content whose nesting would make the YAML work unbounded, or that is binary. */
function guardContent(text: string, start: number, end: number): FmError | undefined {
  const g = yamlGuard(text, start, end);
  if (!g) return undefined;
  const message = g.code === 'BINARY' ? t('The front matter contains NUL bytes: this looks like a binary file, not a text post.')
    : g.limit === MAX_INDENT ? t('The front matter is nested or indented more than {0} levels deep; TechBlog does not read it.', MAX_INDENT)
      : t('The front matter is nested more than {0} levels deep; TechBlog does not read it.', MAX_NESTING);
  return { message, start: g.at, end: g.at + 1, code: g.code };
}

/**
 * The bounds on YAML work shared by front matter, `_config.yml` and `_data` (src/core/site/yamlFile.ts):
 * NUL bytes (binary), more than MAX_NESTING open flow brackets, or lines indented (or `- `-nested) more
 * than MAX_INDENT deep. Linear in the text; `at` is the offset of the first offending character.
 */
export function yamlGuard(text: string, start: number, end: number): { code: 'BINARY' | 'TOO_DEEP'; at: number; limit?: number } | undefined {
  const nul = text.indexOf('\0', start);
  if (nul >= 0 && nul < end) return { code: 'BINARY', at: nul };
  let depth = 0;
  let quote = 0;
  let lineStart = true;
  let indent = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 10) { lineStart = true; indent = 0; quote = 0; continue; }
    if (lineStart) {
      if (c === 32 || c === 45 /* - */ || c === 63 /* ? */ || c === 58 /* : */) {
        if (++indent > MAX_INDENT) return { code: 'TOO_DEEP', at: i, limit: MAX_INDENT };
        continue;
      }
      lineStart = false;
    }
    if (quote) { if (c === quote) quote = 0; continue; }
    if (c === 34 || c === 39) { quote = c; continue; }
    if (c === 91 || c === 123) { depth++; if (depth > MAX_NESTING) return { code: 'TOO_DEEP', at: i, limit: MAX_NESTING }; }
    else if (c === 93 || c === 125) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Problems the yaml library accepts but Jekyll users should hear about. */
function extraErrors(text: string, start: number, end: number): FmError[] {
  const bad = text.indexOf('\ufffd', start);
  if (bad >= 0 && bad < end) return [{ message: t('The front matter contains bytes that are not valid UTF-8 (shown as �); save the file as UTF-8.'), start: bad, end: bad + 1, code: 'ENCODING' }];
  return [];
}

/** Offsets to the entry with this key (the last one, which is the one Jekyll uses). */
export function findEntry(parse: FrontMatterParse, key: string) {
  for (let i = parse.entries.length - 1; i >= 0; i--) if (parse.entries[i].key === key) return parse.entries[i];
  return undefined;
}
