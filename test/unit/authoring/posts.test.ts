import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { groupPosts, readPostEntry, siteUsesDate, tagCounts } from '../../../src/core/authoring/posts';

const post = (rel: string, header: string) => readPostEntry(rel, rel.startsWith('_drafts/') ? 'draft' : 'post', `---\n${header}\n---\nbody\n`, rel.startsWith('_drafts/') ? '_drafts' : '_posts');

const entries = [
  post('_posts/2021-03-14-go-context.md', 'title: "Go context"\ncategory: Golang\ntags: [go, concurrency]'),
  post('_posts/2021-08-20-ebpf.md', 'title: "[TIL] eBPF 筆記"\ncategory:\n- TodayILearn\ntags: ["ebpf", "CloudNative"]'),
  post('_posts/2021-08-02-k8s.md', 'title: k8s\ntags: [cloud-native]'),
  post('_posts/2022-01-16-liquid.md', 'title: Liquid\ndate: 2022-01-17 01:30:00 +0800\ntags: jekyll liquid'),
  post('_posts/notes/2023-02-18-sqlite.md', 'tags: [sqlite]'),
  post('_posts/undated.md', 'title: Undated'),
  post('_drafts/wasm.md', 'title: WASM\ntags: [wasm]'),
];

describe('post entries', () => {
  test('title, date from date: (as written) or the file name, tags and categories as Jekyll reads them', () => {
    const [go, ebpf, , liquid, sqlite, undated, wasm] = entries;
    assert.deepEqual([go.title, go.date, go.categories, go.tags], ['Go context', { year: 2021, month: 3, day: 14 }, ['Golang'], ['go', 'concurrency']]);
    assert.deepEqual(ebpf.categories, ['TodayILearn']);
    assert.deepEqual([liquid.date, liquid.hasDateKey, liquid.tags], [{ year: 2022, month: 1, day: 17 }, true, ['jekyll', 'liquid']]);
    assert.equal(sqlite.title, 'sqlite', 'no title: guessed from the file name');
    assert.equal(sqlite.postUrlName, 'notes/2023-02-18-sqlite');
    assert.equal(go.postUrlName, '2021-03-14-go-context');
    assert.equal(undated.date, undefined);
    assert.deepEqual([wasm.kind, wasm.postUrlName], ['draft', undefined]);
  });

  test('Hugo: draft = true makes a post a draft; TOML dates read', () => {
    const h = readPostEntry('content/posts/x.md', 'post', '+++\ntitle = "X"\ndate = 2024-02-01T10:00:00+08:00\ndraft = true\n+++\n', 'content/posts', true);
    assert.deepEqual([h.kind, h.title, h.date], ['draft', 'X', { year: 2024, month: 2, day: 1 }]);
  });

  test('siteUsesDate: when at least a quarter of the posts write date:', () => {
    assert.equal(siteUsesDate(entries), false);
    assert.equal(siteUsesDate(entries.slice(2, 4)), true);
    assert.equal(siteUsesDate([]), false);
  });
});

describe('grouping and filtering', () => {
  test('years and months newest first, undated and drafts apart', () => {
    const g = groupPosts(entries);
    assert.deepEqual(g.years.map((y) => [y.year, y.count, y.months.map((m) => [m.month, m.posts.map((p) => p.title)])]), [
      [2023, 1, [[2, ['sqlite']]]],
      [2022, 1, [[1, ['Liquid']]]],
      [2021, 3, [[8, ['[TIL] eBPF 筆記', 'k8s']], [3, ['Go context']]]],
    ]);
    assert.deepEqual(g.undated.map((p) => p.title), ['Undated']);
    assert.deepEqual(g.drafts.map((p) => p.title), ['WASM']);
  });

  test('a tag filter matches every spelling of the tag; a category filter only categories', () => {
    const cloud = groupPosts(entries, { kind: 'tags', value: 'cloudnative' });
    assert.deepEqual(cloud.years.flatMap((y) => y.months.flatMap((m) => m.posts.map((p) => p.title))), ['[TIL] eBPF 筆記', 'k8s']);
    assert.deepEqual(cloud.drafts, []);
    assert.equal(groupPosts(entries, { kind: 'categories', value: 'go' }).years.length, 0);
    assert.equal(groupPosts(entries, { kind: 'categories', value: 'Golang' }).years.length, 1);
  });

  test('tag counts merge spellings under the most used one', () => {
    const counts = tagCounts(entries, 'tags');
    const cloud = counts.filter((c) => c.value === 'CloudNative' || c.value === 'cloud-native');
    assert.deepEqual(cloud.map((c) => c.count), [2], 'one entry for both spellings');
    assert.deepEqual(tagCounts(entries, 'categories'), [{ value: 'Golang', count: 1 }, { value: 'TodayILearn', count: 1 }]);
  });
});
