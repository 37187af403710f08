// One reader of the site config (issue 13): config.ts reads it, profile.ts (detection, where things go)
// uses what it reads. These pin the three places the two used to disagree to what the generators do.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultsFor, parseHugoConfig, parseSiteConfig, siteConfigFrom } from '../../../src/core/site/config';
import { detectGenerator, siteLayout } from '../../../src/core/site/profile';
import { isMarkdownPath, MARKDOWN_EXTENSIONS, markdownGlobAlternatives, markdownPattern } from '../../../src/core/site/markdownFiles';

describe('one reader of the site config', () => {
  test('Hexo: any of Hexo\'s own keys marks the config, for the checks as for detection', () => {
    // Hexo's generated _config.yml, without the three keys config.ts used to look for.
    const text = 'title: My Hexo\npost_asset_folder: true\ndefault_layout: post\ntag_dir: tags\n';
    assert.equal(parseSiteConfig(text).profile, 'hexo');
    assert.equal(detectGenerator({ files: ['_config.yml', 'source/'], configs: { '_config.yml': text } })?.generator, 'hexo');
    // Hexo publishes future posts unless told not to; its source folder is `source/`.
    assert.equal(parseSiteConfig(text).future, true);
    assert.equal(parseSiteConfig(text).sourceDir, 'source');
    // A Jekyll config stays Jekyll for both.
    const jekyll = 'title: x\npermalink: pretty\n';
    assert.equal(parseSiteConfig(jekyll).profile, 'jekyll');
    assert.equal(detectGenerator({ files: ['_config.yml', '_posts/'], configs: { '_config.yml': jekyll } })?.generator, 'jekyll');
  });

  test('Jekyll defaults: a scope with a type wins over a later one without, and other folders do not apply', () => {
    // Jekyll's FrontmatterDefaults: the longer scope path wins, then the scope that names a type; order only breaks ties.
    const text = [
      'defaults:',
      '  - scope: {path: "", type: posts}',
      '    values: {layout: post}',
      '  - scope: {path: ""}',
      '    values: {layout: page}',
      '  - scope: {path: "_posts/linux"}',
      '    values: {layout: linux}',
      '  - scope: {path: "", type: pages}',
      '    values: {layout: wide}',
      '',
    ].join('\n');
    assert.equal(siteLayout('jekyll', { files: ['_config.yml', '_posts/'], configs: { '_config.yml': text } }).defaultLayout, 'post');
    assert.equal(defaultsFor(parseSiteConfig(text), '_posts/2024-01-01-a.md', 'posts').layout, 'post');
    assert.equal(defaultsFor(parseSiteConfig(text), '_posts/linux/2024-01-01-a.md', 'posts').layout, 'linux');
    assert.equal(defaultsFor(parseSiteConfig(text), 'about.md', 'pages').layout, 'wide');
    // A scope of the posts folder applies to a new post; one of a sibling folder does not.
    const scoped = 'defaults:\n  - scope: {path: "_posts/"}\n    values: {layout: article}\n  - scope: {path: "_postscript"}\n    values: {layout: no}\n';
    assert.equal(siteLayout('jekyll', { files: ['_config.yml'], configs: { '_config.yml': scoped } }).defaultLayout, 'article');
  });

  test('Hugo YAML: keys read case-insensitively (as Hugo does), the same for the checks and for authoring', () => {
    const yaml = 'baseurl: https://example.org/blog/\ntitle: Notes\ncontentdir: src\nTimeZone: Asia/Taipei\nstaticDir: assets/\nbuildfuture: true\n';
    const config = parseHugoConfig(yaml, 'yaml');
    assert.deepEqual([config.baseurl, config.contentDir, config.timezone, config.sourceDir, config.future, config.title], ['/blog', 'src', 'Asia/Taipei', 'assets', true, 'Notes']);
    const site = { files: ['hugo.yaml', 'src/', 'src/post/'], configs: { 'hugo.yaml': yaml } };
    assert.deepEqual(siteConfigFrom('hugo', site.configs), config);
    const layout = siteLayout('hugo', site);
    assert.deepEqual([layout.postsDir, layout.publishDir, layout.timezone, layout.frontMatter], ['src/post', 'assets', 'Asia/Taipei', 'yaml']);
    // TOML reads the same keys the same way.
    const toml = parseHugoConfig('baseURL = "https://example.org/"\ncontentDir = "src"\ntimeZone = "Asia/Taipei"\n', 'toml');
    assert.deepEqual([toml.contentDir, toml.timezone], ['src', 'Asia/Taipei']);
    // A YAML config that does not parse is a problem the checks report, not a silent default.
    assert.ok(parseHugoConfig('title: [unclosed\n', 'yaml').errors.length > 0);
  });
});

describe('one list of Markdown extensions', () => {
  test('every form Jekyll (markdown_ext) and Hugo read, in any case; nothing else', () => {
    for (const ext of ['md', 'markdown', 'mkdown', 'mkdn', 'mkd', 'mdown']) assert.ok(isMarkdownPath(`_posts/2024-01-01-a.${ext.toUpperCase()}`), ext);
    for (const p of ['a.html', 'a.txt', 'a.md.bak', 'amd']) assert.ok(!isMarkdownPath(p), p);
    assert.ok(markdownPattern(['html?']).test('a.htm'));
    assert.equal(markdownGlobAlternatives(['html']), `{${[...MARKDOWN_EXTENSIONS, 'html'].join(',')}}`);
  });
});
