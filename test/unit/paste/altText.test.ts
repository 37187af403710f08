// Alt text of a paste: the selection, else the author's answer (techblog.paste.askAltText), else the name.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { linkFor, pasteAltSource, withAlt } from '../../../src/core/paste/link';

const md = new MarkdownIt();
const img = (markdown: string) => {
  const m = /<img src="([^"]*)" alt="([^"]*)">/.exec(md.renderInline(markdown));
  assert.ok(m, markdown);
  return { src: m[1], alt: m[2] };
};

describe('paste alt text', () => {
  test('the selection wins over asking; asking only when the setting is on; else the generated name', () => {
    assert.equal(pasteAltSource('architecture diagram', true), 'selection');
    assert.equal(pasteAltSource('architecture diagram', false), 'selection');
    assert.equal(pasteAltSource(undefined, true), 'ask');
    assert.equal(pasteAltSource('  \n', true), 'ask', 'a selection of blanks is no alt text');
    assert.equal(pasteAltSource(undefined, false), 'name');
    assert.equal(pasteAltSource('', false), 'name');
  });

  test('withAlt puts the answer in every link style and keeps the target byte for byte', () => {
    const common = { imagePath: '/b/images/2021/image-20210819150523189.png', documentPath: '/b/_posts/2021-08-19-x.md', siteRoot: '/b' };
    for (const style of ['relative', 'root', 'baseurl'] as const) {
      const r = linkFor({ ...common, style });
      assert.ok(r.ok);
      const out = withAlt(r.markdown, 'p99 [ms] *after* the fix');
      assert.equal(out, `![p99 \\[ms\\] \\*after\\* the fix](${r.target})`);
    }
    const odd = linkFor({ imagePath: '/b/images/a](b) (1).png', documentPath: '/b/_posts/x.md', siteRoot: '/b', style: 'relative' });
    assert.ok(odd.ok);
    const rendered = img(withAlt(odd.markdown, 'a ](tricky) alt'));
    assert.equal(rendered.alt, 'a ](tricky) alt');
    assert.equal(rendered.src, '../images/a%5D%28b%29%20%281%29.png');
  });

  test('withAlt: an empty or blank answer keeps the generated name (Escape never loses the paste)', () => {
    const link = '![image-20210819150523189](../images/2021/image-20210819150523189.png)';
    assert.equal(withAlt(link, ''), link);
    assert.equal(withAlt(link, '   '), link);
    assert.equal(withAlt(link, '  Two words  '), '![Two words](../images/2021/image-20210819150523189.png)');
  });
});
