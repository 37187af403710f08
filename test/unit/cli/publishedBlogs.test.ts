// `techblog check` gives exit code 0 on blogs their generator builds (issue 10, "The checker on the
// same blogs"): the blog `jekyll new` makes, Jekyll posts without `title:` (Jekyll titles them from the
// file name), GitHub Pages sites whose posts get their layout from jekyll-default-layout, and Hugo's
// headless bundles (never published themselves, so no title).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { repoRoot } from '../repoRoot';

const sites = path.join(repoRoot, 'test', 'fixtures', 'sites');

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out, err, stdout: out.join('\n') };
}

interface JsonProblem { file: string; rule: string; severity: string; message: string }
const problems = (stdout: string): JsonProblem[] => JSON.parse(stdout).problems;

function tempDir(fill: (dir: string) => void): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-published-'));
  fill(dir);
  return dir;
}

function write(dir: string, files: Record<string, string>): void {
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
}

const hasJekyll = spawnSync('jekyll', ['--version'], { encoding: 'utf8' }).status === 0;

describe('techblog check on blogs their generator builds', () => {
  test('the blog `jekyll new` makes checks with exit code 0', { timeout: 120_000 }, async (t) => {
    let dir: string;
    if (hasJekyll) {
      dir = path.join(tempDir(() => undefined), 'blog');
      const made = spawnSync('jekyll', ['new', dir, '--skip-bundle'], { encoding: 'utf8', timeout: 90_000 });
      assert.equal(made.status, 0, `jekyll new failed: ${made.stderr}`);
    } else {
      t.diagnostic('jekyll is not installed: checking the files `jekyll new` writes, from a copy');
      console.log('[published-blogs] jekyll missing: using a copy of the `jekyll new` files');
      dir = tempDir((d) => write(d, {
        '_config.yml': 'title: Your awesome title\nemail: your-email@example.com\nbaseurl: ""\nurl: ""\ntheme: minima\nplugins:\n  - jekyll-feed\n',
        Gemfile: 'source "https://rubygems.org"\ngem "jekyll", "~> 4.3.1"\ngem "minima", "~> 2.5"\n',
        '_posts/2024-01-01-welcome-to-jekyll.markdown': '---\nlayout: post\ntitle:  "Welcome to Jekyll!"\ndate:   2024-01-01 10:00:00 +0000\ncategories: jekyll update\n---\nYou’ll find this post in your `_posts` directory.\n',
        'about.markdown': '---\nlayout: page\ntitle: About\npermalink: /about/\n---\nThis is the base Jekyll theme.\n',
        'index.markdown': '---\nlayout: home\n---\n',
        '404.html': '---\npermalink: /404.html\nlayout: default\n---\n<h1>404</h1>\n',
      }));
    }
    const r = await run(['check', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stdout + r.err.join('\n'));
    assert.deepEqual(problems(r.stdout).filter((p) => p.severity === 'error'), []);
  });

  test('Jekyll posts without `title:` are not errors: an info names the title Jekyll derives', async () => {
    const r = await run(['check', '--format', 'json'], path.join(sites, 'no-config'));
    assert.equal(r.code, 0, r.stdout);
    const ps = problems(r.stdout);
    assert.deepEqual(ps.map((p) => `${p.file} ${p.rule} ${p.severity}`), ['_posts/2023-04-01-first-post.md title-from-filename info']);
    assert.match(ps[0].message, /Jekyll titles this post "First Post" from its file name/);
  });

  test('a GitHub Pages site: posts without `layout:` get one from jekyll-default-layout', async () => {
    const r = await run(['check', '--format', 'json'], path.join(sites, 'gh-pages'));
    assert.equal(r.code, 0, r.stdout);
    // The one warning: the guide's deliberate link to a page that does not exist.
    assert.deepEqual(problems(r.stdout).filter((p) => p.severity !== 'info').map((p) => `${p.file}:${p.rule}`), ['docs/guide.md:broken-link']);
    // Without GitHub Pages (a Gemfile of its own, no plugin list) the same post has no layout: an error.
    const own = tempDir((d) => {
      fs.cpSync(path.join(sites, 'gh-pages'), d, { recursive: true });
      fs.writeFileSync(path.join(d, '_config.yml'), 'title: Own build\nmarkdown: kramdown\n');
      fs.writeFileSync(path.join(d, 'Gemfile'), 'source "https://rubygems.org"\ngem "jekyll"\n');
    });
    const mine = await run(['check', '--format', 'json'], own);
    assert.equal(mine.code, 1);
    assert.ok(problems(mine.stdout).some((p) => p.rule === 'required-key' && /`layout`/.test(p.message)), mine.stdout);
    // The same with the github-pages gem in the Gemfile: GitHub Pages' defaults again, whatever the config sets.
    fs.writeFileSync(path.join(own, 'Gemfile'), 'source "https://rubygems.org"\ngem "github-pages", group: :jekyll_plugins\n');
    const pages = await run(['check', '--format', 'json'], own);
    assert.equal(pages.code, 0, pages.stdout);
  });

  test('a Hugo headless bundle needs no title; other Hugo posts still do', async () => {
    const dir = tempDir((d) => write(d, {
      'hugo.toml': 'baseURL = "https://example.org/"\ntitle = "Hugo"\n',
      'content/posts/gallery/index.md': '---\nheadless: true\n---\nImages shared by other pages.\n',
      'content/posts/hello.md': '---\ntitle: Hello\ndate: 2024-01-02\n---\nHi.\n',
    }));
    const r = await run(['check', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stdout);
    assert.deepEqual(problems(r.stdout), []);
    write(dir, { 'content/posts/untitled.md': '---\ndate: 2024-01-03\n---\nNo title.\n' });
    const again = await run(['check', '--format', 'json'], dir);
    assert.equal(again.code, 1);
    assert.deepEqual(problems(again.stdout).map((p) => `${p.file} ${p.rule}`), ['content/posts/untitled.md required-key']);
  });
});
