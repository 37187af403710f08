import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectGenerator, PROFILE_CONFIG_FILES, siteLayout, type SiteFiles } from '../../../src/core/site/profile';
import { repoRoot } from '../repoRoot';

/** A fixture folder as the host hands it to the core: its paths and the texts of its config files. */
function fixture(rel: string): SiteFiles {
  const dir = path.join(repoRoot, rel);
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).map((f) => f.split(path.sep).join('/') + (fs.statSync(path.join(dir, f)).isDirectory() ? '/' : ''));
  const configs: Record<string, string> = {};
  for (const c of PROFILE_CONFIG_FILES) if (fs.existsSync(path.join(dir, c))) configs[c] = fs.readFileSync(path.join(dir, c), 'utf8');
  return { files, configs };
}

describe('generator detection on fixture sites', () => {
  test('Jekyll: the sample blog and the minimal fixture', () => {
    for (const site of ['examples/sample-blog', 'test/fixtures/sites/minimal-jekyll']) {
      const d = detectGenerator(fixture(site));
      assert.equal(d?.generator, 'jekyll', site);
      assert.ok(d?.evidence.includes('_config.yml'));
    }
  });

  test('Hexo: _config.yml with Hexo keys and source/_posts', () => {
    const d = detectGenerator(fixture('test/fixtures/sites/hexo-site'));
    assert.equal(d?.generator, 'hexo');
    assert.match(d!.evidence.join(' '), /new_post_name/);
  });

  test('Hugo: hugo.toml, or a config.toml with Hugo keys', () => {
    assert.equal(detectGenerator(fixture('test/fixtures/sites/hugo-site'))?.generator, 'hugo');
    assert.equal(detectGenerator({ files: ['config.toml', 'content/'], configs: { 'config.toml': 'baseURL = "https://x/"\n' } })?.generator, 'hugo');
    assert.equal(detectGenerator({ files: ['config.toml'], configs: { 'config.toml': 'name = "rust crate"\n' } }), undefined);
  });

  test('nothing blog-like: undefined; the setting forces a generator on a blog folder only', () => {
    assert.equal(detectGenerator({ files: ['README.md', 'src/'], configs: {} }), undefined);
    assert.equal(detectGenerator({ files: ['README.md'], configs: {} }, 'hugo'), undefined);
    assert.deepEqual(detectGenerator(fixture('examples/sample-blog'), 'hexo'), { generator: 'hexo', forced: true, evidence: ['techblog.site.profile'] });
  });
});

describe('site layouts', () => {
  test('Jekyll: _posts, _drafts, templates, the defaults layout and time zone of the sample blog', () => {
    const l = siteLayout('jekyll', fixture('examples/sample-blog'));
    assert.deepEqual([l.postsDir, l.draftsDir, l.postName, l.frontMatter, l.timezone, l.defaultLayout], ['_posts', '_drafts', ':year-:month-:day-:title.md', 'yaml', 'Asia/Taipei', 'post']);
    assert.equal(l.templates.post[0], '_templates/post.md');
    const source = siteLayout('jekyll', { files: ['_config.yml'], configs: { '_config.yml': 'source: site\n' } });
    assert.equal(source.postsDir, 'site/_posts');
  });

  test('Hexo: source/_posts, new_post_name, scaffolds', () => {
    const l = siteLayout('hexo', fixture('test/fixtures/sites/hexo-site'));
    assert.deepEqual([l.postsDir, l.draftsDir, l.postName, l.publishDir, l.timezone], ['source/_posts', 'source/_drafts', ':year-:month-:day-:title.md', 'source', 'Asia/Taipei']);
    assert.deepEqual(l.templates.post, ['scaffolds/post.md']);
  });

  test('Hugo: content/posts, no drafts folder, TOML like its posts, archetypes', () => {
    const l = siteLayout('hugo', { ...fixture('test/fixtures/sites/hugo-site'), firstLines: ['+++'] });
    assert.deepEqual([l.postsDir, l.draftsDir, l.frontMatter, l.publishDir], ['content/posts', undefined, 'toml', 'static']);
    assert.deepEqual(l.templates.post, ['archetypes/posts.md', 'archetypes/default.md']);
    const yaml = siteLayout('hugo', { files: ['hugo.yaml', 'content/blog/'], configs: { 'hugo.yaml': 'contentDir: content\n' }, firstLines: ['---', '---', '+++'] });
    assert.deepEqual([yaml.postsDir, yaml.frontMatter], ['content/blog', 'yaml']);
  });
});
