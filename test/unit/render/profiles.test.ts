// The preview follows the site profile (issue 6): Hugo and Hexo posts render in content mode with the
// site's own CSS where it has plain .css files, else the bundled theme, and one line saying why.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { SiteRenderer } from '../../../src/core/render/renderer';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import type { Generator } from '../../../src/core/site/profile';
import { loadSite } from '../../../src/core/site/siteIndex';
import { repoRoot } from '../repoRoot';

const FALLBACK = '/* bundled theme */';

async function open(fsys: NodeFileSystem | MemoryFileSystem, root: string, generator: Generator): Promise<SiteRenderer> {
  const { index } = await loadSite(fsys, root, { generator });
  return SiteRenderer.open({ fs: fsys, root, index, fallbackCss: FALLBACK });
}

describe('preview per generator', () => {
  const disk = new NodeFileSystem(repoRoot);
  const site = (name: string) => path.posix.join('test/fixtures/sites', name);
  const read = (name: string, rel: string) => fs.readFileSync(path.join(repoRoot, site(name), rel), 'utf8');

  test('Hugo: content mode, TOML front matter read, /images/ served from static/, the site CSS', async () => {
    const r = await open(disk, site('hugo-site'), 'hugo');
    const rel = 'content/posts/hello.md';
    const out = await r.render({ path: rel, text: read('hugo-site', rel), mode: 'site', resolveResource: (p) => `res:${p}` });
    assert.equal(out.mode, 'content');
    assert.equal(out.title, 'Hello from Hugo');
    assert.doesNotMatch(out.bodyHtml, /\+\+\+|title =/);
    assert.match(out.bodyHtml, /src="res:static\/images\/hello\.png"/);
    assert.equal(out.theme, 'site');
    assert.match(out.css.join('\n'), /Georgia/);
    assert.deepEqual(out.notices, ["Hugo layouts are Go templates, not Liquid: showing the post's content with the site's CSS (static/css/site.css)."]);
  });

  test('Hugo shortcodes are not run as Liquid', async () => {
    const r = await open(disk, site('hugo-site'), 'hugo');
    const out = await r.render({ path: 'content/posts/s.md', text: '+++\ntitle = "S"\n+++\n\n{{< youtube abc >}} and {{% note %}}x{{% /note %}}\n' });
    assert.match(out.bodyHtml, /\{\{&lt; youtube abc &gt;\}\}|\{\{< youtube abc >\}\}/);
    assert.ok(!out.notices.some((n) => /Liquid in the post/.test(n)), out.notices.join('\n'));
  });

  test('Hexo: content mode with source/css, /images/ from source/', async () => {
    const r = await open(disk, site('hexo-site'), 'hexo');
    const rel = 'source/_posts/hello.md';
    const out = await r.render({ path: rel, text: read('hexo-site', rel), resolveResource: (p) => `res:${p}` });
    assert.equal(out.mode, 'content');
    assert.match(out.bodyHtml, /src="res:source\/images\/hello\.png"/);
    assert.match(out.css.join('\n'), /rgb\(51, 34, 17\)/);
    assert.deepEqual(out.notices, ["Hexo layouts are theme templates (EJS, Nunjucks, Pug), not Liquid: showing the post's content with the site's CSS (source/css/site.css)."]);
  });

  test('no CSS in the site: the bundled theme, and the notice says where it looked', async () => {
    const mem = new MemoryFileSystem({ 'h/hugo.toml': 'title = "Bare"\n', 'h/content/posts/a.md': '+++\ntitle = "A"\n+++\n\nText.\n' });
    const r = await open(mem, 'h', 'hugo');
    const out = await r.render({ path: 'content/posts/a.md', text: '+++\ntitle = "A"\n+++\n\nText.\n' });
    assert.deepEqual(out.css, [FALLBACK]);
    assert.deepEqual(out.notices, ["Hugo layouts are Go templates, not Liquid: showing the post's content with the bundled theme (no .css file in static/css/ or assets/css/)."]);
  });

  test('Jekyll sites still render through their layouts', async () => {
    const r = await open(disk, site('minimal-jekyll'), 'jekyll');
    const rel = '_posts/2024-01-15-hello-world.md';
    const out = await r.render({ path: rel, text: read('minimal-jekyll', rel) });
    assert.equal(out.mode, 'site');
  });

  test('a Jekyll site whose config has keys Hexo also uses is read as Jekyll, as the host\'s index reads it', async () => {
    // `tag_dir` and `root` are Hexo keys, but the site was detected (or set) as Jekyll: `root` is no baseurl, posts are not future-dated in.
    const config = 'title: Tags\ntag_dir: tags\nroot: /blog/\n';
    const mem = new MemoryFileSystem({ 'j/_config.yml': config, 'j/_layouts/default.html': '<main>{{ content }}</main>', 'j/_posts/2024-01-15-a.md': '---\nlayout: default\n---\nA\n' });
    const r = await open(mem, 'j', 'jekyll');
    assert.equal(r.baseurl, '');
    const out = await r.render({ path: '_posts/2024-01-15-a.md', text: '---\nlayout: default\n---\nbase={{ site.baseurl }}; title={{ site.title }}\n' });
    assert.equal(out.mode, 'site');
    assert.match(out.bodyHtml, /<p[^>]*>base=; title=Tags<\/p>/);
  });
});
