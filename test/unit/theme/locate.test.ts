// The theme gem locator: where Ruby and Bundler look, in their order, on a fake disk.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as posix from 'node:path/posix';
import { compareGemVersions, gemFolderVersion, lockedVersion } from '../../../src/core/theme/gemVersion';
import { locateGemTheme, type ThemeLookupEnvironment } from '../../../src/core/theme/locate';

/** A fake disk: the folders given (and their parents) exist; files have texts. */
function disk(folders: string[], files: Record<string, string> = {}, env: Record<string, string> = {}, platform = 'linux'): ThemeLookupEnvironment & { listed: string[] } {
  const children = new Map<string, Set<string>>();
  const add = (p: string) => {
    for (let cur = p; cur !== '/'; cur = posix.dirname(cur)) {
      const parent = posix.dirname(cur);
      if (!children.has(parent)) children.set(parent, new Set());
      children.get(parent)!.add(posix.basename(cur));
    }
  };
  for (const f of folders) add(f);
  for (const f of Object.keys(files)) add(f);
  const listed: string[] = [];
  return {
    env, home: '/home/u', platform, listed,
    list: async (d) => { listed.push(d); const c = children.get(d.replace(/\/+$/, '') || '/'); return c ? [...c] : undefined; },
    read: async (f) => files[f],
  };
}

const SITE = '/home/u/blog';
const SYSTEM = '/usr/share/rubygems-integration/all/gems/minima-2.5.1';
const USER = '/home/u/.local/share/gem/ruby/3.1.0/gems/minima-2.5.2';
const GEM_HOME = '/opt/gh/gems/minima-2.5.0';
const VENDOR = `${SITE}/vendor/bundle/ruby/3.1.0/gems/minima-2.4.0`;

describe('gem versions', () => {
  test('Gem::Version order, folder names and Gemfile.lock pins', () => {
    assert.ok(compareGemVersions('2.10.0', '2.9.9') > 0);
    assert.ok(compareGemVersions('3.0.0.pre', '3.0.0') < 0);
    assert.equal(compareGemVersions('1.0', '1.0.0'), 0);
    assert.equal(gemFolderVersion('jekyll-theme-cayman-0.2.0', 'jekyll-theme-cayman'), '0.2.0');
    assert.equal(gemFolderVersion('jekyll-theme-cayman-0.2.0', 'jekyll-theme'), undefined);
    assert.equal(gemFolderVersion('minima-2.5.1', 'minima'), '2.5.1');
    assert.equal(lockedVersion('GEM\n  remote: https://rubygems.org/\n  specs:\n    jekyll (4.3.1)\n    minima (2.5.1)\n      jekyll (>= 3.5, < 5.0)\n', 'minima'), '2.5.1');
    assert.equal(lockedVersion('GEM\n  specs:\n    jekyll (4.3.1)\n      minima (2.5.1)\n', 'minima'), undefined, 'a dependency line is not a pin');
  });
});

describe('locateGemTheme', () => {
  test('without Gemfile.lock: the highest version wherever it is (plain RubyGems)', async () => {
    const r = await locateGemTheme('minima', SITE, disk([SYSTEM, USER, GEM_HOME, VENDOR], {}, { GEM_HOME: '/opt/gh' }));
    assert.equal(r.found?.root, USER);
    assert.equal(r.found?.source, 'user');
  });

  test('Gemfile.lock\'s version wins over a higher one; vendor/bundle is searched first', async () => {
    const lock = { [`${SITE}/Gemfile.lock`]: 'GEM\n  specs:\n    minima (2.4.0)\n' };
    const r = await locateGemTheme('Minima', SITE, disk([SYSTEM, USER, VENDOR], lock));
    assert.equal(r.found?.root, VENDOR);
    assert.equal(r.found?.source, 'vendor/bundle');
    assert.equal(r.pinned, '2.4.0');
  });

  test('the same version in several places: vendor/bundle, then BUNDLE_PATH, GEM_HOME, GEM_PATH, user, system', async () => {
    const v = (dir: string) => `${dir}/minima-2.5.1`;
    const all = [v(`${SITE}/vendor/bundle/ruby/3.1.0/gems`), v('/opt/gh/gems'), v('/opt/gp/gems'), v('/home/u/.gem/ruby/3.1.0/gems'), SYSTEM];
    const env = { GEM_HOME: '/opt/gh', GEM_PATH: '/opt/gp:/opt/other' };
    const order: string[] = [];
    for (let i = 0; i < all.length; i++) {
      const r = await locateGemTheme('minima', SITE, disk(all.slice(i), {}, env));
      order.push(r.found!.source);
    }
    assert.deepEqual(order, ['vendor/bundle', 'GEM_HOME', 'GEM_PATH', 'user', 'system']);
    const bundled = await locateGemTheme('minima', SITE, disk([v(`${SITE}/.gems/ruby/3.1.0/gems`), SYSTEM], { [`${SITE}/.bundle/config`]: '---\nBUNDLE_PATH: ".gems"\n' }));
    assert.equal(bundled.found?.source, 'BUNDLE_PATH');
  });

  test('a theme Bundler checked out from git: bundler/gems/<repo>-<revision> beside the gems folder', async () => {
    const lock = { [`${SITE}/Gemfile.lock`]: 'GIT\n  remote: https://github.com/mmistakes/minimal-mistakes.git\n  revision: 0123456789abcdef0123456789abcdef01234567\n  specs:\n    minimal-mistakes-jekyll (4.24.0)\n      jekyll (>= 3.7, < 5.0)\n\nGEM\n  specs:\n    jekyll (4.3.1)\n' };
    const checkout = `${SITE}/vendor/bundle/ruby/3.1.0/bundler/gems/minimal-mistakes-0123456789ab`;
    const r = await locateGemTheme('minimal-mistakes-jekyll', SITE, disk([`${checkout}/_layouts`, `${SITE}/vendor/bundle/ruby/3.1.0/gems/jekyll-4.3.1`], lock));
    assert.equal(r.found?.root, checkout);
    assert.equal(r.found?.version, '4.24.0');
  });

  test('version managers (rbenv, rvm, asdf, chruby) and macOS system gems are searched', async () => {
    for (const dir of ['/home/u/.rbenv/versions/3.2.2/lib/ruby/gems/3.2.0/gems', '/home/u/.rvm/gems/ruby-3.2.2/gems',
      '/home/u/.asdf/installs/ruby/3.2.2/lib/ruby/gems/3.2.0/gems', '/home/u/.rubies/ruby-3.2.2/lib/ruby/gems/3.2.0/gems']) {
      const r = await locateGemTheme('minima', SITE, disk([`${dir}/minima-2.5.1`]));
      assert.equal(r.found?.source, 'version manager', dir);
    }
    const mac = await locateGemTheme('minima', SITE, disk(['/Library/Ruby/Gems/2.6.0/gems/minima-2.5.1'], {}, {}, 'darwin'));
    assert.equal(mac.found?.source, 'system');
    const brew = await locateGemTheme('minima', SITE, disk(['/opt/homebrew/lib/ruby/gems/3.3.0/gems/minima-2.5.1'], {}, {}, 'darwin'));
    assert.equal(brew.found?.source, 'version manager');
  });

  test('not installed: the pinned version, what is installed, and downloads are searched last', async () => {
    const lock = { [`${SITE}/Gemfile.lock`]: 'GEM\n  specs:\n    minima (2.5.9)\n' };
    const r = await locateGemTheme('minima', SITE, disk([SYSTEM], lock));
    assert.equal(r.found, undefined);
    assert.equal(r.pinned, '2.5.9');
    assert.deepEqual(!r.found && r.installed, ['2.5.1']);
    const none = await locateGemTheme('jekyll-theme-cayman', SITE, disk([SYSTEM]));
    assert.equal(none.found, undefined);
    const dl = await locateGemTheme('jekyll-theme-cayman', SITE, { ...disk(['/storage/themes/jekyll-theme-cayman-0.2.0']), downloads: ['/storage/themes'] });
    assert.equal(dl.found?.source, 'downloaded');
    assert.equal(dl.found?.root, '/storage/themes/jekyll-theme-cayman-0.2.0');
  });

  test('bounded: a huge gem folder tree is not walked beyond its budget', async () => {
    const folders = Array.from({ length: 300 }, (_, i) => `/home/u/.rbenv/versions/v${i}/lib/ruby/gems/3.2.0/gems/x-1.0.0`);
    const d = disk(folders);
    await locateGemTheme('minima', SITE, d);
    assert.ok(d.listed.length <= 500, `${d.listed.length} listings`);
  });
});
