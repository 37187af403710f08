// `techblog check --external`: the http(s) links of the checked documents, asked over the network
// with the core's bounded, polite checker; results cached in a JSON file between runs.
import * as fsp from 'node:fs/promises';
import * as path from 'node:path';
import { checkExternalLinks, type ExternalResult, type HttpRequest } from '../core/links/external';
import { findLinks } from '../core/links/scan';
import type { Problem } from '../core/frontmatter/types';
import { ruleInfo } from '../core/frontmatter/rules';
import { LineIndex } from '../core/text/lineIndex';
import { t } from '../core/text/l10n';

export interface ExternalOptions {
  /** The cache file (JSON, url → result); undefined for none. */
  cacheFile?: string;
  concurrency?: number;
  timeoutMs?: number;
  perHostDelayMs?: number;
  request?: HttpRequest;
}

/** Node's fetch, the body left unread (HEAD has none; a GET's is cancelled). */
export const fetchRequest: HttpRequest = async (url, init) => {
  const r = await fetch(url, { method: init.method, signal: init.signal, headers: init.headers, redirect: 'follow' });
  await r.body?.cancel().catch(() => undefined);
  return { status: r.status };
};

async function readCache(file: string | undefined): Promise<Map<string, ExternalResult>> {
  if (!file) return new Map();
  try {
    const raw = JSON.parse(await fsp.readFile(file, 'utf8')) as Record<string, ExternalResult>;
    return new Map(Object.entries(raw).filter(([, v]) => v && typeof v.at === 'number' && typeof v.state === 'string'));
  } catch {
    return new Map();
  }
}

/** Problems (rule external-link) per document, for the documents' texts given. */
export async function externalLinkProblems(docs: { key: string; text: string }[], options: ExternalOptions = {}): Promise<Map<string, Problem[]>> {
  const found = docs.map((d) => ({ ...d, links: findLinks(d.text).filter((l) => /^https?:\/\//i.test(l.target)) }));
  const cache = await readCache(options.cacheFile);
  const results = await checkExternalLinks(found.flatMap((d) => d.links.map((l) => l.target)), {
    request: options.request ?? fetchRequest, cache,
    concurrency: options.concurrency, timeoutMs: options.timeoutMs, perHostDelayMs: options.perHostDelayMs,
  });
  if (options.cacheFile) {
    await fsp.mkdir(path.dirname(options.cacheFile), { recursive: true });
    await fsp.writeFile(options.cacheFile, JSON.stringify(Object.fromEntries(cache), null, 1));
  }
  const severity = ruleInfo('external-link').severity;
  const out = new Map<string, Problem[]>();
  for (const d of found) {
    const lines = new LineIndex(d.text);
    const problems: Problem[] = [];
    for (const l of d.links) {
      const r = results.get(l.target);
      if (!r || r.state === 'ok' || r.state === 'skipped') continue;
      const message = r.state === 'broken' ? t('The external link "{0}" answers HTTP {1}.', l.target, r.status ?? 0)
        : r.state === 'timeout' ? t('The external link "{0}" did not answer in time.', l.target)
          : t('The external link "{0}" cannot be reached.', l.target);
      problems.push({ rule: 'external-link', severity, message, range: { start: lines.positionAt(l.start), end: lines.positionAt(l.end) }, fixes: [] });
    }
    if (problems.length) out.set(d.key, problems);
  }
  return out;
}
