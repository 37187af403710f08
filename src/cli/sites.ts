// The command line's view of the blog sites on disk: the same detection as the extension
// (src/host/site/workspaceSites.ts) through src/core/site/profile, over node:fs.
import { promises as fsp, readFileSync } from 'node:fs';
import * as path from 'node:path';
import { findSites } from '../core/site/findSites';
import {
  GENERATORS, markerRoot, probeSite, withoutThemeFolders,
  type Generator, type ProfileSetting, type SiteLayout, type SiteProbe,
} from '../core/site/profile';

/** One blog site found by the command line. */
export interface CliSite {
  /** The site folder, absolute. */
  root: string;
  generator: Generator;
  layout: SiteLayout;
}

/** What the `--profile` option accepts: the values of the `techblog.site.profile` setting. */
export const PROFILE_SETTINGS: readonly ProfileSetting[] = ['auto', ...GENERATORS];

/** How the help and messages name a site. */
export const SITE_DESCRIPTION = 'a folder with _config.yml, hugo.toml or config.toml, or with _posts/ and _layouts/';

/** The `--profile` value, or an error message. */
export function parseProfile(v: string | undefined): { profile: ProfileSetting } | string {
  if (v !== undefined && (PROFILE_SETTINGS as readonly string[]).includes(v)) return { profile: v as ProfileSetting };
  return `--profile must be ${PROFILE_SETTINGS.slice(0, -1).join(', ')} or ${PROFILE_SETTINGS[PROFILE_SETTINGS.length - 1]}${v === undefined ? '' : ` (got '${v}')`}.`;
}

/** Detection's view of a folder through node:fs. */
function diskProbe(root: string): SiteProbe {
  return {
    async list(dir) {
      try {
        return (await fsp.readdir(path.join(root, dir), { withFileTypes: true })).map((e) => (e.isDirectory() ? e.name + '/' : e.name));
      } catch {
        return undefined;
      }
    },
    async read(p) {
      try {
        return readFileSync(path.join(root, p), 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

const toPosix = (p: string) => (path.sep === '/' ? p : p.split(path.sep).join('/'));

async function probeFolder(root: string, setting: ProfileSetting): Promise<CliSite | undefined> {
  const info = await probeSite(diskProbe(root), setting);
  return info && { root, generator: info.detection.generator, layout: info.layout };
}

/** Drops sites inside another site's `themes/`, as the extension does. */
function dropThemes(sites: readonly CliSite[]): CliSite[] {
  return withoutThemeFolders(sites.map((s) => ({ root: toPosix(s.root), generator: s.generator, site: s }))).map((s) => s.site);
}

/**
 * The sites below `absDir` (the folder itself included) from its recursive file listing `files`
 * (relative posix paths), shortest root first; `outer`, the site around `absDir`, drops its themes too.
 */
export async function sitesUnder(absDir: string, files: readonly string[], setting: ProfileSetting, outer?: CliSite): Promise<CliSite[]> {
  const probed = await Promise.all(findSites(files).map((r) => probeFolder(path.join(absDir, r), setting)));
  const found = probed.filter((s): s is CliSite => s !== undefined);
  const kept = dropThemes(outer ? [outer, ...found] : found);
  return found.filter((s) => kept.includes(s));
}

/** Whether a folder holds a site marker (at its top or in Hugo's `config/_default/`). */
async function isCandidate(probe: SiteProbe): Promise<boolean> {
  const top = (await probe.list('')) ?? [];
  const inConfig = top.includes('config/') ? ((await probe.list('config/_default')) ?? []).map((n) => `config/_default/${n}`) : [];
  return [...top, ...inConfig].some((f) => markerRoot(f) === '');
}

/**
 * The site holding `absDir`: the nearest folder at or above it that is a site of any generator,
 * passing over sites that are only another site's theme.
 */
export async function enclosingSite(absDir: string, setting: ProfileSetting): Promise<CliSite | undefined> {
  const chain: CliSite[] = [];
  for (let d = absDir; ; d = path.dirname(d)) {
    if (await isCandidate(diskProbe(d))) {
      const s = await probeFolder(d, setting);
      if (s) chain.push(s);
    }
    if (path.dirname(d) === d) break;
  }
  return dropThemes(chain)[0];
}
