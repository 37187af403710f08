// Sass the way Jekyll compiles it (src/core/render/theme/sass.ts): jekyll-sass-converter's load paths,
// libsass's leniency on Dart Sass, and the compile cache. Sites are small in-memory file sets.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { cliSassCache } from '../../../src/cli/sassCache';
import { parseSiteConfig } from '../../../src/core/site/config';
import { MemorySassCache, entriesToEvict, type SassCache } from '../../../src/core/render/theme/cache';
import { compileSass, expandLoadPaths, type SassFileLayer, type SassSite } from '../../../src/core/render/theme/sass';
import { repairAt, scssStatements } from '../../../src/core/render/theme/libsass';
import { compareRuleSets, cssRuleSet } from './cssRules';
import { memorySite } from './helpers';
import { repoRoot } from '../repoRoot';

/** A Sass site over a map of texts; `config` is the `_config.yml` text the one config reader reads. */
function sassSite(files: Record<string, string>, opts: { config?: string; themes?: SassFileLayer[]; cache?: SassCache; reads?: string[] } = {}): SassSite {
  const map = new Map(Object.entries(files));
  return {
    sass: parseSiteConfig(opts.config ?? '').sass,
    themes: opts.themes,
    has: (p) => map.has(p),
    read: async (p) => { opts.reads?.push(p); return map.get(p); },
    files: () => map.keys(),
    liquid: async (text) => text,
    cache: opts.cache,
  };
}

function layer(label: string, files: Record<string, string>): SassFileLayer {
  const map = new Map(Object.entries(files));
  return { label, sassDir: '_sass', has: (p) => map.has(p), read: async (p) => map.get(p), files: () => map.keys() };
}

/** Selectors of the compiled CSS, in order. */
const selectors = (css: string) => [...new Set(cssRuleSet(css).map((r) => r.split(' | ')[1]))];

describe('Sass load paths (jekyll-sass-converter 2.2)', () => {
  test('`@import "main"` in assets/css/main.scss is _sass/main.scss, not the entry itself', async () => {
    const r = await compileSass('assets/css/main.scss', sassSite({
      'assets/css/main.scss': '---\n---\n@import "main";\n',
      '_sass/main.scss': '.from-sass-main { x: 1 }',
    }));
    assert.deepEqual(selectors(r.css), ['.from-sass-main']);
  });

  test('the entry\'s imports are looked up from the site root first, as Jekyll names it `./main.scss`', async () => {
    const r = await compileSass('assets/css/style.scss', sassSite({
      'assets/css/style.scss': '---\n---\n@import "at-root";\n@import "beside";\n',
      'at-root.scss': '.root { x: 1 }',
      'assets/css/_beside.scss': '.beside-the-entry { x: 1 }',
      '_sass/_beside.scss': '.sass-dir { x: 1 }',
    }));
    assert.deepEqual(selectors(r.css), ['.root', '.sass-dir']);
  });

  test('sass.load_paths come before sass.sass_dir, which comes before the theme\'s _sass; the site wins', async () => {
    const theme = layer('minima', {
      '_sass/q.scss': '.theme-q { x: 1 }', '_sass/only-theme.scss': '@import "shared"; .theme-only { x: 1 }', '_sass/_shared.scss': '.theme-shared { x: 1 }',
      '_sass/_overridden.scss': '.theme-overridden { x: 1 }',
    });
    const r = await compileSass('assets/main.scss', sassSite({
      'assets/main.scss': '---\n---\n@import "q", "overridden", "only-theme", "vendor-only";',
      'css/partials/_overridden.scss': '.site-overridden { x: 1 }',
      '_config.yml': '',
      'vendor/lib/_q.scss': '.load-path-q { x: 1 }',
      'vendor/lib/_vendor-only.scss': '.vendor-only { x: 1 }',
      'css/partials/_q.scss': '.sass-dir-q { x: 1 }',
      'css/partials/_shared.scss': '.site-shared { x: 1 }',
    }, { config: 'sass:\n  sass_dir: css/partials\n  load_paths:\n    - vendor/*\n', themes: [theme] }));
    // q from load_paths; the site's partial over the theme's; but a theme partial's own import is found
    // next to it first, in the theme (libsass does so: a site's _sass/minima/_base.scss does not replace minima's).
    assert.deepEqual(selectors(r.css), ['.load-path-q', '.site-overridden', '.theme-shared', '.theme-only', '.vendor-only']);
  });

  test('relative imports from partials: next to the importing file first, then the load paths', async () => {
    const r = await compileSass('assets/main.scss', sassSite({
      'assets/main.scss': '---\n---\n@import "a";',
      '_sass/a.scss': '@import "sub/b";',
      '_sass/sub/_b.scss': '@import "c"; .b { x: 1 }',
      '_sass/sub/_c.scss': '.sub-c { x: 1 }',
      '_sass/_c.scss': '.sass-c { x: 1 }',
    }));
    assert.deepEqual(selectors(r.css), ['.sub-c', '.b']);
  });

  test('the site config reader: sass_dir, load_paths (a string or a list), defaults', () => {
    assert.deepEqual(parseSiteConfig('title: x\n').sass, { sassDir: '_sass', loadPaths: [] });
    assert.deepEqual(parseSiteConfig('sass:\n  sass_dir: ""\n  load_paths: ./node_modules/\n  style: compressed\n').sass, { sassDir: '_sass', loadPaths: ['node_modules'] });
    assert.deepEqual(parseSiteConfig('sass:\n  sass_dir: ./assets/_scss/\n  load_paths: [a, b/c]\n').sass, { sassDir: 'assets/_scss', loadPaths: ['a', 'b/c'] });
    assert.deepEqual(expandLoadPaths(['node_modules/*/scss', 'plain', '/abs'], ['node_modules/x/scss/a.scss', 'node_modules/y/css/b.css']), ['node_modules/x/scss', 'plain']);
  });
});

describe('libsass compatibility', () => {
  test('what libsass gave a meaning gets it: unquote(12px), colour arithmetic, compound @extend, `/` division, `all.3s`, calc(100%-10px)', async () => {
    const r = await compileSass('assets/main.scss', sassSite({
      'assets/main.scss': '---\n---\n@import "theme";',
      '_sass/_theme.scss': [
        '$bg: #fdfdfd;', '$border: $bg - #111;', '$gap: 30px / 2;',
        '.button.primary { color: red; }',
        '.a { margin: unquote($gap); border: 1px solid $border; background: #eef + #111; width: percentage(1 / 4); @extend .button.primary; }',
        '.b { transition: all.3s ease; height: calc(100%-10px); }',
      ].join('\n'),
    }));
    assert.deepEqual(r.dropped, []);
    const rules = cssRuleSet(r.css);
    for (const want of [' | .a | margin: 15px', ' | .a | border: 1px solid #ececec', ' | .a | background: #ffffff', ' | .a | width: 25%', ' | .button.primary | color: #ff0000', ' | .a | color: #ff0000',
      ' | .b | transition: all .3s ease', ' | .b | height: calc(100%-10px)']) {
      assert.ok(rules.includes(want), `${want}\n${rules.join('\n')}`);
    }
  });

  test('what Dart Sass cannot read is left out, everything else kept, in ONE notice naming file:line', async () => {
    const site = await memorySite({
      '_layouts/default.html': '<html><head><link rel="stylesheet" href="/assets/main.css"></head><body>{{ content }}</body></html>',
      'assets/main.scss': '---\n---\n@import "base", "broken";\n.after { x: 1 }',
      '_sass/_base.scss': '.base { color: blue }',
      '_sass/_broken.scss': '.ok-1 { x: 1 }\n.post /deep/ .note { color: red }\n.ok-2 { y: 2; z: $undefined-var; w: 3 }\n$v: 1px + 1em;\n.ok-3 { v: $v; u: 4 }\n',
    });
    const r = await site.render({ path: '_posts/2024-01-01-x.md', text: '---\ntitle: T\nlayout: default\n---\nx' });
    assert.equal(r.theme, 'site');
    const rules = cssRuleSet(r.css[0]);
    assert.deepEqual(rules, [' | .base | color: #0000ff', ' | .ok-1 | x: 1', ' | .ok-2 | y: 2', ' | .ok-2 | w: 3', ' | .ok-3 | u: 4', ' | .after | x: 1']);
    const notices = r.notices.filter((n) => /libsass/.test(n));
    assert.equal(notices.length, 1, r.notices.join('\n'));
    assert.match(notices[0], /assets\/main\.scss/);
    assert.match(notices[0], /_sass\/_broken\.scss:2, _sass\/_broken\.scss:3, _sass\/_broken\.scss:4/);
  });

  test('the indented syntax (.sass): a failing line and the lines under it are left out, unquote() repaired', async () => {
    const r = await compileSass('assets/main.sass', sassSite({
      'assets/main.sass': '---\n---\n@import "parts"\n.entry\n  x: 1\n',
      '_sass/_parts.sass': '$gap: 10px\n.a\n  margin: unquote($gap)\n.b /deep/ .c\n  color: red\n  .d\n    e: f\n.g\n  h: i\n',
    }));
    assert.deepEqual(cssRuleSet(r.css), [' | .a | margin: 10px', ' | .g | h: i', ' | .entry | x: 1']);
    assert.deepEqual(r.dropped, ['_sass/_parts.sass:4']);
  });

  test('statements of a file: declarations, blocks, comments and strings skipped; a failed variable becomes null', () => {
    const text = '// a { b }\n.a { b: "x;}"; c: url(//x/y.png) }\n$v: f(1) !default;\n';
    assert.deepEqual(scssStatements(text).map((s) => text.slice(s.start, s.end).trim()), ['b: "x;}";', 'c: url(//x/y.png)', '// a { b }\n.a { b: "x;}"; c: url(//x/y.png) }', '$v: f(1) !default;']);
    const r = repairAt(text, { message: 'x', offset: text.indexOf('f(1)'), spanText: 'f(1)' });
    assert.equal(r?.text.split('\n')[2], '$v: null !default;');
    assert.equal(r?.line, 2);
  });
});

describe('Sass cache', () => {
  test('hit, miss after a partial changes, and hit again; a hit reads the inputs but does not compile', async () => {
    const files: Record<string, string> = { 'assets/main.scss': '---\n---\n@import "a";', '_sass/_a.scss': '@import "b"; .a { x: 1 }', '_sass/_b.scss': '.b { x: 1 }' };
    const cache = new MemorySassCache();
    const first = await compileSass('assets/main.scss', sassSite(files, { cache }));
    assert.equal(first.cached, false);
    const reads: string[] = [];
    const second = await compileSass('assets/main.scss', sassSite(files, { cache, reads }));
    assert.equal(second.cached, true);
    assert.equal(second.css, first.css);
    assert.deepEqual(reads.sort(), ['_sass/_a.scss', '_sass/_b.scss', 'assets/main.scss']);
    files['_sass/_b.scss'] = '.b { x: 2 }';
    const third = await compileSass('assets/main.scss', sassSite(files, { cache }));
    assert.equal(third.cached, false);
    assert.match(third.css, /x: 2/);
    // A new partial that shadows an old one (site `_sass` over the theme) changes the key.
    const theme = layer('t', { '_sass/_c.scss': '.theme-c { x: 1 }' });
    files['assets/main.scss'] = '---\n---\n@import "c";';
    assert.match((await compileSass('assets/main.scss', sassSite(files, { cache, themes: [theme] }))).css, /theme-c/);
    files['_sass/_c.scss'] = '.site-c { x: 1 }';
    const shadowed = await compileSass('assets/main.scss', sassSite(files, { cache, themes: [theme] }));
    assert.equal(shadowed.cached, false);
    assert.match(shadowed.css, /site-c/);
    assert.equal((await compileSass('assets/main.scss', sassSite(files, { cache, themes: [theme] }))).cached, true);
  });

  test('a failure is cached too (no Dart Sass on the next open), until the missing partial appears', async () => {
    const files: Record<string, string> = { 'assets/main.scss': '---\n---\n@import "base";\n@import "theme";' , '_sass/_base.scss': '.base { x: 1 }' };
    const cache = new MemorySassCache();
    await assert.rejects(compileSass('assets/main.scss', sassSite(files, { cache })), /Can't find stylesheet to import/);
    const hits = cache.hits;
    await assert.rejects(compileSass('assets/main.scss', sassSite(files, { cache })), /^Error: Can't find stylesheet to import/);
    assert.equal(cache.hits, hits + 1);
    files['_sass/_theme.scss'] = '.theme { x: 1 }';
    const r = await compileSass('assets/main.scss', sassSite(files, { cache }));
    assert.equal(r.cached, false);
    assert.deepEqual(selectors(r.css), ['.base', '.theme']);
  });

  test('the libsass notice comes back from the cache', async () => {
    const files = { 'assets/main.scss': '---\n---\n.a { x: 1 }\n.b /deep/ .c { y: 2 }' };
    const cache = new MemorySassCache();
    const a = await compileSass('assets/main.scss', sassSite(files, { cache }));
    const b = await compileSass('assets/main.scss', sassSite(files, { cache }));
    assert.equal(b.cached, true);
    assert.deepEqual(b.dropped, a.dropped);
    assert.deepEqual(a.dropped, ['assets/main.scss:4']);
  });

  test('on a cache hit Dart Sass is not even loaded (a fresh process)', async () => {
    const files = { 'assets/main.scss': '---\n---\n@import "a";', '_sass/_a.scss': '.a { x: 1 }' };
    const cache = new MemorySassCache();
    await compileSass('assets/main.scss', sassSite(files, { cache }));
    const key = [...(cache as unknown as { entries: Map<string, string> }).entries.keys()][0];
    const value = await cache.get(key);
    const out = path.join(repoRoot, 'out');
    const script = `
      const { compileSass } = require(${JSON.stringify(path.join(out, 'src/core/render/theme/sass.js'))});
      const files = new Map(Object.entries(${JSON.stringify(files)}));
      const stored = new Map([[${JSON.stringify(key)}, ${JSON.stringify(value)}]]);
      compileSass('assets/main.scss', { sass: { sassDir: '_sass', loadPaths: [] }, has: (p) => files.has(p), read: async (p) => files.get(p), files: () => files.keys(),
        liquid: async (t) => t, cache: { get: async (k) => stored.get(k), set: async () => {} } })
        .then((r) => console.log(JSON.stringify({ cached: r.cached, sass: Object.keys(require.cache).some((m) => /[\\\\/]node_modules[\\\\/]sass[\\\\/]/.test(m)) })));`;
    const run = spawnSync(process.execPath, ['-e', script], { encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(JSON.parse(run.stdout.trim()), { cached: true, sass: false });
  });

  test('the CLI\'s cache folder: an entry written is read back, the folder stays bounded, TECHBLOG_SASS_CACHE=0 turns it off', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-sass-cache-test-'));
    try {
      const cache = cliSassCache({ TECHBLOG_SASS_CACHE: dir })!;
      const files = { 'assets/main.scss': '---\n---\n.a { x: 1 }' };
      assert.equal((await compileSass('assets/main.scss', sassSite(files, { cache }))).cached, false);
      assert.equal((await compileSass('assets/main.scss', sassSite(files, { cache }))).cached, true);
      assert.equal(fs.readdirSync(dir).filter((n) => n.endsWith('.json')).length, 1);
      for (let i = 0; i < 55; i++) await cache.set(i.toString(16).padStart(8, '0'), 'x');
      assert.equal(fs.readdirSync(dir).length, 50);
      assert.equal(cliSassCache({ TECHBLOG_SASS_CACHE: '0' }), undefined);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a cache folder keeps the newest 50 entries under 20 MB', () => {
    const entries = Array.from({ length: 60 }, (_, i) => ({ name: `e${i}`, size: 1000, mtime: i }));
    assert.deepEqual(entriesToEvict(entries).sort(), Array.from({ length: 10 }, (_, i) => `e${i}`).sort());
    assert.deepEqual(entriesToEvict([{ name: 'big', size: 15e6, mtime: 1 }, { name: 'new', size: 10e6, mtime: 2 }]), ['big']);
  });
});

describe('minima 2.5.1 (Debian\'s jekyll-theme-minima gem)', () => {
  const gem = process.env.TECHBLOG_MINIMA_DIR ?? findMinima();
  test('its _sass compiles through the theme layer, cold and from the cache', { skip: gem ? false : 'minima gem not installed (Debian: apt-get install jekyll-theme-minima)' }, async () => {
    const read = (p: string) => fs.promises.readFile(path.join(gem!, p), 'utf8').catch(() => undefined);
    const list: string[] = [];
    const walk = (dir: string) => { for (const e of fs.readdirSync(path.join(gem!, dir), { withFileTypes: true })) { const r = `${dir}/${e.name}`; if (e.isDirectory()) walk(r); else list.push(r); } };
    walk('_sass');
    const theme: SassFileLayer = { label: 'minima', sassDir: '_sass', has: (p) => list.includes(p), read, files: () => list };
    // `jekyll new`'s site has no stylesheet of its own: the theme's assets/main.scss is the entry.
    const entry = (await read('assets/main.scss'))!;
    const cache = new MemorySassCache();
    const site = sassSite({ 'assets/main.scss': entry }, { themes: [theme], cache });
    let t0 = performance.now();
    const cold = await compileSass('assets/main.scss', site);
    const coldMs = performance.now() - t0;
    t0 = performance.now();
    const warm = await compileSass('assets/main.scss', site);
    const warmMs = performance.now() - t0;
    console.log(`# minima: cold ${coldMs.toFixed(0)} ms, cached ${warmMs.toFixed(1)} ms, ${cssRuleSet(cold.css).length} declarations`);
    assert.equal(cold.cached, false);
    assert.equal(warm.cached, true);
    assert.deepEqual(cold.dropped, []);
    const rules = cssRuleSet(cold.css);
    assert.ok(rules.includes(' | .site-header | border-top: 5px solid #424242'), rules.filter((r) => r.includes('site-header')).join('\n'));
    assert.ok(rules.includes(' | a | color: #2a7ae2'));
    assert.ok(rules.some((r) => r.startsWith('@media screen and (max-width:800px) | .wrapper')));
    // Against what Debian's jekyll (sassc) writes for a `theme: minima` site, when it is installed.
    const jekyll = spawnSync('jekyll', ['--version'], { encoding: 'utf8' });
    if (jekyll.status !== 0) { console.log('# minima: jekyll not installed, the CSS comparison is skipped'); return; }
    const src = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-minima-'));
    try {
      fs.writeFileSync(path.join(src, '_config.yml'), 'theme: minima\ntitle: Minima\n');
      const build = spawnSync('jekyll', ['build', '-q', '-s', src, '-d', path.join(src, '_site'), '--disable-disk-cache'], { encoding: 'utf8', timeout: 120_000 });
      assert.equal(build.status, 0, build.stderr);
      const c = compareRuleSets(cssRuleSet(cold.css), cssRuleSet(fs.readFileSync(path.join(src, '_site', 'assets', 'main.css'), 'utf8')));
      console.log(`# minima CSS vs jekyll build: ${c.common} of ${c.total} declarations agree = ${((100 * c.common) / c.total).toFixed(1)} %`);
      assert.ok(c.common / c.total >= 0.99, [...c.onlyA.slice(0, 5), '--', ...c.onlyB.slice(0, 5)].join('\n'));
    } finally {
      fs.rmSync(src, { recursive: true, force: true });
    }
  });
});

function findMinima(): string | undefined {
  const dirs = ['/usr/share/rubygems-integration/all/gems', '/var/lib/gems', '/usr/lib/ruby/gems'];
  for (const d of dirs) {
    if (!fs.existsSync(d)) continue;
    const walk = (dir: string, depth: number): string | undefined => {
      for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
        if (!e.isDirectory()) continue;
        if (/^minima-2\./.test(e.name) && fs.existsSync(path.join(dir, e.name, '_sass', 'minima.scss'))) return path.join(dir, e.name);
        if (depth > 0) { const hit = walk(path.join(dir, e.name), depth - 1); if (hit) return hit; }
      }
      return undefined;
    };
    const hit = walk(d, 2);
    if (hit) return hit;
  }
  return undefined;
}
