import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../../src/core/frontmatter/check';
import { parseFrontMatter, yamlDocumentOf } from '../../../src/core/frontmatter/parse';
import { LineIndex } from '../../../src/core/text/lineIndex';
import { memorySite, rules, SEED_POST } from './helpers';
import { assertParity } from './parity';

const fm = (body: string) => `---\n${body}---\nBody\n`;
const quick = (text: string) => {
  const t = performance.now();
  const ps = checkDocument({ path: '_posts/2021-01-01-x.md', text, throwInternalErrors: true });
  return { ps, ms: performance.now() - t };
};

describe('parseFrontMatter', () => {
  test('finds YAML between --- lines with exact key and value offsets', () => {
    const p = parseFrontMatter(SEED_POST);
    assert.equal(p.format, 'yaml');
    assert.equal(p.parser, 'fast');
    assert.deepEqual(p.entries.map((e) => e.key), ['layout', 'title', 'description', 'category', 'tags']);
    const tags = p.entries[4];
    assert.deepEqual(tags.node.items!.map((i) => SEED_POST.slice(i.start, i.end)), ['"ebpf"', '" observability"', '"CloudNative"']);
    assert.deepEqual(p.data!.category, ['TodayILearn']);
    assert.equal(SEED_POST.slice(p.bodyStart, p.bodyStart + 7), '\n![shot');
  });

  test('BOM and CRLF', () => {
    const text = '\ufeff' + SEED_POST.replace(/\n/g, '\r\n');
    const p = parseFrontMatter(text);
    assert.equal(p.bom, true);
    assert.equal(p.eol, '\r\n');
    assert.deepEqual(p.data, parseFrontMatter(SEED_POST).data);
    const title = p.entries[1].node;
    assert.equal(text.slice(title.start, title.end), '"[TIL] eBPF Summit Day1 Quick Notes"');
  });

  test('no front matter, --- only at the end, TOML and JSON', () => {
    assert.equal(parseFrontMatter('# Title\n').format, 'none');
    assert.equal(parseFrontMatter('---').close, undefined);
    const toml = parseFrontMatter('+++\ntitle = "Hi"\ntags = ["a", " b"]\n+++\nBody');
    assert.equal(toml.format, 'toml');
    assert.deepEqual(toml.data, { title: 'Hi', tags: ['a', ' b'] });
    assert.equal(toml.entries[1].key, 'tags');
    const json = parseFrontMatter(';;;\n"title": "Hi",\n"tags": ["a"]\n;;;\nBody');
    assert.deepEqual(json.data, { title: 'Hi', tags: ['a'] });
    assert.deepEqual(json.entries.map((e) => e.key), ['title', 'tags']);
    assert.equal(parseFrontMatter('+++\ntitle = \n+++\n').errors.length, 1);
    assert.equal(parseFrontMatter('+++\ntitle = "x"\n+++\n', { formats: ['yaml'] }).format, 'none');
  });

  test('the yaml Document is available for hosts that want nodes', () => {
    const doc = yamlDocumentOf(parseFrontMatter(SEED_POST))!;
    assert.equal(doc.get('layout'), 'post');
  });

  test('fast path and yaml library agree on common headers', () => {
    const cases = [
      SEED_POST,
      fm('title: a # comment\ndate: 2021-08-19 10:00:00 +0800\npublished: no\ncount: 12\n'),
      fm("title: 'it''s'\ntags:\n  - a\n  - 'b c'\n  - \"d\"\n# between\ncategories: [x,y , \"z\"]\n"),
      fm('empty:\nnull: ~\nkey :   spaced\n'),
      fm('date: 2021-08-19T10:00:00.25-03:00\nx: 2021-8-9\ny: 0\nz: on\n'),
      fm('url: http://example.com/a#b\nt: a:b\n'),
    ];
    const used = cases.map(assertParity);
    assert.ok(used.filter((u) => u === 'fast').length >= 4, used.join());
  });

  test('line index: UTF-16 characters, lazy over long texts', () => {
    const li = new LineIndex('a😀b\nxy\n');
    assert.deepEqual(li.positionAt(3), { line: 0, character: 3 });
    assert.deepEqual(li.positionAt(6), { line: 1, character: 1 });
    assert.equal(li.offsetAt({ line: 1, character: 1 }), 6);
    assert.equal(li.offsetAt({ line: 9, character: 0 }), 8);
  });
});

describe('bad input: a clear problem, no throw, no hang', () => {
  test('binary (NUL bytes) inside front matter', () => {
    const { ps } = quick('---\ntitle: a\0b\n---\n');
    assert.deepEqual(rules(ps), ['yaml-syntax']);
    assert.match(ps[0].message, /binary/);
  });

  test('non-UTF-8 bytes (decoded as U+FFFD)', () => {
    const text = new TextDecoder().decode(Buffer.from('---\nlayout: post\ntitle: caf\xe9\n---\n', 'latin1'));
    const { ps } = quick(text);
    assert.deepEqual(rules(ps), ['yaml-syntax']);
    assert.match(ps[0].message, /UTF-8/);
  });

  test('a binary file in _posts is not a post', async () => {
    const site = await memorySite({});
    const ps = checkDocument({ path: '_posts/2021-01-01-x.md', text: '\x89PNG\r\n\x1a\n\0\0\0', site });
    assert.deepEqual(rules(ps), ['front-matter-missing']);
  });

  test('a 10 MB post: only the front matter is parsed', () => {
    const body = ('Lorem ipsum dolor sit amet, ![x](https://e.com/x.png) consectetur.\n').repeat(150_000);
    const { ps, ms } = quick(fm('layout: post\ntitle: Big\n') + body);
    assert.deepEqual(ps, []);
    assert.ok(ms < 5000, `took ${ms} ms`);
    const unclosed = quick('---\nlayout: post\n' + body);
    assert.deepEqual(rules(unclosed.ps), ['front-matter-unclosed']);
  });

  test('front matter over 64 KB is refused with a message', () => {
    const { ps } = quick(fm('layout: post\ntitle: x\n' + 'k: v\n'.repeat(20_000)));
    assert.deepEqual(rules(ps), ['yaml-syntax']);
    assert.match(ps[0].message, /KB/);
  });

  test('alias bomb', () => {
    const bomb = 'a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\nf: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n';
    const { ps, ms } = quick(fm('layout: post\ntitle: x\n' + bomb));
    assert.deepEqual(rules(ps), ['yaml-syntax']);
    assert.match(ps[0].message, /alias bomb/);
    assert.ok(ms < 1000);
  });

  test('deep nesting: flow brackets and indentation', () => {
    const flow = quick(fm('layout: post\ntitle: x\na: ' + '['.repeat(5000) + ']'.repeat(5000) + '\n'));
    assert.deepEqual(rules(flow.ps), ['yaml-syntax']);
    assert.match(flow.ps[0].message, /nested/);
    let deep = '';
    for (let i = 0; i < 1000; i++) deep += ' '.repeat(i) + `k${i}:\n`;
    const indent = quick(fm(deep));
    assert.deepEqual(rules(indent.ps), ['yaml-syntax']);
    // Moderate nesting is read normally.
    assert.deepEqual(rules(quick(fm('layout: post\ntitle: x\nimage:\n  path: a.png\n  size:\n    w: 1\n')).ps), []);
  });

  test('front matter that is a list or a scalar', () => {
    assert.deepEqual(rules(quick(fm('- a\n- b\n')).ps), ['type-mismatch']);
    assert.deepEqual(rules(quick(fm('hello\n')).ps), ['type-mismatch']);
  });

  test('tabs: as indentation an error, inside values fine', () => {
    assert.deepEqual(rules(quick(fm('layout: post\ntitle: x\ntags:\n\t- a\n')).ps), ['yaml-syntax']);
    assert.deepEqual(rules(quick(fm('layout: post\ntitle:\tx\tand y\n')).ps), []);
  });

  test('keys and values named like Object.prototype members are ordinary text', async () => {
    const site = await memorySite({ '_config.yml': 'permalink: constructor\n' });
    const text = fm('layout: post\ntitle: x\nconstructor: 1\ntoString: a\n__proto__: b\nhasOwnProperty: c\npublished: "constructor"\ntags: [constructor, __proto__]\n') + '![a](x.png)\n';
    const ps = checkDocument({ path: '_posts/2021-01-01-x.md', text, site, throwInternalErrors: true });
    assert.deepEqual(rules(ps), ['type-mismatch', 'missing-image']);
    assert.deepEqual(ps[0].fixes, []);
    assert.deepEqual(rules(quick('+++\ntitle = "x"\n+++\n').ps), []);
  });

  test('empty front matter and only comments', () => {
    const ps = quick('---\n---\nBody').ps;
    assert.ok(!ps.some((p) => p.rule === 'yaml-syntax'));
    assert.ok(!quick('---\n# only a comment\n---\n').ps.some((p) => p.rule === 'yaml-syntax'));
  });
});
