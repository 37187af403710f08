// Jekyll's and plugins' tags (liquidjs tag classes) are parsed over a window of the tokens that follow
// them, not over a copy of the whole rest of the template (src/core/render/liquid/parser.ts), so a post
// full of them stays linear. What a reader sees must not change: a template made of independent pieces
// renders as the pieces do one by one, whatever the pieces (block tags, unclosed ones, raw, nesting).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { memorySite } from './helpers';

const PIECES = [
  'Text {% post_url 2024-01-01-older %} and {% include note.html n=1 %}.\n\n',
  '{% highlight c %}\nint x;\n{% endhighlight %}\n\n',
  '{% if true %}{% highlight ruby %}\nputs 1\n{% endhighlight %}{% endif %}\n\n',
  '{% for i in (1..2) %}{% include note.html n=i %}{% endfor %}\n\n',
  '{% raw %}{% highlight c %}{% endraw %} kept as text\n\n',
  '{% highlight c %}\n{% raw %}{% endhighlight %}{% endraw %}\n{% endhighlight %}\n\n',
  '{% unknown_plugin a %}b{% endunknown_plugin %}\n\n',
  '{{ "/x/" | relative_url }} {% link _posts/2024-01-01-older.md %}\n\n',
];
const UNCLOSED = 'Before {% highlight c %}\nnever closed\n';

async function renderer() {
  const site = await memorySite({
    '_config.yml': 'title: Window\nbaseurl: /blog\n',
    '_includes/note.html': '<span class="note">{{ include.n }}</span>',
    '_posts/2024-01-01-older.md': '---\ntitle: Older\n---\nOlder body.',
  });
  return async (body: string) => {
    const r = await site.render({ path: '_posts/2024-03-05-w.md', text: `---\ntitle: W\n---\n${body}`, mode: 'content' });
    return r.bodyHtml.replace(/ data-line="\d+"/g, '');
  };
}

describe('Liquid tags parsed over a window of tokens', () => {
  test('a template of independent pieces renders as its pieces do', async () => {
    const render = await renderer();
    const alone = await Promise.all(PIECES.map((p) => render(p)));
    // Every piece, and seeded shuffles of many of them (each piece ends a paragraph, so blocks stay apart).
    let seed = 7;
    const next = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31);
    for (let round = 0; round < 20; round++) {
      const picks = Array.from({ length: 12 }, () => next() % PIECES.length);
      const whole = await render(picks.map((i) => PIECES[i]).join(''));
      assert.equal(whole, picks.map((i) => alone[i]).join(''), `pieces ${picks.join(',')}`);
    }
  });

  test('an unclosed block tag still sees the whole rest of the template', async () => {
    const render = await renderer();
    const html = await render(PIECES[0] + UNCLOSED + PIECES[1]);
    // As before the window: the tag is an error marker, the text after it renders.
    assert.match(html, /techblog-liquid-error/);
    assert.match(html, /never closed/);
    assert.match(html, /older/);
  });
});
