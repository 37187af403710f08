// Liquid as Jekyll runs it, held against Ruby Liquid itself: each construct real themes rely on (lax
// parsing: a filter in a condition, `{{ }}` inside an output, a dotted assignment target, unknown filters,
// stray characters) and Ruby's numbers, rendered by our engine and by `ruby -rliquid` in this test run.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { type LiquidCase, type LiquidResult, ourLiquid, rubyLiquid, rubyLiquidMissing } from './rubyLiquid';

const env = {
  page: { tags: ['a', 'b'], title: 'Hello', empty_tags: [], n: 7 },
  site: { title: 'Site', tags: { a: [1] } },
  func: 'F', x: 'X', items: [3, 1, 2], s: '12', f: 2.5, h: { k: 'v' },
};

const LAX: Array<[string, string]> = [
  ['filter inside a condition (elsif)', '{% if nothing %}A{% elsif page.tags and page.tags | size != 0 %}B{% else %}C{% endif %}'],
  ['filter inside a condition, false side', '{% if page.empty_tags and page.empty_tags | size != 0 %}B{% else %}C{% endif %}'],
  ['filter inside unless', '{% unless page.tags | size > 5 %}U{% endunless %}'],
  ['output markup inside an output', '{{ x | append: {{func}} }}'],
  ['output markup inside a tag', '{% assign y = x | append: {{func}} %}[{{ y }}]'],
  ['dotted assignment target', '{% assign site.tags = "" %}{{ site.tags.a }}|{{ site.tags | size }}'],
  ['assignment to a bracketed target', '{% assign a[0] = 1 %}{{ a }}'],
  ['unknown filter', '{{ "kept" | no_such_filter | upcase }}'],
  ['unknown filter with arguments', '{{ x | nope: 1, 2 | append: "!" }}'],
  ['stray closing brace', '{{ x }}}'],
  ['stray characters in an output', '{{ x ~ y }}'],
  ['stray characters in a condition', '{% if x ~ %}T{% endif %}'],
  ['negative sign quirk', "{{ - 'theme.css' - }}"],
  ['= instead of ==', '{% if x = "X" %}T{% else %}F{% endif %}'],
  ['operator without spaces', '{% if page.n>5 %}big{% endif %}'],
  ['trailing words after a condition', '{% if x == "X" extra words %}T{% endif %}'],
  ['and/or chain (right to left)', '{% if false and false or true %}T{% else %}F{% endif %}'],
  ['contains', '{% if page.tags contains "a" %}has{% endif %}{% if "abc" contains "b" %}!{% endif %}'],
  ['for with limit, offset, reversed', '{% for i in items limit:2 offset:1 reversed %}{{ i }}{% endfor %}'],
  ['for over a range with forloop', '{% for i in (1..4) %}{{ forloop.index }}{% if forloop.last %}L{% endif %}{% endfor %}'],
  ['for else', '{% for i in nothing %}x{% else %}empty{% endfor %}'],
  ['for with break and continue', '{% for i in (1..6) %}{% if i == 2 %}{% continue %}{% endif %}{% if i == 5 %}{% break %}{% endif %}{{ i }}{% endfor %}'],
  ['lax for markup', '{% for i in items, limit: 1 %}{{ i }}{% endfor %}'],
  ['case / when or, comma', '{% case page.n %}{% when 1 or 7 %}seven{% when 2, 3 %}few{% else %}other{% endcase %}'],
  ['cycle', '{% for i in (1..4) %}{% cycle "a", "b", "c" %}{% endfor %}'],
  ['capture and increment', '{% capture c %}[{{ x }}]{% endcapture %}{{ c }}{% increment k %}{% increment k %}{% decrement d %}'],
  ['whitespace control', 'a  {%- if true -%}  b  {%- endif -%}  c\n{{- x -}}\n'],
  ['blank body drops its whitespace', '[{% if true %}   {% assign q = 1 %}   {% endif %}]'],
  ['raw', '{% raw %}{{ x }}{% if %}{% endraw %}'],
  ['comment', 'a{% comment %} {{ x }} {% endcomment %}b'],
  ['empty and nil comparisons', '{% if page.empty_tags == empty %}E{% endif %}{% if nothing == nil %}N{% endif %}{% if x != blank %}B{% endif %}'],
  ['comparison with nil is false', '{% if 10 > nothing %}Y{% else %}N{% endif %}'],
  ['size, first, last', '{{ page.tags.size }}{{ page.tags.first }}{{ page.tags.last }}{{ h.size }}{{ "abc".size }}'],
  ['array and hash output', '{{ page.tags }}|{{ h }}'],
  ['default with allow_false', '{{ false | default: "d" }}|{{ false | default: "d", allow_false: true }}|{{ "" | default: "e" }}'],
  ['join, sort, map', '{{ items | sort | join: "-" }}|{{ page.tags | join }}'],
  ['liquid tag', '{% liquid\nassign z = 3 | plus: 4\necho z\n%}'],
];

const NUMBERS: string[] = [
  '{{ 100 | divided_by: 3 }}', '{{ -7 | divided_by: 2 }}', '{{ 7 | divided_by: 2.0 }}', '{{ 10 | divided_by: 4.0 }}',
  '{{ 1.0 }}', '{{ 2.5 | times: 2 }}', '{{ 0.1 | plus: 0.2 }}', '{{ "2" | plus: "3" }}', '{{ "1.5" | plus: 1 }}',
  '{{ nothing | plus: 4 }}', '{{ nothing | times: 2 }}', '{{ "abc" | plus: 1 }}', '{{ 7 | modulo: 3 }}', '{{ -7 | modulo: 3 }}',
  '{{ 7.5 | modulo: 2 }}', '{{ 3.14159 | round: 2 }}', '{{ 2.5 | round }}', '{{ -2.5 | round }}', '{{ 1234 | round: -2 }}',
  '{{ 4.2 | ceil }}', '{{ -4.2 | floor }}', '{{ "3.7" | ceil }}', '{{ -5 | abs }}', '{{ "-2.5" | abs }}', '{{ 3 | at_least: 5 }}',
  '{{ 7 | at_most: 5 }}', '{{ 4.0 | at_most: 5 }}', '{{ 1e3 }}', '{{ 10 | divided_by: 3 | times: 3.0 }}', '{{ f | times: s }}',
  '{{ 1000000 | times: 1000000 }}', '{{ 0.5 | minus: 0.5 }}', '{{ 5 | minus: 7 }}', '{{ "" | size }}',
];

// Strings with their own UTC offset, so the machine's zone does not matter.
const FILTERS: string[] = [
  '{{ "2024-03-05 10:20:30 +0800" | date: "%b %-d, %Y %H:%M %z %A %j %V %G %e %l %p %-m/%-d" }}',
  '{{ "2024-12-30T23:05:00-05:00" | date: "%F %T %:z %D %R %r %c %x %X %U %W %u %w %y %C %^b %10A %s" }}',
  '{{ "July 4, 2021" | date: "%Y-%m-%d" }}', '{{ "not a date" | date: "%Y" }}', '{{ "2024-03-05" | date: "" }}',
  '{{ \'Say "hi" & <b>\' | escape }}', '{{ "a &amp; b < c" | escape_once }}', '{{ page.tags | upcase }}', '{{ h | append: "!" }}',
  '{{ "hello" | slice: -3, 2 }}', '{{ items | slice: 1, 5 | join: "," }}', '{{ "hi" | replace: "", "-" }}', '{{ "one two three" | truncatewords: 3 }}',
  '{{ "one two three four" | truncatewords: 2, "…" }}', '{{ "Ruby Liquid" | truncate: 8 }}', '{{ items | map: "x" | size }}',
  '{{ "<p>a</p><script>b</script>c" | strip_html }}', '{{ "x" | base64_url_safe_encode }}',
];

function agree(name: string, ours: LiquidResult, ruby: LiquidResult): void {
  if (ruby.parseError !== undefined) assert.ok(ours.parseError !== undefined, `${name}: Ruby rejects it (${ruby.parseError}); ours gave ${JSON.stringify(ours)}`);
  else if (ruby.renderError !== undefined) assert.ok(ours.renderError !== undefined, `${name}: Ruby raised ${ruby.renderError}; ours gave ${JSON.stringify(ours)}`);
  else assert.equal(ours.output, ruby.output, name);
}

for (const mode of ['warn', 'lax'] as const) {
  describe(`Liquid constructs themes rely on, against Ruby Liquid (error_mode: ${mode})`, () => {
    const missing = rubyLiquidMissing();
    const cases: LiquidCase[] = LAX.map(([, template]) => ({ template, env, mode }));
    let ruby: LiquidResult[] = [];
    before(() => { if (!missing) ruby = rubyLiquid(cases); });
    LAX.forEach(([name], i) => {
      test(name, { skip: missing }, async () => agree(name, await ourLiquid(cases[i]), ruby[i]));
    });
  });
}

describe('Numbers like Ruby, against Ruby Liquid', () => {
  const missing = rubyLiquidMissing();
  const cases: LiquidCase[] = NUMBERS.map((template) => ({ template, env }));
  let ruby: LiquidResult[] = [];
  before(() => { if (!missing) ruby = rubyLiquid(cases); });
  NUMBERS.forEach((template, i) => {
    test(template, { skip: missing }, async () => agree(template, await ourLiquid(cases[i]), ruby[i]));
  });
});

describe('Filters whose results are Ruby\'s (dates, escaping, to_s of arrays), against Ruby Liquid', () => {
  const missing = rubyLiquidMissing();
  const cases: LiquidCase[] = FILTERS.map((template) => ({ template, env }));
  let ruby: LiquidResult[] = [];
  before(() => { if (!missing) ruby = rubyLiquid(cases); });
  FILTERS.forEach((template, i) => {
    test(template, { skip: missing }, async () => agree(template, await ourLiquid(cases[i]), ruby[i]));
  });
});

describe('strict error_mode, against Ruby Liquid', () => {
  const missing = rubyLiquidMissing();
  const templates = ['{% if page.tags | size > 0 %}T{% endif %}', '{{ x | append: {{func}} }}', '{{ x ~ y }}', '{% if x == "X" %}T{% endif %}'];
  const cases: LiquidCase[] = templates.map((template) => ({ template, env, mode: 'strict' }));
  let ruby: LiquidResult[] = [];
  before(() => { if (!missing) ruby = rubyLiquid(cases); });
  templates.forEach((template, i) => {
    test(template, { skip: missing }, async () => agree(template, await ourLiquid(cases[i]), ruby[i]));
  });
});
