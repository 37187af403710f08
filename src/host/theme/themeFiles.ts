// The host's side of theme lookup on the local disk (the extension runs where the workspace is: its
// `extensionKind` is `workspace`, so a remote workspace's gems are on that machine): the environment
// and a directory lister for the core locator, and read access to a theme folder for the renderer.
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ThemeLookupEnvironment } from '../../core/theme/locate';
import type { RenderFileSystem } from '../../core/render/types';

/** What of a theme folder the preview reads (Jekyll uses nothing else of a theme). */
const THEME_TOP = new Set(['_layouts', '_includes', '_sass', 'assets', '_data']);
const MAX_THEME_FILES = 5000;

export function lookupEnvironment(downloads: string[]): ThemeLookupEnvironment {
  return {
    env: process.env,
    home: os.homedir().replace(/\\/g, '/'),
    platform: process.platform,
    downloads,
    list: async (dir) => {
      try {
        return await fsp.readdir(dir);
      } catch {
        return undefined;
      }
    },
    read: async (file) => {
      try {
        return await fsp.readFile(file, 'utf8');
      } catch {
        return undefined;
      }
    },
  };
}

/** Read access to one theme folder; paths are absolute (posix). Symbolic links are not followed. */
export class ThemeFileSystem implements RenderFileSystem {
  async readFile(p: string): Promise<string | undefined> {
    try {
      return await fsp.readFile(p, 'utf8');
    } catch {
      return undefined;
    }
  }

  /** The theme's `_layouts`, `_includes`, `_sass`, `assets`, `_data` files and `_config.yml`, relative to `dir`. */
  async listFiles(dir: string): Promise<string[]> {
    const out: string[] = [];
    const walk = async (abs: string, rel: string, depth: number): Promise<void> => {
      if (depth > 12 || out.length >= MAX_THEME_FILES) return;
      let entries;
      try {
        entries = await fsp.readdir(abs, { withFileTypes: true });
      } catch {
        return;
      }
      for (const e of entries) {
        if (out.length >= MAX_THEME_FILES) return;
        const r = rel ? `${rel}/${e.name}` : e.name;
        if (!rel && !THEME_TOP.has(e.name) && e.name !== '_config.yml') continue;
        // Jekyll ignores symlinked theme assets; a link could also lead out of the theme.
        if (e.isSymbolicLink()) continue;
        if (e.isDirectory()) await walk(path.join(abs, e.name), r, depth + 1);
        else if (e.isFile()) out.push(r);
      }
    };
    await walk(dir, '', 0);
    return out.sort();
  }
}
