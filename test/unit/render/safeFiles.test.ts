// Jekyll's safe-mode file rules in the preview: a cloned blog's symlinks, `..` and excluded paths never
// bring a file from outside the site (or from .git) into the page, its CSS or its notices.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { NodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { SiteRenderer } from '../../../src/core/render/renderer';
import type { RenderResult } from '../../../src/core/render/types';
import { PathPatterns, SafeSiteFiles } from '../../../src/core/site/safePaths';

const SECRET = 'TOPSECRET-' + Math.random().toString(36).slice(2);

/** Writes `files` under `dir` (site-relative paths). */
function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

function canSymlink(dir: string): boolean {
  try {
    fs.symlinkSync(path.join(dir, 'x'), path.join(dir, 'probe-link'));
    fs.unlinkSync(path.join(dir, 'probe-link'));
    return true;
  } catch {
    return false;
  }
}

/** Everything the user could see of a render. */
const visible = (r: RenderResult) => [r.html, r.bodyHtml, ...r.css, ...r.notices].join('\n');

describe('safe-mode file rules (symlinks, .., excluded paths)', () => {
  let tmp = '';
  let site = '';
  let symlinks = true;
  let result: RenderResult;

  before(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-safe-'));
    symlinks = canSymlink(tmp);
    site = path.join(tmp, 'site');
    // Outside the site: what a hostile repo's links point at.
    write(tmp, {
      'secret.txt': `${SECRET} from a file outside the site\n`,
      'secret.yml': `token: ${SECRET}-data\n`,
      'secret.css': `.leak-css { content: "${SECRET}-css"; }\n`,
      '_secret.scss': `.leak-sass { content: "${SECRET}-sass"; }\n`,
      '_broken.scss': `.x { color: red\n  ${SECRET}-error-line {{{ \n`,
    });
    write(site, {
      '_config.yml': 'title: Safe site\nexclude:\n  - private\n  - _includes/hidden\n',
      '.git/config': `[remote "origin"]\n  url = https://${SECRET}-git@example.com/o/r.git\n`,
      '_layouts/default.html': '<!DOCTYPE html>\n<html><head><title>{{ page.title }}</title>\n<link rel="stylesheet" href="/assets/css/main.css">\n<link rel="stylesheet" href="/assets/leak.css">\n<link rel="stylesheet" href="/assets/plain.css">\n</head><body>{{ content }}</body></html>\n',
      '_includes/ok.html': '<p>OK-INCLUDE</p>\n',
      '_includes/hidden/x.html': `<p>${SECRET}-excluded-include</p>\n`,
      '_data/ok.yml': 'name: OK-DATA\n',
      'private/notes.md': `${SECRET}-excluded-relative\n`,
      'private/data.md': `${SECRET}-excluded\n`,
      '_sass/_ok.scss': '.ok-sass { color: green; }\n',
      'assets/css/main.scss': '---\n---\n@import "ok";\n@import "leak";\n@import "broken";\n.main-rule { color: blue; }\n',
      'assets/plain.css': '.plain-rule { color: black; }\n',
      '_posts/2024-01-01-probe.md': '---\nlayout: default\ntitle: Probe\n---\n' + [
        'Start.', '',
        '{% include ok.html %}', '',
        '{% include leak.html %}', '',
        '{% include hidden/x.html %}', '',
        '{% include_relative leak.txt %}', '',
        '{% include_relative ../.git/config %}', '',
        '{% include_relative ../private/notes.md %}', '',
        'Data: {{ site.data.ok.name }} / {{ site.data.leak.token }}', '',
        'End.',
      ].join('\n') + '\n',
      'private-page.md': '---\nlayout: default\n---\n{% include_relative private/data.md %}\n',
    });
    if (symlinks) {
      const link = (target: string, rel: string) => fs.symlinkSync(path.join(tmp, target), path.join(site, rel));
      link('secret.txt', '_includes/leak.html');
      link('secret.txt', '_posts/leak.txt');
      link('secret.yml', '_data/leak.yml');
      link('secret.css', 'assets/leak.css');
      link('_secret.scss', '_sass/_leak.scss');
      link('_broken.scss', '_sass/_broken.scss');
    }
    const renderer = await SiteRenderer.open({ fs: new NodeFileSystem(site), root: '' });
    const rel = '_posts/2024-01-01-probe.md';
    result = await renderer.render({ path: rel, text: fs.readFileSync(path.join(site, rel), 'utf8') });
  });

  after(() => { if (tmp) fs.rmSync(tmp, { recursive: true, force: true }); });

  it('never shows the content of a file outside the site, of .git or of an excluded path', () => {
    assert.ok(!visible(result).includes(SECRET), visible(result).split('\n').filter((l) => l.includes(SECRET)).join('\n'));
  });

  it("still renders the site's own includes, data and stylesheets", () => {
    assert.match(result.bodyHtml, /OK-INCLUDE/);
    assert.match(result.bodyHtml, /Data: OK-DATA/);
    assert.match(result.bodyHtml, /End\./);
    const css = result.css.join('\n');
    assert.match(css, /\.ok-sass/);
    assert.match(css, /\.main-rule/);
    assert.match(css, /\.plain-rule/);
    assert.equal(result.theme, 'site');
  });

  it('names each refused path in a notice', (t) => {
    const notices = result.notices.join('\n');
    assert.match(notices, /\.\.\/\.git\/config is not read/);
    assert.match(notices, /\.\.\/private\/notes\.md is not read/);
    assert.match(notices, /_includes\/hidden\/x\.html is not read: it is under \.git or a path the site excludes/);
    if (!symlinks) { t.diagnostic('symbolic links cannot be created here: the link cases are skipped'); return; }
    for (const p of ['_includes/leak.html', '_posts/leak.txt', '_data/leak.yml', 'assets/leak.css', '_sass/_leak.scss', '_sass/_broken.scss']) {
      assert.ok(notices.includes(`${p} is not read: it is a symbolic link to a file outside the site`), `${p} in:\n${notices}`);
    }
  });

  it('refuses include_relative of an excluded file next to the page', async () => {
    const renderer = await SiteRenderer.open({ fs: new NodeFileSystem(site), root: '' });
    const r = await renderer.render({ path: 'private-page.md', text: fs.readFileSync(path.join(site, 'private-page.md'), 'utf8') });
    assert.ok(!visible(r).includes(SECRET));
    assert.match(r.notices.join('\n'), /private\/data\.md is not read/);
  });

  it('serves no image or url() through a symbolic link out of the site (its links are checked once per listing)', async (t) => {
    if (!symlinks) { t.skip('no symbolic links here'); return; }
    const img = path.join(tmp, 'img');
    write(tmp, { 'outside.png': 'PNG' });
    write(img, { 'images/ok.png': 'PNG', '_posts/2024-01-02-img.md': '---\n---\n![ok](/images/ok.png) ![leak](/images/leak.png)\n\n<p style="background: url(/images/leak.png)">x</p>\n' });
    fs.symlinkSync(path.join(tmp, 'outside.png'), path.join(img, 'images', 'leak.png'));
    assert.deepEqual(await new NodeFileSystem(img).listLinks('.'), ['images/leak.png']);
    const renderer = await SiteRenderer.open({ fs: new NodeFileSystem(img), root: '' });
    const rel = '_posts/2024-01-02-img.md';
    const r = await renderer.render({ path: rel, text: fs.readFileSync(path.join(img, rel), 'utf8'), resolveResource: (p) => `res://${p}` });
    assert.match(r.bodyHtml, /src="res:\/\/images\/ok\.png"/);
    assert.doesNotMatch(r.bodyHtml, /res:\/\/images\/leak\.png/);
    // A link created while the preview is open is not added either.
    fs.symlinkSync(path.join(tmp, 'outside.png'), path.join(img, 'images', 'late.png'));
    await renderer.fileChanged('images/late.png', 'created');
    const r2 = await renderer.render({ path: rel, text: '![late](/images/late.png)\n', resolveResource: (p) => `res://${p}` });
    assert.doesNotMatch(r2.bodyHtml, /res:\/\/images\/late\.png/);
  });

  it('allows a symbolic link that stays inside the site', async (t) => {
    if (!symlinks) { t.skip('no symbolic links here'); return; }
    const inner = path.join(tmp, 'inner');
    write(inner, { '_includes/real.html': '<b>INNER-OK</b>\n', 'notes/a.md': 'x' });
    fs.symlinkSync(path.join(inner, '_includes', 'real.html'), path.join(inner, '_includes', 'alias.html'));
    fs.symlinkSync(path.join(inner, '.git'), path.join(inner, 'notes', 'git-alias'), 'dir');
    fs.mkdirSync(path.join(inner, '.git'));
    fs.writeFileSync(path.join(inner, '.git', 'config'), SECRET);
    const safe = new SafeSiteFiles(new NodeFileSystem(inner), '');
    assert.equal(await safe.read('_includes/alias.html'), '<b>INNER-OK</b>\n');
    assert.equal(await safe.read('notes/git-alias/config'), undefined);
    assert.deepEqual([...safe.refusals.values()], [{ path: 'notes/git-alias/config', reason: 'excluded' }]);
  });
});

describe('exclude: patterns as Jekyll matches them', () => {
  it('matches entries, folders below them and globs; include: wins', () => {
    const p = new PathPatterns(['private', 'drafts/', '*.sh', 'docs/*.txt']);
    assert.ok(p.matches('private'));
    assert.ok(p.matches('private/a/b.md'));
    assert.ok(p.matches('drafts/x.md'));
    assert.ok(p.matches('scripts/run.sh'));
    assert.ok(p.matches('docs/a.txt'));
    assert.ok(!p.matches('privateer.md'));
    assert.ok(!p.matches('_posts/x.md'));
    const safe = new SafeSiteFiles({ readFile: async () => 'x', listFiles: async () => [] }, '');
    safe.setPatterns(['secret'], ['secret/public.md']);
    assert.equal(safe.textRefusal('secret/public.md'), undefined);
    assert.equal(safe.textRefusal('secret/other.md')?.reason, 'excluded');
    assert.equal(safe.textRefusal('node_modules/x/_a.scss')?.reason, 'excluded');
    assert.equal(safe.textRefusal('.git/config', { content: false })?.reason, 'excluded');
    assert.equal(safe.textRefusal('a/../../x')?.reason, 'parent');
  });
});

describe('the CSS filter on site stylesheets and style attributes', () => {
  const hostile = [
    '@\\69mport url(https://evil.example/i.css);',
    '.a { background: u\\rl(https://evil.example/u.png); }',
    '.b { background-image: image-set("https://evil.example/s.png" 1x); }',
    '.c { background: url(/img/ok.png); }',
  ].join('\n');
  const post = '---\nlayout: default\n---\n' + [
    '<p style="background: u\\rl(https://evil.example/p.png)">x</p>',
    '<p style="@\\69mport url(https://evil.example/q.css)">y</p>',
    '<div style=\'background-image: image-set("https://evil.example/r.png" 1x)\'>z</div>',
  ].join('\n') + '\n';

  it('neutralises escaped @import, escaped url( and image-set( when remote images are off', async () => {
    const renderer = await SiteRenderer.open({
      root: '',
      fs: new (await import('../../../src/core/site/fileSystem')).MemoryFileSystem({
        '_config.yml': 'title: css\n', 'img/ok.png': 'png', 'assets/site.css': hostile,
        '_layouts/default.html': '<html><head><link rel="stylesheet" href="/assets/site.css"></head><body>{{ content }}</body></html>',
      }),
    });
    const r = await renderer.render({ path: 'index.md', text: post, remoteImages: false, resolveResource: (p) => `/res/${p}` });
    const out = [r.bodyHtml, ...r.css].join('\n');
    assert.ok(!out.includes('evil.example'), out);
    assert.doesNotMatch(out, /@\\69mport|@import/i);
    // The site's own file is still there.
    assert.match(r.css.join('\n'), /url\("\/res\/img\/ok\.png"\)/);
    // Remote images allowed: https url()s of the stylesheet stay, @import still does not.
    const on = await renderer.render({ path: 'index.md', text: post, remoteImages: true, resolveResource: (p) => `/res/${p}` });
    assert.match(on.css.join('\n'), /https:\/\/evil\.example\/u\.png/);
    assert.doesNotMatch(on.css.join('\n'), /@import/i);
  });
});
