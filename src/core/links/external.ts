// External links, checked only when asked (`techblog check --external`): HEAD first, GET when the
// server refuses HEAD; bounded (a few requests at once, one per host at a time, a timeout each),
// polite (a User-Agent, a pause between requests to the same host) and cached (a URL is asked once
// per run, and not again for a day with a cache file). The HTTP client is passed in.

export interface HttpResponse { status: number }
export type HttpRequest = (url: string, init: { method: 'HEAD' | 'GET'; signal: AbortSignal; headers: Record<string, string> }) => Promise<HttpResponse>;

export interface ExternalResult {
  /** 'ok' (2xx/3xx), 'broken' (4xx/5xx, not 429), 'unreachable' (DNS, refused, TLS), 'timeout', 'skipped' (429, rate limited). */
  state: 'ok' | 'broken' | 'unreachable' | 'timeout' | 'skipped';
  status?: number;
  /** When it was checked (ms since the epoch), for the cache. */
  at: number;
}

export interface ExternalCheckOptions {
  request: HttpRequest;
  /** Requests in flight at once over all hosts (default 8). */
  concurrency?: number;
  /** Per request, in ms (default 10 s). */
  timeoutMs?: number;
  /** Pause between two requests to the same host, in ms (default 250). */
  perHostDelayMs?: number;
  /** Earlier results (url → result), e.g. from a cache file; reused while younger than `maxAgeMs`. */
  cache?: Map<string, ExternalResult>;
  maxAgeMs?: number;
  now?: () => number;
  userAgent?: string;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Checks each distinct URL once; returns url → result (and fills `options.cache`). */
export async function checkExternalLinks(urls: Iterable<string>, options: ExternalCheckOptions): Promise<Map<string, ExternalResult>> {
  const now = options.now ?? Date.now;
  const cache = options.cache ?? new Map<string, ExternalResult>();
  const maxAge = options.maxAgeMs ?? 24 * 3600_000;
  const out = new Map<string, ExternalResult>();
  const todo: string[] = [];
  for (const url of new Set(urls)) {
    const hit = cache.get(url);
    // Only good answers are trusted from the cache: a broken link is asked again (it may be fixed).
    if (hit && hit.state === 'ok' && now() - hit.at < maxAge) out.set(url, hit);
    else todo.push(url);
  }
  const hostBusy = new Map<string, Promise<void>>();
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const url = todo[next++];
      let host = '';
      try { host = new URL(url).host; } catch { /* checked below */ }
      // One request per host at a time, with a pause after it.
      const before = hostBusy.get(host) ?? Promise.resolve();
      let release!: () => void;
      const mine = new Promise<void>((r) => { release = r; });
      hostBusy.set(host, before.then(() => mine));
      await before;
      try {
        const r = host ? await checkOne(url, options) : { state: 'broken' as const };
        const result: ExternalResult = { ...r, at: now() };
        out.set(url, result);
        cache.set(url, result);
      } finally {
        void sleep(options.perHostDelayMs ?? 250).then(release);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency ?? 8, todo.length)) }, worker));
  return out;
}

async function checkOne(url: string, options: ExternalCheckOptions): Promise<Omit<ExternalResult, 'at'>> {
  const headers = { 'User-Agent': options.userAgent ?? 'techblog-link-check (+https://example.invalid/techblog)', Accept: '*/*' };
  const once = async (method: 'HEAD' | 'GET'): Promise<Omit<ExternalResult, 'at'>> => {
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), options.timeoutMs ?? 10_000);
    try {
      const r = await options.request(url, { method, signal: ctl.signal, headers });
      if (r.status === 429) return { state: 'skipped', status: r.status };
      return { state: r.status < 400 ? 'ok' : 'broken', status: r.status };
    } catch {
      return { state: ctl.signal.aborted ? 'timeout' : 'unreachable' };
    } finally {
      clearTimeout(timer);
    }
  };
  const head = await once('HEAD');
  // Many servers answer HEAD wrongly (405, 403, 404 from a CDN, 501) or drop it: ask with GET.
  if (head.state === 'ok' || head.state === 'skipped' || head.state === 'timeout') return head;
  return once('GET');
}
