// Where a link's label ends, as kramdown's parse_link finds it (render/kramdown/links.ts labelEnd), with Debian's
// kramdown through Jekyll's converter as the oracle: spans inside the label run to their own end (an emphasis
// past the `]`), each `[`/`![` opens a bracket, a footnote marker's bracket stays open; and it stays linear.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const URLS = [1, 2, 3, 4, 5, 6].map((n) => `[http://blah.com/blah${'_'.repeat(n)}%28](http://blah.com/blah${'_'.repeat(n)}%28)`);

describe('link labels as kramdown reads them', () => {
  test('emphasis across a label\'s end, in context', (t) => assertLikeKramdown(t, [
    URLS.join('\n') + '\n', URLS.slice(3).join('\n') + '\n', URLS.slice(4).join('\n') + '\n', '[a *b](c) d*](e)\n', 'x [a_b______c](d______e)\n',
    '*a [b* c](d)\n', '[x `]` y](k)\n', '[a <em>]</em>](b)\n', '[a <span>[b]</span> c](d)\n', '[a <em>b](c) d</em>](e)\n', '[a <kbd>]</kbd>](b)\n',
  ], assert.deepEqual));
  test('brackets, images and footnote markers in a label', (t) => assertLikeKramdown(t, [
    'a [text[^1]](url) b\n\nc [t2[^1]]](url) d\n\n[^1]: note\n', '[x ![i](j) y](k)\n', '[x ![i y](k)\n', '[a [b] c](d)\n', '[a [b](c) d](e)\n', '[[[a]]](b)\n',
  ], assert.deepEqual));
  test('a paragraph of unclosed brackets renders in linear time', () => {
    const time = (n: number) => {
      const text = '[a *b '.repeat(n) + '\n';
      const t = process.cpuUsage();
      oursHtml(text);
      const used = process.cpuUsage(t);
      return (used.user + used.system) / 1000;
    };
    time(1000);
    // CPU time, least of three: other processes on a loaded machine neither add to it nor decide the ratio.
    const small = Math.min(time(2000), time(2000), time(2000));
    const large = Math.min(time(8000), time(8000), time(8000));
    assert.ok(large < small * 12, `8000 brackets took ${large.toFixed(0)} ms, 2000 took ${small.toFixed(0)} ms (linear: ×4)`);
  });
});
