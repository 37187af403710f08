// The CLI's Sass cache: a folder under the OS temp dir (`techblog-sass-cache/`), bounded like the
// extension's (newest 50 entries, 20 MB). TECHBLOG_SASS_CACHE=0 turns it off, TECHBLOG_SASS_CACHE=<dir> moves it.
import { promises as fsp } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cacheFileName, entriesToEvict, type SassCache } from '../core/render/theme/cache';

export class FolderSassCache implements SassCache {
  constructor(private readonly dir: string) {}

  async get(key: string): Promise<string | undefined> {
    return fsp.readFile(path.join(this.dir, cacheFileName(key)), 'utf8').catch(() => undefined);
  }

  async set(key: string, value: string): Promise<void> {
    try {
      await fsp.mkdir(this.dir, { recursive: true });
      // Written whole then renamed: a second `techblog render` never reads half an entry.
      const file = path.join(this.dir, cacheFileName(key));
      const tmp = `${file}.${process.pid}.tmp`;
      await fsp.writeFile(tmp, value);
      await fsp.rename(tmp, file);
      const names = (await fsp.readdir(this.dir)).filter((n) => n.endsWith('.json'));
      const entries = await Promise.all(names.map(async (name) => {
        const s = await fsp.stat(path.join(this.dir, name)).catch(() => undefined);
        return { name, size: s?.size ?? 0, mtime: s?.mtimeMs ?? 0 };
      }));
      await Promise.all(entriesToEvict(entries).map((n) => fsp.rm(path.join(this.dir, n), { force: true })));
    } catch {
      // A cache that cannot be written only costs the next run a compile.
    }
  }
}

/** The folder of the cache the CLI uses, or undefined when TECHBLOG_SASS_CACHE=0. */
export function cliSassCacheDir(env: NodeJS.ProcessEnv = process.env): string | undefined {
  const setting = env.TECHBLOG_SASS_CACHE;
  if (setting === '0' || setting === 'off') return undefined;
  return setting && setting !== '1' ? setting : path.join(os.tmpdir(), 'techblog-sass-cache');
}

/** The cache the CLI uses, or undefined when TECHBLOG_SASS_CACHE=0. */
export function cliSassCache(env: NodeJS.ProcessEnv = process.env): SassCache | undefined {
  const dir = cliSassCacheDir(env);
  return dir === undefined ? undefined : new FolderSassCache(dir);
}
