// Ready for the VS Code Marketplace and Open VSX (issue 14): what `vsce package` and the stores check,
// checked here first so that a README edit or a manifest change cannot break packaging unnoticed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { repoRoot } from '../repoRoot';

const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
const read = (f: string) => fs.readFileSync(path.join(repoRoot, f), 'utf8');

// The Marketplace's categories (https://code.visualstudio.com/api/references/extension-manifest).
const CATEGORIES = ['AI', 'Azure', 'Chat', 'Data Science', 'Debuggers', 'Education', 'Extension Packs', 'Formatters', 'Keymaps',
  'Language Packs', 'Linters', 'Machine Learning', 'Notebooks', 'Others', 'Other', 'Programming Languages', 'SCM Providers', 'Snippets',
  'Testing', 'Themes', 'Visualization'];

test('the icon is a PNG of at least 128×128 that ships', () => {
  assert.match(pkg.icon, /\.png$/);
  const png = fs.readFileSync(path.join(repoRoot, pkg.icon));
  assert.deepEqual([...png.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const [w, h] = [png.readUInt32BE(16), png.readUInt32BE(20)];
  assert.ok(w >= 128 && w === h, `${w}×${h}`);
  assert.match(read('.vscodeignore'), /^!media\/\*\*$/m);
});

test('categories are the Marketplace\'s and true; keywords within its limit', () => {
  for (const c of pkg.categories) assert.ok(CATEGORIES.includes(c), c);
  // "Programming Languages" is for extensions that contribute a language: this one contributes none.
  assert.ok(!pkg.contributes.languages && !pkg.categories.includes('Programming Languages'));
  assert.ok(pkg.categories.includes('Snippets') === !!pkg.contributes.snippets?.length);
  assert.ok(pkg.keywords.length <= 30, 'vsce refuses more than 30 keywords');
  for (const k of ['jekyll', 'hugo', 'hexo', 'typora', 'liquid', 'github pages', 'preview']) assert.ok(pkg.keywords.includes(k), k);
  assert.match(pkg.galleryBanner.color, /^#[0-9a-f]{6}$/i);
  assert.ok(['dark', 'light'].includes(pkg.galleryBanner.theme));
});

test('no placeholder addresses: repository, bugs and homepage are real or absent', () => {
  for (const k of ['repository', 'bugs', 'homepage']) {
    const v = pkg[k];
    if (v === undefined) continue;
    const url = typeof v === 'string' ? v : v.url;
    assert.doesNotMatch(url, /example\.(invalid|com|org)|localhost|TODO|placeholder/i, `${k}: ${url}`);
  }
});

test('a CHANGELOG with an entry for this version', () => {
  assert.match(read('CHANGELOG.md'), new RegExp(`^## \\[${pkg.version.replace(/\./g, '\\.')}\\]`, 'm'));
});

test('plain `vsce package`: its options live in package.json, and the README has no link vsce would refuse', () => {
  assert.match(read('scripts/package.mjs'), /\['package', '--out', out\]/);
  assert.equal(pkg.vsce.dependencies, false, 'the bundles hold every dependency');
  // Without a public repository vsce cannot rewrite relative links, so it refuses any, even in code
  // blocks (its own pattern, from @vscode/vsce's package.js); anchors and absolute URLs are fine.
  const readme = read('README.md');
  const link = /(!?)\[([^\][]*|!\[[^\][]*]\([^)]+\))\]\(([^)]+)\)/g;
  const relative = [...readme.matchAll(link)].map((m) => m[3]).filter((l) => !/^mailto:/i.test(l) && !/^\w+:\/\//.test(l) && !l.startsWith('#'));
  assert.deepEqual(relative, [], 'write file names as `code`, or absolute https:// links');
  assert.doesNotMatch(readme, /<(?:img|video)[^>]+src=["'](?!https:)[/.\w\s#-]+['"]/, 'images from https: only');
});

test('the .vsix leaves the command line out; npm\'s allow-list takes it with what it loads', () => {
  assert.doesNotMatch(read('.vscodeignore'), /^!dist\/cli\.js$/m);
  const npmignore = read('.npmignore');
  for (const f of ['dist/cli.js', 'dist/renderWorker.js', 'dist/imageWorker.js', 'dist/wasm/', 'dist/sass.js', 'media/theme/']) assert.match(npmignore, new RegExp(`^!/${f.replace(/[./]/g, '\\$&')}$`, 'm'), f);
  // vsce refuses a package.json "files" beside .vscodeignore; .npmignore plays that part.
  assert.equal(pkg.files, undefined);
  assert.equal(pkg.scripts.prepack, 'node scripts/build.mjs --production');
});
