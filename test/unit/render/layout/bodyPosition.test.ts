import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { uniqueOccurrence } from '../../../../src/core/render/layout/bodyPosition';
import { mulberry32 } from '../../prng';

/** What the renderer asked before: two indexOf calls. */
function reference(hay: string, needle: string): { at: number; unique: boolean } {
  const at = hay.indexOf(needle);
  return { at, unique: at >= 0 && hay.indexOf(needle, at + 1) < 0 };
}

describe('layout: where the body sits in the page', () => {
  test('a long body once in its page: found, unique', () => {
    const body = Array.from({ length: 2000 }, (_, i) => `<p data-line="${i}">para ${i}</p>\n`).join('');
    const page = `<html><body><main>${body}</main></body></html>`;
    assert.deepEqual(uniqueOccurrence(page, body), { at: 18, unique: true });
  });

  test('a long body twice (a layout writing {{ content }} twice): not unique', () => {
    const body = 'x'.repeat(10) + Array.from({ length: 900 }, (_, i) => `<li>${i}</li>`).join('');
    const page = `<a>${body}</a><b>${body}</b>`;
    assert.deepEqual(uniqueOccurrence(page, body), reference(page, body));
    assert.equal(uniqueOccurrence(page, body).unique, false);
  });

  test('a long body absent (a layout filtering it): -1', () => {
    const body = '<p>' + 'word '.repeat(2000) + '</p>';
    const page = `<main>${body.toUpperCase()}</main>`;
    assert.deepEqual(uniqueOccurrence(page, body), { at: -1, unique: false });
  });

  test('agrees with indexOf on random and periodic pages (overlapping occurrences included)', () => {
    const r = mulberry32(7);
    for (let n = 0; n < 300; n++) {
      const alphabet = n % 3 === 0 ? 'ab' : n % 3 === 1 ? 'abc<>/p' : 'a';
      const unit = Array.from({ length: 1 + Math.floor(r() * 6) }, () => alphabet[Math.floor(r() * alphabet.length)]).join('');
      const body = unit.repeat(Math.ceil((4100 + Math.floor(r() * 3000)) / unit.length));
      const around = () => Array.from({ length: Math.floor(r() * 40) }, () => (r() < 0.7 ? unit : 'q')).join('');
      const page = r() < 0.2 ? around() + body.slice(1) + around() : around() + body + around() + (r() < 0.3 ? body : '') + around();
      assert.deepEqual(uniqueOccurrence(page, body), reference(page, body), `case ${n}`);
    }
  });

  test('short bodies: as indexOf', () => {
    for (const [page, body] of [['<p>a</p><p>a</p>', '<p>a</p>'], ['<main><p>a</p></main>', '<p>a</p>'], ['abc', 'x']]) {
      assert.deepEqual(uniqueOccurrence(page, body), reference(page, body));
    }
  });
});
