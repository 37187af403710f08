// YAML (and JSON, CSV) files of a site — `_config.yml`, `_data/**` — read with the bounds front matter
// has (src/core/frontmatter/parse.ts): a size cap, the nesting/indent guard, the alias cap. A file that
// hits one, or that does not parse, is not silently nil: the reader says why, and the preview shows it as
// a notice and `techblog check` as a problem on that file.
import { parseDocument } from 'yaml';
import { yamlGuard } from '../frontmatter/parse';
import type { Problem } from '../frontmatter/types';
import { MAX_ALIAS_COUNT } from '../frontmatter/yamlPath';
import { t } from '../text/l10n';
import { LineIndex } from '../text/lineIndex';

/** YAML larger than this is not read: the yaml library needs seconds per megabyte. */
export const MAX_SITE_YAML_CHARS = 1024 * 1024;
/** JSON, CSV and TSV data parse far faster; still bounded. */
export const MAX_SITE_DATA_CHARS = 8 * 1024 * 1024;

export type SiteFileProblemCode = 'TOO_LARGE' | 'TOO_DEEP' | 'BINARY' | 'ALIAS_COUNT' | 'SYNTAX';

export interface SiteFileProblem {
  /** Site-relative path (`_config.yml`, `_data/authors.yml`). */
  file: string;
  code: SiteFileProblemCode;
  /** One sentence naming the file (localized). */
  message: string;
  /** Where in the text (0 when it is the whole file). */
  offset: number;
}

export interface SiteYaml {
  /** The value read; undefined when the file is refused (capped, binary, alias bomb). */
  value: unknown;
  problem?: SiteFileProblem;
}

const DATA_FILE = /^_data\/.+\.(ya?ml|json|csv|tsv)$/i;

/** `_config.yml` or a data file: the files of a site that are read as YAML (or JSON, CSV) data. */
export function isSiteDataFile(rel: string): boolean {
  return rel === '_config.yml' || DATA_FILE.test(rel);
}

function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

function problem(file: string, code: SiteFileProblemCode, message: string, offset = 0): SiteFileProblem {
  return { file, code, message, offset };
}

function tooLarge(file: string, text: string, cap: number): SiteFileProblem {
  return problem(file, 'TOO_LARGE', t('{0} is {1} KB; TechBlog reads such files up to {2} KB, so its values are missing from the preview (site.*).',
    file, Math.round(text.length / 1024), cap / 1024));
}

/**
 * A YAML file of the site as Jekyll's Psych reads it (YAML 1.1), within the bounds. A syntax error still
 * gives what could be read (the config reader keeps it), with the problem.
 */
export function readSiteYaml(text: string, file: string): SiteYaml {
  if (text.length > MAX_SITE_YAML_CHARS) return { value: undefined, problem: tooLarge(file, text, MAX_SITE_YAML_CHARS) };
  const guard = yamlGuard(text, 0, text.length);
  if (guard) {
    const line = lineOf(text, guard.at);
    const message = guard.code === 'BINARY'
      ? t('{0} contains NUL bytes (line {1}): it looks like a binary file; TechBlog does not read it.', file, line)
      : t('{0} is nested or indented more than {1} levels deep (line {2}); TechBlog does not read it, so its values are missing from the preview (site.*).', file, guard.limit ?? 0, line);
    return { value: undefined, problem: problem(file, guard.code, message, guard.at) };
  }
  const doc = parseDocument(text, { version: '1.1', uniqueKeys: false, logLevel: 'silent', prettyErrors: false });
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    const alias = e instanceof Error && /alias/i.test(e.message);
    return {
      value: undefined,
      problem: problem(file, alias ? 'ALIAS_COUNT' : 'SYNTAX', alias
        ? t('{0} cannot be read: its aliases (*name) expand too often — an alias bomb.', file)
        : t('{0} cannot be read: {1}', file, firstLine(e))),
    };
  }
  const err = doc.errors[0];
  if (err) {
    const at = err.pos[0];
    return { value, problem: problem(file, 'SYNTAX', t('{0} has a YAML error on line {1}: {2}', file, lineOf(text, at), firstLine(err)), at) };
  }
  return { value };
}

/** A `_data` file by its extension: YAML, JSON, or rows of CSV/TSV (`parseRows`). */
export function readSiteData(text: string, file: string, parseRows: (text: string, sep: string) => unknown): SiteYaml {
  if (/\.(ya?ml)$/i.test(file)) {
    const r = readSiteYaml(text, file);
    // Jekyll stops on a data file that does not parse; the preview leaves it out and says so.
    return r.problem ? { value: undefined, problem: r.problem } : r;
  }
  if (text.length > MAX_SITE_DATA_CHARS) return { value: undefined, problem: tooLarge(file, text, MAX_SITE_DATA_CHARS) };
  if (/\.json$/i.test(file)) {
    try {
      return { value: JSON.parse(text) };
    } catch (e) {
      return { value: undefined, problem: problem(file, 'SYNTAX', t('{0} cannot be read: {1}', file, firstLine(e))) };
    }
  }
  return { value: parseRows(text, /\.tsv$/i.test(file) ? '\t' : ',') };
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split('\n')[0].slice(0, 200);
}

/** The problem as `techblog check` and the editor's diagnostics report it on that file. */
export function siteFileProblemToProblem(p: SiteFileProblem, text: string): Problem {
  const at = p.offset > 0 ? new LineIndex(text).positionAt(Math.min(p.offset, text.length)) : { line: 0, character: 0 };
  // The rule of YAML that cannot be read; a file capped for its size or depth builds with Jekyll: a warning.
  const severity = p.code === 'TOO_LARGE' || p.code === 'TOO_DEEP' ? 'warning' : 'error';
  return { rule: 'yaml-syntax', severity, message: p.message, range: { start: at, end: at }, fixes: [] };
}

/** What `techblog check` reports for `_config.yml` or a `_data` file (empty when it reads cleanly). */
export function checkSiteDataFile(rel: string, text: string): Problem[] {
  const r = rel === '_config.yml' ? readSiteYaml(text, rel) : readSiteData(text, rel, () => []);
  return r.problem ? [siteFileProblemToProblem(r.problem, text)] : [];
}
