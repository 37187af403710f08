import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { matchGlob } from '../../../src/core/paste/glob';

describe('matchGlob', () => {
  const cases: [glob: string, path: string, expected: boolean][] = [
    ['**/_drafts/**', '_drafts/idea.md', true],
    ['**/_drafts/**', 'blog/_drafts/sub/idea.md', true],
    ['**/_drafts/**', '_posts/2021-08-19-x.md', false],
    ['_drafts/**', 'blog/_drafts/idea.md', true], // unanchored: any depth
    ['/_drafts/**', 'blog/_drafts/idea.md', false], // anchored at the workspace folder
    ['/_drafts/**', '_drafts/idea.md', true],
    ['*.md', '_posts/a.md', true],
    ['/*.md', '_posts/a.md', false],
    ['/*.md', 'about.md', true],
    ['**/*.{md,markdown}', '_posts/a.markdown', true],
    ['**/*.{md,markdown}', '_posts/a.html', false],
    ['_posts/202?-*.md', '_posts/2021-x.md', true],
    ['_posts/202?-*.md', '_posts/2021/x.md', false], // `*` and `?` stop at `/`
    ['**/[0-9][0-9][0-9][0-9]-*.md', '_posts/2021-a.md', true],
    ['**/[!_]*/x.md', '_posts/x.md', false],
    ['**/[!_]*/x.md', 'pages/x.md', true],
    ['**/[^_]*/x.md', '_posts/x.md', false],
    ['**/.hidden/**', 'a/.hidden/x.md', true],
    ['*.md', '.github/notes.md', true], // dot folders are not skipped
    ['**', 'anything/at/all.md', true],
    ['a+b/*.md', 'a+b/x.md', true], // regex characters are literal
    ['a$b.c/*.md', 'a$b.c/x.md', true],
    ['a$b.c/*.md', 'a$bxc/x.md', false],
    ['notes \\(old\\)/*.md', 'notes (old)/x.md', true], // parentheses group unless escaped
    // What the hand-written matcher got wrong:
    ['/[]a].md', '].md', true], // `]` first in a class is a literal `]`
    ['/[]a].md', 'a.md', true],
    ['/[]a].md', 'b.md', false],
    ['/a/**', 'a', true], // `a/**` also matches the folder itself
    ['a/**', 'x/a', true],
    ['/a/**', 'a/b/c.md', true],
    ['/a/**', 'ab/c.md', false],
    // More of picomatch's syntax:
    ['**/[[:digit:]]*.md', 'posts/1-a.md', true],
    ['**/[[:digit:]]*.md', 'posts/a.md', false],
    ['/_posts/!(draft-*).md', '_posts/x.md', true],
    ['/_posts/!(draft-*).md', '_posts/draft-x.md', false],
    ['/_posts/{2020,2021}/**', '_posts/2021/a.md', true],
    ['/_posts/{2020,2021}/**', '_posts/2022/a.md', false],
  ];
  for (const [glob, p, expected] of cases) {
    test(`${glob} ${expected ? 'matches' : 'does not match'} ${p}`, () => {
      assert.equal(matchGlob(p, glob), expected);
    });
  }
  test('an unclosed brace or bracket is literal and does not throw', () => {
    assert.equal(matchGlob('x[.md', '**/x[.md'), true);
    assert.equal(matchGlob('{a,b', '/{a,b'), true);
    assert.equal(matchGlob('a', '/{a,b'), false);
  });
  test('an empty glob or one picomatch refuses matches nothing', () => {
    assert.equal(matchGlob('a.md', ''), false);
    assert.equal(matchGlob('a.md', `/${'a'.repeat(70_000)}`), false);
  });
  test('a leading slash on the path is ignored', () => {
    assert.equal(matchGlob('/_drafts/x.md', '/_drafts/**'), true);
  });
});
