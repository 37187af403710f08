// Resolve `techblog.paste.destination` patterns (`${siteRoot}/images/${year}/image-${timestamp}.${ext}`)
// in the style of VS Code's `markdown.copyFiles.destination`, but strict: an unknown variable or a
// path outside the workspace is an error the user sees, never a silently different file.
import * as path from '../text/posixPath';
import type { ImageOptions } from '../images/imageOptions';
import { t } from '../text/l10n';
import { MAX_TRANSFORM_INPUT, unboundedRegexReason } from './boundedRegex';
import { matchGlob } from './glob';
import { pasteVariableNames, type PasteVariableName, type PasteVariables } from './variables';

export const defaultDestination = '${siteRoot}/images/${year}/image-${timestamp}.${ext}';

/** What a destination ending in `/` gets appended: Typora's file name. */
export const defaultFileNamePattern = 'image-${timestamp}.${ext}';

export interface PasteRule {
  /** Matched against the document's path relative to its workspace folder. */
  readonly glob: string;
  /** undefined: the rule sets only image options; the destination comes from a later rule or the setting. */
  readonly destination?: string;
  /** The rule's image options over the `techblog.paste.*` ones (src/core/images/imageOptions.ts). */
  readonly image?: ImageOptions;
}

export type Result<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };
export type DestinationResult = { readonly ok: true; readonly path: string } | { readonly ok: false; readonly error: string };

interface VariablePart {
  readonly name: string;
  readonly transform?: { readonly regex: RegExp; readonly replacement: string };
}
type Part = string | VariablePart;

const knownNames: ReadonlySet<string> = new Set(pasteVariableNames);

/**
 * The destination pattern for a document: the first rule with a destination whose glob matches wins, else `fallback`.
 * `documentPath` and `workspaceFolder` are absolute posix paths.
 */
export function selectDestination(
  documentPath: string, workspaceFolder: string, rules: readonly PasteRule[], fallback: string,
): string {
  const relative = path.relative(workspaceFolder, documentPath);
  return rules.find((rule) => rule.destination !== undefined && matchGlob(relative, rule.glob))?.destination ?? fallback;
}

/** The image options for a document: those of the first rule with image options whose glob matches, else `fallback`. */
export function selectImageOptions(
  documentPath: string, workspaceFolder: string, rules: readonly PasteRule[], fallback: ImageOptions,
): ImageOptions {
  const relative = path.relative(workspaceFolder, documentPath);
  return rules.find((rule) => rule.image !== undefined && matchGlob(relative, rule.glob))?.image ?? fallback;
}

/** Names of the variables a pattern uses (so callers compute the content hash only when needed). */
export function variablesUsed(pattern: string): ReadonlySet<string> {
  const parsed = parsePattern(pattern);
  return new Set(parsed.ok ? parsed.value.flatMap((p) => (typeof p === 'string' ? [] : [p.name])) : []);
}

/**
 * Substitute the variables of `pattern` and resolve it to an absolute posix path:
 * - a pattern starting with `/` is relative to the workspace folder, another relative pattern to
 *   the post's folder (both like `markdown.copyFiles.destination`);
 * - a pattern ending with `/` is a folder and gets Typora's `image-${timestamp}.${ext}`;
 * - `${name/regex/replacement/flags}` applies `String.replace` to the value;
 * - the result must lie inside the workspace folder.
 */
export function resolveDestination(options: { readonly pattern: string; readonly vars: PasteVariables }): DestinationResult {
  const { pattern, vars } = options;
  const quoted = JSON.stringify(pattern);
  let source = pattern.trim();
  if (!source) {
    return { ok: false, error: t('The paste destination is empty.') };
  }
  if (source.endsWith('/')) {
    source += defaultFileNamePattern;
  }
  const parsed = parsePattern(source, quoted);
  if (!parsed.ok) {
    return { ok: false, error: parsed.error };
  }
  let text = '';
  for (const part of parsed.value) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    if (!knownNames.has(part.name)) {
      return { ok: false, error: t('Unknown variable {0} in the paste destination {1}. Known variables: {2}.', '${' + part.name + '}', quoted, pasteVariableNames.join(', ')) };
    }
    const value = vars[part.name as PasteVariableName];
    if (value === undefined) {
      return { ok: false, error: missingValue('${' + part.name + '}', part.name, quoted) };
    }
    if (part.transform && value.length > MAX_TRANSFORM_INPUT) {
      return { ok: false, error: t('{0} is {1} characters long; the paste destination {2} transforms values of up to {3} characters.', '${' + part.name + '}', value.length, quoted, MAX_TRANSFORM_INPUT) };
    }
    text += part.transform ? value.replace(part.transform.regex, part.transform.replacement) : value;
  }

  const workspaceFolder = path.normalize(vars.workspaceFolder ?? '/');
  let resolved: string;
  if (source.startsWith('/')) {
    resolved = path.join(workspaceFolder, text); // a literal leading `/` means the workspace folder
  } else if (text.startsWith('/')) {
    resolved = path.normalize(text); // `${siteRoot}/…` and friends are absolute already
  } else {
    resolved = path.resolve(vars.postDir ?? workspaceFolder, text);
  }
  const name = path.basename(resolved);
  if (!isInside(resolved, workspaceFolder)) {
    return { ok: false, error: t('The paste destination {0} resolves to {1}, outside the workspace folder {2}; TechBlog only writes inside the workspace.', quoted, resolved, workspaceFolder) };
  }
  if (!name || name === '.' || name === '..' || text.endsWith('/')) {
    return { ok: false, error: t('The paste destination {0} resolves to {1}, which has no file name.', quoted, resolved) };
  }
  // Below the workspace the name must be portable: the blog is a git repo cloned on any OS.
  const below = resolved.slice(workspaceFolder.length);
  const refused = refusedSegment(below);
  if (refused) {
    return { ok: false, error: t('The paste destination {0} resolves to {1}: {2} Nothing was written; change {3}.', quoted, resolved, refused, SETTINGS) };
  }
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
  const bad = /[\u0000-\u001f\u007f<>:"|?*\\]/.exec(below);
  if (bad) {
    return { ok: false, error: t('The paste destination {0} resolves to {1}, which contains the character {2} that not every system allows in file names.', quoted, resolved, JSON.stringify(bad[0])) };
  }
  return { ok: true, path: resolved };
}

/** The settings a destination pattern comes from, for messages. */
const SETTINGS = 'techblog.paste.destination / techblog.paste.rules';

/** Windows' reserved device names, with any extension (`nul.png` is the NUL device there). */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³])(\.[^/]*)?$/i;
/** Folders a paste never writes into: the repository's internals and the editor's settings. */
const PROTECTED_FOLDERS = new Set(['.git', '.vscode']);

/** Why a path below the workspace folder (`/a/b.png`) is not a place to write an image, or undefined. */
export function refusedSegment(below: string): string | undefined {
  for (const seg of below.split('/').filter(Boolean)) {
    if (PROTECTED_FOLDERS.has(seg.toLowerCase())) return t('it is inside {0}, which TechBlog never writes to.', seg);
    if (WINDOWS_RESERVED.test(seg)) return t('{0} is a reserved device name on Windows.', seg);
    if (/[. ]$/.test(seg)) return t('{0} ends with a dot or a space, which Windows drops from file names.', JSON.stringify(seg));
  }
  return undefined;
}

/** True when `child` is strictly below `folder` (both absolute posix). */
export function isInside(child: string, folder: string): boolean {
  const f = folder.endsWith('/') ? folder : `${folder}/`;
  return child.startsWith(f) && child.length > f.length;
}

function missingValue(variable: string, name: string, quoted: string): string {
  switch (name) {
    case 'postYear':
    case 'postMonth':
    case 'postDay':
      return t('{0} in the paste destination {1} has no value here: the document has no `date:` in its front matter and no YYYY-MM-DD- prefix in its file name.', variable, quoted);
    case 'hash':
      return t('{0} in the paste destination {1} has no value here: no content hash was computed for this paste.', variable, quoted);
    default:
      return t('{0} in the paste destination {1} has no value here: the value is not available for this document.', variable, quoted);
  }
}

/** Split a pattern into literal text and `${name}` / `${name/regex/replacement/flags}` parts. */
function parsePattern(pattern: string, quoted = JSON.stringify(pattern)): Result<Part[]> {
  const parts: Part[] = [];
  let literal = '';
  let i = 0;
  while (i < pattern.length) {
    if (pattern[i] !== '$' || pattern[i + 1] !== '{') {
      literal += pattern[i++];
      continue;
    }
    const start = i;
    i += 2;
    const nameMatch = /^[A-Za-z_][A-Za-z0-9_]*/.exec(pattern.slice(i));
    if (!nameMatch) {
      return { ok: false, error: t('Expected a variable name after "{0}" at position {1} in the paste destination {2}.', '${', start, quoted) };
    }
    const name = nameMatch[0];
    i += name.length;
    let transform: VariablePart['transform'];
    if (pattern[i] === '/') {
      const regexSource = readUntilSlash(pattern, i + 1);
      const replacement = regexSource && readUntilSlash(pattern, regexSource.end + 1);
      if (!regexSource || !replacement) {
        return { ok: false, error: t('Unfinished transform in {0} (expected {1}) in the paste destination {2}.', '${' + name + '/…}', '${' + name + '/regex/replacement/}', quoted) };
      }
      i = replacement.end + 1;
      const flags = /^[a-z]*/.exec(pattern.slice(i))![0];
      i += flags.length;
      try {
        transform = { regex: new RegExp(regexSource.text, flags), replacement: replacement.text };
      } catch (e) {
        return { ok: false, error: t('Invalid regular expression in {0}: {1} in the paste destination {2}.', '${' + name + '/…}', (e as Error).message, quoted) };
      }
      const unbounded = unboundedRegexReason(regexSource.text);
      if (unbounded) {
        return { ok: false, error: t('The regular expression /{0}/ in the paste destination {1} is not run: {2}, so it could take unbounded time ({3}).', regexSource.text, quoted, unbounded, SETTINGS) };
      }
    }
    if (pattern[i] !== '}') {
      return { ok: false, error: t('Missing "}" after {0} in the paste destination {1}.', '${' + name, quoted) };
    }
    i++;
    if (literal) {
      parts.push(literal);
      literal = '';
    }
    parts.push({ name, transform });
  }
  if (literal) {
    parts.push(literal);
  }
  return { ok: true, value: parts };
}

/** Read up to the next unescaped `/`; `\/` stands for `/`, other escapes stay for the RegExp. */
function readUntilSlash(s: string, from: number): { text: string; end: number } | undefined {
  let text = '';
  for (let i = from; i < s.length; i++) {
    if (s[i] === '\\' && s[i + 1] === '/') {
      text += '/';
      i++;
    } else if (s[i] === '/') {
      return { text, end: i };
    } else {
      text += s[i];
    }
  }
  return undefined;
}
