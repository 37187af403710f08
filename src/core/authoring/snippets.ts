// The snippets contributed in snippets/markdown.code-snippets, read back for TechBlog's own completion:
// one file holds every body, so what `post` + Tab gives and what our completion gives cannot drift.
// Header snippets are the ones marked `isFileTemplate` (VS Code's own flag for "fills a new file").

export interface Snippet {
  name: string;
  prefixes: string[];
  description: string;
  /** The body as one string with `\n` line breaks (VS Code snippet syntax). */
  body: string;
  kind: 'header' | 'block';
}

/** Snippet entries of a `.code-snippets` file's JSON text; entries without a body are skipped. */
export function parseSnippetFile(json: string): Snippet[] {
  const data: unknown = JSON.parse(json);
  if (!data || typeof data !== 'object' || Array.isArray(data)) throw new Error('A snippets file holds one JSON object.');
  const out: Snippet[] = [];
  for (const [name, raw] of Object.entries(data as Record<string, unknown>)) {
    if (!raw || typeof raw !== 'object') continue;
    const s = raw as { prefix?: unknown; body?: unknown; description?: unknown; isFileTemplate?: unknown };
    const body = Array.isArray(s.body) ? s.body.map(String).join('\n') : typeof s.body === 'string' ? s.body : undefined;
    if (body === undefined) continue;
    const prefixes = (Array.isArray(s.prefix) ? s.prefix : [s.prefix]).filter((p): p is string => typeof p === 'string' && p !== '');
    out.push({ name, prefixes: prefixes.length ? prefixes : [name], description: typeof s.description === 'string' ? s.description : '', body, kind: s.isFileTemplate === true ? 'header' : 'block' });
  }
  return out;
}

/** Escapes text for a snippet body, where `$`, `}` and `\` mean something. */
export function snippetText(s: string): string {
  return s.replace(/[\\$}]/g, '\\$&');
}

/**
 * A header body for one site: the `date:` line carries `date` (the site's own "now", written as its
 * generator writes it) or goes away when the site's posts do not use `date:`.
 */
export function headerForSite(body: string, date: string | undefined): string {
  const lines = body.split('\n');
  const out: string[] = [];
  for (const line of lines) {
    const m = /^date([:=])/.exec(line);
    if (!m) { out.push(line); continue; }
    if (date !== undefined) out.push(m[1] === ':' ? `date: ${snippetText(date)}` : `date = ${snippetText(date)}`);
  }
  return out.join('\n');
}

export type AuthoringContext =
  /** Line 0 of a document without front matter: the header snippets (and the blocks after `/`); `typed` is what is typed so far. */
  | { where: 'header'; replaceStart: number; typed: string }
  /** `/` (and maybe letters) alone at the start of a line: the block snippets, replacing from the `/`. */
  | { where: 'block'; replaceStart: number; typed: string }
  /** Inside `{% post_url … %}` / `{% include … %}`: the name typed so far starts at `replaceStart`. */
  | { where: 'post_url' | 'include'; replaceStart: number; typed: string };

/**
 * What completion fits at a position, from the line's text before the cursor (`linePrefix`), the
 * line number and whether the document has a header. Character offsets are within the line.
 */
export function authoringContext(linePrefix: string, line: number, hasHeader: boolean, inHeader: boolean): AuthoringContext | undefined {
  const tag = /\{%-?\s*(post_url|include)\s+([^\s%}]*)$/.exec(linePrefix);
  if (tag) return { where: tag[1] as 'post_url' | 'include', replaceStart: linePrefix.length - tag[2].length, typed: tag[2] };
  if (inHeader) return undefined;
  if (line === 0 && !hasHeader) {
    const m = /^\/?[\w-]*$/.exec(linePrefix);
    if (m) return { where: 'header', replaceStart: 0, typed: linePrefix };
  }
  const block = /^(\s*)(\/[\w-]*)$/.exec(linePrefix);
  if (block) return { where: 'block', replaceStart: block[1].length, typed: block[2] };
  return undefined;
}
