import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { completionContext, valueSuggestions } from '../../../src/core/frontmatter/completion';
import { memorySite } from './helpers';

const TEXT = '---\nlayout: po\nti\ntags: [ebpf, Clo]\ncategories:\n  - TIL\n  - Lin\n---\nBody\n';
const at = (needle: string, delta = needle.length) => TEXT.indexOf(needle) + delta;

describe('completion', () => {
  test('says where the cursor is', () => {
    const key = completionContext(TEXT, at('ti\n', 2));
    assert.ok(key.where === 'key' && key.prefix === 'ti' && key.replaceStart === at('ti\n', 0) && key.replaceEnd === at('ti\n', 2) && key.presentKeys.includes('layout'));
    const layout = completionContext(TEXT, at('layout: po'));
    assert.equal(layout.where, 'value');
    if (layout.where === 'value') { assert.equal(layout.key, 'layout'); assert.equal(layout.prefix, 'po'); assert.equal(layout.inList, false); }
    const tag = completionContext(TEXT, at('Clo'));
    assert.ok(tag.where === 'value' && tag.key === 'tags' && tag.prefix === 'Clo' && tag.inList && tag.presentValues.includes('ebpf'));
    const cat = completionContext(TEXT, at('- Lin'));
    assert.ok(cat.where === 'value' && cat.key === 'categories' && cat.prefix === 'Lin' && cat.inList);
    assert.deepEqual(completionContext(TEXT, at('Body')), { where: 'outside' });
    assert.deepEqual(completionContext('# no front matter', 3), { where: 'outside' });
  });

  test('a key completes as `key: ` in YAML and `key = ` in a +++ TOML header (Hugo)', () => {
    const yaml = completionContext(TEXT, at('ti\n', 2));
    assert.ok(yaml.where === 'key' && yaml.insert === ': ');
    const tomlText = '+++\ntitle = "Hugo"\nda\n+++\nBody\n';
    const toml = completionContext(tomlText, tomlText.indexOf('da\n') + 2);
    assert.ok(toml.where === 'key' && toml.prefix === 'da' && toml.insert === ' = ', JSON.stringify(toml));
  });

  test('suggests blog tags (most used first), layouts, booleans and now in the site zone', async () => {
    const site = await memorySite({
      '_config.yml': 'timezone: Asia/Taipei\n',
      '_posts/2021-01-01-a.md': '---\ntags: [CloudNative, ebpf]\n---\n',
      '_posts/2021-01-02-b.md': '---\ntags: [CloudNative, cloudnative]\n---\n',
      '_posts/2021-01-03-c.md': '---\ntags: [CloudNative]\ncategories: TIL\n---\n',
    });
    assert.deepEqual(valueSuggestions('tags', { site }).map((s) => [s.label, s.count]), [['CloudNative', 4], ['ebpf', 1]]);
    assert.deepEqual(valueSuggestions('categories', { site }).map((s) => s.label), ['TIL']);
    assert.deepEqual(valueSuggestions('layout', { site }).map((s) => s.label), ['default', 'page', 'post']);
    assert.deepEqual(valueSuggestions('published').map((s) => s.label), ['true', 'false']);
    assert.equal(valueSuggestions('date', { site, now: new Date('2025-01-01T20:00:00Z') })[0].label, '2025-01-02 04:00:00 +0800');
  });
});
