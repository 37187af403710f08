import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { fillNamePattern, firstFreeName, parsePostName, withNumber } from '../../../src/core/authoring/naming';
import { matchingName, newPostPath, publishDraft } from '../../../src/core/authoring/moves';
import { siteLayout } from '../../../src/core/site/profile';

const date = { year: 2024, month: 3, day: 5 };
const jekyll = siteLayout('jekyll', { files: ['_config.yml', '_posts/'], configs: { '_config.yml': 'title: x\n' } });
const hexo = siteLayout('hexo', { files: ['_config.yml', 'source/'], configs: { '_config.yml': 'new_post_name: :year-:month-:day-:title.md\ntimezone: Asia/Taipei\n' } });
const hugo = siteLayout('hugo', { files: ['hugo.toml', 'content/'], configs: { 'hugo.toml': 'title = "x"\n' } });

describe('post names', () => {
  test('patterns: Jekyll dates, Hexo i_month/i_day and folders, .md added when missing', () => {
    assert.equal(fillNamePattern(':year-:month-:day-:title.md', { slug: 'hello', date }), '2024-03-05-hello.md');
    assert.equal(fillNamePattern(':year/:i_month/:i_day/:title', { slug: '筆記', date }), '2024/3/5/筆記.md');
    assert.equal(fillNamePattern('/:title.markdown', { slug: 'x', date }), 'x.markdown');
  });

  test('new post and draft paths per generator', () => {
    assert.equal(newPostPath(jekyll, false, 'hello', date), '_posts/2024-03-05-hello.md');
    assert.equal(newPostPath(jekyll, true, 'hello', date), '_drafts/hello.md');
    assert.equal(newPostPath(hexo, false, 'hello', date), 'source/_posts/2024-03-05-hello.md');
    assert.equal(newPostPath(hexo, true, 'hello', date), 'source/_drafts/hello.md');
    assert.equal(newPostPath(hugo, true, 'hello', date), 'content/posts/hello.md', 'Hugo drafts live among the posts');
  });

  test('collisions: the first free numbered name, never the taken one', async () => {
    const taken = new Set(['_posts/2024-03-05-hello.md', '_posts/2024-03-05-hello-2.md']);
    assert.equal(await firstFreeName('_posts/2024-03-05-hello.md', (p) => taken.has(p)), '_posts/2024-03-05-hello-3.md');
    assert.equal(await firstFreeName('_posts/2024-03-05-other.md', (p) => taken.has(p)), '_posts/2024-03-05-other.md');
    assert.equal(withNumber('a/b.c/x.md', 2), 'a/b.c/x-2.md');
    await assert.rejects(firstFreeName('x.md', () => true, 3), /all exist/);
  });

  test('parsePostName reads the date, slug and extension', () => {
    assert.deepEqual(parsePostName('_posts/2021-08-20-ebpf-notes.markdown'), { date: { year: 2021, month: 8, day: 20 }, slug: 'ebpf-notes', ext: '.markdown' });
    assert.deepEqual(parsePostName('_drafts/wasm-notes.md'), { slug: 'wasm-notes', ext: '.md' });
  });
});

describe('publish and rename', () => {
  const now = { year: 2024, month: 11, day: 24, hour: 18, minute: 39, second: 5, offsetMinutes: 480 };
  const draft = '---\nlayout: post\ntitle: "WASM notes"\ntags: [wasm]\n---\n\nBody stays.\n';

  test('a Jekyll draft moves to _posts with today in its name and date:, body untouched', () => {
    const p = publishDraft('_drafts/wasm-notes.md', draft, jekyll, now);
    assert.equal(p.rel, '_posts/2024-11-24-wasm-notes.md');
    assert.equal(p.text, '---\nlayout: post\ntitle: "WASM notes"\ndate: 2024-11-24 18:39:05 +0800\ntags: [wasm]\n---\n\nBody stays.\n');
  });

  test('an old date: is replaced, the extension kept; Hexo uses its new_post_name; Hugo drops draft = true in place', () => {
    const dated = publishDraft('_drafts/x.markdown', '---\ntitle: x\ndate: 2020-01-01\n---\n', jekyll, now);
    assert.equal(dated.rel, '_posts/2024-11-24-x.markdown');
    assert.match(dated.text, /^date: 2024-11-24 18:39:05 \+0800$/m);
    assert.doesNotMatch(dated.text, /2020-01-01/);
    assert.equal(publishDraft('source/_drafts/x.md', '---\ntitle: x\n---\n', hexo, now).rel, 'source/_posts/2024-11-24-x.md');
    const h = publishDraft('content/posts/x.md', '+++\ntitle = "x"\ndraft = true\n+++\nbody\n', hugo, now);
    assert.equal(h.rel, 'content/posts/x.md');
    assert.equal(h.text, '+++\ntitle = "x"\ndate = 2024-11-24T18:39:05+08:00\n+++\nbody\n');
  });

  test('matchingName: the title\'s slug and the date of date:, else the file\'s date, else today', () => {
    const today = { year: 2024, month: 11, day: 24 };
    assert.equal(matchingName('_posts/2021-01-01-old.md', 'post', 'eBPF 筆記', { year: 2021, month: 8, day: 20 }, 'jekyll', 'jekyll', today), '2021-08-20-ebpf-筆記.md');
    assert.equal(matchingName('_posts/2021-01-01-old.md', 'post', 'eBPF 筆記', undefined, 'jekyll', 'ascii', today), '2021-01-01-ebpf.md');
    assert.equal(matchingName('_posts/no-date.md', 'post', undefined, undefined, 'jekyll', 'jekyll', today), '2024-11-24-no-date.md');
    assert.equal(matchingName('_drafts/old.md', 'draft', 'New Title!', undefined, 'jekyll', 'jekyll', today), 'new-title.md');
    assert.equal(matchingName('_posts/2021-01-01-keep.md', 'post', '🚀', undefined, 'jekyll', 'jekyll', today), '2021-01-01-keep.md', 'a title without a slug keeps the current one');
  });
});
