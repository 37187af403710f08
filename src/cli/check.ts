// `techblog check`: the editor's front-matter rules for CI. Argument parsing and output only.
import * as path from 'node:path';
import { checkDocument } from '../core/frontmatter/check';
import { fixAllSafe } from '../core/frontmatter/fixes';
import type { FrontMatterParse, Problem } from '../core/frontmatter/types';
import { isMarkdownPath } from '../core/site/markdownFiles';
import type { ProfileSetting } from '../core/site/profile';
import { loadSite, type SiteIndex } from '../core/site/siteIndex';
import { checkSiteDataFile, isSiteDataFile } from '../core/site/yamlFile';
import { version } from '../../package.json';
import { paint } from './color';
import type { CliCommand, CliIO } from './commands';
import { externalLinkProblems } from './externalLinks';
import { toSarif } from './sarif';
import { NodeFileSystem } from './nodeFileSystem';
import { enclosingSite, parseProfile, SITE_DESCRIPTION, sitesUnder, type CliSite } from './sites';

const HELP = `Usage: techblog check [paths…] [--format text|json|github|sarif] [--fix] [--quiet] [--max-warnings N] [--profile auto|jekyll|hugo|hexo] [--external]

Checks the front matter of posts and pages with the same rules as the editor.
  paths            files or folders (default: every Jekyll, Hugo and Hexo site, ${SITE_DESCRIPTION},
                   under the current folder; a file's or folder's site is the nearest one above it)
  --format FORMAT  text (default), json (one object: {"files", "problems"}), github (workflow annotations),
                   sarif (SARIF 2.1.0, for GitHub code scanning)
  --fix            apply the safe fixes in place and report what changed
  --quiet          report errors only (warnings and info are still counted for --max-warnings)
  --max-warnings N exit 1 when there are more than N warnings (default: warnings never fail)
  --profile NAME   the sites' generator: auto (default: detected, as the editor does), jekyll, hugo or hexo
                   (like the techblog.site.profile setting)
  --external       also ask external (http/https) links over the network: HEAD, else GET; 8 at once, one per
                   host, 10 s each; good answers cached for a day in .jekyll-cache/techblog-external-links.json

Colour only on a terminal, never with NO_COLOR set (FORCE_COLOR=1 asks for it).
Exit codes: 0 no errors, 1 errors found (or more warnings than --max-warnings), 2 bad usage,
3 internal error.`;

const FORMATS = ['text', 'json', 'github', 'sarif'] as const;
type Format = typeof FORMATS[number];

interface Target { abs: string; site?: LoadedSite; rel: string }
interface LoadedSite { root: string; index: SiteIndex; texts: Map<string, string>; parses: Map<string, FrontMatterParse> }
interface FileResult { file: string; problems: Problem[]; fixed: Problem[] }

const toPosix = (p: string) => (path.sep === '/' ? p : p.split(path.sep).join('/'));

interface CheckArgs {
  paths: string[]; format: Format; fix: boolean; help: boolean; profile: ProfileSetting;
  quiet: boolean; maxWarnings?: number; external: boolean;
}

export function parseCheckArgs(args: string[]): CheckArgs | string {
  const paths: string[] = [];
  let format: Format = 'text';
  let profile: ProfileSetting = 'auto';
  let fix = false;
  let help = false;
  let quiet = false;
  let external = false;
  let maxWarnings: number | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--fix') fix = true;
    else if (a === '--external') external = true;
    else if (a === '-q' || a === '--quiet') quiet = true;
    else if (a === '-h' || a === '--help') help = true;
    else if (a === '--format' || a.startsWith('--format=')) {
      const v = a === '--format' ? args[++i] : a.slice('--format='.length);
      if (!(FORMATS as readonly (string | undefined)[]).includes(v)) return `--format must be ${FORMATS.slice(0, -1).join(', ')} or ${FORMATS[FORMATS.length - 1]}${v === undefined ? '' : ` (got '${v}')`}.`;
      format = v as Format;
    } else if (a === '--max-warnings' || a.startsWith('--max-warnings=')) {
      const v = a === '--max-warnings' ? args[++i] : a.slice('--max-warnings='.length);
      if (v === undefined || !/^\d+$/.test(v)) return `--max-warnings needs a whole number of 0 or more${v === undefined ? '' : ` (got '${v}')`}.`;
      maxWarnings = Number(v);
    } else if (a === '--profile' || a.startsWith('--profile=')) {
      const v = parseProfile(a === '--profile' ? args[++i] : a.slice('--profile='.length));
      if (typeof v === 'string') return v;
      profile = v.profile;
    } else if (a === '--') {
      paths.push(...args.slice(i + 1));
      break;
    } else if (a.startsWith('-')) return `unknown option '${a}'.`;
    else paths.push(a);
  }
  return { paths, format, fix, help, profile, quiet, maxWarnings, external };
}

export const checkCommand: CliCommand = {
  name: 'check',
  summary: 'check front matter and links of posts and pages (--format text|json|github|sarif, --fix, --quiet, --max-warnings, --profile, --external)',
  async run(args: string[], io: CliIO): Promise<number> {
    const parsed = parseCheckArgs(args);
    if (typeof parsed === 'string') {
      io.err(`techblog check: ${parsed}\n\n${HELP}`);
      return 2;
    }
    if (parsed.help) {
      io.out(HELP);
      return 0;
    }
    const fs = new NodeFileSystem(io.cwd);
    const sites = new Map<string, Promise<LoadedSite>>();
    const site = ({ root, generator }: CliSite, files?: string[]) => {
      let s = sites.get(root);
      if (!s) {
        s = loadSite(fs, root, { files, generator, lazyFragmentIds: true }).then((r) => ({ root, ...r }));
        sites.set(root, s);
      }
      return s;
    };
    const enclosing = (absDir: string) => enclosingSite(absDir, parsed.profile);
    const targets: Target[] = [];
    const seen = new Set<string>();
    const add = (t: Target) => { if (!seen.has(t.abs)) { seen.add(t.abs); targets.push(t); } };
    const addSite = async (found: CliSite, under?: string, files?: string[]) => {
      const { root } = found;
      const s = await site(found, files);
      const prefix = root.endsWith(path.sep) ? root : root + path.sep;
      // `_config.yml` and `_data` files: YAML past the bounds or that does not parse is a problem too.
      const dataFiles = [...s.index.allPaths()].filter(isSiteDataFile);
      for (const rel of [...s.index.checkablePaths(), ...dataFiles]) {
        const abs = prefix + (path.sep === '/' ? rel : rel.split('/').join(path.sep)); // split and join only where they change it
        if (!under || abs === under || abs.startsWith(under + path.sep)) add({ abs, site: s, rel });
      }
    };
    const addDir = async (absDir: string) => {
      const files = await fs.listFiles(absDir);
      const encl = await enclosing(absDir);
      const roots = await sitesUnder(absDir, files, parsed.profile, encl);
      if (encl && !roots.some((r) => r.root === encl.root)) await addSite(encl, absDir);
      for (const r of roots) {
        // Reuse this listing rather than walking the site's folders a second time.
        const prefix = path.relative(absDir, r.root);
        const own = prefix === '' ? files : files.filter((f) => f.startsWith(toPosix(prefix) + '/')).map((f) => f.slice(toPosix(prefix).length + 1));
        await addSite(r, undefined, own);
      }
      if (!roots.length && !encl) for (const f of files) if (isMarkdownPath(f)) add({ abs: path.join(absDir, f), rel: f });
      return roots.length > 0 || !!encl;
    };
    if (!parsed.paths.length) {
      const found = await addDir(path.resolve(io.cwd));
      if (!found) {
        io.err(`techblog check: no site (${SITE_DESCRIPTION}) under ${io.cwd}; pass the files or folders to check.`);
        return 2;
      }
    }
    for (const p of parsed.paths) {
      const abs = path.resolve(io.cwd, p);
      const kind = await fs.stat(abs);
      if (!kind) {
        io.err(`techblog check: no such file or folder: ${p}`);
        return 2;
      }
      if (kind === 'dir') { await addDir(abs); continue; }
      const encl = await enclosing(path.dirname(abs));
      if (encl) {
        const s = await site(encl);
        add({ abs, site: s, rel: toPosix(path.relative(encl.root, abs)) });
      } else add({ abs, rel: toPosix(path.basename(abs)) });
    }
    const results: FileResult[] = [];
    const linkDocs: { key: string; text: string }[] = [];
    const cwd = path.resolve(io.cwd);
    const cwdPrefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
    // path.relative is costly per call; most files sit under cwd, where slicing says the same.
    const relToCwd = (abs: string) => toPosix(abs.startsWith(cwdPrefix) ? abs.slice(cwdPrefix.length) : path.relative(cwd, abs));
    for (const t of targets) {
      const text = t.site?.texts.get(t.rel) ?? (await fs.readFile(t.abs));
      const file = relToCwd(t.abs) || path.basename(t.abs);
      if (text === undefined) continue;
      if (t.site && isSiteDataFile(t.rel)) {
        // Counted among the checked files only when something is wrong with them.
        const problems = checkSiteDataFile(t.rel, text);
        if (problems.length) results.push({ file, problems, fixed: [] });
        continue;
      }
      const input = { path: t.rel, text, site: t.site?.index, parsed: t.site?.parses.get(t.rel) };
      if (parsed.external) linkDocs.push({ key: file, text });
      if (parsed.fix) {
        const r = fixAllSafe(input);
        if (r.text !== text) {
          await fs.writeFile(t.abs, r.text);
          if (t.site) { t.site.texts.set(t.rel, r.text); t.site.index.updateFile(t.rel, r.text); }
        }
        results.push({ file, problems: r.problems, fixed: r.fixed });
      } else {
        results.push({ file, problems: checkDocument(input), fixed: [] });
      }
    }
    if (parsed.external) {
      const found = await externalLinkProblems(linkDocs, { cacheFile: path.join(cwd, '.jekyll-cache', 'techblog-external-links.json') });
      for (const [file, problems] of found) {
        const r = results.find((x) => x.file === file);
        if (r) r.problems.push(...problems); else results.push({ file, problems, fixed: [] });
      }
    }
    results.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
    const warnings = results.reduce((n, r) => n + r.problems.filter((p) => p.severity === 'warning').length, 0);
    const shown = parsed.quiet ? results.map((r) => ({ ...r, problems: r.problems.filter((p) => p.severity === 'error') })) : results;
    const hidden = parsed.quiet ? results.reduce((n, r) => n + r.problems.filter((p) => p.severity !== 'error').length, 0) : 0;
    print(io, parsed.format, shown, parsed.fix, hidden);
    const errors = results.some((r) => r.problems.some((p) => p.severity === 'error'));
    const tooManyWarnings = parsed.maxWarnings !== undefined && warnings > parsed.maxWarnings;
    if (tooManyWarnings) io.err(`techblog check: ${warnings} warning${warnings === 1 ? '' : 's'}, more than --max-warnings ${parsed.maxWarnings}.`);
    return errors || tooManyWarnings ? 1 : 0;
  },
};

/** `hidden`: how many warnings and infos --quiet left out (said in the text summary). */
function print(io: CliIO, format: Format, results: FileResult[], fix: boolean, hidden: number): void {
  const flat = results.flatMap((r) => r.problems.map((p) => ({ file: r.file, p })));
  if (format === 'sarif') {
    io.out(JSON.stringify(toSarif(results, version), null, 2));
    return;
  }
  if (format === 'json') {
    const out: Record<string, unknown> = {
      files: results.length,
      problems: flat.map(({ file, p }) => ({
        file, line: p.range.start.line + 1, column: p.range.start.character + 1, endLine: p.range.end.line + 1, endColumn: p.range.end.character + 1,
        severity: p.severity, rule: p.rule, message: p.message, fixable: p.fixes.some((f) => f.edits.length > 0 || !!f.renameTo),
      })),
    };
    if (fix) out.fixed = results.flatMap((r) => r.fixed.map((p) => ({ file: r.file, rule: p.rule, line: p.range.start.line + 1, message: p.message })));
    io.out(JSON.stringify(out));
    return;
  }
  if (format === 'github') {
    const esc = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
    const prop = (s: string) => esc(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
    for (const r of results) if (r.fixed.length) io.out(`::notice file=${prop(r.file)},title=techblog --fix::${esc(`fixed ${r.fixed.length} problem(s): ${[...new Set(r.fixed.map((p) => p.rule))].join(', ')}`)}`);
    for (const { file, p } of flat) {
      const level = p.severity === 'info' ? 'notice' : p.severity;
      io.out(`::${level} file=${prop(file)},line=${p.range.start.line + 1},col=${p.range.start.character + 1},endLine=${p.range.end.line + 1},endColumn=${p.range.end.character + 1},title=${prop(`techblog(${p.rule})`)}::${esc(p.message)}`);
    }
    return;
  }
  const c = paint(io.color === true);
  for (const r of results) {
    if (r.fixed.length) io.out(`${c('cyan', 'fixed')} ${r.file}: ${r.fixed.length} problem${r.fixed.length === 1 ? '' : 's'} (${[...new Set(r.fixed.map((p) => p.rule))].join(', ')})`);
  }
  const style = { error: 'red', warning: 'yellow', info: 'cyan' } as const;
  for (const { file, p } of flat) io.out(`${c('bold', `${file}:${p.range.start.line + 1}:${p.range.start.character + 1}`)}: ${c(style[p.severity], p.severity)} ${p.message} ${c('dim', `[${p.rule}]`)}`);
  const count = (s: string) => flat.filter((x) => x.p.severity === s).length;
  const n = flat.length;
  const files = `${results.length} file${results.length === 1 ? '' : 's'}`;
  const quiet = hidden ? ` (${hidden} warning${hidden === 1 ? '' : 's'} or info hidden by --quiet)` : '';
  io.out(n ? `${n} problem${n === 1 ? '' : 's'} (${count('error')} error${count('error') === 1 ? '' : 's'}, ${count('warning')} warning${count('warning') === 1 ? '' : 's'}, ${count('info')} info) in ${files}${quiet}.` : `No ${hidden ? 'errors' : 'problems'} in ${files}${quiet}.`);
}
