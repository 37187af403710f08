// The command line follows site profiles as the extension does (issue 6): `techblog check` and
// `techblog render` find Jekyll, Hugo and Hexo sites and use each one's generator.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { parseCheckArgs } from '../../../src/cli/check';
import { repoRoot } from '../repoRoot';

const sites = path.join(repoRoot, 'test', 'fixtures', 'sites');
const HUGO = path.join(sites, 'hugo-site');
const DEFECTS = 'content/posts/defects.md';
// What the integration suite (test/integration/suite/profiles.test.ts) expects on the Hugo defects post.
const HUGO_RULES = ['duplicate-tag', 'empty-value', 'invalid-date', 'missing-image', 'required-key', 'type-mismatch', 'unknown-key'];

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out, err, stdout: out.join('\n') };
}

interface JsonProblem { file: string; rule: string; message: string }
const problems = (stdout: string): JsonProblem[] => JSON.parse(stdout).problems;
const rulesIn = (ps: JsonProblem[], file: string) => ps.filter((p) => p.file === file).map((p) => p.rule).sort();

function tempDir(fill: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-profiles-'));
  fill(dir);
  return dir;
}

describe('techblog check follows site profiles', () => {
  test('a Hugo site: the Hugo defects and nothing on the clean posts', async () => {
    const r = await run(['check', '--format', 'json'], HUGO);
    assert.equal(r.code, 1, r.err.join('\n'));
    const ps = problems(r.stdout);
    assert.deepEqual(rulesIn(ps, DEFECTS), HUGO_RULES);
    assert.deepEqual(ps.filter((p) => p.file !== DEFECTS), [], 'the other posts are clean');
    assert.match(ps.find((p) => p.rule === 'unknown-key')!.message, /`titel` is not a key Hugo reads; did you mean `title`/);
    for (const p of ps) assert.doesNotMatch(p.message, /Jekyll|_posts|layout/, p.message);
    assert.equal(JSON.parse(r.stdout).files, 4, 'content/ only: _index.md and three posts, not archetypes/');
  });

  test('a file or folder: its site is the nearest site of any generator above it', async () => {
    const clean = await run(['check', 'content/posts/hello.md'], HUGO);
    assert.deepEqual([clean.code, clean.out], [0, ['No problems in 1 file.']]);
    const posts = await run(['check', '--format', 'json', 'posts'], path.join(HUGO, 'content'));
    assert.deepEqual(rulesIn(problems(posts.stdout), 'posts/defects.md'), HUGO_RULES);
    const hexo = await run(['check', 'source/_posts'], path.join(sites, 'hexo-site'));
    assert.deepEqual([hexo.code, hexo.out], [0, ['No problems in 2 files.']]);
  });

  test('a workspace holding a Jekyll and a Hugo site checks both, each by its own rules; themes, node_modules and build output are not sites', async () => {
    const ws = tempDir((d) => {
      fs.cpSync(path.join(sites, 'minimal-jekyll'), path.join(d, 'jekyll'), { recursive: true });
      fs.cpSync(HUGO, path.join(d, 'hugo'), { recursive: true });
      // A Hugo theme with an example site of its own, a package and Hugo's output: none of them checked.
      fs.mkdirSync(path.join(d, 'hugo/themes/paper/exampleSite/content/posts'), { recursive: true });
      fs.writeFileSync(path.join(d, 'hugo/themes/paper/hugo.toml'), 'baseURL = "https://theme.example/"\n');
      fs.writeFileSync(path.join(d, 'hugo/themes/paper/exampleSite/hugo.toml'), 'baseURL = "https://example.org/"\n');
      fs.writeFileSync(path.join(d, 'hugo/themes/paper/exampleSite/content/posts/bad.md'), '+++\ntitel = "x"\n+++\n');
      for (const dir of ['node_modules/pkg', 'hugo/public/posts']) {
        fs.mkdirSync(path.join(d, dir), { recursive: true });
        fs.writeFileSync(path.join(d, dir, 'hugo.toml'), 'baseURL = "https://x.example/"\n');
        fs.mkdirSync(path.join(d, dir, 'content/posts'), { recursive: true });
        fs.writeFileSync(path.join(d, dir, 'content/posts/bad.md'), '+++\ntitel = "x"\n+++\n');
      }
    });
    try {
      const r = await run(['check', '--format', 'json'], ws);
      const ps = problems(r.stdout);
      assert.deepEqual(rulesIn(ps, `hugo/${DEFECTS}`), HUGO_RULES);
      assert.deepEqual([...new Set(ps.map((p) => p.file))], [`hugo/${DEFECTS}`], 'the Jekyll post is clean; nothing from the theme, node_modules or public/');
      assert.equal(JSON.parse(r.stdout).files, 5, 'four Hugo files and the Jekyll post');
      // A file inside the theme belongs to the Hugo site around it, where it is a page (not under its
      // content/): Hugo's key names apply, but no `title` is required.
      const bad = 'themes/paper/exampleSite/content/posts/bad.md';
      const inTheme = await run(['check', '--format', 'json', `hugo/${bad}`], ws);
      assert.deepEqual(problems(inTheme.stdout).map((p) => p.rule), ['unknown-key']);
      assert.match(problems(inTheme.stdout)[0].message, /not a key Hugo reads/);
    } finally {
      fs.rmSync(ws, { recursive: true, force: true });
    }
  });

  test('--profile jekyll checks the Hugo site as Jekyll would read it; --profile hugo on it changes nothing', async () => {
    const asJekyll = await run(['check', '--format', 'json', '--profile', 'jekyll'], HUGO);
    const ps = problems(asJekyll.stdout);
    assert.deepEqual(rulesIn(ps, DEFECTS), ['missing-image']);
    assert.match(ps.find((p) => p.file === DEFECTS)!.message, /looked for images\/nope\.png\)/);
    assert.equal(asJekyll.code, 0);
    const asHugo = await run(['check', '--format', 'json', '--profile=hugo'], HUGO);
    assert.equal(asHugo.stdout, (await run(['check', '--format', 'json'], HUGO)).stdout);
  });

  test('--profile: parsing, bad values, help and the no-site message', async () => {
    assert.equal((parseCheckArgs(['--profile', 'hexo']) as { profile: string }).profile, 'hexo');
    assert.equal((parseCheckArgs([]) as { profile: string }).profile, 'auto');
    assert.match(parseCheckArgs(['--profile', 'gatsby']) as string, /--profile must be auto, jekyll, hugo or hexo \(got 'gatsby'\)/);
    const bad = await run(['check', '--profile'], HUGO);
    assert.equal(bad.code, 2);
    assert.match(bad.err.join('\n'), /--profile must be/);
    assert.match((await run(['check', '--help'], HUGO)).stdout, /--profile NAME/);
    const empty = tempDir(() => {});
    try {
      const none = await run(['check'], empty);
      assert.equal(none.code, 2);
      assert.match(none.err.join('\n'), /no site \(a folder with _config\.yml, hugo\.toml or config\.toml, or with _posts\/ and _layouts\/\)/);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('techblog render follows site profiles', () => {
  test('a Hugo post renders in content mode with its title and the site CSS', async () => {
    const r = await run(['render', 'content/posts/hello.md'], HUGO);
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.stdout, /<title>Hello from Hugo<\/title>/);
    assert.match(r.stdout, /class="techblog-content-mode"/);
    assert.match(r.stdout, /Georgia/);
    assert.doesNotMatch(r.stdout, /\+\+\+|title = /);
    assert.ok(r.err.some((l) => /Hugo layouts are Go templates/.test(l)), r.err.join('\n'));
  });

  test('a Hexo post renders in content mode too', async () => {
    const r = await run(['render', 'source/_posts/hello.md'], path.join(sites, 'hexo-site'));
    assert.equal(r.code, 0, r.err.join('\n'));
    assert.match(r.stdout, /class="techblog-content-mode"/);
    assert.ok(r.err.some((l) => /Hexo layouts are theme templates/.test(l)), r.err.join('\n'));
  });
});
