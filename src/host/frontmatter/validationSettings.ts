import * as vscode from 'vscode';
import type { CheckSettings } from '../../core/frontmatter/check';
import { RULE_IDS } from '../../core/frontmatter/rules';
import { validateUserSchema, type UserSchema } from '../../core/frontmatter/schema';
import type { RuleId, Severity } from '../../core/frontmatter/types';

/** Which documents are checked without a command: every post of the blog, or only the open ones. */
export type ValidationScope = 'workspace' | 'open';

export interface ValidationSettings {
  enabled: boolean;
  scope: ValidationScope;
  check: CheckSettings;
  /** Problems with the settings themselves, in plain words. */
  problems: string[];
}

const LEVELS = new Set(['error', 'warning', 'info', 'off']);

/** Reads `techblog.validation.*` for a document's folder; invalid parts are reported and left out. */
export function readValidationSettings(scope?: vscode.Uri): ValidationSettings {
  const config = vscode.workspace.getConfiguration('techblog.validation', scope);
  const problems: string[] = [];
  const severities: Partial<Record<RuleId, Severity | 'off'>> = {};
  for (const [rule, level] of Object.entries(config.get<Record<string, unknown>>('rules') ?? {})) {
    if (!(RULE_IDS as readonly string[]).includes(rule)) problems.push(vscode.l10n.t('{0}: "{1}" is not a TechBlog rule (rules: {2}).', 'techblog.validation.rules', rule, RULE_IDS.join(', ')));
    else if (typeof level !== 'string' || !LEVELS.has(level)) problems.push(vscode.l10n.t('{0}: use "error", "warning", "info" or "off", not {1}.', `techblog.validation.rules.${rule}`, String(JSON.stringify(level))));
    else severities[rule as RuleId] = level as Severity | 'off';
  }
  let schema: UserSchema | undefined;
  const rawSchema = config.get<unknown>('schema');
  if (rawSchema && typeof rawSchema === 'object' && Object.keys(rawSchema).length) {
    const verdict = validateUserSchema(rawSchema);
    if (verdict.ok) schema = rawSchema as UserSchema;
    else problems.push(...verdict.errors.map((e) => `techblog.validation.schema: ${e}`));
  }
  const rawScope = config.get<unknown>('scope', 'workspace');
  let validationScope: ValidationScope = 'workspace';
  if (rawScope === 'workspace' || rawScope === 'open') validationScope = rawScope;
  else problems.push(vscode.l10n.t('{0}: use "workspace" or "open", not {1}.', 'techblog.validation.scope', String(JSON.stringify(rawScope))));
  return { enabled: config.get<boolean>('enable', true), scope: validationScope, check: { severities, schema }, problems };
}
