// Themes that are not in the repository (issue 10), in a real VS Code. Two blogs are written into the
// throwaway copy of the sample blog for this suite (subfolders; removed afterwards):
// - a `jekyll new` blog (`theme: minima`): previews in site mode with the installed minima gem's header
//   and compiled CSS (skipped, with the reason printed, when no minima gem is installed);
// - a `theme:` blog whose gem is installed nowhere: the pinned version from a local stand-in for the gem
//   registry, refused while its SHA-256 does not match the registry's, used once it does;
// - a `remote_theme:` blog: its notice comes first with a "Download theme" button; the download (from a
//   local HTTP server on 127.0.0.1 standing in for GitHub's archive service, serving a tarball the test
//   builds from the fixture theme) puts the theme into global storage, and the preview then shows it.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import * as vscode from 'vscode';
import { parseSiteConfig } from '../../../src/core/site/config';
import { locateGemTheme } from '../../../src/core/theme/locate';
import { sha256Hex } from '../../../src/core/theme/archive';
import { writeTar } from '../../../src/core/theme/tar';
import { PreviewManager } from '../../../src/host/preview/previewManager';
import type { PreviewPanel, PreviewPatch } from '../../../src/host/preview/previewPanel';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';
import { lookupEnvironment } from '../../../src/host/theme/themeFiles';
import { DOWNLOAD_THEME_COMMAND } from '../../../src/host/theme/downloadThemeCommand';
import { ThemeService } from '../../../src/host/theme/themeService';
import { EXTENSION_ID, eventually, sampleBlog } from '../util/workspace';

const MINIMA = 'theme-blogs/minima-blog';
const REMOTE = 'theme-blogs/remote-blog';
const REMOTE_THEME = 'fixture-owner/fixture-remote-theme@v1';
const GEM = 'theme-blogs/gem-blog';
const POST = '_posts/2024-01-01-welcome-to-jekyll.markdown';

// The files `jekyll new` writes that the preview reads (jekyll 4.3's site template, shortened).
const JEKYLL_NEW_CONFIG = `title: Your awesome title
email: your-email@example.com
description: >- # this means to ignore newlines until "baseurl:"
  Write an awesome description for your new site here.
baseurl: "" # the subpath of your site, e.g. /blog
url: "" # the base hostname & protocol for your site, e.g. http://example.com
twitter_username: jekyllrb
github_username:  jekyll

# Build settings
theme: minima
plugins:
  - jekyll-feed
`;
const JEKYLL_NEW_POST = `---
layout: post
title:  "Welcome to Jekyll!"
date:   2024-01-01 10:00:00 +0000
categories: jekyll update
---
You’ll find this post in your \`_posts\` directory.
`;

describe('Themes that are not in the repository (real VS Code)', function () {
  this.timeout(240_000);
  const at = (rel: string) => vscode.Uri.joinPath(sampleBlog(), ...rel.split('/'));
  let log: vscode.LogOutputChannel;
  let sites: WorkspaceSites;
  let themes: ThemeService;
  let manager: PreviewManager;
  let storage: string;
  const patches: PreviewPatch[] = [];

  const write = (rel: string, text: string) => vscode.workspace.fs.writeFile(at(rel), new TextEncoder().encode(text));

  before(async () => {
    await eventually(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'activation');
    await write(`${MINIMA}/_config.yml`, JEKYLL_NEW_CONFIG);
    await write(`${MINIMA}/${POST}`, JEKYLL_NEW_POST);
    await write(`${REMOTE}/_config.yml`, `title: Remote Theme Blog\nremote_theme: ${REMOTE_THEME}\nplugins:\n  - jekyll-remote-theme\n`);
    await write(`${REMOTE}/${POST}`, '---\nlayout: post\ntitle: On a remote theme\n---\nThe body of a post on a remote theme.\n');
    await write(`${GEM}/_config.yml`, 'title: Gem Theme Blog\ntheme: fixture-theme\n');
    await write(`${GEM}/Gemfile.lock`, 'GEM\n  remote: https://rubygems.org/\n  specs:\n    fixture-theme (1.0.0)\n      jekyll (>= 3.5)\n\nDEPENDENCIES\n  fixture-theme\n');
    await write(`${GEM}/${POST}`, '---\nlayout: post\ntitle: On a gem theme\n---\nThe body of a post on a gem theme.\n');
    log = vscode.window.createOutputChannel('TechBlog theme tests', { log: true });
    sites = new WorkspaceSites(log);
    storage = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-theme-storage-'));
    themes = new ThemeService(vscode.Uri.file(storage), log);
    manager = new PreviewManager(sites, vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri, log, undefined, themes);
    manager.onDidPatch((p) => patches.push(p));
    await eventually(async () => (await sites.siteFor(at(`${REMOTE}/${POST}`)))?.root.path.endsWith(REMOTE), 'the two theme blogs found as sites', 20_000);
  });

  after(async () => {
    manager?.dispose();
    themes?.dispose();
    sites?.dispose();
    log?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(at('theme-blogs'), { recursive: true, useTrash: false });
    fs.rmSync(storage, { recursive: true, force: true });
  });

  async function preview(rel: string): Promise<PreviewPanel> {
    const doc = await vscode.workspace.openTextDocument(at(rel));
    await vscode.window.showTextDocument(doc);
    const panel = manager.open(doc.uri, { toSide: true, locked: true });
    await eventually(() => patches.some((p) => p.panel === panel), 'the webview to show the first rendering', 60_000);
    return panel;
  }

  it('a `jekyll new` blog (theme: minima) previews in site mode with the installed minima gem\'s header and CSS', async function () {
    const t0 = performance.now();
    const found = await locateGemTheme('minima', at(MINIMA).fsPath, lookupEnvironment([]));
    const lookupMs = performance.now() - t0;
    if (!found.found) {
      console.log('[themes] skipped: no minima gem is installed where Ruby looks (Debian: apt-get install jekyll-theme-minima)');
      this.skip();
    }
    console.log(`[themes] minima ${found.found.version} found in ${lookupMs.toFixed(1)} ms at ${found.found.root} (${found.found.source})`);
    const panel = await preview(`${MINIMA}/${POST}`);
    // The first frame does not wait for Sass: the theme's CSS comes with the render after it.
    const shown = await eventually(() => panel.shown?.mode === 'site' && panel.shown.css.length > 0 && panel.shown, 'site mode with the theme\'s CSS', 60_000);
    assert.match(shown.body, /<header class="site-header"/, 'minima\'s header');
    assert.match(shown.body, /<a class="site-title"[^>]*>Your awesome title<\/a>/);
    assert.match(shown.body, /<footer class="site-footer/, 'minima\'s footer');
    const css = shown.css.join('\n');
    assert.match(css, /\.site-header\s*\{/, 'minima\'s Sass compiled');
    assert.match(css, /\.site-title\s*\{/);
    assert.ok(!shown.notices.some((n) => /theme gem .* not installed|remote_theme/.test(n)), shown.notices.join('\n'));
    const roots = (panel.panel.webview.options.localResourceRoots ?? []).map((u) => u.fsPath);
    assert.ok(roots.includes(vscode.Uri.file(found.found.root).fsPath), `the theme folder is a resource root: ${roots.join(', ')}`);
  });

  /** The fixture theme's files (test/fixtures/gem-home/gems/fixture-theme-1.0.0), paths under `prefix`. */
  function fixtureTheme(prefix: string): Array<{ path: string; data: Uint8Array }> {
    const themeDir = path.join(vscode.extensions.getExtension(EXTENSION_ID)!.extensionPath, 'test', 'fixtures', 'gem-home', 'gems', 'fixture-theme-1.0.0');
    const entries: Array<{ path: string; data: Uint8Array }> = [];
    const walk = (dir: string, rel: string) => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(dir, e.name), `${rel}${e.name}/`);
        else entries.push({ path: `${prefix}${rel}${e.name}`, data: fs.readFileSync(path.join(dir, e.name)) });
      }
    };
    walk(themeDir, '');
    return entries;
  }

  it('a theme gem installed nowhere: the pinned version from the gem registry (a local server), refused on a checksum mismatch, used once it matches', async () => {
    assert.ok(vscode.workspace.isTrusted, 'the test workspace is trusted (downloads are off otherwise)');
    const data = gzipSync(writeTar(fixtureTheme('')));
    const gem = writeTar([
      { path: 'metadata.gz', data: gzipSync(new TextEncoder().encode('--- !ruby/object:Gem::Specification\nname: fixture-theme\n')) },
      { path: 'data.tar.gz', data },
      { path: 'checksums.yaml.gz', data: gzipSync(new TextEncoder().encode(`---\nSHA256:\n  data.tar.gz: ${sha256Hex(data)}\n`)) },
    ]);
    let published = 'f'.repeat(64);
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/api/v1/versions/fixture-theme.json') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify([{ number: '1.1.0', sha: '0'.repeat(64), platform: 'ruby', prerelease: false }, { number: '1.0.0', sha: published, platform: 'ruby', prerelease: false }]));
      } else if (req.url === '/gems/fixture-theme-1.0.0.gem') {
        res.writeHead(200, { 'content-type': 'application/octet-stream' });
        res.end(gem);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const previous = process.env.TECHBLOG_GEM_REGISTRY;
    process.env.TECHBLOG_GEM_REGISTRY = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const panel = await preview(`${GEM}/${POST}`);
      const before = await eventually(() => panel.shown?.actions.length && panel.shown, 'the Download theme button', 30_000);
      assert.match(before.notices[0], /"fixture-theme" 1\.0\.0 \(the version Gemfile\.lock pins\)/, before.notices.join('\n'));
      assert.equal(requests.length, 0, 'nothing is fetched before the click');
      const root = (await sites.siteFor(at(`${GEM}/${POST}`)))!.root;
      const state = await themes.resolve(root, { ...parseSiteConfig('theme: fixture-theme\n'), profile: 'jekyll' });
      assert.equal(state.kind, 'missing');

      assert.equal(await themes.download(state), undefined, 'a gem whose SHA-256 is not the registry\'s is refused');
      assert.ok(!fs.existsSync(path.join(storage, 'themes', 'fixture-theme-1.0.0')), 'nothing is written');
      assert.deepEqual(requests, ['/api/v1/versions/fixture-theme.json', '/gems/fixture-theme-1.0.0.gem'], 'the pinned 1.0.0, not the newer 1.1.0');

      published = sha256Hex(gem);
      const t0 = performance.now();
      const dir = await themes.download(state);
      console.log(`[themes] gem downloaded, verified and unpacked in ${(performance.now() - t0).toFixed(0)} ms (${gem.length} bytes)`);
      assert.equal(dir, path.join(storage, 'themes', 'fixture-theme-1.0.0'));
      const after = await eventually(() => panel.shown?.mode === 'site' && panel.shown, 'the preview in the downloaded gem theme', 30_000);
      assert.match(after.body, /<a class="fixture-site-title"[^>]*>.*Gem Theme Blog<\/a>/);
      assert.match(after.body, /<p class="fixture-tagline">Notes written with the fixture theme<\/p>/, 'a gem theme\'s _config.yml is read');
      assert.deepEqual(after.actions, []);
    } finally {
      if (previous === undefined) delete process.env.TECHBLOG_GEM_REGISTRY;
      else process.env.TECHBLOG_GEM_REGISTRY = previous;
      server.close();
    }
  });

  it('a remote_theme blog shows "Download theme" first; the download from a local server brings the theme into the preview', async () => {
    assert.ok(vscode.workspace.isTrusted, 'the test workspace is trusted (downloads are off otherwise)');
    // The fixture theme as GitHub's archive service would serve it: one top folder, pax global header aside.
    const entries = fixtureTheme('fixture-remote-theme-0123abc/');
    const tarball = gzipSync(writeTar([...entries, { path: 'fixture-remote-theme-0123abc/README.md', data: new TextEncoder().encode('readme') }]));
    const requests: string[] = [];
    const server = http.createServer((req, res) => {
      requests.push(req.url ?? '');
      if (req.url === '/fixture-owner/fixture-remote-theme/tar.gz/v1') {
        res.writeHead(200, { 'content-type': 'application/x-gzip', 'content-length': String(tarball.length) });
        res.end(tarball);
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const previous = process.env.TECHBLOG_GITHUB_CODELOAD;
    process.env.TECHBLOG_GITHUB_CODELOAD = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const panel = await preview(`${REMOTE}/${POST}`);
      const before = await eventually(() => panel.shown?.actions.length && panel.shown, 'the Download theme button', 30_000);
      assert.match(before.notices[0], /remote_theme: fixture-owner\/fixture-remote-theme@v1/, `the theme notice comes first: ${before.notices.join('\n')}`);
      assert.deepEqual(before.actions.map((a) => [a.id, a.label]), [['downloadTheme', 'Download theme']]);
      assert.equal(before.mode, 'content');
      assert.equal(requests.length, 0, 'nothing is fetched before the click');

      // The command the button runs (the extension's own service and global storage).
      const dir = await vscode.commands.executeCommand<string | undefined>(DOWNLOAD_THEME_COMMAND, at(REMOTE));
      assert.ok(dir && fs.existsSync(path.join(dir, '_layouts', 'default.html')), `the command unpacked the theme: ${dir}`);
      assert.ok(!fs.existsSync(path.join(dir, 'README.md')), 'only the theme\'s folders are kept');
      assert.equal(requests.length, 1);
      fs.rmSync(dir, { recursive: true, force: true });

      // This preview's service (its own storage) downloads the same way, and the preview picks it up.
      const root = (await sites.siteFor(at(`${REMOTE}/${POST}`)))!.root;
      const state = await themes.resolve(root, { ...parseSiteConfig(`remote_theme: ${REMOTE_THEME}\n`), profile: 'jekyll' });
      const t0 = performance.now();
      const mine = await themes.download(state);
      console.log(`[themes] remote theme downloaded and unpacked in ${(performance.now() - t0).toFixed(0)} ms (${tarball.length} bytes)`);
      assert.ok(mine?.startsWith(storage), mine);
      const after = await eventually(() => panel.shown?.mode === 'site' && panel.shown, 'the preview in the downloaded theme', 30_000);
      assert.match(after.body, /<a class="fixture-site-title"[^>]*>.*Remote Theme Blog<\/a>/);
      // jekyll-remote-theme sets the theme after Jekyll read the config: the theme's _config.yml does not count.
      assert.match(after.body, /<p class="fixture-tagline"><\/p>/, 'a remote theme\'s _config.yml is not read');
      assert.match(after.body, /<footer class="fixture-footer">/);
      assert.deepEqual(after.actions, []);
      assert.ok(!after.notices.some((n) => /remote_theme/.test(n)), after.notices.join('\n'));
      const css = after.css.join('\n');
      assert.match(css, /\.fixture-header\s*\{[^}]*border-bottom: 3px solid #c0392b/);
      // The theme's image, linked from its CSS, is served from the theme folder (a resource root).
      const stripes = /url\("?([^")]*stripes\.svg)"?\)/.exec(css)?.[1] ?? '';
      assert.ok(stripes.includes(path.basename(mine!)) || stripes.includes(encodeURIComponent(path.basename(mine!))), `the image URL points into the theme folder: ${stripes}`);
      const roots = (panel.panel.webview.options.localResourceRoots ?? []).map((u) => u.fsPath);
      assert.ok(roots.includes(vscode.Uri.file(mine!).fsPath), roots.join(', '));
    } finally {
      if (previous === undefined) delete process.env.TECHBLOG_GITHUB_CODELOAD;
      else process.env.TECHBLOG_GITHUB_CODELOAD = previous;
      server.close();
    }
  });
});
