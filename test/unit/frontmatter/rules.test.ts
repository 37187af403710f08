import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument, type CheckInput } from '../../../src/core/frontmatter/check';
import { RULES } from '../../../src/core/frontmatter/rules';
import type { Problem } from '../../../src/core/frontmatter/types';
import type { SiteIndex } from '../../../src/core/site/siteIndex';
import { applyEdits } from '../../../src/core/text/textEdit';
import { applyFirstFix, memorySite, rules } from './helpers';

const NOW = new Date('2025-06-01T00:00:00Z');
const POST = '_posts/2021-08-19-notes.md';
const fm = (body: string, after = '\nText.\n') => `---\n${body}---\n${after}`;

async function check(text: string, opts: { path?: string; files?: Record<string, string>; site?: SiteIndex | null; settings?: CheckInput['settings'] } = {}): Promise<Problem[]> {
  const site = opts.site === null ? undefined : opts.site ?? (await memorySite(opts.files ?? {}));
  return checkDocument({ path: opts.path ?? POST, text, site, now: NOW, settings: opts.settings, throwInternalErrors: true });
}
const GOOD = 'layout: post\ntitle: Notes\n';
const only = (ps: Problem[], rule: string) => ps.filter((p) => p.rule === rule);
const slice = (text: string, p: Problem) => {
  const lines = text.split('\n');
  assert.equal(p.range.start.line, p.range.end.line);
  return lines[p.range.start.line].slice(p.range.start.character, p.range.end.character);
};

describe('rule table', () => {
  test('has the 24 rules with their default severities', () => {
    assert.equal(RULES.length, 24);
    const sev = Object.fromEntries(RULES.map((r) => [r.id, r.severity]));
    assert.deepEqual(sev, {
      'yaml-syntax': 'error', 'duplicate-key': 'warning', 'front-matter-unclosed': 'error', 'front-matter-missing': 'error', 'post-filename': 'error',
      'required-key': 'error', 'empty-value': 'warning', 'type-mismatch': 'error', 'tag-whitespace': 'warning', 'duplicate-tag': 'warning',
      'tag-case-variant': 'info', 'unknown-layout': 'error', 'invalid-date': 'error', 'date-mismatch': 'warning', 'future-date': 'info',
      'unknown-key': 'warning', 'missing-image': 'warning', 'seo-length': 'info', 'title-from-filename': 'info',
      'broken-link': 'warning', 'unpublished-link': 'warning', 'broken-fragment': 'warning', 'external-link': 'warning', 'image-alt-default': 'info',
    });
  });

  test('a clean post has no problem', async () => {
    assert.deepEqual(await check(fm(GOOD + 'date: 2021-08-19 10:00:00 +0800\ntags: [a, b]\ndescription: Fine.\n')), []);
  });

  test('severities can be changed or turned off per rule', async () => {
    const text = fm(GOOD + 'description: ""\n');
    assert.equal((await check(text, { settings: { severities: { 'empty-value': 'error' } } }))[0].severity, 'error');
    assert.deepEqual(await check(text, { settings: { severities: { 'empty-value': 'off' } } }), []);
  });
});

describe('yaml-syntax', () => {
  test('reports at the parser position, in plain words', async () => {
    const text = fm(GOOD + 'description: Foo: bar\n');
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['yaml-syntax']);
    assert.equal(ps[0].range.start.line, 3);
    assert.match(ps[0].message, /`description` contains ": "; put the whole value in quotes/);
  });
  test('unclosed quote, tab indentation', async () => {
    assert.match((await check(fm(GOOD + 'description: "abc\n')))[0].message, /closing quote/);
    const tab = await check(fm(GOOD + 'tags:\n\t- a\n'));
    assert.equal(tab[0].rule, 'yaml-syntax');
    assert.match(tab[0].message, /tab/i);
    assert.deepEqual(tab[0].range.start, { line: 4, character: 0 });
  });
  test('negative: quoted colon is fine', async () => {
    assert.deepEqual(await check(fm(GOOD + 'description: "Foo: bar"\n')), []);
  });
});

describe('duplicate-key', () => {
  test('layout twice is a warning with a safe fix that removes the ignored one', async () => {
    const text = fm('layout: post\nlayout: post\ntitle: Notes\n');
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['duplicate-key']);
    assert.equal(ps[0].severity, 'warning');
    assert.deepEqual(ps[0].range, { start: { line: 1, character: 0 }, end: { line: 1, character: 6 } });
    assert.equal(ps[0].fixes[0].safe, true);
    assert.equal(applyFirstFix(text, ps, 'duplicate-key'), fm('layout: post\ntitle: Notes\n'));
  });
  test('different values: names the value Jekyll keeps; a block-list duplicate is removed whole', async () => {
    const text = fm(GOOD + 'tags:\n  - a\n  - b\ntags: [c]\n');
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['duplicate-key']);
    assert.match(ps[0].message, /keeps \["c"\]/);
    assert.equal(applyFirstFix(text, ps, 'duplicate-key'), fm(GOOD + 'tags: [c]\n'));
  });
  test('negative: distinct keys', async () => {
    assert.deepEqual(rules(await check(fm(GOOD + 'tag: a\ntags: [b]\n'))), []);
  });
});

describe('front-matter-unclosed', () => {
  test('opening --- with no closing line', async () => {
    const text = '---\nlayout: post\ntitle: Notes\n\nBody.\n';
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['front-matter-unclosed']);
    assert.deepEqual(ps[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
    assert.equal(applyFirstFix(text, ps, 'front-matter-unclosed'), '---\nlayout: post\ntitle: Notes\n---\n\nBody.\n');
  });
  test('negative: `...` also closes YAML front matter', async () => {
    assert.deepEqual(await check('---\nlayout: post\ntitle: Notes\n...\nBody\n'), []);
  });
});

describe('front-matter-missing', () => {
  test('a post without front matter, with a fix that adds one', async () => {
    const text = '# Hello\n\nBody.\n';
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['front-matter-missing']);
    assert.equal(applyFirstFix(text, ps, 'front-matter-missing'), '---\nlayout: post\ntitle: "Notes"\n---\n# Hello\n\nBody.\n');
  });
  test('negative: a page without front matter is a static file, and outside a site nothing is required', async () => {
    assert.deepEqual(await check('# Readme\n', { path: 'README.md' }), []);
    assert.deepEqual(await check('# Hello\n', { site: null }), []);
  });
});

describe('post-filename', () => {
  test('a post not named YYYY-MM-DD-slug.ext, with the target name from date:', async () => {
    const ps = await check(fm(GOOD + 'date: 2021-08-19\n'), { path: '_posts/My Notes.md' });
    assert.deepEqual(rules(ps), ['post-filename']);
    assert.equal(ps[0].fixes[0].renameTo, '2021-08-19-my-notes.md');
    assert.deepEqual(ps[0].fixes[0].edits, []);
  });
  test('an impossible date in the name', async () => {
    assert.deepEqual(rules(await check(fm(GOOD), { path: '_posts/2021-02-30-x.md' })), ['post-filename']);
  });
  test('negative: Jekyll accepts single-digit months; drafts and pages need no date', async () => {
    assert.deepEqual(await check(fm(GOOD), { path: '_posts/2021-8-9-x.md' }), []);
    assert.deepEqual(await check(fm(GOOD), { path: '_drafts/notes.md' }), []);
    assert.deepEqual(await check(fm(GOOD), { path: 'about.md' }), []);
  });
});

describe('required-key', () => {
  test('title and layout missing in a post; fixes add them before the closing line', async () => {
    const text = fm('description: x\n');
    // A site that configures its own build (`markdown:`): no GitHub Pages defaults, so no default layout.
    const ps = await check(text, { files: { '_config.yml': 'title: t\nmarkdown: kramdown\n' } });
    // Jekyll titles the post from its file name: an info that says so, not an error.
    assert.deepEqual(ps.map((p) => `${p.rule}:${p.severity}`), ['required-key:error', 'title-from-filename:info']);
    assert.deepEqual(ps[0].range, { start: { line: 0, character: 0 }, end: { line: 0, character: 3 } });
    const t = ps.find((p) => p.rule === 'title-from-filename')!;
    assert.match(t.message, /Jekyll titles this post "Notes" from its file name/);
    assert.equal(applyEdits(text, t.fixes[0].edits), fm('description: x\ntitle: "Notes"\n'));
    const l = ps.find((p) => p.message.includes('`layout`'))!;
    assert.equal(applyEdits(text, l.fixes[0].edits), fm('description: x\nlayout: post\n'));
  });
  test('negative: on a GitHub Pages site jekyll-default-layout gives the post its layout', async () => {
    // `title: t` only, no Gemfile: GitHub Pages builds it, with jekyll-default-layout.
    assert.deepEqual(rules(await check(fm('title: Notes\n'))), []);
    assert.deepEqual(rules(await check(fm('title: Notes\n'), { files: { '_config.yml': 'markdown: kramdown\nplugins: [jekyll-default-layout]\n' } })), []);
  });
  test('negative: a layout from _config.yml defaults is not missing', async () => {
    const files = { '_config.yml': 'defaults:\n  - scope:\n      path: ""\n      type: posts\n    values:\n      layout: post\n' };
    assert.deepEqual(await check(fm('title: Notes\n'), { files }), []);
    const scoped = { '_config.yml': 'defaults:\n  - scope:\n      path: "_posts"\n    values:\n      layout: post\n' };
    assert.deepEqual(await check(fm('title: Notes\n'), { files: scoped }), []);
  });
  test('negative: pages need no title', async () => {
    assert.deepEqual(await check(fm('layout: page\n'), { path: 'about.md' }), []);
  });
});

describe('empty-value', () => {
  test('empty string and bare key', async () => {
    const text = fm(GOOD + 'description: ""\nimage:\n');
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['empty-value', 'empty-value']);
    assert.equal(slice(text, ps[0]), '""');
    assert.equal(slice(text, ps[1]), 'image');
  });
  test('fill description into a bare key keeps comments', async () => {
    const text = fm(GOOD + 'description: # todo\n', '\n# Head\n\nFirst *words* of [the post](x.html).\n');
    const ps = await check(text);
    assert.equal(applyFirstFix(text, ps, 'empty-value'), fm(GOOD + 'description: "First words of the post." # todo\n', '\n# Head\n\nFirst *words* of [the post](x.html).\n'));
  });
  test('fill keeps single quotes and cuts at 160 characters', async () => {
    const long = 'word '.repeat(60).trim() + '.';
    const text = fm(GOOD + "description: ''\n", `\n${long}\n`);
    const out = applyFirstFix(text, await check(text), 'empty-value');
    const value = /description: '(.*)'/.exec(out)![1];
    assert.ok(Array.from(value).length <= 160, value);
    assert.ok(value.endsWith('…'));
  });
  test('negative: empty lists, explicit null layout and keys outside the schema are fine', async () => {
    assert.deepEqual(await check(fm(GOOD + 'tags: []\ncategories:\ncomments:\n')), []);
    assert.deepEqual(await check(fm('layout: null\ntitle: Notes\n')), []);
  });
});

describe('type-mismatch', () => {
  test('published: "false" is a string (true!); the safe fix makes it a boolean', async () => {
    const text = fm(GOOD + 'published: "false"\n');
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['type-mismatch']);
    assert.match(ps[0].message, /counts as true/);
    assert.equal(ps[0].fixes[0].safe, true);
    assert.equal(applyFirstFix(text, ps, 'type-mismatch'), fm(GOOD + 'published: false\n'));
  });
  test('title a list, tags a mapping, front matter a list or a scalar', async () => {
    assert.deepEqual(rules(await check(fm('layout: post\ntitle: [a, b]\n'))), ['type-mismatch']);
    assert.deepEqual(rules(await check(fm(GOOD + 'tags:\n  a: 1\n'))), ['type-mismatch']);
    const list = await check(fm('- a\n- b\n'));
    assert.deepEqual(rules(list), ['type-mismatch']);
    assert.match(list[0].message, /is a list/);
    assert.match((await check(fm('just words\n')))[0].message, /single value/);
  });
  test('negative: YAML 1.1 booleans (no/yes) are booleans, as in Jekyll', async () => {
    assert.deepEqual(await check(fm(GOOD + 'published: no\nsitemap: yes\n')), []);
  });
  test('user schema: enum and pattern', async () => {
    const schema = { keys: { series: { type: 'string' as const, enum: ['ebpf', 'k8s'] }, slug: { pattern: '^[a-z-]+$' } } };
    const ps = await check(fm(GOOD + 'series: go\nslug: Bad_Slug\n'), { settings: { schema } });
    assert.deepEqual(rules(ps), ['type-mismatch', 'type-mismatch']);
    assert.match(ps[0].message, /`ebpf`, `k8s`/);
  });
});

describe('tag-whitespace', () => {
  test('in a flow list, a block list, single quotes; the fix trims only the spaces', async () => {
    const text = fm(GOOD + "tags: ['a ', b]\ncategories:\n  - \" c \"\n");
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['tag-whitespace', 'tag-whitespace']);
    assert.equal(slice(text, ps[0]), "'a '");
    assert.match(ps[1].message, /leading and trailing/);
    assert.equal(applyEdits(text, [...ps[0].fixes[0].edits, ...ps[1].fixes[0].edits]), fm(GOOD + "tags: ['a', b]\ncategories:\n  - \"c\"\n"));
  });
  test('negative: a space-separated string, plain list items', async () => {
    assert.deepEqual(await check(fm(GOOD + 'tags: ebpf  tracing\ncategories: [ a ,  b ]\n')), []);
  });
});

describe('duplicate-tag', () => {
  test('case- and space-insensitive; the fix removes the later one with its comma', async () => {
    const text = fm(GOOD + 'tags: [ebpf, Tracing, EBPF]\n');
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['duplicate-tag']);
    assert.equal(slice(text, ps[0]), 'EBPF');
    assert.equal(applyFirstFix(text, ps, 'duplicate-tag'), fm(GOOD + 'tags: [ebpf, Tracing]\n'));
  });
  test('in a block list and in a space-separated string', async () => {
    const block = fm(GOOD + 'tags:\n- a\n- b\n- a\n');
    assert.equal(applyFirstFix(block, await check(block), 'duplicate-tag'), fm(GOOD + 'tags:\n- a\n- b\n'));
    const words = fm(GOOD + 'tags: a b a\n');
    assert.equal(applyFirstFix(words, await check(words), 'duplicate-tag'), fm(GOOD + 'tags: a b\n'));
  });
  test('negative: different tags', async () => {
    assert.deepEqual(await check(fm(GOOD + 'tags: [cloud-native, cloud]\n')), []);
  });
});

describe('tag-case-variant', () => {
  test('a spelling used less than the blog\'s dominant one; the fix uses the dominant spelling', async () => {
    const files: Record<string, string> = {};
    for (let i = 1; i <= 3; i++) files[`_posts/2021-01-0${i}-p${i}.md`] = fm(GOOD + 'tags: [CloudNative]\n');
    files['_posts/2021-01-05-q.md'] = fm(GOOD + 'tags: [cloud-native]\n');
    const site = await memorySite(files);
    const text = files['_posts/2021-01-05-q.md'];
    const ps = await check(text, { path: '_posts/2021-01-05-q.md', site });
    assert.deepEqual(rules(ps), ['tag-case-variant']);
    assert.equal(ps[0].severity, 'info');
    assert.match(ps[0].message, /"CloudNative" in 3 other posts/);
    assert.equal(applyFirstFix(text, ps, 'tag-case-variant'), fm(GOOD + 'tags: [CloudNative]\n'));
    // The dominant spelling itself is not flagged.
    assert.deepEqual(await check(files['_posts/2021-01-01-p1.md'], { path: '_posts/2021-01-01-p1.md', site }), []);
  });
  test('negative: a tie is no convention; outside a site nothing to compare', async () => {
    const files = { '_posts/2021-01-01-a.md': fm(GOOD + 'tags: [CloudNative]\n'), '_posts/2021-01-02-b.md': fm(GOOD + 'tags: [cloudnative]\n') };
    const site = await memorySite(files);
    assert.deepEqual(await check(files['_posts/2021-01-02-b.md'], { path: '_posts/2021-01-02-b.md', site }), []);
  });
});

describe('unknown-layout', () => {
  test('a layout not in _layouts/, with the near one as fix', async () => {
    const text = fm('layout: psot\ntitle: Notes\n');
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['unknown-layout']);
    assert.equal(applyFirstFix(text, ps, 'unknown-layout'), fm(GOOD));
  });
  test('negative: a theme supplies layouts; `none`; no _layouts/ at all', async () => {
    assert.deepEqual(await check(fm('layout: wide\ntitle: Notes\n'), { files: { '_config.yml': 'theme: minima\n' } }), []);
    assert.deepEqual(await check(fm('layout: none\ntitle: Notes\n')), []);
    const bare = await memorySite({}, { noLayouts: true });
    assert.deepEqual(await check(fm('layout: wide\ntitle: Notes\n'), { site: bare }), []);
  });
});

describe('invalid-date', () => {
  test('impossible dates and words', async () => {
    for (const d of ['2021-13-01', '2021-02-30 10:00:00', 'yesterday', '"2021-08-19 25:00"']) {
      const ps = await check(fm(GOOD + `date: ${d}\n`));
      assert.deepEqual(rules(ps), ['invalid-date'], d);
    }
  });
  test('negative: forms Jekyll reads', async () => {
    for (const d of ['2021-08-19', '2021-08-19 10:00:00 +0800', '2021-08-19T10:00:00Z', '"2021-08-19 10:00 +08:00"', '2021-08-19 10:00:00.5 -0300', 'Aug 19 2021']) {
      assert.deepEqual(await check(fm(GOOD + `date: ${d}\n`)), [], d);
    }
  });
});

describe('date-mismatch', () => {
  test('compares the calendar date as written, in its own time zone', async () => {
    const text = fm(GOOD + 'date: 2021-08-20 01:00:00 +0800\n');
    const ps = await check(text);
    assert.deepEqual(rules(ps), ['date-mismatch']);
    assert.equal(slice(text, ps[0]), '2021-08-20');
    assert.equal(applyFirstFix(text, ps, 'date-mismatch'), fm(GOOD + 'date: 2021-08-19 01:00:00 +0800\n'));
    assert.equal(ps[0].fixes[1].renameTo, '2021-08-20-notes.md');
  });
  test('negative: 2021-08-19 23:30 -0700 is the 20th in UTC but the 19th as written', async () => {
    assert.deepEqual(await check(fm(GOOD + 'date: 2021-08-19 23:30:00 -0700\n')), []);
    assert.deepEqual(await check(fm(GOOD + 'date: "2021-08-19"\n')), []);
  });
});

describe('future-date', () => {
  test('dated after "now" with future: false', async () => {
    const ps = await check(fm(GOOD + 'date: 2025-06-02 08:00:00 +0800\n'), { path: '_posts/2025-06-02-x.md' });
    assert.deepEqual(rules(ps), ['future-date']);
    assert.equal(ps[0].severity, 'info');
  });
  test('no offset: read in the site time zone', async () => {
    // 2025-06-01 07:00 in Taipei is 2025-05-31 23:00 UTC, before NOW (2025-06-01 00:00 UTC).
    const files = { '_config.yml': 'timezone: Asia/Taipei\n' };
    assert.deepEqual(await check(fm(GOOD + 'date: 2025-06-01 07:00:00\n'), { path: '_posts/2025-06-01-x.md', files }), []);
    assert.deepEqual(rules(await check(fm(GOOD + 'date: 2025-06-01 07:00:00\n'), { path: '_posts/2025-06-01-x.md' })), ['future-date']);
  });
  test('negative: future: true publishes future posts', async () => {
    assert.deepEqual(await check(fm(GOOD + 'date: 2030-01-01\n'), { path: '_posts/2030-01-01-x.md', files: { '_config.yml': 'future: true\n' } }), []);
  });
});

describe('unknown-key', () => {
  test('near-misses of known keys, with a rename fix', async () => {
    for (const [typo, key] of [['descripton', 'description'], ['catagories', 'categories'], ['layuot', 'layout'], ['Title', 'title'], ['tgas', 'tags']]) {
      const text = fm(typo === 'layuot' ? 'title: Notes\nlayout: post\nlayuot: post\n' : typo === 'Title' ? 'layout: post\nTitle: x\n' : GOOD + `${typo}: x\n`);
      const ps = only(await check(text), 'unknown-key');
      assert.equal(ps.length, 1, typo);
      assert.match(ps[0].message, new RegExp(`did you mean \`${key}\``));
      if (typo === 'layuot') assert.match(ps[0].message, /is set too/);
      else assert.equal(applyEdits(text, ps[0].fixes[0].edits), text.replace(`${typo}:`, `${key}:`));
    }
  });
  test('negative: keys imports and themes leave behind', async () => {
    const extra = ['slug: x', 'wordpress_id: 12', 'author: me', 'comments: true', 'mathjax: true', 'header-img: a.png', 'subtitle: s', 'toc: true', 'images: [a]', 'updated: 2021-01-01', 'keywords: a', 'share: true', 'tagline: t'];
    assert.deepEqual(await check(fm(GOOD + extra.join('\n') + '\n')), []);
  });
});

describe('missing-image', () => {
  test('relative (against the published URL), site-root and {{ site.baseurl }} links', async () => {
    const text = fm(GOOD, '\n![a](../img/a.png)\n![b](/img/b.png)\n![c]({{ site.baseurl }}/img/c.png)\n<img src="/img/d.png">\n![e][ref]\n\n[ref]: /img/e.png\n');
    const ps = only(await check(text, { files: { '_config.yml': 'permalink: /:title/\n' } }), 'missing-image');
    assert.deepEqual(ps.map((p) => slice(text, p)), ['../img/a.png', '/img/b.png', '{{ site.baseurl }}/img/c.png', '/img/d.png', '/img/e.png']);
    assert.match(ps[0].message, /looked for img\/a\.png and img\/a\.png|looked for img\/a\.png\)/);
    const files = { '_config.yml': 'permalink: /:title/\n', 'img/a.png': '', 'img/b.png': '', 'img/c.png': '', 'img/d.png': '', 'img/e.png': '' };
    assert.deepEqual(only(await check(text, { files }), 'missing-image'), []);
  });
  test('negative: external, data, anchors, code blocks', async () => {
    const text = fm(GOOD, '\n![x](https://e.com/a.png)\n![y](data:image/png;base64,AAA)\n`![z](nope.png)`\n\n```\n![w](nope.png)\n```\n');
    assert.deepEqual(await check(text), []);
  });
});

describe('seo-length', () => {
  test('title over 70, description over 160 characters (code points)', async () => {
    const ps = await check(fm(`layout: post\ntitle: ${'t'.repeat(71)}\ndescription: ${'觀'.repeat(161)}\n`));
    assert.deepEqual(rules(ps), ['seo-length', 'seo-length']);
  });
  test('negative: exactly at the limits', async () => {
    assert.deepEqual(await check(fm(`layout: post\ntitle: ${'t'.repeat(70)}\ndescription: ${'😀'.repeat(160)}\n`)), []);
  });
});

describe('outside a site', () => {
  test('only generic checks run', async () => {
    const text = fm('layout: nothere\ndescription: ""\n', '\n![a](missing.png)\n');
    assert.deepEqual(rules(await check(text, { site: null })), ['empty-value']);
  });
});
