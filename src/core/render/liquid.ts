// Liquid as Jekyll runs it: liquidjs with Jekyll's include semantics, its tags (`highlight`, `post_url`,
// `link`, `include_relative`) and filters (`relative_url`, `markdownify`, …). A tag we do not know
// (a plugin's) renders as a visible, harmless marker instead of failing the page; so does a missing
// include file.
import * as posix from 'node:path/posix';
import { Liquid, Tag, TokenKind, type Context, type Emitter, type FS, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import type { CodeHighlighter } from './highlight';
import { escapeHtml } from './highlight';
import { t } from '../text/l10n';

type DateFilterThis = { context: { memoryLimit: { use(n: number): void } } };

/** What the Jekyll tags and filters need to know about the site. */
export interface LiquidSite {
  /** The site root as the file system sees it ('' for the current folder). */
  root: string;
  baseurl: string;
  url: string;
  timezone?: string;
  includesDir: string;
  layoutsDir: string;
  read(path: string): Promise<string | undefined>;
  exists(path: string): Promise<boolean>;
  /** URL (without baseurl) of the post whose file name (without extension) is `name`, e.g. `2021-08-20-notes`. */
  postUrl(name: string): string | undefined;
  /** URL (without baseurl) of the site file at a site-relative path (a page, post or static file). */
  fileUrl(path: string): string | undefined;
  markdownify(text: string): string;
  highlighter: CodeHighlighter;
}

const MISSING = '\u0000techblog-missing/';

export function markerHtml(kind: 'tag' | 'include' | 'error', text: string): string {
  const label = kind === 'tag' ? 'Liquid tag not available in the preview' : kind === 'include' ? 'Include file not found' : 'Liquid error';
  // Braces as entities: the marker may itself be read as a template (a missing include's stand-in is).
  return `<span class="techblog-liquid-marker techblog-liquid-${kind}" title="${escapeHtml(label)}">${escapeHtml(text).replace(/\{/g, '&#123;').replace(/\}/g, '&#125;')}</span>`;
}

/** Jekyll's `relative_url`: the baseurl in front, absolute URLs untouched. */
export function relativeUrl(input: unknown, baseurl: string): string {
  if (input === undefined || input === null) return '';
  const s = String(input);
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//')) return s;
  const base = baseurl ? '/' + baseurl.replace(/^\/+|\/+$/g, '') : '';
  const path = s.startsWith('/') ? s : '/' + s;
  return (base + path).replace(/\/{2,}/g, '/') || '/';
}

export function absoluteUrl(input: unknown, url: string, baseurl: string): string {
  if (input === undefined || input === null) return '';
  const s = String(input);
  if (/^[a-z][a-z0-9+.-]*:/i.test(s) || s.startsWith('//')) return s;
  return url.replace(/\/+$/, '') + relativeUrl(s, baseurl);
}

/** One Liquid engine per site: layouts and includes are parsed once and cached until invalidated. */
export class JekyllLiquid {
  readonly engine: Liquid;
  /** Problems seen while rendering (missing includes, unknown tags); the renderer collects them. */
  readonly notices = new Set<string>();
  private readonly unknownTags = new Set<string>();

  constructor(private readonly site: LiquidSite) {
    const j = (...p: string[]) => (site.root ? posix.join(site.root, ...p) : posix.join(...p));
    const includes = j(site.includesDir);
    const fs: FS = {
      exists: async (p) => p.startsWith(MISSING) || site.exists(p),
      existsSync: () => false,
      readFile: async (p) => {
        if (p.startsWith(MISSING)) {
          const name = p.slice(MISSING.length);
          this.notices.add(t('Include file not found: {0} (looked in {1}/)', name, site.includesDir));
          return markerHtml('include', `{% include ${name} %}`);
        }
        const text = await site.read(p);
        if (text === undefined) throw new Error(`ENOENT: ${p}`);
        // An include (a theme's head.html with `{% seo %}`) is parsed by liquidjs itself, without `parse`'s retry.
        this.registerUnknownTagsIn(text);
        return text;
      },
      readFileSync: () => { throw new Error('synchronous reads are not supported'); },
      resolve: (dir, file, ext) => {
        const p = posix.join(dir, file);
        return ext && !posix.extname(p) ? p + ext : p;
      },
      contains: async (root, file) => file.startsWith(MISSING) || root === '' || root === '.' || file === root || file.startsWith(root.replace(/\/?$/, '/')),
      containsSync: () => true,
      dirname: (p) => posix.dirname(p),
      sep: '/',
      fallback: (file) => MISSING + file,
    };
    this.engine = new Liquid({
      root: [site.root || '.'], partials: [includes], layouts: [j(site.layoutsDir)], extname: '',
      jekyllInclude: true, jekyllWhere: true, fs, cache: true, strictFilters: false, strictVariables: false,
      ownPropertyOnly: true, timezoneOffset: site.timezone, relativeReference: false,
      // Bounds for hostile or runaway templates (`{% for i in (1..100000000) %}`).
      renderLimit: 3000, memoryLimit: 2e8, parseLimit: 5e7,
    });
    this.registerTags();
    this.registerFilters();
  }

  /** Parses a template; tags we do not know become markers (and the parse is retried). */
  parse(text: string, file?: string): Template[] {
    for (let attempt = 0; ; attempt++) {
      try {
        return this.engine.parse(text, file);
      } catch (e) {
        const m = /tag "([^"]+)" not found/.exec(e instanceof Error ? e.message : '');
        if (!m || attempt > 50 || this.unknownTags.has(m[1])) throw e;
        this.registerUnknownTag(m[1]);
      }
    }
  }

  /** Registers the plugin tags (unknown to us) a template uses, as markers. */
  private registerUnknownTagsIn(text: string): void {
    for (const m of text.matchAll(/\{%-?\s*([A-Za-z_][\w-]*)/g)) {
      const name = m[1];
      if (this.engine.tags[name] || this.unknownTags.has(name) || /^end/.test(name) || ['else', 'elsif', 'when'].includes(name)) continue;
      this.registerUnknownTag(name);
    }
  }

  private registerUnknownTag(name: string): void {
    this.unknownTags.add(name);
    const notices = this.notices;
    this.engine.registerTag(name, class extends Tag {
      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid) {
        super(token, remain, liquid);
      }
      render(_ctx: Context, emitter: Emitter): void {
        notices.add(t('Liquid tag {% {0} %} comes from a plugin the preview does not have; it is shown as a marker.', name));
        emitter.write(markerHtml('tag', this.token.getText()));
      }
    });
  }

  private registerTags(): void {
    const site = this.site;
    const notices = this.notices;

    this.engine.registerTag('highlight', class extends Tag {
      private readonly templates: Template[] = [];
      private readonly lang: string;
      private readonly linenos: boolean;
      constructor(token: TagToken, remain: TopLevelToken[], liquid: Liquid, parser: { parseToken(t: TopLevelToken, r: TopLevelToken[]): Template }) {
        super(token, remain, liquid);
        const args = token.args.trim().split(/\s+/);
        this.lang = args[0] || 'plaintext';
        this.linenos = args.slice(1).some((a) => /^linenos(=|$)/.test(a));
        while (remain.length) {
          const t = remain.shift() as TopLevelToken;
          if (t.kind === TokenKind.Tag && (t as TagToken).name === 'endhighlight') return;
          this.templates.push(parser.parseToken(t, remain));
        }
        throw new Error(`tag ${token.getText()} not closed`);
      }
      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, string> {
        const code = (yield this.liquid.renderer.renderTemplates(this.templates, ctx)) as string;
        // Jekyll strips leading and trailing line breaks of the block.
        emitter.write(site.highlighter.figure(code.replace(/^[\r\n]+|[\r\n]+$/g, ''), this.lang, this.linenos));
      }
    });

    this.engine.registerTag('post_url', class extends Tag {
      render(_ctx: Context, emitter: Emitter): void {
        const name = this.token.args.trim();
        const url = site.postUrl(name.replace(/^.*\//, ''));
        if (url === undefined) {
          notices.add(t('{% post_url {0} %}: no such post (Jekyll would stop the build).', name));
          emitter.write('#post-not-found:' + encodeURIComponent(name));
        } else emitter.write(relativeUrl(url, site.baseurl));
      }
    });

    this.engine.registerTag('link', class extends Tag {
      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
        const raw = this.token.args.trim();
        const path = (yield this.liquid.parseAndRender(raw, ctx)) as string;
        const url = site.fileUrl(path.trim().replace(/^\/+/, ''));
        if (url === undefined) {
          notices.add(t('{% link {0} %}: no such file (Jekyll would stop the build).', path.trim()));
          emitter.write('#link-not-found:' + encodeURIComponent(path.trim()));
        } else emitter.write(relativeUrl(url, site.baseurl));
      }
    });

    const engine = this.engine;
    this.engine.registerTag('include_relative', class extends Tag {
      *render(ctx: Context, emitter: Emitter): Generator<unknown, void, unknown> {
        // `{% include_relative file.md key="v" %}`: relative to the page being rendered.
        const m = /^\s*(\S+)([\s\S]*)$/.exec(this.token.args) ?? ['', '', ''];
        const file = (yield engine.parseAndRender(m[1], ctx)) as string;
        const pagePath = String((ctx.getRegister('techblog') as { path?: string } | undefined)?.path ?? '');
        const target = posix.normalize(posix.join(posix.dirname(pagePath), file));
        const content = target.startsWith('../') ? undefined : ((yield site.read(site.root ? posix.join(site.root, target) : target)) as string | undefined);
        if (content === undefined) {
          notices.add(t('include_relative: {0} not found.', target));
          emitter.write(markerHtml('include', `{% include_relative ${file} %}`));
          return;
        }
        const params: Record<string, unknown> = {};
        for (const p of m[2].matchAll(/([\w-]+)\s*=\s*(?:"([^"]*)"|'([^']*)'|(\S+))/g)) {
          params[p[1]] = p[2] ?? p[3] ?? (yield engine.evalValue(p[4], ctx));
        }
        const templates = engine.parse(content, target);
        ctx.push({ include: params });
        yield engine.renderer.renderTemplates(templates, ctx, emitter);
        ctx.pop();
      }
    });
  }

  /**
   * liquidjs's `date` works out the site time zone's offset with two `toLocaleString` calls (≈ 0.3 ms,
   * most of a small page's layout time); a layout prints the same post date on every keystroke. The
   * result for a Date depends only on its instant, the format and the engine's options: kept by those.
   */
  private memoizeDateFilter(): void {
    const impl = this.engine.filters.date;
    const fn = (typeof impl === 'function' ? impl : impl.handler) as (this: DateFilterThis, ...a: unknown[]) => unknown;
    const dateFormat = String(this.engine.options.dateFormat);
    const kept = new Map<string, unknown>();
    this.engine.registerFilter('date', function (this: DateFilterThis, v: unknown, format?: unknown, zone?: unknown) {
      const cacheable = v instanceof Date && !isNaN(v.getTime()) && (format === undefined || format === null || typeof format === 'string') &&
        (zone === undefined || typeof zone === 'string');
      if (!cacheable) return fn.call(this, v, format, zone);
      const key = `${v.getTime()}\0${format ?? '\u0001'}\0${zone ?? '\u0001'}`;
      if (kept.has(key)) {
        // The memory accounting liquidjs's filter does.
        this.context.memoryLimit.use((zone as string | undefined)?.length ?? 0);
        this.context.memoryLimit.use((format ?? dateFormat).length);
        return kept.get(key);
      }
      const out = fn.call(this, v, format, zone);
      if (kept.size >= 1000) kept.clear();
      kept.set(key, out);
      return out;
    });
  }

  private registerFilters(): void {
    const site = this.site;
    this.engine.registerFilter('relative_url', (v: unknown) => relativeUrl(v, site.baseurl));
    this.engine.registerFilter('absolute_url', (v: unknown) => absoluteUrl(v, site.url, site.baseurl));
    this.engine.registerFilter('markdownify', (v: unknown) => site.markdownify(v === undefined || v === null ? '' : String(v)));
    this.engine.registerFilter('smartify', (v: unknown) => site.markdownify(String(v ?? '')).replace(/^<p>|<\/p>\s*$/g, ''));
    this.engine.registerFilter('sassify', (v: unknown) => String(v ?? ''));
    this.engine.registerFilter('scssify', (v: unknown) => String(v ?? ''));
    this.engine.registerFilter('jsonify', (v: unknown) => JSON.stringify(v ?? null));
    this.memoizeDateFilter();
    // Jekyll's groups also carry `size`.
    for (const name of ['group_by', 'group_by_exp']) {
      const impl = this.engine.filters[name];
      const fn = (typeof impl === 'function' ? impl : impl.handler) as (...a: unknown[]) => Generator<unknown, Array<{ items: unknown[] }>, unknown>;
      this.engine.registerFilter(name, function* (this: unknown, ...a: unknown[]) {
        const groups = yield* fn.apply(this, a);
        return groups.map((g) => ({ ...g, size: g.items.length }));
      });
    }
  }
}
