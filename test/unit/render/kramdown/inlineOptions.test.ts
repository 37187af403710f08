// `{::options … /}` in a post (render/kramdown/options.ts applyInlineOptions) and the code language an IAL gives an
// indented code block (markdown.ts), with Debian's kramdown through Jekyll's converter as the oracle: converter
// options hold for the whole post (kramdown merges the post's options over the site's), syntax_highlighter_opts
// replaces the site's map whole.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

describe('{::options /} and code languages as kramdown reads them', () => {
  test('an IAL\'s language-… class names an indented code block\'s language', (t) => assertLikeKramdown(t, [
    '    x = Class.new\n^\n    <a>href</a>\n{: .language-html}\n', '    x = 1\n{: .language-ruby .other #id}\n', '    plain\n',
  ], assert.deepEqual));
  test('syntax_highlighter_opts set in the post, before or after the code', (t) => assertLikeKramdown(t, [
    '    x = Class.new\n{: .language-ruby}\n\n{::options syntax_highlighter_opts="{default_lang: ruby\\}" /}\n\n    x = Class.new\n',
    '    x = Class.new\n\n{::options syntax_highlighter_opts="{block: {line_numbers: true\\}\\}" /}\n',
    '{::options syntax_highlighter_opts="{css_class: code\\}" /}\n\n```ruby\nx = 1\n```\n',
  ], assert.deepEqual));
  test('options kramdown types: integers, booleans, unknown names ignored', (t) => assertLikeKramdown(t, [
    '{::options unusedvar="val" footnote_nr="x" /}\n\nA[^a].\n\n[^a]: a\n', '{::options auto_ids="false" /}\n\n# No id\n',
    '# Id\n\n{::options auto_ids="false" /}\n\n# Also none\n',
  ], assert.deepEqual));

  test('the post\'s syntax_highlighter_opts drop Jekyll\'s default_lang: code naming no language is a bare <pre><code>', () => {
    const html = oursHtml('    plain\n\n{::options syntax_highlighter_opts="{wrap: true\\}" /}\n');
    assert.match(html, /^<pre><code>plain\n<\/code><\/pre>/);
  });
});
