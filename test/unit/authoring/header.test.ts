import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { findEntries, headerBounds, removeHeaderKey, renderValue, setHeaderValue, yamlScalar } from '../../../src/core/authoring/header';
import { parseFrontMatter } from '../../../src/core/frontmatter/parse';

/** The value YAML (as the validator reads it) gives back for `title: <scalar>`. */
const roundTrip = (s: string) => parseFrontMatter(`---\ntitle: ${yamlScalar(s)}\n---\n`).data?.title;

describe('writing values', () => {
  test('YAML scalars read back as the same string: plain when safe, quoted otherwise', () => {
    for (const s of ['hello world', 'eBPF 筆記', 'Go: context', '#hashtag', 'yes', 'No', '1.20', '2024-01-01', '[TIL] x', 'a "quote"', "it's", ' padded ', '', 'null', '~', '- dash', '@at', 'x: y #z']) {
      assert.equal(roundTrip(s), s, JSON.stringify(s));
    }
    assert.equal(yamlScalar('hello world'), 'hello world');
    assert.equal(yamlScalar('yes'), '"yes"');
  });

  test('lists and TOML', () => {
    assert.equal(renderValue(['go', 'a: b'], 'yaml'), '[go, "a: b"]');
    assert.equal(renderValue(['go'], 'toml'), '["go"]');
    assert.equal(renderValue('x "y"', 'toml'), '"x \\"y\\""');
    assert.equal(renderValue({ raw: '2024-01-01' }, 'toml'), '2024-01-01');
  });
});

describe('editing a header in place', () => {
  const post = '---\nlayout: post   # keep me\ntitle: "Old"\ntags:\n  - a\n  - b\ncategory: X\n---\nbody: not a key\n';

  test('finds YAML and TOML headers (CRLF, BOM), not an unclosed one', () => {
    assert.equal(headerBounds(post)?.style, 'yaml');
    assert.equal(headerBounds('+++\ntitle = "x"\n+++\n')?.style, 'toml');
    const crlf = headerBounds('\ufeff---\r\ntitle: x\r\n---\r\nbody');
    assert.equal(crlf?.eol, '\r\n');
    assert.equal(headerBounds('---\ntitle: x\n'), undefined);
    assert.equal(headerBounds('no header'), undefined);
  });

  test('replaces a block list entry whole, keeps comments and other keys, never touches the body', () => {
    const out = setHeaderValue(post, 'tags', ['c']);
    assert.equal(out, '---\nlayout: post   # keep me\ntitle: "Old"\ntags: [c]\ncategory: X\n---\nbody: not a key\n');
    assert.equal(setHeaderValue(post, 'body', 'x', { insert: false }), post);
  });

  test('adds a missing key after another, at the top or bottom; onlyIfEmpty leaves a value alone', () => {
    assert.match(setHeaderValue(post, 'date', { raw: '2024-01-01' }, { after: 'title' }), /title: "Old"\ndate: 2024-01-01\ntags:/);
    assert.match(setHeaderValue(post, 'description', 'd', { insert: 'top' }), /^---\ndescription: d\nlayout/);
    assert.match(setHeaderValue(post, 'description', 'd'), /category: X\ndescription: d\n---/);
    assert.equal(setHeaderValue(post, 'title', 'New', { onlyIfEmpty: true }), post);
    assert.match(setHeaderValue('---\ntitle:\n---\n', 'title', 'New', { onlyIfEmpty: true }), /^title: New$/m);
  });

  test('the last of duplicate keys is the one changed (Jekyll keeps the last)', () => {
    const dup = '---\ntitle: a\ntitle: b\n---\n';
    assert.equal(setHeaderValue(dup, 'title', 'c'), '---\ntitle: a\ntitle: c\n---\n');
    assert.equal(findEntries(dup, 'title').length, 2);
  });

  test('TOML multi-line arrays, CRLF kept, a header added where there was none', () => {
    const toml = '+++\ntitle = "x"\ntags = [\n  "a",\n  "b",\n]\ndraft = true\n+++\n';
    assert.equal(setHeaderValue(toml, 'tags', ['c']), '+++\ntitle = "x"\ntags = ["c"]\ndraft = true\n+++\n');
    assert.equal(removeHeaderKey(toml, 'draft'), '+++\ntitle = "x"\ntags = [\n  "a",\n  "b",\n]\n+++\n');
    assert.equal(setHeaderValue('---\r\ntitle: x\r\n---\r\n', 'tags', ['a']), '---\r\ntitle: x\r\ntags: [a]\r\n---\r\n');
    assert.equal(setHeaderValue('Just text\n', 'title', 'T'), '---\ntitle: T\n---\nJust text\n');
  });
});
