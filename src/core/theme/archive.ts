// Theme downloads, the parts that need no network: which URL to fetch (the gem registry, GitHub's
// archive service), which gem version, checking a download against the registry's SHA-256, and
// unpacking a `.gem` (a plain tar holding `data.tar.gz` + `checksums.yaml.gz`) or a repository
// tarball into the theme's files. The host fetches, and writes what this returns.
import { createHash } from 'node:crypto';
import { gunzipSync } from 'node:zlib';
import { compareGemVersions } from './gemVersion';
import { DEFAULT_TAR_LIMITS, readTar, type TarFile, type TarLimits, UnsafeArchiveError } from './tar';

/** The most bytes a download may have (a theme gem is well under 1 MB; a theme repository a few MB). */
export const MAX_DOWNLOAD_BYTES = 50 * 1024 * 1024;
export const DEFAULT_GEM_REGISTRY = 'https://rubygems.org';
export const DEFAULT_GITHUB_CODELOAD = 'https://codeload.github.com';

/** What of a theme Jekyll uses: these folders, the theme's `_config.yml` and its gemspec. */
const THEME_PARTS = /^(_layouts|_includes|_sass|assets|_data)\/|^_config\.yml$|^[^/]+\.gemspec$/;

export interface RemoteTheme {
  owner: string;
  repo: string;
  /** A branch, tag or commit; `HEAD` (the default branch) when not given. */
  ref: string;
}

/** `owner/repo[@ref]` (or `https://github.com/owner/repo[@ref]`), read as jekyll-remote-theme reads it. */
export function parseRemoteTheme(value: unknown): RemoteTheme | undefined {
  if (typeof value !== 'string') return undefined;
  const v = value.trim().replace(/^https?:\/\/github\.com\//i, '');
  const m = /^([a-z0-9-]+)\/([a-z0-9._-]+?)(?:@([a-z0-9._\-/]+))?$/i.exec(v);
  if (!m || m[2] === '.' || m[2] === '..' || (m[3] ?? '').split('/').includes('..')) return undefined;
  return { owner: m[1], repo: m[2], ref: m[3] ?? 'HEAD' };
}

/** A folder name for a remote theme under the download folder. */
export function remoteThemeFolder(t: RemoteTheme): string {
  return `${t.owner}-${t.repo}@${t.ref}`.replace(/[^A-Za-z0-9._@-]/g, '_');
}

export function codeloadUrl(base: string, t: RemoteTheme): string {
  return `${base.replace(/\/+$/, '')}/${encodeURIComponent(t.owner)}/${encodeURIComponent(t.repo)}/tar.gz/${t.ref.split('/').map(encodeURIComponent).join('/')}`;
}

export function gemVersionsUrl(base: string, name: string): string {
  return `${base.replace(/\/+$/, '')}/api/v1/versions/${encodeURIComponent(name)}.json`;
}

export function gemFileUrl(base: string, name: string, version: string): string {
  return `${base.replace(/\/+$/, '')}/gems/${encodeURIComponent(`${name}-${version}`)}.gem`;
}

export interface GemRelease { version: string; sha256: string }

/**
 * The release to fetch from the registry's version list (`/api/v1/versions/<name>.json`): the pinned
 * version when given, else the newest plain-Ruby release that is not a prerelease.
 */
export function pickGemRelease(versionsJson: string, pinned?: string): GemRelease | undefined {
  let list: unknown;
  try { list = JSON.parse(versionsJson); } catch { return undefined; }
  if (!Array.isArray(list)) return undefined;
  const releases = list.flatMap((r: unknown) => {
    const o = r as Record<string, unknown>;
    return typeof o?.number === 'string' && typeof o.sha === 'string' && /^[0-9a-f]{64}$/i.test(o.sha) && (o.platform === undefined || o.platform === 'ruby')
      ? [{ version: o.number, sha256: o.sha.toLowerCase(), prerelease: o.prerelease === true }] : [];
  });
  if (pinned) {
    const r = releases.find((x) => x.version === pinned);
    return r && { version: r.version, sha256: r.sha256 };
  }
  const stable = releases.filter((r) => !r.prerelease).sort((a, b) => compareGemVersions(b.version, a.version))[0];
  return stable && { version: stable.version, sha256: stable.sha256 };
}

export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export class ChecksumError extends Error {}

/** Throws unless `data` has the SHA-256 the registry published. */
export function verifySha256(data: Uint8Array, expected: string): void {
  const actual = sha256Hex(data);
  if (actual !== expected.toLowerCase()) throw new ChecksumError(`SHA-256 mismatch: expected ${expected}, got ${actual}`);
}

function gunzip(data: Uint8Array, limits: TarLimits): Uint8Array {
  try {
    return gunzipSync(data, { maxOutputLength: limits.maxTotalBytes + 1024 * 1024 });
  } catch (e) {
    throw new UnsafeArchiveError(`cannot decompress (${e instanceof Error ? e.message : String(e)})`);
  }
}

function themeParts(files: TarFile[]): TarFile[] {
  return files.filter((f) => THEME_PARTS.test(f.path));
}

export interface UnpackedTheme { files: TarFile[]; skipped: string[] }

/** A `.gem` file: its `data.tar.gz` (checked against `checksums.yaml.gz` when it has one), the theme's parts. */
export function unpackGem(gem: Uint8Array, limits: TarLimits = DEFAULT_TAR_LIMITS): UnpackedTheme {
  const outer = readTar(gem, { ...limits, maxFiles: 16 });
  const data = outer.files.find((f) => f.path === 'data.tar.gz');
  if (!data) throw new UnsafeArchiveError('not a gem: no data.tar.gz inside');
  const sums = outer.files.find((f) => f.path === 'checksums.yaml.gz');
  if (sums) {
    const yaml = new TextDecoder().decode(gunzip(sums.data, limits));
    const sha = /SHA256:[\s\S]*?data\.tar\.gz:\s*([0-9a-f]{64})/i.exec(yaml)?.[1];
    if (sha) verifySha256(data.data, sha);
  }
  const inner = readTar(gunzip(data.data, limits), limits);
  return { files: themeParts(inner.files), skipped: inner.skipped };
}

/** GitHub's repository tarball (`<repo>-<sha>/…`): the first folder stripped, the theme's parts kept. */
export function unpackRepoArchive(tgz: Uint8Array, limits: TarLimits = DEFAULT_TAR_LIMITS): UnpackedTheme {
  const tar = readTar(gunzip(tgz, limits), limits);
  const files = tar.files.flatMap((f) => {
    const slash = f.path.indexOf('/');
    return slash > 0 && slash < f.path.length - 1 ? [{ path: f.path.slice(slash + 1), data: f.data }] : [];
  });
  return { files: themeParts(files), skipped: tar.skipped };
}
