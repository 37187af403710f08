// Every kramdown feature the preview supports, against the HTML real Jekyll (kramdown 2.4, GFM input,
// Rouge) produced for the fixture site test/fixtures/render/kramdown-site (kept in kramdown-expected/).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { alignBlocks, blockSignatures } from './blocks';
import { expectedHtml, kramdownSite, renderFile, withoutDataLines } from './helpers';

const POSTS: Record<string, string> = {
  headers: '2024-01-01-headers.md', attributes: '2024-01-02-attributes.md', toc: '2024-01-03-toc.md', footnotes: '2024-01-04-footnotes.md',
  tables: '2024-01-05-tables.md', 'definition-lists': '2024-01-06-definition-lists.md', abbreviations: '2024-01-07-abbreviations.md',
  extensions: '2024-01-08-extensions.md', typography: '2024-01-09-typography.md', 'html-blocks': '2024-01-10-html-blocks.md',
  code: '2024-01-11-code.md', math: '2024-01-12-math.md', lists: '2024-01-13-lists.md', liquid: '2024-01-14-liquid.md', images: '2024-01-15-images.md',
};

async function ours(slug: string): Promise<string> {
  const r = await renderFile(kramdownSite, `_posts/${POSTS[slug]}`, { mode: 'content', now: new Date('2026-01-01T00:00:00Z') });
  return withoutDataLines(r.bodyHtml);
}

const all = (html: string, re: RegExp) => [...html.matchAll(re)].map((m) => m[0]);

describe('kramdown features match Jekyll block for block', () => {
  for (const slug of Object.keys(POSTS)) {
    test(`${slug}: same blocks, ids and text as Jekyll`, async () => {
      const html = await ours(slug);
      const expected = expectedHtml(slug);
      // The images post uses the `post` layout on the real site; compare its article body.
      const theirs = slug === 'images' ? expected.slice(expected.indexOf('</time>') + 7, expected.indexOf('</article>')) : expected;
      const opts = { pageUrl: `/2024/01/${slug}/`, baseurl: '/blog' };
      const a = blockSignatures(html, opts);
      const b = blockSignatures(theirs, opts);
      const { onlyA, onlyB } = alignBlocks(a, b);
      assert.deepEqual({ onlyOurs: onlyA, onlyJekyll: onlyB }, { onlyOurs: [], onlyJekyll: [] });
    });
  }
});

describe('kramdown markup details', () => {
  test('header ids follow kramdown-parser-gfm: non-ASCII kept, punctuation dropped, duplicates numbered, {#id} honoured', async () => {
    const ids = (h: string) => all(h, /<h\d id="[^"]*"/g);
    assert.deepEqual(ids(await ours('headers')), ids(expectedHtml('headers')));
    assert.ok(ids(expectedHtml('headers')).includes('<h2 id="中文標題全形標點"'));
  });

  test('block and span attribute lists land on the same elements with the same attributes', async () => {
    const html = await ours('attributes');
    for (const snippet of ['<p class="note">', '<p id="para-one" class="lead" data-kind="demo">', '<p class="before-block">', '<p class="callout warning" title="careful">',
      '<blockquote class="fancy">', '<ul class="checklist">', '<em class="em-class">', '<strong id="strong-id">', '<a href="https://example.com" target="_blank" rel="noopener">',
      '<div class="language-go wide highlighter-rouge">', 'Text then {: .ignored} stays literal.']) {
      assert.ok(expectedHtml('attributes').includes(snippet), `fixture has ${snippet}`);
      assert.ok(html.includes(snippet), `ours has ${snippet}`);
    }
    assert.match(html, /<img src="\/blog\/images\/shot.png" alt="alt text" class="shadow" width="50%" \/>/);
  });

  test('{:toc} becomes ul#markdown-toc with the same nesting, skipping .no_toc headers', async () => {
    const links = (h: string) => all(h, /<a href="#[^"]*" id="markdown-toc-[^"]*">/g);
    const html = await ours('toc');
    assert.deepEqual(links(html), links(expectedHtml('toc')));
    assert.match(html, /<ul id="markdown-toc">/);
    assert.ok(!html.includes('markdown-toc-not-listed'));
  });

  test('footnotes: kramdown\'s ids, numbers, back links (with repeat markers) and unreferenced notes left out', async () => {
    const html = await ours('footnotes');
    const exp = expectedHtml('footnotes');
    for (const re of [/<sup id="[^"]*" role="doc-noteref"><a href="[^"]*" class="footnote" rel="footnote">\d+<\/a><\/sup>/g, /<li id="fn:[^"]*" role="doc-endnote">/g,
      /<a href="#fnref:[^"]*" class="reversefootnote" role="doc-backlink">&#8617;(<sup>\d<\/sup>)?<\/a>/g]) {
      assert.deepEqual(all(html, re), all(exp, re));
    }
    assert.match(html, /<div class="footnotes" role="doc-endnotes">/);
    assert.ok(!html.includes('unused'));
  });

  test('tables: alignment styles written like kramdown, escaped pipes kept in cells', async () => {
    const cells = (h: string) => all(h, /<t[hd][^>]*>/g);
    assert.deepEqual(cells(await ours('tables')), cells(expectedHtml('tables')));
    assert.match(await ours('tables'), /<td>Escaped \| pipe<\/td>|<th>Escaped \| pipe<\/th>/);
  });

  test('definition lists and abbreviations', async () => {
    assert.deepEqual(all(await ours('definition-lists'), /<\/?d[ltd]>/g), all(expectedHtml('definition-lists'), /<\/?d[ltd]>/g));
    assert.deepEqual(all(await ours('abbreviations'), /<abbr[^<]*<\/abbr>/g), all(expectedHtml('abbreviations'), /<abbr[^<]*<\/abbr>/g));
  });

  test('{::comment} is hidden, {::nomarkdown} is raw HTML, {::options /} leaves no trace', async () => {
    const html = await ours('extensions');
    assert.ok(!/should not be visible|>\s*hidden/.test(html.replace(/<!--[\s\S]*?-->/g, '')));
    assert.match(html, /<div class="raw">\*not\* markdown<\/div>/);
    assert.match(html, /<b>raw<\/b>/);
    assert.ok(!html.includes('{::'));
  });

  test('typographic quotes, dashes, ellipsis and guillemets as kramdown writes them', async () => {
    const paras = (h: string) => all(h, /<p>[\s\S]*?<\/p>/g).map((p) => p.replace(/<[^>]+>/g, '').replace(/&quot;/g, '"').replace(/\s+/g, ' '));
    assert.deepEqual(paras(await ours('typography')), paras(expectedHtml('typography')));
  });

  test('HTML blocks: raw by default (blank lines included), Markdown inside with markdown="1", span-level tags in paragraphs', async () => {
    const html = await ours('html-blocks');
    assert.match(html, /<div class="raw">\s*\*not parsed\* because kramdown reads HTML blocks raw\.\s*<\/div>/);
    assert.match(html, /<div class="parsed">\s*<p><em>parsed<\/em>/);
    assert.ok(!html.includes('markdown="'));
    assert.match(html, /<p><img src="\/blog\/images\/shot.png" alt="raw img" \/><\/p>/);
  });

  test('code: Rouge\'s wrappers and classes for fences, indented code and {% highlight %} with linenos', async () => {
    const html = await ours('code');
    const wrappers = (h: string) => all(h, /<div class="language-[^"]*"><div class="highlight"><pre class="highlight"><code>|<figure class="highlight"><pre><code class="[^"]*" data-lang="[^"]*">(<table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">)?/g);
    assert.deepEqual(wrappers(html), wrappers(expectedHtml('code')));
    // Token classes Rouge uses, so a theme's syntax CSS colours them: every token as Jekyll's Rouge made it.
    assert.match(html, /<span class="k">def<\/span> <span class="nf">greet<\/span>/);
    const spans = (h: string) => all(h, /<span class="[^"]+">[^<]*<\/span>/g).map((s) => s.replace(/&quot;/g, '"'));
    assert.deepEqual(spans(html), spans(expectedHtml('code')));
    assert.match(html, /<code class="language-plaintext highlighter-rouge">x &lt; y<\/code>/);
  });

  test('math: $$…$$ and \\\\( \\\\) typeset by KaTeX where Jekyll leaves TeX for MathJax', async () => {
    const r = await renderFile(kramdownSite, `_posts/${POSTS.math}`, { mode: 'content' });
    assert.equal(r.hasMath, true);
    assert.match(r.bodyHtml, /<div class="kdmath"[^>]*><span class="katex-display">/);
    assert.match(r.bodyHtml, /<annotation encoding="application\/x-tex">E = mc\^2<\/annotation>/);
    assert.ok(!r.bodyHtml.includes('$$'));
    assert.ok(!/<script/i.test(r.bodyHtml), 'no MathJax or CDN script');
  });

  test('lists: tightness per item and bullet changes as kramdown decides, task lists with GFM checkboxes', async () => {
    const html = await ours('lists');
    assert.deepEqual(all(html, /<\/?(ul|ol|li|p)[^>]*>/g), all(expectedHtml('lists'), /<\/?(ul|ol|li|p)[^>]*>/g));
    assert.ok(html.includes('<input type="checkbox" class="task-list-item-checkbox" disabled="disabled" checked="checked" />done task'));
  });
});
