// Site profiles: which generator a folder belongs to, and where it keeps things (issue 6).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { markerRoot, probeSite, withoutThemeFolders, type SiteProbe } from '../../../src/core/site/profile';
import { repoRoot } from '../repoRoot';

const fixture = (name: string) => path.join(repoRoot, 'test/fixtures/sites', name);

/** A probe over a real folder (what the host does through vscode.workspace.fs). */
function diskProbe(root: string): SiteProbe {
  return {
    async list(dir) {
      try {
        return fs.readdirSync(path.join(root, dir), { withFileTypes: true }).map((e) => (e.isDirectory() ? e.name + '/' : e.name));
      } catch {
        return undefined;
      }
    },
    async read(p) {
      try { return fs.readFileSync(path.join(root, p), 'utf8'); } catch { return undefined; }
    },
  };
}

/** A probe over a few files given by relative path. */
function memoryProbe(files: Record<string, string>): SiteProbe {
  return {
    async list(dir) {
      const prefix = dir ? dir.replace(/\/?$/, '/') : '';
      const names = new Set<string>();
      for (const f of Object.keys(files)) {
        if (!f.startsWith(prefix)) continue;
        const rest = f.slice(prefix.length).split('/');
        names.add(rest.length > 1 ? rest[0] + '/' : rest[0]);
      }
      return names.size ? [...names] : undefined;
    },
    async read(p) { return files[p]; },
  };
}

describe('site profile detection on the fixture sites', () => {
  test('minimal-jekyll is Jekyll: _posts/, YAML, images/', async () => {
    const info = await probeSite(diskProbe(fixture('minimal-jekyll')));
    assert.ok(info);
    assert.equal(info.detection.generator, 'jekyll');
    assert.equal(info.detection.forced, false);
    assert.ok(info.detection.evidence.includes('_config.yml'), info.detection.evidence.join());
    assert.equal(info.title, 'Minimal Jekyll fixture');
    const { postsDir, draftsDir, publishDir, imagesDir, frontMatter } = info.layout;
    assert.deepEqual({ postsDir, draftsDir, publishDir, imagesDir, frontMatter }, { postsDir: '_posts', draftsDir: '_drafts', publishDir: '', imagesDir: 'images', frontMatter: 'yaml' });
  });

  test('hugo-site is Hugo: content/posts, static/, TOML front matter like its posts', async () => {
    const info = await probeSite(diskProbe(fixture('hugo-site')));
    assert.ok(info);
    assert.equal(info.detection.generator, 'hugo');
    assert.ok(info.detection.evidence.includes('hugo.toml'));
    assert.equal(info.title, 'Hugo fixture');
    const { postsDir, draftsDir, publishDir, imagesDir, frontMatter, templates } = info.layout;
    assert.deepEqual({ postsDir, draftsDir, publishDir, imagesDir, frontMatter }, { postsDir: 'content/posts', draftsDir: undefined, publishDir: 'static', imagesDir: 'static/images', frontMatter: 'toml' });
    assert.deepEqual(templates.post, ['archetypes/posts.md', 'archetypes/default.md']);
  });

  test('hexo-site is Hexo: source/_posts, scaffolds/, its new_post_name', async () => {
    const info = await probeSite(diskProbe(fixture('hexo-site')));
    assert.ok(info);
    assert.equal(info.detection.generator, 'hexo');
    assert.match(info.detection.evidence.join(), /new_post_name/);
    const { postsDir, draftsDir, publishDir, imagesDir, postName, templates } = info.layout;
    assert.deepEqual({ postsDir, draftsDir, publishDir, imagesDir, postName }, { postsDir: 'source/_posts', draftsDir: 'source/_drafts', publishDir: 'source', imagesDir: 'source/images', postName: ':year-:month-:day-:title.md' });
    assert.deepEqual(templates.post, ['scaffolds/post.md']);
  });
});

describe('site profile detection: edge cases', () => {
  const jekyll = { '_config.yml': 'title: Blog\npermalink: /:title/\n', '_posts/2024-01-01-a.md': '---\n---\n', '_layouts/post.html': '' };

  test('a Jekyll site with a config.toml lying around stays Jekyll', async () => {
    for (const toml of ['[tool]\nname = "x"\n', 'baseURL = "https://x.example/"\ntitle = "left over"\n']) {
      const info = await probeSite(memoryProbe({ ...jekyll, 'config.toml': toml, 'static/x.css': '' }));
      assert.equal(info?.detection.generator, 'jekyll', toml);
    }
  });

  test('a config.toml alone marks nothing, unless it has Hugo settings', async () => {
    assert.equal(await probeSite(memoryProbe({ 'config.toml': '[server]\nport = 8080\n', 'src/main.rs': '' })), undefined);
    const hugo = await probeSite(memoryProbe({ 'config.toml': 'baseURL = "https://x.example/"\n[params]\n  a = 1\n', 'content/posts/a.md': '---\n---\n' }));
    assert.equal(hugo?.detection.generator, 'hugo');
    assert.equal(hugo?.layout.frontMatter, 'yaml', 'existing posts use ---, so new ones do too');
  });

  test('Hexo and Jekyll both use _config.yml: Hexo keys or package.json decide', async () => {
    const hexoKeys = await probeSite(memoryProbe({ '_config.yml': 'title: H\nnew_post_name: :title.md\nsource_dir: source\n', 'source/_posts/a.md': '' }));
    assert.equal(hexoKeys?.detection.generator, 'hexo');
    const hexoPkg = await probeSite(memoryProbe({ '_config.yml': 'title: H\n', 'package.json': '{"dependencies":{"hexo":"^7.0.0"}}', 'source/_posts/a.md': '', 'scaffolds/post.md': '' }));
    assert.equal(hexoPkg?.detection.generator, 'hexo');
    const plain = await probeSite(memoryProbe({ '_config.yml': 'title: J\nsource: src\n', 'src/_posts/2024-01-01-a.md': '' }));
    assert.equal(plain?.detection.generator, 'jekyll');
    assert.equal(plain?.layout.postsDir, 'src/_posts', "Jekyll's source: moves the posts folder");
  });

  test('Hugo config directory: config/_default/hugo.toml', async () => {
    const info = await probeSite(memoryProbe({ 'config/_default/hugo.toml': 'title = "Dir"\ncontentDir = "docs"\n', 'docs/blog/a.md': '+++\n+++\n' }));
    assert.equal(info?.detection.generator, 'hugo');
    assert.equal(info?.title, 'Dir');
    assert.equal(info?.layout.postsDir.startsWith('docs/'), true, info?.layout.postsDir);
  });

  test('the techblog.site.profile setting forces the generator of a blog folder', async () => {
    const forced = await probeSite(diskProbe(fixture('hugo-site')), 'jekyll');
    assert.equal(forced?.detection.generator, 'jekyll');
    assert.equal(forced?.detection.forced, true);
    assert.equal(forced?.layout.postsDir, '_posts');
    const hexoAsJekyll = await probeSite(diskProbe(fixture('hexo-site')), 'jekyll');
    assert.equal(hexoAsJekyll?.detection.generator, 'jekyll');
    const jekyllAsHugo = await probeSite(diskProbe(fixture('minimal-jekyll')), 'hugo');
    assert.equal(jekyllAsHugo?.detection.generator, 'hugo');
    assert.equal(jekyllAsHugo?.layout.imagesDir, 'static/images');
    // Forcing never makes a blog of a folder with nothing blog-like in it.
    assert.equal(await probeSite(memoryProbe({ 'notes.md': '' }), 'hugo'), undefined);
    assert.equal(await probeSite(memoryProbe({ 'config.toml': '[server]\n' }), 'jekyll'), undefined);
    assert.equal((await probeSite(memoryProbe({ 'config.toml': '[server]\n' }), 'hugo'))?.detection.generator, 'hugo');
  });

  test('marker files name their site folder; theme folders are not sites', () => {
    assert.equal(markerRoot('/ws/blog/_config.yml'), '/ws/blog');
    assert.equal(markerRoot('/ws/h/config/_default/hugo.toml'), '/ws/h');
    assert.equal(markerRoot('/ws/h/hugo.yaml'), '/ws/h');
    assert.equal(markerRoot('/ws/h/README.md'), undefined);
    const sites = [
      { root: '/ws/hexo', generator: 'hexo' as const },
      { root: '/ws/hexo/themes/landscape', generator: 'jekyll' as const },
      { root: '/ws/hugo/themes/paper/exampleSite', generator: 'hugo' as const },
      { root: '/ws/hugo', generator: 'hugo' as const },
      { root: '/ws/jekyll/themes/x', generator: 'jekyll' as const },
    ];
    assert.deepEqual(withoutThemeFolders(sites).map((s) => s.root), ['/ws/hexo', '/ws/hugo', '/ws/jekyll/themes/x']);
  });
});
