import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { MAX_SLUG_LENGTH, slugify, slugOrFallback, truncateSlug, unslugify, hasNonLatinLetters, slugChoices, transliterate } from '../../../src/core/authoring/slug';

describe('slugify, jekyll style (Jekyll::Utils.slugify, mode "default")', () => {
  test('keeps CJK and Hangul letters, lower-cases Latin, joins words with one dash', () => {
    assert.equal(slugify('eBPF 筆記'), 'ebpf-筆記');
    assert.equal(slugify('[TIL] OpenTelemetry Collector 初探'), 'til-opentelemetry-collector-初探');
    assert.equal(slugify('日本語のタイトル'), '日本語のタイトル');
    assert.equal(slugify('한국어 제목'), '한국어-제목');
    assert.equal(slugify('在 Jekyll 文章裡貼 Liquid / Helm 程式碼'), '在-jekyll-文章裡貼-liquid-helm-程式碼');
  });

  test('drops punctuation and emoji, trims dashes at both ends, keeps accents', () => {
    assert.equal(slugify('Hello, World!'), 'hello-world');
    assert.equal(slugify('C++ & Go: 2x faster?'), 'c-go-2x-faster');
    assert.equal(slugify('🚀 Launch day 🚀'), 'launch-day');
    assert.equal(slugify('  --weird--  '), 'weird');
    assert.equal(slugify('Café résumé'), 'café-résumé');
    assert.equal(slugify('Go 1.22: “range over int”'), 'go-1-22-range-over-int');
  });

  test('a title of emoji or punctuation only gives an empty slug, and slugOrFallback names it', () => {
    assert.equal(slugify('🚀🔥'), '');
    assert.equal(slugify('?!'), '');
    assert.equal(slugOrFallback('🚀🔥', 'jekyll'), 'post');
    assert.equal(slugOrFallback('🚀🔥', 'jekyll', 'untitled'), 'untitled');
  });

  test('decomposed input is composed first, so the same title gives the same slug', () => {
    assert.equal(slugify('Cafe\u0301'), slugify('Café'));
  });
});

describe('slugify, ascii style (Jekyll "latin" mode)', () => {
  test('transliterates accents and special Latin letters, drops other scripts', () => {
    assert.equal(slugify('Café résumé', 'ascii'), 'cafe-resume');
    assert.equal(slugify('Straße Œuvre Ærø', 'ascii'), 'strasse-oeuvre-aero');
    assert.equal(slugify('eBPF 筆記', 'ascii'), 'ebpf');
    assert.equal(slugify('日本語のタイトル', 'ascii'), '');
    assert.equal(slugOrFallback('日本語のタイトル', 'ascii'), 'post');
  });
});

describe('slug length', () => {
  test('long titles are cut at a dash near the limit, never mid-way into a trailing dash', () => {
    const long = slugify('the quick brown fox jumps over the lazy dog and then keeps running far away from here');
    assert.ok([...long].length <= MAX_SLUG_LENGTH, long);
    assert.ok(!long.endsWith('-'));
    assert.ok('the-quick-brown-fox-jumps-over-the-lazy-dog-and-then-keeps-running'.startsWith(long), long);
    assert.equal(truncateSlug('abcdefghij', 4), 'abcd');
    assert.equal(truncateSlug('ab-cdefghij', 6), 'ab-cde', 'a dash in the first half is not a good cut');
    assert.equal([...truncateSlug('筆'.repeat(80))].length, MAX_SLUG_LENGTH, 'counts characters, not UTF-16 units');
  });

  test('unslugify guesses a title from a file slug', () => {
    assert.equal(unslugify('ebpf-summit_day2-notes'), 'ebpf summit day2 notes');
  });
});

describe('slug choices for a title that is not in Latin letters', () => {
  const at = { year: 2026, month: 3, day: 5, hour: 9, minute: 7 };
  test('a Latin title gets only the configured slug (no question asked)', () => {
    assert.deepEqual(slugChoices('Café au lait: notes', 'jekyll', at), [{ kind: 'title', slug: 'café-au-lait-notes' }]);
    assert.deepEqual(slugChoices('Café au lait', 'ascii', at), [{ kind: 'title', slug: 'cafe-au-lait' }]);
  });
  test('Chinese: today\'s slug first, then the Latin words, then the date', () => {
    assert.deepEqual(slugChoices('eBPF 筆記：maps 與 CO-RE', 'jekyll', at), [
      { kind: 'title', slug: 'ebpf-筆記-maps-與-co-re' },
      { kind: 'ascii', slug: 'ebpf-maps-co-re' },
      { kind: 'date', slug: 'post-20260305-0907' },
    ]);
    // Nothing Latin in it: no ASCII slug, the date one instead.
    assert.deepEqual(slugChoices('可觀測性筆記', 'jekyll', at).map((c) => c.kind), ['title', 'date']);
    // The ASCII style's own slug is empty for it: "post" is today's behaviour.
    assert.deepEqual(slugChoices('可觀測性筆記', 'ascii', at).map((c) => c.slug), ['post', 'post-20260305-0907']);
  });
  test('Cyrillic and Greek are romanized', () => {
    assert.deepEqual(slugChoices('Привет, мир: Щука и Ёж', 'jekyll', at).map((c) => c.slug), ['привет-мир-щука-и-ёж', 'privet-mir-shchuka-i-yozh', 'post-20260305-0907']);
    assert.equal(slugChoices('Γεια σου κόσμε', 'jekyll', at)[1].slug, 'geia-soy-kosme');
    assert.equal(transliterate('Щука й ёж'), 'shchuka y yozh');
  });
  test('hasNonLatinLetters: digits, punctuation and accented Latin do not count', () => {
    assert.equal(hasNonLatinLetters('Ünïcödé 2024 — ok!'), false);
    assert.equal(hasNonLatinLetters('한국어'), true);
    assert.equal(hasNonLatinLetters('日本語 and English'), true);
  });
});
