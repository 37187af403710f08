// `techblog check --format sarif`: SARIF 2.1.0 (OASIS), the format GitHub code scanning uploads
// (github/codeql-action/upload-sarif). One run, the rule table as the driver's rules, one result per problem.
import { RULES } from '../core/frontmatter/rules';
import type { Problem, Severity } from '../core/frontmatter/types';

export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** SARIF's levels: `note` is its word for information. */
const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** Markdown's backticks read as plain text in a one-line description. */
const plain = (s: string) => s.replace(/`/g, '');

export interface SarifFile { file: string; problems: Problem[] }

/** The SARIF log for `files` (paths relative to the folder the check ran in, `/`-separated). */
export function toSarif(files: SarifFile[], toolVersion: string): object {
  const ruleIndex = new Map(RULES.map((r, i) => [r.id, i]));
  const results = files.flatMap(({ file, problems }) => problems.map((p) => ({
    ruleId: p.rule,
    ruleIndex: ruleIndex.get(p.rule),
    level: LEVEL[p.severity],
    message: { text: p.message },
    locations: [{
      physicalLocation: {
        artifactLocation: { uri: file.split('/').map(encodeURIComponent).join('/'), uriBaseId: '%SRCROOT%' },
        region: {
          startLine: p.range.start.line + 1, startColumn: p.range.start.character + 1,
          endLine: p.range.end.line + 1, endColumn: p.range.end.character + 1,
        },
      },
    }],
  })));
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'techblog',
          version: toolVersion,
          semanticVersion: toolVersion,
          rules: RULES.map((r) => ({
            id: r.id,
            name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
            shortDescription: { text: plain(r.summary) },
            fullDescription: { text: plain(r.summary) },
            defaultConfiguration: { level: LEVEL[r.severity] },
            properties: { fixable: r.fixable },
          })),
        },
      },
      // Columns count UTF-16 code units, as the editor's do.
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
}
