// Validation follows the site profile (issue 6): Hugo and Hexo posts get their generator's schema and
// none of Jekyll's file-name rules. Runs on the fixture sites as they are on disk.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { NodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { checkDocument } from '../../../src/core/frontmatter/check';
import type { Problem } from '../../../src/core/frontmatter/types';
import { type Generator } from '../../../src/core/site/profile';
import { loadSite } from '../../../src/core/site/siteIndex';
import { repoRoot } from '../repoRoot';

const fs = new NodeFileSystem(repoRoot);
const root = (name: string) => path.posix.join('test/fixtures/sites', name);
const now = new Date('2024-06-01T00:00:00Z');

async function checkSite(name: string, generator: Generator): Promise<Map<string, Problem[]>> {
  const { index, texts } = await loadSite(fs, root(name), { generator });
  const out = new Map<string, Problem[]>();
  for (const rel of index.checkablePaths()) out.set(rel, checkDocument({ path: rel, text: texts.get(rel)!, site: index, now }));
  return out;
}
const show = (ps: Problem[] | undefined) => (ps ?? []).map((p) => `${p.range.start.line + 1} ${p.rule}: ${p.message}`).join('\n');

describe('validation follows the site profile', () => {
  test('Hugo: content/ is checked (not archetypes/), clean TOML and YAML posts pass', async () => {
    const results = await checkSite('hugo-site', 'hugo');
    assert.deepEqual([...results.keys()], ['content/_index.md', 'content/posts/defects.md', 'content/posts/hello.md', 'content/posts/yaml-post.md']);
    for (const clean of ['content/_index.md', 'content/posts/hello.md', 'content/posts/yaml-post.md']) assert.equal(show(results.get(clean)), '', clean);
  });

  test('Hugo: a post with TOML defects gets Hugo diagnostics and none of the Jekyll ones', async () => {
    const ps = (await checkSite('hugo-site', 'hugo')).get('content/posts/defects.md')!;
    assert.deepEqual(ps.map((p) => p.rule).sort(), ['duplicate-tag', 'empty-value', 'invalid-date', 'missing-image', 'required-key', 'type-mismatch', 'unknown-key'], show(ps));
    const byRule = (r: string) => ps.find((p) => p.rule === r)!;
    assert.match(byRule('unknown-key').message, /`titel` is not a key Hugo reads; did you mean `title`/);
    assert.match(byRule('required-key').message, /`title` is required/);
    assert.match(byRule('type-mismatch').message, /`draft` should be `true` or `false`/);
    assert.match(byRule('invalid-date').message, /which Hugo cannot read/);
    assert.match(byRule('missing-image').message, /static\/images\/nope\.png/);
    for (const p of ps) assert.doesNotMatch(p.message, /Jekyll|_posts|layout/, p.message);
    // The draft fix writes a TOML boolean.
    const fix = byRule('type-mismatch').fixes[0];
    assert.equal(fix.edits[0].newText, 'false');
  });

  test('Hexo: source/_posts checked without the date-in-file-name rules, scaffolds/ left alone', async () => {
    const results = await checkSite('hexo-site', 'hexo');
    assert.deepEqual([...results.keys()], ['source/_posts/2024-03-05-dated-name.md', 'source/_posts/hello.md']);
    for (const [rel, ps] of results) assert.equal(show(ps), '', rel);
  });

  test('Hexo publishes future posts by default; Hugo does not without buildFuture', async () => {
    for (const [name, generator, rel, text, expected] of [
      ['hexo-site', 'hexo', 'source/_posts/later.md', '---\ntitle: Later\ndate: 2030-01-01 00:00:00\n---\n', []],
      ['hugo-site', 'hugo', 'content/posts/later.md', '+++\ntitle = "Later"\ndate = 2030-01-01T00:00:00Z\n+++\n', ['future-date']],
    ] as const) {
      const { index } = await loadSite(fs, root(name), { generator });
      const ps = checkDocument({ path: rel, text, site: index, now });
      assert.deepEqual(ps.map((p) => p.rule), expected, show(ps));
      if (generator === 'hugo') assert.match(ps[0].message, /buildFuture = false.* Hugo leaves it out/);
    }
  });

  test('Jekyll rules still apply to a Jekyll site, and forcing Jekyll on the Hugo site changes what is a post', async () => {
    const jekyll = await checkSite('minimal-jekyll', 'jekyll');
    assert.deepEqual([...jekyll.keys()], ['_posts/2024-01-15-hello-world.md']);
    assert.equal(show(jekyll.get('_posts/2024-01-15-hello-world.md')), '');
    const { index } = await loadSite(fs, root('minimal-jekyll'), { generator: 'jekyll' });
    const badName = checkDocument({ path: '_posts/hello.md', text: '---\nlayout: post\ntitle: x\n---\n', site: index, now });
    assert.deepEqual(badName.map((p) => p.rule), ['post-filename']);

    // As Jekyll, the Hugo site's content/ files are plain pages, `+++` is not front matter Jekyll reads
    // and `/images/…` is looked for at the site root, not in static/.
    const forced = await checkSite('hugo-site', 'jekyll');
    const ps = forced.get('content/posts/defects.md')!;
    assert.deepEqual(ps.map((p) => p.rule), ['missing-image'], show(ps));
    assert.match(ps[0].message, /looked for images\/nope\.png\)/);
  });
});
