// A long body (past the size at which the layouts run with a marker in its place, renderer.ts): the page
// is the one the layouts make with the body itself, whichever way the layouts use it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memorySite } from '../helpers';

const longBody = Array.from({ length: 400 }, (_, i) => `Paragraph ${i} with **bold** and $$x_{${i}}$$ math.`).join('\n\n');
const post = (body = longBody) => `---\ntitle: Long\nlayout: post\n---\n${body}\n`;
const PATH = '_posts/2024-01-01-long.md';

describe('layouts around a long body', () => {
  test('{{ content }} once: the page is the layout text around the body', async () => {
    const site = await memorySite({ '_layouts/post.html': '<main class="x">{{ content }}</main><footer>{{ page.title }}</footer>' });
    const r = await site.render({ path: PATH, text: post() });
    assert.ok(r.bodyHtml.length > 20_000);
    assert.ok(r.html.includes(`<main class="x">${r.bodyHtml}</main><footer>Long</footer>`));
  });

  test('{{ content }} twice: the body is on the page twice', async () => {
    const site = await memorySite({ '_layouts/post.html': '<main>{{ content }}</main><aside>{{ content }}</aside>' });
    const r = await site.render({ path: PATH, text: post() });
    assert.equal(r.html.split('<strong>bold</strong>').length - 1, 800);
  });

  test('a filter on content in the layout sees the body', async () => {
    const site = await memorySite({ '_layouts/post.html': '<p class="n">{{ content | size }}</p>{{ content }}' });
    const r = await site.render({ path: PATH, text: post() });
    assert.match(r.html, new RegExp(`<p class="n">${r.bodyHtml.length}</p>`));
  });

  test('an include that reads content sees the body', async () => {
    const site = await memorySite({
      '_includes/words.html': '<p class="w">{{ content | strip_html | number_of_words }}</p>',
      '_layouts/post.html': '{% include words.html %}<main>{{ content }}</main>',
    });
    const r = await site.render({ path: PATH, text: post() });
    // Liquid's strip_html drops tags without a space; the marker in the body's place would count as one word.
    const words = r.bodyHtml.replace(/<[^>]*>/g, '').split(/\s+/).filter(Boolean).length;
    assert.ok(words > 1000);
    assert.match(r.html, new RegExp(`<p class="w">${words}</p>`));
    assert.ok(r.html.includes(`<main>${r.bodyHtml}</main>`));
  });

  test('content inside a textarea is escaped text, not markup', async () => {
    const site = await memorySite({ '_layouts/post.html': '<textarea>{{ content }}</textarea>' });
    const r = await site.render({ path: PATH, text: post() });
    assert.ok(!r.html.includes('<strong>bold</strong>'));
    assert.match(r.html, /<textarea>[^]*&lt;strong&gt;bold&lt;\/strong&gt;[^]*<\/textarea>/);
  });

  test('a body repeating with a short period (its text also in the layout) renders as the layout writes it', async () => {
    const unit = '<p>ab</p>\n';
    const site = await memorySite({ '_layouts/post.html': `<main>${unit.repeat(3)}{{ content }}${unit}</main>` });
    const r = await site.render({ path: PATH, text: post(Array.from({ length: 2000 }, () => '<p>ab</p>').join('\n')) });
    assert.equal(r.html.split('<p>ab</p>').length - 1, r.bodyHtml.split('<p>ab</p>').length - 1 + 4);
  });
});
