// Liquid as Jekyll runs it: its tags, its filters, the site/page variables, and what happens with a
// plugin tag or a missing include (a visible marker, never an error page).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memorySite } from './helpers';

const POST = '_posts/2024-03-05-liquid.md';

async function body(markdown: string, files: Record<string, string> = {}, frontMatter = 'title: Liquid test\nlayout: post'): Promise<{ html: string; notices: string[] }> {
  const site = await memorySite({
    '_config.yml': 'title: Memory site\nbaseurl: /blog\nurl: https://example.com\ntimezone: Asia/Taipei\npermalink: /:title/\n',
    '_posts/2024-01-01-older.md': '---\ntitle: Older post\ntags: [a, b]\n---\nOlder body.',
    '_posts/2024-06-01-newer.md': '---\ntitle: Newer post\ntags: [b]\n---\nNewer body.',
    '_data/people.yml': '- name: Ada\n  role: lead\n- name: Bob\n  role: dev\n- name: Cy\n  role: dev\n',
    ...files,
  });
  const r = await site.render({ path: POST, text: `---\n${frontMatter}\n---\n${markdown}\n`, mode: 'content', now: new Date('2025-01-01T00:00:00Z') });
  return { html: r.bodyHtml.replace(/ data-line="\d+"/g, ''), notices: r.notices };
}

describe('Jekyll filters', () => {
  const cases: Array<[string, string | RegExp]> = [
    ['{{ "/about/" | relative_url }}', '/blog/about/'],
    ['{{ "/about/" | absolute_url }}', 'https://example.com/blog/about/'],
    ['{{ "https://x.org/a" | relative_url }}', 'https://x.org/a'],
    ['{{ "Hello, World! Über" | slugify }}', 'hello-world-über'],
    ['{{ "<a & b>" | xml_escape }}', '&lt;a &amp; b&gt;'],
    ['{{ page.tags | jsonify }}', '[“x”,”z”]'],
    ['{{ "one two three four" | number_of_words }}', '4'],
    ['{{ page.date | date: "%Y-%m-%d %H:%M" }}', '2024-03-05 00:00'],
    ['{{ page.date | date_to_xmlschema }}', '2024-03-05T00:00:00+08:00'],
    ['{{ page.date | date_to_string }}', '05 Mar 2024'],
    ['{{ page.date }}', '2024-03-05 00:00:00 +0800'],
    ['{{ page.date | date: "%a %-d %b %Y, %l:%M %P (%:z)" }}', 'Tue 5 Mar 2024, 12:00 am (+08:00)'],
    ['{{ site.data.people | where: "role", "dev" | map: "name" | join: "," }}', 'Bob,Cy'],
    ['{{ site.data.people | sort: "name" | reverse | map: "name" | join: "," }}', 'Cy,Bob,Ada'],
    ['{% assign g = site.data.people | group_by: "role" %}{% for x in g %}{{ x.name }}:{{ x.size }};{% endfor %}', 'lead:1;dev:2;'],
    // Inside the case's paragraph (`X … X`) the <p> markdownify writes is a block tag in span text: kramdown,
    // and so Jekyll, writes it as text (render/kramdown/htmlSpans.ts); the emphasis is markdownify's.
    ['{{ "a *b*" | markdownify }}', /&lt;p&gt;a <em>b<\/em>&lt;\/p&gt;/],
    // Joined with commas: a line with pipes is a kramdown table.
    ['{{ site.posts | map: "title" | join: ", " }}', 'Newer post, Liquid test, Older post'],
    ['{{ site.tags.b | size }}', '2'],
    ['{{ page.url }} {{ page.title }} {{ site.title }}', '/liquid/ Liquid test Memory site'],
  ];
  for (const [liquid, expected] of cases) {
    test(liquid, async () => {
      const { html } = await body(`X ${liquid} X`, {}, 'title: Liquid test\ntags: [x, z]');
      const inner = html.replace(/^<p>X |\s*X<\/p>\s*$/g, '');
      if (typeof expected === 'string') assert.equal(inner, expected);
      else assert.match(inner, expected);
    });
  }
});

describe('Jekyll tags', () => {
  test('include passes parameters as include.*, and looks in _includes/', async () => {
    const { html } = await body('{% include note.html kind="tip" text="Read this" %}', { '_includes/note.html': '<div class="{{ include.kind }}">{{ include.text }}</div>' });
    assert.match(html, /<div class="tip">Read this<\/div>/);
  });

  test('include_relative reads next to the post, with parameters', async () => {
    const { html } = await body('{% include_relative parts/bit.md who="you" %}', { '_posts/parts/bit.md': 'Hi **{{ include.who }}**.' });
    assert.match(html, /<p>Hi <strong>you<\/strong>.<\/p>/);
  });

  test('highlight renders Rouge-style markup, linenos adds the gutter table', async () => {
    const { html } = await body('{% highlight ruby linenos %}\nputs 1\nputs 2\n{% endhighlight %}');
    assert.match(html, /<figure class="highlight"><pre><code class="language-ruby" data-lang="ruby"><table class="rouge-table">/);
    assert.match(html, /<pre class="lineno">1\n2\n<\/pre>/);
  });

  test('raw keeps braces; post_url and link give baseurl-prefixed URLs', async () => {
    const { html } = await body('{% raw %}{{ x }} {% y %}{% endraw %} [a]({% post_url 2024-01-01-older %}) [b]({% link _posts/2024-06-01-newer.md %})');
    assert.match(html, /\{\{ x \}\} \{% y %\}/);
    assert.match(html, /<a href="\/blog\/older\/">a<\/a>/);
    assert.match(html, /<a href="\/blog\/newer\/">b<\/a>/);
  });

  test('a plugin tag we do not have renders as a visible marker and a notice, not an error page', async () => {
    const { html, notices } = await body('Before {% twitter https://x.com/a/status/1 %} after.\n\n{% tabs %}inside{% endtabs %}');
    assert.match(html, /<span class="techblog-liquid-marker techblog-liquid-tag"[^>]*>\{% twitter https:\/\/x.com\/a\/status\/1 %\}<\/span>/);
    assert.match(html, /inside/);
    assert.ok(notices.some((n) => /twitter/.test(n)));
  });

  test('a missing include renders a marker naming it', async () => {
    const { html, notices } = await body('{% include nowhere.html %}');
    assert.match(html, /techblog-liquid-include[^>]*>\{% include nowhere.html %\}/);
    assert.ok(notices.some((n) => /nowhere\.html/.test(n)));
  });

  test('broken Liquid costs that tag only: a marker, the rest renders, the notice names file:line', async () => {
    const { html, notices } = await body('{{ site.title }}\n\n{% if %}unclosed');
    assert.match(html, /Memory site/);
    assert.match(html, /techblog-liquid-error[^>]*>\{% if %\}<\/span>unclosed/);
    assert.ok(notices.some((n) => n.startsWith('_posts/2024-03-05-liquid.md:7: Liquid syntax error')), notices.join(' | '));
  });

  test('render_with_liquid: false leaves Liquid syntax as text', async () => {
    const { html } = await body('{{ site.title }}', {}, 'title: T\nrender_with_liquid: false');
    assert.match(html, /\{\{ site.title \}\}/);
  });

  // 10^8 iterations would run for many minutes: finishing at all (within the test's timeout, generous
  // for a loaded CI machine) with the notice shows the render limit stopped it.
  test('a runaway loop is stopped by the render limit instead of hanging the preview', { timeout: 120_000 }, async () => {
    const { notices } = await body('{% for i in (1..100000000) %}{{ i }}{% endfor %}');
    assert.ok(notices.some((n) => /limit/i.test(n)), notices.join(' | '));
  });
});

describe('page variables', () => {
  test('page.previous / page.next follow date order; page.categories merges category and folders', async () => {
    const site = await memorySite({
      '_config.yml': 'permalink: /:categories/:title/\n',
      '_posts/2024-01-01-a.md': '---\ntitle: A\n---\n', '_posts/2024-03-01-c.md': '---\ntitle: C\n---\n',
      '_layouts/post.html': '{{ page.previous.title }}|{{ page.next.title }}|{{ page.categories | join: "," }}|{{ page.url }}',
    });
    const r = await site.render({ path: 'notes/_posts/2024-02-01-b.md', text: '---\ntitle: B\nlayout: post\ncategory: tips\n---\nbody', mode: 'site' });
    assert.match(r.html, /A\|C\|notes,tips\|\/notes\/tips\/b\//);
  });
});
