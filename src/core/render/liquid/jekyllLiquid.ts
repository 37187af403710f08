// Liquid as Jekyll runs it: Ruby Liquid's parser (lax in Jekyll's default `error_mode: warn`, see
// parser.ts) over liquidjs's runtime, with Jekyll's include semantics, its tags (`highlight`, `post_url`,
// `link`, `include_relative`) and filters (`relative_url`, `markdownify`, …). A tag we do not know
// (a plugin's) renders as a visible, harmless marker instead of failing the page; so does a missing
// include file, and so does a tag that cannot parse or render (a notice names its file and line).
import * as posix from '../../text/posixPath';
import { Liquid, Parser, Tag, TokenKind, type Context, type Emitter, type FS, type TagToken, type Template, type TopLevelToken } from 'liquidjs';
import { escapeHtml } from '../escape';
import type { CodeHighlighter } from '../highlight/highlighter';
import { rubyDate } from './filters/date';
import { registerRubyFilters } from './filters/ruby';
import { type LaxRuntime, type NativeTag, type Node, parseDocument } from './parser';
import { caseTag, ifTag } from './tags/conditional';
import { breakTag, continueTag, cycleTag, forTag, ifchangedTag } from './tags/iteration';
import { liquidTag } from './tags/liquid';
import { tablerowTag } from './tags/tablerow';
import { commentTag, inlineCommentTag, rawTag } from './tags/text';
import { assignTag, captureTag, decrementTag, echoTag, incrementTag } from './tags/variables';
import { lineOf, type RubyTagToken, type RubyToken } from './tokens';
import type { ErrorMode } from './variable';
import { climbsOut, invalidIncludeName, refusalNotice } from '../../site/safePaths';
import { t } from '../../text/l10n';

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
  /** `_config.yml`'s `liquid:` (Jekyll's defaults when absent). */
  liquid?: { errorMode: ErrorMode; strictFilters: boolean; strictVariables: boolean };
  /**
   * Errors as Ruby Liquid has them (the peer suite): a parse error costs the template, a render error
   * is raised (`raise`, Ruby's `render!`) or rendered as `Liquid error: …` (`inline`). The preview
   * leaves it unset: each costs one tag.
   */
  rubyErrors?: 'raise' | 'inline';
  /** Site-relative form of a path as the file system sees it (for notices). */
  relative?(path: string): string;
}

/** Liquid's standard tags, parsed here the way Ruby Liquid 5.4 parses them. */
const NATIVE_TAGS: Array<[string, NativeTag]> = [
  ['if', ifTag(false)], ['unless', ifTag(true)], ['case', caseTag], ['for', forTag], ['break', breakTag], ['continue', continueTag],
  ['cycle', cycleTag], ['ifchanged', ifchangedTag], ['assign', assignTag], ['capture', captureTag], ['increment', incrementTag],
  ['decrement', decrementTag], ['echo', echoTag], ['raw', rawTag], ['comment', commentTag], ['#', inlineCommentTag],
  ['tablerow', tablerowTag], ['liquid', liquidTag],
];

/** Nested bodies (blocks in includes in blocks…) before a render is a runaway. */
const MAX_RENDER_DEPTH = 300;

/**
 * A render's budget on a host with no worker to stop it (the web extension host): Liquid stops when the time
 * is up or its output has grown past `maxOutput` characters, and says which (`JekyllLiquid.stopped`).
 */
export interface LiquidBudget {
  /** performance.now() after which no template renders. */
  deadline: number;
  /** Characters of output (all templates of the render together) before it stops. */
  maxOutput: number;
  /** Characters written by the templates that finished. */
  written: number;
}

/** Errors that stop a runaway template: they end the whole render, never one tag. */
function isLimitError(e: unknown): boolean {
  return /limit exceeded|Memory limits exceeded|Nesting too deep/i.test(e instanceof Error ? e.message : String(e));
}

/** Ruby Liquid's error text (`Liquid syntax error: …`, `Liquid error (line 3): …`). */
export function rubyErrorText(e: unknown, token?: { input: string; begin: number }): string {
  const err = (e as { originalError?: unknown }).originalError ?? e;
  const msg = (err instanceof Error ? err.message : String(err)).replace(/, line:\d+, col:\d+$/, '');
  const line = token ? ` (line ${lineOf(token as RubyToken)})` : '';
  return (err as { liquidKind?: string }).liquidKind === 'syntax' ? `Liquid syntax error${line}: ${msg}` : `Liquid error${line}: ${msg}`;
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

const RUBY_PARSE = Symbol('techblog.rubyParse');
let parserPatched = false;

/** liquidjs makes a Parser per parse: its `parse` defers to an engine's own parser when it has one. */
function patchParser(): void {
  if (parserPatched) return;
  parserPatched = true;
  const proto = Parser.prototype as unknown as { parse(this: { liquid: Record<symbol, unknown> }, html: string, file?: string): Template[] };
  const original = proto.parse;
  proto.parse = function (html: string, file?: string) {
    const own = this.liquid[RUBY_PARSE] as ((h: string, f?: string) => Template[]) | undefined;
    return own ? own(html, file) : original.call(this, html, file);
  };
}

class BufferEmitter {
  buffer = '';
  write(s: unknown): void { this.buffer += s === undefined || s === null ? '' : String(s); }
}

/** One Liquid engine per site: layouts and includes are parsed once and cached until invalidated. */
export class JekyllLiquid {
  readonly engine: Liquid;
  /** Problems seen while rendering (missing includes, unknown tags); the renderer collects them. */
  readonly notices = new Set<string>();
  /** How parsing and rendering behave (the site's `liquid:` settings). */
  readonly runtime: LaxRuntime;
  /** This render's budget (set by the renderer for a render on the host), and what stopped it. */
  budget: LiquidBudget | undefined;
  stopped: { limit: 'time' | 'output'; file: string } | undefined;

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
    registerRubyFilters(this.engine);
    this.runtime = this.createRuntime();
    this.installParser();
  }

  private createRuntime(): LaxRuntime {
    const settings = this.site.liquid ?? { errorMode: 'warn', strictFilters: false, strictVariables: false };
    const notices = this.notices;
    const where = (token: RubyToken) => `${this.site.relative ? this.site.relative(token.file ?? '') : token.file ?? ''}:${lineOf(token)}`;
    const rubyErrors = this.site.rubyErrors;
    return {
      engine: this.engine, ...settings, tags: new Map(NATIVE_TAGS), isolateErrors: !rubyErrors,
      warn: () => undefined,
      unknownTag: (token: RubyTagToken): Node => {
        if (rubyErrors) throw Object.assign(new Error(`Unknown tag '${token.name}'`), { liquidKind: 'syntax' });
        return {
          token, blank: false,
          render: (_ctx: Context, emitter: Emitter) => {
            // `{% endtabs %}` closes the plugin's `{% tabs %}`: one notice for both.
            const name = /^end\w/.test(token.name) ? token.name.slice(3) : token.name;
            notices.add(t('Liquid tag {% {0} %} comes from a plugin the preview does not have; it is shown as a marker.', name));
            emitter.write(markerHtml('tag', token.getText()));
          },
        };
      },
      errorNode: (token: RubyToken, error: unknown): Node => ({
        token, blank: false,
        render: (_ctx: Context, emitter: Emitter) => {
          notices.add(t('{0}: {1} (this tag is shown as a marker; the rest of the page renders).', where(token), rubyErrorText(error)));
          emitter.write(markerHtml('error', token.getText()));
        },
      }),
    };
  }

  /**
   * Templates are parsed by our Ruby-Liquid parser (parser.ts); a node that fails to render costs that
   * node only: a marker and a notice in the preview, Ruby's `Liquid error: …` text for the peer suite.
   */
  private installParser(): void {
    const rt = this.runtime;
    (this.engine as unknown as Record<symbol, unknown>)[RUBY_PARSE] = (html: string, file?: string) => parseDocument(String(html), file, rt);
    patchParser();
    const renderer = this.engine.renderer as unknown as { renderTemplates: (tpls: Template[], ctx: Context, emitter?: Emitter) => IterableIterator<unknown> };
    const original = renderer.renderTemplates.bind(renderer);
    const notices = this.notices;
    const where = (token: { file?: string; input: string; begin: number }) => `${this.site.relative ? this.site.relative(token.file ?? '') : token.file ?? ''}:${lineOf(token as RubyToken)}`;
    const rubyErrors = this.site.rubyErrors;
    const depth = new WeakMap<Context, number>();
    /** The file of the template last checked (a loop with an empty body checks without a template). */
    let lastFile = '';
    // The budget as the generator below sees it (a generator function has no `this` of the class).
    const budget = () => this.budget;
    const stopped = () => this.stopped;
    const stop = (limit: 'time' | 'output') => { this.stopped ??= { limit, file: this.site.relative ? this.site.relative(lastFile) : lastFile }; };
    /** Throws when the render's budget is spent (time, or output with `buffer` the emitter's text so far). */
    const spend = (tpl: Template | undefined, buffer: string) => {
      const b = this.budget;
      if (!b) return;
      if (tpl?.token.file) lastFile = tpl.token.file;
      const limit = performance.now() > b.deadline ? 'time' : b.written + buffer.length > b.maxOutput ? 'output' : undefined;
      if (!limit) return;
      stop(limit);
      throw new Error(`Liquid ${limit} limit exceeded`);
    };
    renderer.renderTemplates = (templates: Template[], ctx: Context, emitter?: Emitter) => renderEach(templates, ctx, emitter);
    function* renderEach(templates: Template[], ctx: Context, emitter: Emitter | undefined): Generator<unknown, unknown, unknown> {
      const own = emitter ?? new BufferEmitter();
      const buffered = own as unknown as { buffer?: unknown };
      const level = (depth.get(ctx) ?? 0) + 1;
      // An include that includes itself: Ruby stops at 100 scopes ("Nesting too deep").
      if (level > MAX_RENDER_DEPTH) throw new Error('Nesting too deep');
      depth.set(ctx, level);
      try {
        // Once per call too: a loop's every iteration, even with an empty body.
        spend(undefined, '');
        for (const tpl of templates) {
          try {
            spend(tpl, typeof buffered.buffer === 'string' ? buffered.buffer : '');
            yield original([tpl], ctx, own);
          } catch (e) {
            const err = (e as { originalError?: unknown }).originalError ?? e;
            // Under a budget, Liquid's own time limit (a stall between two checks can reach it first) is the budget's.
            if (budget() && /template render limit exceeded/i.test(err instanceof Error ? err.message : String(err))) stop('time');
            // A spent budget ends the whole render (the host shows why), not one tag.
            if (isLimitError(err) && (level > 1 || rubyErrors || stopped())) throw err;
            if (rubyErrors === 'raise') throw err;
            // Like Ruby, a tag that outputs nothing (`assign`, `capture`) leaves no error text in the page;
            // the preview still names it in a notice.
            const silent = (tpl as Node).blank === true && !isLimitError(err);
            if (rubyErrors) { if (!silent) own.write(rubyErrorText(err, tpl.token)); } else if (silent) {
              notices.add(t('{0}: {1}', where(tpl.token), rubyErrorText(err)));
            } else {
              notices.add(t('{0}: {1} (this tag is shown as a marker; the rest of the page renders).', where(tpl.token), rubyErrorText(err)));
              own.write(markerHtml('error', tpl.token.getText()));
            }
          }
          if (ctx.breakCalled || ctx.continueCalled) break;
        }
      } finally {
        depth.set(ctx, level - 1);
      }
      const b = budget();
      if (level === 1 && !emitter && b && typeof buffered.buffer === 'string') b.written += buffered.buffer.length;
      return (own as unknown as { buffer: string }).buffer;
    }
  }

  /** Parses a template (Ruby Liquid's parser; see parser.ts); `firstLine`: the file line it starts on. */
  parse(text: string, file?: string, firstLine = 1): Template[] {
    return parseDocument(text, file, this.runtime, firstLine);
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
        // Jekyll refuses `..` (and `./.`, `//`) in the file name outright (include.rb INVALID_SEQUENCES).
        if (invalidIncludeName(file) || climbsOut(target)) {
          notices.add(refusalNotice({ path: file, reason: 'parent' }));
          emitter.write(markerHtml('include', `{% include_relative ${file} %}`));
          return;
        }
        const content = (yield site.read(site.root ? posix.join(site.root, target) : target)) as string | undefined;
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
   * Liquid's `date` as Ruby formats it (filters/date.ts). Working out a zone's offset costs a
   * `formatToParts`; a layout prints the same post date on every keystroke: results for a Date are kept.
   */
  private registerDateFilter(): void {
    const zone = this.site.timezone;
    const kept = new Map<string, unknown>();
    this.engine.registerFilter('date', (v: unknown, format?: unknown) => {
      if (!(v instanceof Date) || typeof format !== 'string') return rubyDate(v, format, zone);
      const key = `${v.getTime()}\0${(v as { timeZone?: string }).timeZone ?? ''}\0${format}`;
      if (kept.has(key)) return kept.get(key);
      const out = rubyDate(v, format, zone);
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
    this.registerDateFilter();
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
