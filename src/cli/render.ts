// `techblog render`: the preview's page as one standalone HTML file (CSS inlined, images as paths
// relative to the output), to open in any browser or to compare with Jekyll's own output.
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { SiteRenderer } from '../core/render/renderer';
import { cliSassCache, cliSassCacheDir } from './sassCache';
import { stepName } from '../core/render/renderLimits';
import { RenderWorkerClient } from '../worker/renderWorkerClient';
import { standaloneHtml } from '../core/render/standalone';
import type { RenderMode, RenderRequest, RenderResult } from '../core/render/types';
import type { ProfileSetting } from '../core/site/profile';
import { loadSite } from '../core/site/siteIndex';
import type { CliCommand, CliIO } from './commands';
import { NodeFileSystem } from './nodeFileSystem';
import { workerScript } from './workerScripts';
import { gemThemeLayer } from './theme';
import { enclosingSite, parseProfile, SITE_DESCRIPTION } from './sites';

const HELP = `Usage: techblog render <post> [-o out.html] [--mode site|content] [--allow-embeds] [--remote-images] [--profile auto|jekyll|hugo|hexo] [--timeout SECONDS] [--memory MB]

Renders a post as the TechBlog preview shows it and writes one standalone HTML file: the site's
layouts, Liquid and kramdown-style Markdown, its CSS inlined, images as paths relative to the file.
Hugo and Hexo posts render in content mode (their layouts are not Liquid) with the site's CSS.
  <post>               the Markdown file; its site is the nearest Jekyll, Hugo or Hexo site above it
                       (${SITE_DESCRIPTION})
  -o, --output FILE    where to write (default: standard output)
  --mode MODE          site (default: through the site's layouts) or content (the post body only)
  --allow-embeds       keep YouTube/Vimeo iframes (default: offline cards with a link)
  --remote-images      load https: images (default: local files only, remote ones as placeholders)
  --profile NAME       the site's generator: auto (default: detected), jekyll, hugo or hexo
  --timeout SECONDS    stop a render that takes longer (default 10), as the preview does
  --memory MB          stop a render whose heap needs more (default 512)

The page carries the preview's Content-Security-Policy: no script runs in it, nothing but its own
folder (and, with --remote-images, https: images) is loaded. The render runs in a worker thread with the
preview's time and memory limits; a render over them is stopped, naming the step and file it was on.
Notes (a layout that could not render, a missing image…) go to standard error.
Exit codes: 0 written, 1 the post cannot be read, its render was stopped by a limit, or the file cannot
be written, 2 bad usage, 3 internal error.`;

interface RenderArgs {
  post?: string; output?: string; mode: RenderMode; allowEmbeds: boolean; remoteImages?: boolean; help: boolean; profile: ProfileSetting;
  timeoutSeconds: number; memoryMb: number;
}

export function parseRenderArgs(args: string[]): RenderArgs | string {
  const out: RenderArgs = { mode: 'site', allowEmbeds: false, help: false, profile: 'auto', timeoutSeconds: 10, memoryMb: 512 };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const value = (): string | undefined => (a.startsWith('--') && a.includes('=') ? a.slice(a.indexOf('=') + 1) : args[++i]);
    if (a === '-h' || a === '--help') out.help = true;
    else if (a === '--allow-embeds') out.allowEmbeds = true;
    else if (a === '--remote-images') out.remoteImages = true;
    else if (a === '-o' || a === '--output' || a.startsWith('--output=')) {
      const v = value();
      if (!v) return `${a} needs a file name.`;
      out.output = v;
    } else if (a === '--mode' || a.startsWith('--mode=')) {
      const v = value();
      if (v !== 'site' && v !== 'content') return `--mode must be site or content${v === undefined ? '' : ` (got '${v}')`}.`;
      out.mode = v;
    } else if (a === '--profile' || a.startsWith('--profile=')) {
      const v = parseProfile(value());
      if (typeof v === 'string') return v;
      out.profile = v.profile;
    } else if (a === '--timeout' || a.startsWith('--timeout=') || a === '--memory' || a.startsWith('--memory=')) {
      const name = a.replace(/=.*$/, '');
      const v = Number(value());
      if (!Number.isFinite(v) || v <= 0) return `${name} needs a positive number.`;
      if (name === '--timeout') out.timeoutSeconds = v;
      else out.memoryMb = Math.max(16, Math.round(v));
    } else if (a === '--') {
      if (out.post || args.length > i + 2) return 'render takes one post.';
      out.post = args[i + 1];
      break;
    } else if (a.startsWith('-') && a !== '-') return `unknown option '${a}'.`;
    else if (out.post !== undefined) return 'render takes one post.';
    else out.post = a;
  }
  return out;
}

const toPosix = (p: string) => p.split(path.sep).join('/');

/** The extension's media/theme folder, found upward from this script (dist/, out/src/cli/ or src/cli/). */
async function themeDir(): Promise<string | undefined> {
  for (let d = __dirname; ; d = path.dirname(d)) {
    const candidate = path.join(d, 'media', 'theme');
    try {
      if ((await fsp.stat(candidate)).isDirectory()) return candidate;
    } catch { /* keep looking */ }
    if (path.dirname(d) === d) return undefined;
  }
}

/** A path from `fromDir` to `file`, as a URL path (segments percent-encoded). */
export function relativeUrl(fromDir: string, file: string): string {
  const rel = toPosix(path.relative(fromDir, file)) || '.';
  return rel.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

export const renderCommand: CliCommand = {
  name: 'render',
  summary: 'write a post as the preview shows it, as standalone HTML (-o out.html, --mode site|content, --profile)',
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseRenderArgs(args);
    if (typeof parsed === 'string') {
      io.err(`techblog render: ${parsed}\n\n${HELP}`);
      return 2;
    }
    if (parsed.help) {
      io.out(HELP);
      return 0;
    }
    if (!parsed.post) {
      io.err(`techblog render: which post?\n\n${HELP}`);
      return 2;
    }
    const fs = new NodeFileSystem(io.cwd);
    const postAbs = path.resolve(io.cwd, parsed.post);
    const text = (await fs.stat(postAbs)) === 'file' ? await fs.readFile(postAbs) : undefined;
    if (text === undefined) {
      io.err(`techblog render: cannot read ${parsed.post}`);
      return 1;
    }
    const site = await enclosingSite(path.dirname(postAbs), parsed.profile);
    if (!site) io.err(`techblog render: no site (${SITE_DESCRIPTION}) above ${parsed.post}; rendering it as a site of its own.`);
    const siteRoot = site?.root ?? path.dirname(postAbs);
    const outAbs = parsed.output ? path.resolve(io.cwd, parsed.output) : undefined;
    const outDir = outAbs ? path.dirname(outAbs) : path.resolve(io.cwd);
    const theme = await themeDir();
    const readTheme = async (name: string) => (theme ? fsp.readFile(path.join(theme, name), 'utf8').catch(() => undefined) : undefined);

    const gem = site?.generator === 'jekyll' ? await gemThemeLayer(toPosix(siteRoot)) : {};
    if (gem.problem) io.err(`techblog render: ${gem.problem}; rendering without its layouts.`);
    const request: RenderRequest = { path: toPosix(path.relative(siteRoot, postAbs)), text, mode: parsed.mode, allowEmbeds: parsed.allowEmbeds, remoteImages: parsed.remoteImages === true };
    const fallbackCss = await readTheme('fallback.css');
    let result: RenderResult;
    const script = workerScript('renderWorker.js');
    if (script) {
      // In the render worker, under the preview's limits (src/worker/).
      const limits = { timeoutMs: parsed.timeoutSeconds * 1000, memoryMb: parsed.memoryMb };
      const client = new RenderWorkerClient(script, () => limits);
      try {
        const layer = gem.layer;
        const outcome = await client.render({
          root: siteRoot, generator: site?.generator === 'hugo' || site?.generator === 'hexo' ? site.generator : 'jekyll', fallbackCss, sassCacheDir: cliSassCacheDir(),
          ...(layer ? { theme: { root: layer.root, name: layer.name, version: layer.version, files: [...layer.files], readConfig: layer.readConfig } } : {}),
        }, {
          ...request, resources: { relativeTo: outDir, root: siteRoot },
          ...(layer ? { themeResources: { relativeTo: outDir, root: layer.root } } : {}),
        });
        if ('stopped' in outcome) {
          const s = outcome.stopped;
          io.err(`techblog render: stopped after ${(s.elapsedMs / 1000).toFixed(1)} s: ${stepName(s.step)} in ${s.file} ${s.limit === 'time' ? `took longer than ${parsed.timeoutSeconds} s (--timeout)` : `needed more than ${parsed.memoryMb} MB (--memory)`}.`);
          return 1;
        }
        result = outcome.result;
      } finally {
        client.dispose();
      }
    } else {
      // Like the preview: the site's index carries its generator, so Hugo and Hexo posts render in content
      // mode. A Jekyll site needs none (its _config.yml says all), which spares reading every post.
      const index = site && site.generator !== 'jekyll' ? (await loadSite(fs, toPosix(siteRoot), { generator: site.generator })).index : undefined;
      const renderer = await SiteRenderer.open({ fs, root: toPosix(siteRoot), index, fallbackCss, sassCache: cliSassCache(), theme: gem.layer });
      result = await renderer.render({
        ...request,
        resolveResource: (sitePath) => relativeUrl(outDir, path.join(siteRoot, ...sitePath.split('/'))),
        ...(gem.layer ? { resolveThemeResource: (p: string) => relativeUrl(outDir, path.join(gem.layer!.root, ...p.split('/'))) } : {}),
      });
    }
    const extra: string[] = [];
    const preview = await readTheme('preview.css');
    if (preview) extra.push(preview);
    if (result.hasMath && theme) {
      const katex = await readTheme(path.join('katex', 'katex.min.css'));
      if (katex) extra.push(katex.replace(/url\((['"]?)(fonts\/[^'")]+)\1\)/g, (_all, _q, f: string) => `url("${relativeUrl(outDir, path.join(theme, 'katex', f))}")`));
    }
    // The preview's CSP as a meta tag: a standalone file loads its own folder's files only, unless asked.
    const html = standaloneHtml(result, extra, { remoteImages: parsed.remoteImages === true, allowEmbeds: parsed.allowEmbeds });
    for (const n of result.notices) io.err(`techblog render: ${n}`);
    if (!outAbs) {
      io.out(html);
      return 0;
    }
    try {
      await fsp.writeFile(outAbs, html, 'utf8');
    } catch (e) {
      io.err(`techblog render: cannot write ${parsed.output}: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
    io.err(`techblog render: wrote ${parsed.output} (${result.mode} mode, ${result.theme === 'site' ? 'site CSS' : result.theme === 'fallback' ? 'bundled theme' : 'no CSS'})`);
    return 0;
  },
};
