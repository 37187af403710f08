import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { globToRegExp, matchGlob } from '../../../src/core/paste/glob';

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
    ['**/.hidden/**', 'a/.hidden/x.md', true],
    ['**', 'anything/at/all.md', true],
    ['a+b(c)/*.md', 'a+b(c)/x.md', true], // regex characters are literal
  ];
  for (const [glob, p, expected] of cases) {
    test(`${glob} ${expected ? 'matches' : 'does not match'} ${p}`, () => {
      assert.equal(matchGlob(p, glob), expected);
    });
  }
  test('an unclosed brace or bracket does not throw', () => {
    assert.doesNotThrow(() => globToRegExp('{a,b'));
    assert.equal(matchGlob('x[.md', '**/x[.md'), true);
  });
});
