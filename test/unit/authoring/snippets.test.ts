import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { authoringContext, headerForSite, parseSnippetFile, snippetText } from '../../../src/core/authoring/snippets';
import { repoRoot } from '../repoRoot';

const snippets = parseSnippetFile(fs.readFileSync(path.join(repoRoot, 'snippets/markdown.code-snippets'), 'utf8'));
const byPrefix = (p: string) => snippets.find((s) => s.prefixes.includes(p));

describe('the contributed snippets file', () => {
  test('holds the headers (marked isFileTemplate) and every block the issue asks for', () => {
    assert.deepEqual(snippets.filter((s) => s.kind === 'header').map((s) => s.prefixes[0]).sort(), ['post', 'til']);
    for (const p of ['youtube', 'image', 'highlight', 'raw', 'references', 'post_url', 'note']) assert.equal(byPrefix(p)?.kind, 'block', p);
  });

  test('headers: Jekyll-Bootstrap keys with tab stops; TIL in category TodayILearn', () => {
    const post = byPrefix('post')!.body;
    for (const key of ['layout', 'title', 'description', 'category', 'tags', 'date']) assert.match(post, new RegExp(`^${key}:`, 'm'), key);
    assert.match(post, /\$\{2:Title\}/);
    assert.match(post, /^---\n[\s\S]*\n---\n\n\$0$/);
    assert.match(byPrefix('til')!.body, /^- TodayILearn$/m);
  });

  test('blocks: YouTube takes the id, highlight and raw close their tags, the image has a kramdown caption', () => {
    assert.match(byPrefix('youtube')!.body, /youtube\.com\/embed\/\$\{1:VIDEO_ID\}/);
    assert.match(byPrefix('highlight')!.body, /^\{% highlight \$\{1:go\} %\}\n[\s\S]*\n\{% endhighlight %\}$/);
    assert.match(byPrefix('raw')!.body, /^\{% raw %\}\n[\s\S]*\n\{% endraw %\}$/);
    assert.match(byPrefix('image')!.body, /^\*\$\{3:Caption\}\*\n\{: \.caption\}$/m);
    assert.match(byPrefix('post_url')!.body, /\{% post_url \$\{2:[^}]*\} %\}/);
  });

  test('a broken file is an error, entries without a body are skipped', () => {
    assert.throws(() => parseSnippetFile('[]'));
    assert.deepEqual(parseSnippetFile('{"a": {"prefix": "a"}, "b": {"body": "x"}}').map((s) => [s.name, s.prefixes, s.kind]), [['b', ['b'], 'block']]);
  });
});

describe('header for a site', () => {
  const body = byPrefix('post')!.body;
  test('the date line carries the site\'s date, or goes when the site does not write date:', () => {
    assert.match(headerForSite(body, '2024-11-24 18:39:00 +0800'), /^date: 2024-11-24 18:39:00 \+0800$/m);
    assert.doesNotMatch(headerForSite(body, undefined), /^date/m);
    assert.equal(headerForSite(body, undefined).split('\n').length, body.split('\n').length - 1);
    assert.equal(snippetText('a$b}c\\'), 'a\\$b\\}c\\\\');
  });
});

describe('where completion applies', () => {
  test('header snippets on the first line of a header-less document only', () => {
    assert.deepEqual(authoringContext('', 0, false, false), { where: 'header', replaceStart: 0, typed: '' });
    assert.deepEqual(authoringContext('po', 0, false, false), { where: 'header', replaceStart: 0, typed: 'po' });
    assert.deepEqual(authoringContext('/', 0, false, false), { where: 'header', replaceStart: 0, typed: '/' });
    assert.equal(authoringContext('po', 0, true, false), undefined);
    assert.equal(authoringContext('Some prose', 0, false, false), undefined);
  });

  test('blocks after / at the start of a line (indent allowed), not after / inside text or in the header', () => {
    assert.deepEqual(authoringContext('/', 5, true, false), { where: 'block', replaceStart: 0, typed: '/' });
    assert.deepEqual(authoringContext('  /you', 5, true, false), { where: 'block', replaceStart: 2, typed: '/you' });
    assert.equal(authoringContext('see a/b', 5, true, false), undefined);
    assert.equal(authoringContext('/', 2, true, true), undefined);
  });

  test('post_url and include names, with what is typed so far', () => {
    assert.deepEqual(authoringContext('See [x]({% post_url ', 7, true, false), { where: 'post_url', replaceStart: 20, typed: '' });
    assert.deepEqual(authoringContext('{%- post_url 2021-0', 7, true, false), { where: 'post_url', replaceStart: 13, typed: '2021-0' });
    assert.deepEqual(authoringContext('{% include you', 7, true, false), { where: 'include', replaceStart: 11, typed: 'you' });
    assert.equal(authoringContext('{% include x.html %} ', 7, true, false), undefined);
  });
});
