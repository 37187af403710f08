// `+++` TOML front matter with exact positions (toml-eslint-parser): multi-line arrays and their items,
// dotted keys, inline tables and tables, as the checks and quick fixes use them on a Hugo site.
import { before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { NodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { checkDocument } from '../../../src/core/frontmatter/check';
import { parseFrontMatter } from '../../../src/core/frontmatter/parse';
import type { Problem } from '../../../src/core/frontmatter/types';
import { loadSite, type SiteIndex } from '../../../src/core/site/siteIndex';
import { readToml } from '../../../src/core/text/toml';
import { applyEdits } from '../../../src/core/text/textEdit';
import { repoRoot } from '../repoRoot';

const now = new Date('2024-06-01T00:00:00Z');
let hugo: SiteIndex;
before(async () => {
  hugo = (await loadSite(new NodeFileSystem(repoRoot), path.posix.join('test/fixtures/sites', 'hugo-site'), { generator: 'hugo' })).index;
});
const check = (text: string): Problem[] => checkDocument({ path: 'content/posts/p.md', text, site: hugo, now });
/** The text a problem's range covers. */
const covered = (text: string, p: Problem): string => {
  const parse = parseFrontMatter(text);
  return text.slice(parse.lines.offsetAt(p.range.start), parse.lines.offsetAt(p.range.end));
};
const slice = (text: string, n: { start: number; end: number }) => text.slice(n.start, n.end);

const MULTILINE = `+++
title = "Multi-line arrays"
date = 2024-02-01T10:00:00+08:00
tags = [
  "ebpf",
  "tracing", # a comment
  "ebpf",
]
categories = [ 'Notes',
  'Linux' ]
+++
Body
`;

describe('TOML front matter positions', () => {
  test('a multi-line array: the value spans every line and each item has its own range', () => {
    const p = parseFrontMatter(MULTILINE);
    const tags = p.entries.find((e) => e.key === 'tags')!;
    assert.equal(slice(MULTILINE, tags.node), '[\n  "ebpf",\n  "tracing", # a comment\n  "ebpf",\n]');
    assert.deepEqual(tags.node.items!.map((i) => slice(MULTILINE, i)), ['"ebpf"', '"tracing"', '"ebpf"']);
    assert.deepEqual(tags.node.value, ['ebpf', 'tracing', 'ebpf']);
    // The entry's lines run to the closing bracket: deleting it leaves valid TOML.
    assert.equal(MULTILINE.slice(tags.lineStart, tags.lineEnd), 'tags = [\n  "ebpf",\n  "tracing", # a comment\n  "ebpf",\n]\n');
    const cats = p.entries.find((e) => e.key === 'categories')!;
    assert.deepEqual(cats.node.items!.map((i) => [slice(MULTILINE, i), i.style]), [["'Notes'", 'single'], ["'Linux'", 'single']]);
  });

  test('a duplicate tag on its own line is underlined there, and its fix removes only that item', () => {
    const ps = check(MULTILINE);
    const dup = ps.filter((p) => p.rule === 'duplicate-tag');
    assert.equal(dup.length, 1, JSON.stringify(ps.map((p) => p.rule)));
    assert.equal(dup[0].range.start.line, 6); // the second "ebpf", line 7
    assert.equal(covered(MULTILINE, dup[0]), '"ebpf"');
    const fixed = applyEdits(MULTILINE, dup[0].fixes[0].edits);
    const after = parseFrontMatter(fixed);
    assert.deepEqual(after.errors, []);
    assert.deepEqual(after.data!.tags, ['ebpf', 'tracing']);
    assert.deepEqual(after.data!.categories, ['Notes', 'Linux']);
  });

  test('a tag with stray spaces in a multi-line array is trimmed in place', () => {
    const text = '+++\ntitle = "T"\ndate = 2024-02-01\ntags = [\n  "a",\n  " b ",\n]\n+++\n';
    const ps = check(text).filter((p) => p.rule === 'tag-whitespace');
    assert.equal(ps.length, 1);
    assert.equal(covered(text, ps[0]), '" b "');
    assert.deepEqual(parseFrontMatter(applyEdits(text, ps[0].fixes[0].edits)).data!.tags, ['a', 'b']);
  });

  test('dotted keys: one entry for the top-level key, pointing at its first segment', () => {
    const text = '+++\ntitle = "T"\nparams.author = "me"\nparams.toc = true\n"quoted key".x = 1\nsite . "a.b" = 2\n+++\n';
    const p = parseFrontMatter(text);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.entries.map((e) => e.key), ['title', 'params', 'quoted key', 'site']);
    const params = p.entries[1];
    assert.equal(text.slice(params.keyStart, params.keyEnd), 'params');
    assert.equal(params.node.kind, 'map');
    assert.deepEqual(params.node.value, { author: 'me', toc: true });
    // Both dotted lines, and only them, are what deleting `params` removes.
    assert.equal(text.slice(params.lineStart, params.lineEnd), 'params.author = "me"\nparams.toc = true\n');
    assert.equal(text.slice(p.entries[2].keyStart, p.entries[2].keyEnd), '"quoted key"');
    assert.deepEqual(p.data!.site, { 'a.b': 2 });
  });

  test('dotted keys split by another key cannot be deleted as whole lines', () => {
    const text = '+++\nparams.a = 1\ntitle = "T"\nparams.b = 2\n+++\n';
    const params = parseFrontMatter(text).entries.find((e) => e.key === 'params')!;
    assert.equal(params.lineEnd, params.lineStart);
  });

  test('an unknown dotted key is reported on its first segment, not the whole line', () => {
    const text = '+++\ntitle = "T"\ndate = 2024-02-01\ntitel.sub = "x"\n+++\n';
    const unknown = check(text).filter((p) => p.rule === 'unknown-key');
    assert.equal(unknown.length, 1);
    assert.equal(covered(text, unknown[0]), 'titel');
    assert.equal(unknown[0].range.start.line, 3);
  });

  test('inline tables and tables: ranges of the value and of the header', () => {
    const text = '+++\ntitle = "T"\ncover = { image = "/images/hello.png", alt = "A", size = { w = 1 } }\n\n[params]\nmath = true\n\n[[resources]]\nsrc = "a.png"\n[[resources]]\nsrc = "b.png"\n+++\n';
    const p = parseFrontMatter(text);
    assert.deepEqual(p.errors, []);
    assert.deepEqual(p.entries.map((e) => e.key), ['title', 'cover', 'params', 'resources']);
    const cover = p.entries[1].node;
    assert.equal(cover.kind, 'map');
    assert.equal(slice(text, cover), '{ image = "/images/hello.png", alt = "A", size = { w = 1 } }');
    assert.deepEqual(cover.value, { image: '/images/hello.png', alt: 'A', size: { w: 1 } });
    const params = p.entries[2];
    assert.equal(slice(text, params.node), '[params]');
    assert.equal(text.slice(params.keyStart, params.keyEnd), 'params');
    assert.equal(text.slice(params.lineStart, params.lineEnd), '[params]\nmath = true\n');
    const resources = p.entries[3];
    assert.equal(resources.node.kind, 'seq');
    assert.equal(slice(text, resources.node), '[[resources]]');
    assert.deepEqual(resources.node.value, [{ src: 'a.png' }, { src: 'b.png' }]);
  });

  test('scalars keep their TOML style: basic, literal, multi-line and bare values', () => {
    const text = "+++\na = \"x\"\nb = 'y'\nc = \"\"\"\nz\"\"\"\nd = 2024-02-01\ne = 3\n+++\n";
    const styles = Object.fromEntries(parseFrontMatter(text).entries.map((e) => [e.key, e.node.style]));
    assert.deepEqual(styles, { a: 'double', b: 'single', c: 'block', d: 'plain', e: 'plain' });
    const d = parseFrontMatter(text).data!.d;
    assert.ok(d instanceof Date);
    assert.equal((d as Date).toISOString(), '2024-02-01T00:00:00.000Z');
  });

  test('CRLF line ends: ranges still cover the right text', () => {
    const text = MULTILINE.replace(/\n/g, '\r\n');
    const tags = parseFrontMatter(text).entries.find((e) => e.key === 'tags')!;
    assert.deepEqual(tags.node.items!.map((i) => slice(text, i)), ['"ebpf"', '"tracing"', '"ebpf"']);
    assert.ok(text.slice(tags.lineStart, tags.lineEnd).endsWith(']\r\n'));
  });

  test('invalid TOML: one error at the offending place, with the parser\'s words', () => {
    for (const [text, at] of [
      ['+++\ntitle = "T"\ntitle = "U"\n+++\n', 'title = "U"'],
      ['+++\ntags = [\n  "a"\n  "b"\n]\n+++\n', '"b"'],
    ] as const) {
      const p = parseFrontMatter(text);
      assert.equal(p.root, 'invalid');
      assert.equal(p.errors.length, 1, text);
      assert.match(p.errors[0].message, /^The front matter is not valid TOML: \S/);
      assert.equal(text.slice(p.errors[0].start).startsWith(at), true, `${p.errors[0].message} at ${JSON.stringify(text.slice(p.errors[0].start))}`);
    }
  });

  test('readToml gives the value, or the message with its line', () => {
    const ok = readToml('a = 1\n[b]\nc = [1, 2]\n');
    assert.ok(ok.ok);
    assert.deepEqual(ok.value, { a: 1, b: { c: [1, 2] } });
    const bad = readToml('a = 1\nb = ]\n');
    assert.ok(!bad.ok);
    assert.equal(bad.line, 2);
  });
});
