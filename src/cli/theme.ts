// `techblog render` on a site with `theme:`: the installed theme gem, found as the preview finds it
// (src/core/theme/locate.ts), as the renderer's theme layer. The CLI downloads nothing.
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import type { ThemeLayer } from '../core/render/theme/themeLayer';
import { parseSiteConfig } from '../core/site/config';
import { locateGemTheme } from '../core/theme/locate';
import { NodeFileSystem } from './nodeFileSystem';

const THEME_PARTS = /^(_layouts|_includes|_sass|assets|_data)\/|^_config\.yml$/;

/** The theme layer of the Jekyll site at `siteRoot` (posix, absolute), or why there is none. */
export async function gemThemeLayer(siteRoot: string): Promise<{ layer?: ThemeLayer; problem?: string }> {
  const configText = await fsp.readFile(`${siteRoot}/_config.yml`, 'utf8').catch(() => undefined);
  const name = parseSiteConfig(configText, 'jekyll').gemTheme?.trim();
  if (!name || !/^[A-Za-z0-9._-]+$/.test(name)) return {};
  const r = await locateGemTheme(name, siteRoot, {
    env: process.env, home: os.homedir().replace(/\\/g, '/'), platform: process.platform,
    list: (d) => fsp.readdir(d).catch(() => undefined),
    read: (f) => fsp.readFile(f, 'utf8').catch(() => undefined),
  });
  if (!r.found) return { problem: `the theme gem ${name}${r.pinned ? ` ${r.pinned}` : ''} is not installed (gem install ${name}, or bundle install)` };
  const fs = new NodeFileSystem(r.found.root);
  const files = (await fs.listFiles(r.found.root)).filter((f) => THEME_PARTS.test(f));
  return { layer: { root: r.found.root, name: r.found.name, version: r.found.version, fs, files } };
}
