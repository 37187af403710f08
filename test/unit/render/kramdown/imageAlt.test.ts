// An image's alt text as kramdown writes it: the label as written, only backslash escapes resolved
// (`![*alt*](x)` keeps its asterisks). Debian's kramdown is the oracle in the test run.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { kramdownHtml, kramdownMissing, oursHtml } from './kramdownOracle';

const CASES = ['![*alt*](y.png)', '![a\\*b &amp; "q"](x.png)', '![a `c` $$x$$](x.png)', '![中文 **說明**](/images/a.png)', '![plain](p.png)'];
const alts = (html: string) => [...html.matchAll(/<img [^>]*alt="([^"]*)"/g)].map((m) => m[1]);

describe('image alt text as kramdown writes it', () => {
  test('alt attributes equal kramdown\'s', (t) => {
    const why = kramdownMissing();
    if (why) return t.skip(why);
    const theirs = kramdownHtml(CASES);
    CASES.forEach((text, i) => assert.deepEqual(alts(oursHtml(text)), alts(theirs[i]), text));
  });

  test('markup in the label stays in the alt text', () => {
    assert.deepEqual(alts(oursHtml('![*alt*](y.png)')), ['*alt*']);
  });
});
