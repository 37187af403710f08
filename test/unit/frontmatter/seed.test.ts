import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkDocument } from '../../../src/core/frontmatter/check';
import { loadSite } from '../../../src/core/site/siteIndex';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { applyEdits } from '../../../src/core/text/textEdit';
import { applyFirstFix, fixture, memorySite, readFixture, rules, SEED_POST } from './helpers';

const POST = '_posts/2021-08-19-ebpf-summit-day1.md';

async function fixtureSite() {
  const root = fixture('seed-site');
  const files: Record<string, string> = {};
  const walk = (d: string, rel: string) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const r = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path.join(d, e.name), r); else files[r] = e.name.endsWith('.png') ? '' : fs.readFileSync(path.join(d, e.name), 'utf8');
    }
  };
  walk(root, '');
  return { files, ...(await loadSite(new MemoryFileSystem(files), '')) };
}

describe('seed-shaped post', () => {
  test('the fixture site gives exactly empty-value on description and tag-whitespace on " observability"', async () => {
    const { index, texts } = await fixtureSite();
    const text = texts.get(POST)!;
    const all = checkDocument({ path: POST, text, site: index, now: new Date('2026-01-01T00:00:00Z') });
    // The seed's three Typora alt texts are info of their own (image-alt-default, at lines 10, 30 and 32).
    assert.deepEqual(all.filter((p) => p.rule === 'image-alt-default').map((p) => [p.range.start.line, p.severity]), [[9, 'info'], [29, 'info'], [31, 'info']]);
    const ps = all.filter((p) => p.rule !== 'image-alt-default');
    assert.deepEqual(rules(ps), ['empty-value', 'tag-whitespace']);
    assert.deepEqual(ps[0].range, { start: { line: 3, character: 13 }, end: { line: 3, character: 15 } });
    assert.match(ps[0].message, /`description`/);
    assert.equal(ps[0].severity, 'warning');
    assert.deepEqual(ps[1].range, { start: { line: 6, character: 15 }, end: { line: 6, character: 31 } });
    assert.match(ps[1].message, /" observability"/);
  });

  test('the `category:` + `- TodayILearn` block list is valid: no problem on it', async () => {
    const { index, texts } = await fixtureSite();
    const ps = checkDocument({ path: POST, text: texts.get(POST)!, site: index });
    assert.ok(ps.every((p) => p.range.start.line !== 4 && p.range.start.line !== 5));
  });

  test('without two of the three images, missing-image reports exactly those two', async () => {
    const { files } = await fixtureSite();
    delete files['images/2021/image-20210819152102715.png'];
    delete files['images/2021/image-20210819152107812.png'];
    const { index, texts } = await loadSite(new MemoryFileSystem(files), '');
    const ps = checkDocument({ path: POST, text: texts.get(POST)!, site: index });
    assert.deepEqual(rules(ps), ['empty-value', 'tag-whitespace', 'image-alt-default', 'image-alt-default', 'missing-image', 'image-alt-default', 'missing-image']);
    const text = texts.get(POST)!;
    const lines = text.split('\n');
    for (const p of ps.filter((x) => x.rule === 'missing-image')) {
      const s = lines[p.range.start.line].slice(p.range.start.character, p.range.end.character);
      assert.match(s, /^\.\.\/images\/2021\/image-2021081915210(2715|7812)\.png$/);
      assert.match(p.message, /\(looked for images\/2021\/image-2021081915210(2715|7812)\.png\)\.$/);
    }
  });

  test('trim fix gives the exact expected text, and the description fix fills from the first paragraph', async () => {
    const site = await memorySite({ 'images/2021/shot-1.png': '' });
    const ps = checkDocument({ path: POST, text: SEED_POST, site });
    assert.deepEqual(rules(ps), ['empty-value', 'tag-whitespace']);
    const trimmed = applyFirstFix(SEED_POST, ps, 'tag-whitespace');
    assert.equal(trimmed, SEED_POST.replace('" observability"', '"observability"'));
    assert.equal(ps[1].fixes[0].safe, true);
    const filled = applyFirstFix(SEED_POST, ps, 'empty-value');
    assert.equal(filled, SEED_POST.replace('description: ""', 'description: "eBPF lets you observe a running kernel without changing it. These are my notes from day one."'));
    assert.equal(ps[0].fixes[0].safe, false);
    // After both fixes the post is clean.
    const both = applyEdits(SEED_POST, [...ps[0].fixes[0].edits, ...ps[1].fixes[0].edits]);
    assert.deepEqual(checkDocument({ path: POST, text: both, site }), []);
  });

  for (const [name, transform] of [
    ['CRLF', (s: string) => s.replace(/\n/g, '\r\n')],
    ['BOM', (s: string) => '\ufeff' + s],
    ['BOM + CRLF', (s: string) => '\ufeff' + s.replace(/\n/g, '\r\n')],
  ] as const) {
    test(`${name} variant gives the same two problems at the same places, and fixes keep the line endings`, async () => {
      const site = await memorySite({ 'images/2021/shot-1.png': '' });
      const text = transform(SEED_POST);
      const ps = checkDocument({ path: POST, text, site });
      assert.deepEqual(rules(ps), ['empty-value', 'tag-whitespace']);
      const bomShift = text.startsWith('\ufeff') ? 1 : 0; // the BOM is a character of line 0 only
      assert.deepEqual(ps[0].range, { start: { line: 3, character: 13 }, end: { line: 3, character: 15 } });
      assert.deepEqual(ps[1].range, { start: { line: 6, character: 15 }, end: { line: 6, character: 31 } });
      assert.equal(bomShift >= 0, true);
      assert.equal(applyFirstFix(text, ps, 'tag-whitespace'), transform(SEED_POST.replace('" observability"', '"observability"')));
      const filled = applyFirstFix(text, ps, 'empty-value');
      assert.ok(filled.includes('description: "eBPF lets you observe'));
      assert.equal(filled.split('\r\n').length, text.split('\r\n').length);
    });
  }

  test('the real seed site, when ../shared is present, gives the two problems plus the two truly missing images', async (t) => {
    const seed = path.join(fixture(), '..', '..', '..', '..', 'shared', 'seed', 'site');
    if (!fs.existsSync(seed)) { t.skip('no ../shared/seed'); return; }
    const { NodeFileSystem } = await import('../../../src/cli/nodeFileSystem');
    const { index, texts } = await loadSite(new NodeFileSystem(seed), '.');
    const ps = checkDocument({ path: POST, text: texts.get(POST)!, site: index });
    assert.deepEqual(rules(ps), ['empty-value', 'tag-whitespace', 'image-alt-default', 'image-alt-default', 'missing-image', 'image-alt-default', 'missing-image']);
  });

  test('readFixture reads the post with the seed shape', () => {
    assert.ok(readFixture('seed-site', POST).startsWith('---\nlayout: post\n'));
  });
});
