import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { builtInLayout, builtInPost, fillTemplate, type NewPostValues } from '../../../src/core/authoring/template';
import { parseFrontMatter } from '../../../src/core/frontmatter/parse';

const values: NewPostValues = { title: 'Go: context "done"', slug: 'go-context-done', date: '2024-11-24 18:39:00 +0800', tags: ['go', 'concurrency'], category: 'Golang', layout: 'post', draftFlag: false };
const dataOf = (text: string) => parseFrontMatter(text).data;

describe('built-in header', () => {
  test('YAML with layout, quoted title, date, category, tags; cursor on the line after the blank line', () => {
    const r = builtInPost(values, 'yaml');
    assert.equal(r.text, '---\nlayout: post\ntitle: "Go: context \\"done\\""\ndate: 2024-11-24 18:39:00 +0800\ncategory: Golang\ntags: [go, concurrency]\n---\n\n');
    assert.equal(r.cursor, r.text.length);
    assert.equal(dataOf(r.text)?.title, values.title);
  });

  test('keys without a value are left out; Hugo drafts get draft = true in TOML', () => {
    const r = builtInPost({ ...values, tags: [], category: undefined, date: undefined, layout: undefined }, 'yaml');
    assert.equal(r.text, '---\ntitle: "Go: context \\"done\\""\n---\n\n');
    const h = builtInPost({ ...values, layout: undefined, draftFlag: true, date: '2024-11-24T18:39:00+08:00' }, 'toml');
    assert.match(h.text, /^\+\+\+\ntitle = "Go: context \\"done\\""\ndate = 2024-11-24T18:39:00\+08:00\ncategory = "Golang"\ntags = \["go", "concurrency"\]\ndraft = true\n\+\+\+\n\n$/);
  });

  test('layout: only Jekyll has one; the site\'s defaults layout wins over "post"', () => {
    assert.equal(builtInLayout('jekyll', undefined), 'post');
    assert.equal(builtInLayout('jekyll', 'article'), 'article');
    assert.equal(builtInLayout('hexo', 'post'), undefined);
  });
});

describe('site templates', () => {
  test('Hexo scaffold: {{ title }} and {{ date }} filled with valid YAML, empty tags set', () => {
    const r = fillTemplate('---\ntitle: {{ title }}\ndate: {{ date }}\ntags:\n---\n', values);
    assert.deepEqual(dataOf(r.text)?.tags, ['go', 'concurrency']);
    assert.equal(dataOf(r.text)?.title, values.title);
    assert.match(r.text, /^date: 2024-11-24 18:39:00 \+0800$/m);
    assert.match(r.text, /^category: Golang$/m);
    assert.equal(r.cursor, r.text.length, 'empty body: cursor at the end');
    assert.ok(r.text.endsWith('---\n\n'));
  });

  test('Hugo archetype placeholders and a body: the cursor at the body\'s first line', () => {
    const tpl = '+++\ntitle = \'{{ replace .File.ContentBaseName "-" " " | title }}\'\ndate = {{ .Date }}\ndraft = true\n+++\n\n## Intro\n\nWritten by {{ .Site.Author }}.\n';
    const r = fillTemplate(tpl, { ...values, tags: [], category: undefined, date: '2024-11-24T18:39:00+08:00' });
    assert.equal(r.text, '+++\ntitle = "Go: context \\"done\\""\ndate = 2024-11-24T18:39:00+08:00\ndraft = true\n+++\n\n## Intro\n\nWritten by {{ .Site.Author }}.\n');
    assert.equal(r.text.slice(r.cursor, r.cursor + 8), '## Intro');
  });

  test('a template without title gets one; a template with a fixed value keeps it; CRLF read', () => {
    const r = fillTemplate('---\r\nlayout: wide\r\ncomments: true\r\n---\r\nHello {{ title }}!\r\n', { ...values, tags: [], category: undefined });
    assert.equal(dataOf(r.text)?.layout, 'wide');
    assert.equal(dataOf(r.text)?.comments, true);
    assert.equal(dataOf(r.text)?.title, values.title);
    assert.match(r.text, /Hello Go: context "done"!/);
  });

  test('a template without a header is used as is, with the title in the text', () => {
    const r = fillTemplate('# {{ title }}\n', values);
    assert.equal(r.text, '# Go: context "done"\n');
  });
});
