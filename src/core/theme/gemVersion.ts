// RubyGems versions and Bundler's lock file, as far as finding an installed theme gem needs them.

/** `Gem::Version` order: numeric segments numerically, a letter segment (prerelease) before any number. */
export function compareGemVersions(a: string, b: string): number {
  const seg = (v: string) => v.split(/[.-]/).filter((s) => s !== '').map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const x = seg(a);
  const y = seg(b);
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const p = x[i] ?? 0;
    const q = y[i] ?? 0;
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    if (typeof p === 'string' && typeof q === 'string') return p < q ? -1 : 1;
    return typeof p === 'string' ? -1 : 1;
  }
  return 0;
}

/** The version `Gemfile.lock` pins for gem `name` (its `specs:` entry), without a platform suffix. */
export function lockedVersion(lockText: string | undefined, name: string): string | undefined {
  if (!lockText) return undefined;
  const escaped = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`^ {4}${escaped} \\(([^)\\s]+)\\)`, 'mi').exec(lockText);
  if (!m) return undefined;
  // `1.2.3-x86_64-linux`: the platform is not part of the folder's version for pure-Ruby themes, keep the number.
  return /^(\d[0-9A-Za-z.]*)/.exec(m[1])?.[1] ?? m[1];
}

/**
 * A gem `Gemfile.lock` takes from a git repository (a `GIT` section): Bundler checks it out as
 * `<gem dir>/bundler/gems/<repository name>-<first 12 characters of the revision>/`.
 */
export function lockedGitCheckout(lockText: string | undefined, name: string): { folder: string; version: string } | undefined {
  if (!lockText) return undefined;
  for (const block of lockText.split(/\r?\n\s*\r?\n/)) {
    if (!/^GIT\b/.test(block.trimStart())) continue;
    const version = lockedVersion(block, name);
    const remote = /^\s*remote:\s*(\S+)/m.exec(block)?.[1];
    const revision = /^\s*revision:\s*([0-9a-f]{12,})/m.exec(block)?.[1];
    if (!version || !remote || !revision) continue;
    const repo = remote.replace(/\/+$/, '').replace(/\.git$/, '').split(/[/:]/).pop();
    if (repo && /^[A-Za-z0-9._-]+$/.test(repo)) return { folder: `${repo}-${revision.slice(0, 12)}`, version };
  }
  return undefined;
}

/** `name-1.2.3` → `1.2.3` when the folder is a version of gem `name`. */
export function gemFolderVersion(folder: string, name: string): string | undefined {
  if (folder.length <= name.length + 1 || folder.slice(0, name.length).toLowerCase() !== name.toLowerCase() || folder[name.length] !== '-') return undefined;
  // A platform suffix (`-x86_64-linux`) may follow the number; theme gems have none, but be tolerant.
  return /^(\d[0-9A-Za-z.]*)(?:-[A-Za-z0-9_]+)*$/.exec(folder.slice(name.length + 1))?.[1];
}
