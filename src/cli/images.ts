// `techblog images optimise`: the images already in a blog through the paste's image pipeline, in the
// image worker; links to a file whose extension changes are updated across the blog. Argument parsing
// and output only; the work is src/core/images.
import { existsSync, promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { defaultImageOptions, imageFormats, readImageOptions, stripMetadataModes, type ImageOptions } from '../core/images/imageOptions';
import { imagesUnder, linkEditsForImageRenames, optimiseExisting } from '../core/images/optimiseExisting';
import { formatChange, formatSize } from '../core/images/sizes';
import type { Generator } from '../core/site/profile';
import { loadSite } from '../core/site/siteIndex';
import { applyOffsetEdits } from '../core/text/textEdit';
import { ImageWorkerClient } from '../worker/imageWorkerClient';
import type { CliCommand, CliIO } from './commands';
import { NodeFileSystem } from './nodeFileSystem';
import { workerScript } from './workerScripts';
import { pasteSettingsOf, readSiteSettings } from './siteSettings';
import { enclosingSite, SITE_DESCRIPTION } from './sites';

const HELP = `Usage: techblog images optimise [site] [--dry-run] [--to FORMAT] [--quality N] [--max-width N]
                                [--strip-metadata MODE] [--no-optimize-png] [--format text|json]

Optimises the images in the site's images folder with the editor's paste pipeline (WebAssembly codecs,
nothing downloaded): re-encodes, scales down, removes metadata, optimises PNGs losslessly. A file is
replaced only when the result is smaller or changes format; when its extension changes (image.png →
image.webp) the old file goes and every link to it in the blog's posts and pages is updated.
  site               the site folder (${SITE_DESCRIPTION}); default: the one holding the current folder
  --dry-run          report what would change, write nothing
  --to FORMAT        ${imageFormats.join(', ')} (default: techblog.paste.format, else keep — same format, same names)
  --quality N        1–100 for webp, avif, jpeg (default: techblog.paste.quality, else ${defaultImageOptions.quality})
  --max-width N      scale wider images down to N pixels (default: techblog.paste.maxWidth, else no limit)
  --strip-metadata M ${stripMetadataModes.join(', ')} (default: always — EXIF with GPS positions removed, photos turned upright)
  --no-optimize-png  leave PNGs that stay PNGs as they are (default: lossless oxipng)
  --format FORMAT    text (default) or json ({"changes", "skipped", "failed", "links", "totals"})

The defaults come from the site's editor settings, as in VS Code's "TechBlog: Optimise Images": the nearest
.vscode/settings.json at or above the site (techblog.paste.format, quality, maxWidth, imagesFolder); flags win.

Exit codes: 0 done (or nothing to do), 1 some images failed, 2 bad usage, 3 internal error.`;

interface ImagesArgs { site?: string; dryRun: boolean; format: 'text' | 'json'; raw: Record<string, unknown>; help: boolean }

export function parseImagesArgs(args: string[]): ImagesArgs | string {
  const [sub, ...rest] = args;
  if (sub === '-h' || sub === '--help' || sub === undefined) return { dryRun: false, format: 'text', raw: {}, help: true };
  if (sub !== 'optimise' && sub !== 'optimize') return `unknown images command '${sub}' (expected: optimise).`;
  // Only the options given: the rest come from the site's settings.
  const out: ImagesArgs = { dryRun: false, format: 'text', raw: {}, help: false };
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = (name: string) => (a === name ? rest[++i] : a.slice(name.length + 1));
    const number = (name: string) => { const v = value(name); return v !== undefined && /^\d+$/.test(v) ? Number(v) : v; };
    if (a === '--dry-run') out.dryRun = true;
    else if (a === '-h' || a === '--help') out.help = true;
    else if (a === '--no-optimize-png') out.raw.optimizePng = false;
    else if (a === '--to' || a.startsWith('--to=')) out.raw.format = value('--to');
    else if (a === '--quality' || a.startsWith('--quality=')) out.raw.quality = number('--quality');
    else if (a === '--max-width' || a.startsWith('--max-width=')) out.raw.maxWidth = number('--max-width');
    else if (a === '--strip-metadata' || a.startsWith('--strip-metadata=')) out.raw.stripMetadata = value('--strip-metadata');
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = value('--format');
      if (v !== 'text' && v !== 'json') return `--format must be text or json${v === undefined ? '' : ` (got '${v}')`}.`;
      out.format = v;
    } else if (a.startsWith('-')) return `unknown option '${a}'.`;
    else if (out.site === undefined) out.site = a;
    else return `one site folder only (got '${out.site}' and '${a}').`;
  }
  return out;
}

export const imagesCommand: CliCommand = {
  name: 'images',
  summary: 'images optimise [--dry-run]: convert, shrink and strip the images already in a site; links follow renames',
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseImagesArgs(args);
    if (typeof parsed === 'string') {
      io.err(`techblog images: ${parsed}\n\n${HELP}`);
      return 2;
    }
    if (parsed.help) {
      io.out(HELP);
      return 0;
    }
    const flags = readImageOptions(parsed.raw, defaultImageOptions, '');
    if (flags.problems.length) {
      io.err(`techblog images: ${flags.problems.map(flagName).join('\n')}`);
      return 2;
    }
    const start = path.resolve(io.cwd, parsed.site ?? '.');
    const site = await enclosingSite(start, 'auto');
    if (!site) {
      io.err(`techblog images: no site at or above ${start} (${SITE_DESCRIPTION}).`);
      return 2;
    }
    // The editor's settings of the site, as VS Code's Optimise Images reads them: existing images always
    // lose their metadata and PNGs are optimised losslessly; the flags override.
    const file = await readSiteSettings(site.root);
    const { settings, problems } = pasteSettingsOf(file.values, site.layout);
    for (const p of [...file.problems, ...problems]) io.err(`techblog images: warning: ${p}`);
    const base: ImageOptions = { ...settings.image, stripMetadata: 'always', optimizePng: true };
    const { options } = readImageOptions(parsed.raw, base, '');
    const imagesDir = file.values['techblog.paste.imagesFolder'] !== undefined ? settings.imagesFolder : site.layout.imagesDir || 'images';
    const script = workerScript('imageWorker.js');
    if (!script) {
      io.err('techblog images: the image worker (imageWorker.js) is missing beside the command line.');
      return 3;
    }
    return optimiseSite(site.root, imagesDir, site.generator, options, parsed, io, script, file.file);
  },
};

/** A flag's name in a message from readImageOptions (`.maxWidth` → `--max-width`). */
function flagName(problem: string): string {
  return problem.replace(/^\./, '--').replace('--format', '--to').replace('--maxWidth', '--max-width').replace('--stripMetadata', '--strip-metadata');
}

async function optimiseSite(root: string, imagesDir: string, generator: Generator,
  options: ImageOptions, parsed: ImagesArgs, io: CliIO, script: string, settingsFile: string | undefined): Promise<number> {
  const fs = new NodeFileSystem(root);
  const { index, texts } = await loadSite(fs, root, { generator });
  const images = imagesUnder(index.allPaths(), imagesDir);
  const client = new ImageWorkerClient(script);
  const abs = (rel: string) => path.join(root, rel);
  let result;
  try {
    result = await optimiseExisting(images, options, {
      readFile: async (rel) => new Uint8Array(await fsp.readFile(abs(rel))),
      exists: (rel) => index.hasFile(rel) || existsSync(abs(rel)),
      optimise: (input, o) => client.optimise(input, o),
      progress: (done, total, rel) => { if (parsed.format === 'text' && io.color) io.err(`[${done}/${total}] ${rel}`); },
    });
  } finally {
    client.dispose();
  }
  const linkEdits = linkEditsForImageRenames({ config: index.config, links: index.links, hasFile: (r) => index.hasFile(r), kindOf: (r) => index.kindOf(r) }, texts, result.changes);
  if (!parsed.dryRun) {
    for (const c of result.changes) {
      await fsp.writeFile(abs(c.newRel), c.bytes);
      if (c.newRel !== c.rel) await fsp.rm(abs(c.rel));
    }
    for (const { rel, edits } of linkEdits) await fsp.writeFile(abs(rel), applyOffsetEdits(texts.get(rel)!, edits));
  }
  const links = linkEdits.reduce((n, f) => n + f.edits.length, 0);
  const { totals } = result;
  if (parsed.format === 'json') {
    io.out(JSON.stringify({
      site: root, dryRun: parsed.dryRun, settings: settingsFile ?? null, imagesFolder: imagesDir, options,
      changes: result.changes.map(({ bytes: _bytes, ...c }) => c),
      skipped: result.skipped, failed: result.failed,
      links: linkEdits.map((f) => ({ file: f.rel, edits: f.edits.length })),
      totals: { ...totals, saved: totals.before - totals.after },
    }, null, 2));
  } else {
    for (const c of result.changes) io.out(`${c.rel}${c.newRel !== c.rel ? ` → ${path.posix.basename(c.newRel)}` : ''}: ${formatSize(c.before)} → ${formatSize(c.after)} (${formatChange(c.before, c.after)})`);
    for (const f of result.failed) io.err(`${f.rel}: failed: ${f.reason}`);
    const verb = parsed.dryRun ? 'would save' : 'saved';
    io.out(`${result.changes.length} of ${totals.images} image(s) ${parsed.dryRun ? 'would change' : 'changed'}, ${verb} ${formatSize(totals.before - totals.after)} (${formatSize(totals.before)} → ${formatSize(totals.after)}); ${links} link(s) in ${linkEdits.length} file(s) ${parsed.dryRun ? 'would be ' : ''}updated.${parsed.dryRun ? ' Nothing written (--dry-run).' : ''}`);
  }
  return result.failed.length ? 1 : 0;
}
