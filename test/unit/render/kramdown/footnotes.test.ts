// Footnotes as kramdown writes them (render/kramdown/footnotes.ts), with Debian's kramdown as the oracle
// in the test run; without it, the structure every kramdown footnote list has.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { assertLikeKramdown, oursHtml } from './kramdownOracle';

const CASES = [
  'One[^1] two[^b] one again[^1].\n\n[^1]: First note.\n[^b]: Second note.\n',
  'Unknown[^nope] stays text, [^a b] too.\n\n[^x]: never referenced\n',
  'Text[^long].\n\n[^long]: First line\n    second line\n\n    Second paragraph\nlazy line\n\nAfter the note.\n',
  'A[^list].\n\n[^list]: Intro\n\n    - item one\n    - item two\n',
  'Before the definition.\n\n[^early]: defined first\n\nUsed later[^early].\n',
  'Chain[^p].\n\n[^p]: Parent cites[^c].\n[^c]: Child note.\n',
  'Names[^note-2] and[^a_b].\n\n[^note-2]: dashed\n[^a_b]: underscored\n',
  '> Quoted[^q].\n\n[^q]: note with *emphasis* and `code`\n',
  '- item[^i]\n- item[^i]\n\n[^i]: in a list, twice\n',
  'Twice defined[^d].\n\n[^d]: first\n[^d]: second wins\n',
];

describe('footnotes as kramdown writes them', () => {
  test('every case has kramdown\'s blocks, ids, numbers and back links', (t) => assertLikeKramdown(t, CASES, assert.deepEqual));

  test('numbers by first reference, one back link per reference, unreferenced notes left out', () => {
    const html = oursHtml(CASES[0] + '\n[^unused]: not listed\n');
    assert.deepEqual([...html.matchAll(/<sup id="([^"]+)" role="doc-noteref"><a href="#fn:(\w+)" class="footnote" rel="footnote">(\d+)<\/a><\/sup>/g)].map((m) => m.slice(1).join(' ')),
      ['fnref:1 1 1', 'fnref:b b 2', 'fnref:1:1 1 1']);
    assert.equal(html.match(/role="doc-backlink"/g)?.length, 3);
    assert.match(html, /<div class="footnotes" role="doc-endnotes">\n<ol>\n<li id="fn:1" role="doc-endnote">/);
    assert.doesNotMatch(html, /unused/);
  });

  test('twenty thousand footnotes render in linear time', () => {
    const post = (n: number) => Array.from({ length: n }, (_, i) => `Claim ${i}.[^n${i}]\n`).join('\n') + '\n' + Array.from({ length: n }, (_, i) => `[^n${i}]: Source ${i}.`).join('\n');
    const time = (n: number) => {
      const text = post(n);
      const t = performance.now();
      oursHtml(text);
      return performance.now() - t;
    };
    time(2000);
    const small = Math.min(time(5000), time(5000));
    const large = time(20000);
    assert.ok(large < small * 10, `20k footnotes took ${large.toFixed(0)} ms, 5k took ${small.toFixed(0)} ms (linear: ×4)`);
  });
});
