import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { keyDocumentation, schemaKeys, validateUserSchema, VALUE_TYPES, withoutPatterns } from '../../../src/core/frontmatter/schema';
import { checkDocument } from '../../../src/core/frontmatter/check';
import { repoRoot, rules } from './helpers';

describe('user schema', () => {
  test('Restricted Mode: withoutPatterns drops every pattern, keeps types, enums and required keys', () => {
    const schema = {
      required: ['title'], keys: { slug: { type: 'string' as const, pattern: '^(a+)+$' } },
      posts: { keys: { series: { enum: ['x'], pattern: '(x|x)*y' } } },
    };
    assert.deepEqual(withoutPatterns(schema), {
      required: ['title'], keys: { slug: { type: 'string' } },
      posts: { keys: { series: { enum: ['x'] } } }, drafts: undefined, pages: undefined,
    });
    assert.equal(schema.keys.slug.pattern, '^(a+)+$', 'the original is left as it was');
  });

  test('a valid schema passes', () => {
    const r = validateUserSchema({ required: ['title'], keys: { series: { type: 'string', enum: ['a'], description: 'The series.' } }, posts: { required: ['title', 'description'] }, pages: { keys: { order: { type: 'number' } } } });
    assert.deepEqual(r, { ok: true, errors: [] });
  });

  test('clear messages for an invalid schema', () => {
    const r = validateUserSchema({ keys: { series: { type: 'text', enum: [], pattern: '(' } }, posts: { required: 'title' }, drafts: 3, extra: 1 });
    assert.equal(r.ok, false);
    assert.ok(r.errors.includes('keys.series.type is "text"; use one of ' + VALUE_TYPES.join(', ') + '.'), r.errors.join('\n'));
    assert.ok(r.errors.some((e) => e.startsWith('keys.series.enum must be a non-empty list')));
    assert.ok(r.errors.some((e) => e.startsWith('keys.series.pattern is not a valid regular expression')));
    assert.ok(r.errors.includes('posts.required must be a list of key names.'));
    assert.ok(r.errors.includes('drafts must be an object.'));
    assert.ok(r.errors.some((e) => e.startsWith('extra is not a schema setting')));
    assert.deepEqual(validateUserSchema([]).errors, ['The schema must be an object.']);
  });

  test('the JSON schema file (for editors) agrees with the validator', () => {
    const file = path.join(repoRoot(), 'media', 'schemas', 'front-matter-schema.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    assert.equal(json.$schema, 'http://json-schema.org/draft-07/schema#');
    assert.deepEqual(json.definitions.keySpec.properties.type.enum, [...VALUE_TYPES]);
    assert.deepEqual(Object.keys(json.properties).sort(), ['$schema', 'drafts', 'keys', 'pages', 'posts', 'required']);
    assert.deepEqual(Object.keys(json.definitions.keySpec.properties).sort(), ['description', 'enum', 'pattern', 'type']);
  });

  test('user keys are known keys (no unknown-key) and their near-misses are caught; required per folder', () => {
    const schema = { keys: { series: { type: 'string' as const } }, posts: { required: ['title', 'series'] } };
    const text = '---\nlayout: post\ntitle: t\nseries: x\n---\n';
    assert.deepEqual(checkDocument({ path: 'p.md', text, settings: { schema } }), []);
    const typo = checkDocument({ path: 'p.md', text: text.replace('series', 'sereis'), settings: { schema } });
    assert.deepEqual(rules(typo), ['unknown-key']);
  });

  test('schemaKeys and keyDocumentation for completion and hover', () => {
    const keys = schemaKeys('jekyll', 'posts');
    const title = keys.find((k) => k.key === 'title')!;
    // Jekyll titles a post without `title:` from its file name (rule title-from-filename); `layout` stays required.
    assert.equal(title.required, false);
    assert.equal(keys.find((k) => k.key === 'layout')?.required, true);
    assert.equal(title.type, 'string');
    assert.ok(keys.some((k) => k.key === 'tags' && k.type === 'string-or-list'));
    assert.match(keyDocumentation('published')!, /\*\*published\*\* \(boolean\)/);
    assert.equal(keyDocumentation('nope'), undefined);
    assert.ok(schemaKeys('hexo').some((k) => k.key === 'updated'));
  });
});
