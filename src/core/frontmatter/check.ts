// checkDocument: one document's text in, problems with fixes out. Pure and synchronous; the site
// index (when the document belongs to a site) is read, never changed.
import { defaultsFor } from '../site/config';
import type { DocKind, SiteIndex } from '../site/siteIndex';
import { findImagesAndAlts } from '../text/markdownText';
import { sortedBy } from '../text/sorted';
import { toTextEdit } from '../text/textEdit';
import type { FixSpec, RawProblem, RuleContext } from './context';
import { parseFrontMatter } from './parse';
import { RULES } from './rules';
import { checkDates, checkPostFileName } from './rules/dates';
import { checkLinks } from './rules/links';
import { checkImageAlt } from './rules/altText';
import { checkImages, checkLayout, checkSeoLength } from './rules/site';
import { checkDelimiters, checkDuplicateKeys, checkEmpty, checkRequired, checkSyntax, checkTypes, checkUnknownKeys } from './rules/structure';
import { checkTags } from './rules/tags';
import { resolveSchema, type DocScope, type UserSchema } from './schema';
import type { Fix, FrontMatterParse, Problem, RuleId, Severity } from './types';

export interface CheckSettings {
  /** Per-rule severity; 'off' turns a rule off. */
  severities?: Partial<Record<RuleId, Severity | 'off'>>;
  /** The user's schema override (validate it first with validateUserSchema). */
  schema?: UserSchema;
}

export interface CheckInput {
  /** Relative to the site root, or an absolute posix path. */
  path: string;
  text: string;
  site?: SiteIndex;
  settings?: CheckSettings;
  /** "Now" for future-date; defaults to the clock. */
  now?: Date;
  /** A parse of exactly this text, to skip parsing again (SiteIndex.updateFile returns one). */
  parsed?: FrontMatterParse;
  /** Tests and the fuzzer: let an internal error escape instead of being contained. */
  throwInternalErrors?: boolean;
}

const DEFAULT_SEVERITY = new Map(RULES.map((r) => [r.id, r.severity]));
const FAMILIES: ((ctx: RuleContext) => void)[] = [checkTags, checkDates, checkLayout, checkSeoLength, checkEmpty, checkTypes, checkUnknownKeys, checkRequired, checkDuplicateKeys];

const byPosition = (a: Problem, b: Problem) => a.range.start.line - b.range.start.line || a.range.start.character - b.range.start.character || a.rule.localeCompare(b.rule);

export function checkDocument(input: CheckInput): Problem[] {
  const { text, site } = input;
  const rel = site ? site.relative(input.path) : undefined;
  const inSite = site && rel !== undefined ? site : undefined;
  const relPath = rel ?? input.path;
  const config = inSite?.config;
  const parse = input.parsed && input.parsed.text === text ? input.parsed : parseFrontMatter(text, config ? { formats: config.formats } : {});
  const kind: DocKind = inSite ? inSite.kindOf(relPath) : 'page';
  const scope: DocScope = kind === 'post' ? 'posts' : kind === 'draft' ? 'drafts' : 'pages';
  const schema = resolveSchema(config?.profile ?? 'jekyll', scope, input.settings?.schema);
  const type = kind === 'post' ? 'posts' : kind === 'draft' ? 'drafts' : 'pages';
  const raw: RawProblem[] = [];
  const severities = input.settings?.severities ?? {};
  const ctx: RuleContext = {
    text, parse, relPath, site: inSite, config, kind, scope, schema,
    defaults: config ? defaultsFor(config, relPath, type) : {},
    now: input.now ?? new Date(),
    report(rule, start, end, message, fixes: FixSpec[] = []) {
      if (severities[rule] === 'off') return;
      raw.push({ rule, start, end, message, fixes });
    },
    bodyImages() {
      images ??= findImagesAndAlts(text, parse.bodyStart);
      return images;
    },
    isOn: (rule) => severities[rule] !== 'off',
  };
  let images: ReturnType<typeof findImagesAndAlts> | undefined;
  const run = (f: (c: RuleContext) => void) => {
    try {
      f(ctx);
    } catch (e) {
      // A bug in one rule must not take the editor's diagnostics down with it.
      if (input.throwInternalErrors) throw e;
    }
  };
  run(checkDelimiters);
  run(checkPostFileName);
  run(checkSyntax);
  // Semantic rules need a readable mapping; with a syntax error they would only add noise.
  if (parse.close && parse.root !== 'invalid' && !parse.errors.length && (parse.root === 'map' || parse.root === 'empty')) for (const f of FAMILIES) run(f);
  if (parse.format === 'none' || (parse.close && !parse.errors.length)) { run(checkImages); run(checkImageAlt); run(checkLinks); }
  const lines = parse.lines;
  const out: Problem[] = raw.map((p) => ({
    rule: p.rule,
    severity: (severities[p.rule] as Severity | undefined) ?? DEFAULT_SEVERITY.get(p.rule)!,
    message: p.message,
    range: { start: lines.positionAt(p.start), end: lines.positionAt(Math.max(p.start, p.end)) },
    fixes: p.fixes.map((f): Fix => ({ title: f.title, edits: f.edits.map((e) => toTextEdit(lines, e)), safe: f.safe, kind: 'quickfix', ...(f.preferred ? { preferred: true } : {}), ...(f.renameTo ? { renameTo: f.renameTo } : {}), ...(f.ask ? { ask: f.ask } : {}) })),
  }));
  return sortedBy(out, byPosition);
}
