// Jekyll collections with their own `permalink` (`collections:` with `output: true`): documents get the URL
// Jekyll publishes them at, so links to them are checked like links to posts. Expectations from Debian's
// `jekyll build` of the fixture, run here (skipped with a line when jekyll is missing).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { checkDocument } from '../../../src/core/frontmatter/check';
import { loadSite } from '../../../src/core/site/siteIndex';
import { repoRoot } from '../repoRoot';

const SITE = path.join(repoRoot, 'test', 'fixtures', 'sites', 'collections');
const DOCS = ['_recipes/Pasta-Carbonara.md', '_recipes/soups/miso.md', '_recipes/own.md', '_notes/first.md', '_notes/sub/deep.md', '_posts/2024-03-01-links.md'];

/** The URLs Jekyll wrote pages at (`/a/index.html` → `/a/`). */
function jekyllUrls(): Set<string> | undefined {
  if (spawnSync('jekyll', ['--version']).status !== 0) {
    console.log('[collections oracle] skipped: jekyll is not installed (Debian: apt-get install jekyll)');
    return undefined;
  }
  const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-collections-'));
  try {
    const r = spawnSync('jekyll', ['build', '-s', SITE, '-d', dest, '--disable-disk-cache', '--quiet'], { encoding: 'utf8', timeout: 120_000 });
    assert.equal(r.status, 0, r.stderr);
    const out = new Set<string>();
    for (const f of fs.readdirSync(dest, { recursive: true }).map(String)) {
      if (f.endsWith('.html')) out.add('/' + f.split(path.sep).join('/').replace(/index\.html$/, ''));
    }
    return out;
  } finally {
    fs.rmSync(dest, { recursive: true, force: true });
  }
}

describe('links into Jekyll collections', () => {
  test('each collection document has the URL jekyll build publishes it at; output: false has none', async () => {
    const { index } = await loadSite(new NodeFileSystem(SITE), '.');
    const ours = new Map(DOCS.map((rel) => [rel, index.links.get(rel)?.url]));
    assert.deepEqual([...ours.values()], ['/cooking/pasta-carbonara/', '/cooking/miso/', '/special/recipes/own/', '/notes/first/', '/notes/sub/deep/', '/2024/links/']);
    assert.equal(index.links.get('_attic/old.md')?.url, undefined, 'a collection without output: true is not published');
    const built = jekyllUrls();
    if (built) assert.deepEqual([...built].sort(), [...ours.values()].sort(), 'the same URLs as jekyll build');
  });

  test('broken-link reports exactly the links to the unpublished collection and to the URL the collection does not use', async () => {
    const { index, texts } = await loadSite(new NodeFileSystem(SITE), '.');
    const rel = '_posts/2024-03-01-links.md';
    const text = texts.get(rel)!;
    const ps = checkDocument({ path: rel, text, site: index }).filter((p) => /link|fragment/.test(p.rule));
    const at = (p: (typeof ps)[number]) => text.split('\n')[p.range.start.line].slice(p.range.start.character, p.range.end.character);
    assert.deepEqual(ps.map((p) => [p.rule, at(p)]), [['broken-link', '/attic/old/'], ['broken-link', '/recipes/pasta-carbonara/']]);
  });
});
