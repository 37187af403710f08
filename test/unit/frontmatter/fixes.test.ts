import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../../src/core/frontmatter/check';
import { fixAllSafe, safeEdits } from '../../../src/core/frontmatter/fixes';
import { applyEdits } from '../../../src/core/text/textEdit';
import { memorySite, rules } from './helpers';

const BROKEN = `---
layout: post   # the theme's
layout: post
title: 'Broken'
descripton: "keeps its quotes"
published: "false"
tags: [" ebpf", ebpf, Tracing]
---
Body.
`;

describe('fixes', () => {
  test('fix-all applies only safe fixes, keeps comments, quoting and key order, and converges', async () => {
    const site = await memorySite({});
    const input = { path: '_posts/2021-08-19-x.md', text: BROKEN, site };
    assert.deepEqual(rules(checkDocument(input)), ['duplicate-key', 'unknown-key', 'type-mismatch', 'tag-whitespace', 'duplicate-tag']);
    const r = fixAllSafe(input);
    assert.equal(r.text, `---
layout: post
title: 'Broken'
description: "keeps its quotes"
published: false
tags: ["ebpf", Tracing]
---
Body.
`);
    assert.deepEqual(r.problems, []);
    assert.deepEqual(new Set(r.fixed.map((p) => p.rule)), new Set(['duplicate-key', 'unknown-key', 'type-mismatch', 'tag-whitespace', 'duplicate-tag']));
  });

  test('safeEdits picks non-overlapping edits for one pass', async () => {
    const ps = checkDocument({ path: 'x.md', text: BROKEN });
    const { edits, fixed } = safeEdits(ps);
    assert.ok(fixed.length >= 3);
    assert.doesNotThrow(() => applyEdits(BROKEN, edits));
  });

  test('unsafe fixes are not applied by fix-all', async () => {
    const text = '---\nlayout: post\ntitle: x\ndescription: ""\n---\nFirst paragraph.\n';
    assert.equal(fixAllSafe({ path: 'x.md', text }).text, text);
  });

  test('applyEdits refuses overlapping edits and applies in any order', () => {
    const r = (l: number, c: number, l2: number, c2: number) => ({ start: { line: l, character: c }, end: { line: l2, character: c2 } });
    assert.equal(applyEdits('abc\ndef', [{ range: r(1, 0, 1, 1), newText: 'D' }, { range: r(0, 0, 0, 1), newText: 'A' }]), 'Abc\nDef');
    assert.throws(() => applyEdits('abc', [{ range: r(0, 0, 0, 2), newText: '' }, { range: r(0, 1, 0, 3), newText: '' }]));
  });
});
