// src/core/text/posixPath.ts against Node's own path.posix, input by input: the web bundle uses ours, and the
// Node bundles must not behave any differently for having dropped node:path/posix.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as nodePath from 'node:path/posix';
import * as ours from '../../../src/core/text/posixPath';
import { mulberry32 } from '../prng';

const SEGMENTS = ['', '.', '..', 'a', 'b.md', '.hidden', 'x.tar.gz', '_posts', '2024-01-02-hi.md', 'dir.d', '...', 'a..b', '.x.'];

function randomPath(next: () => number): string {
  const n = Math.floor(next() * 6);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) parts.push(SEGMENTS[Math.floor(next() * SEGMENTS.length)]);
  let p = parts.join(next() < 0.2 ? '//' : '/');
  if (next() < 0.5) p = '/' + p;
  if (next() < 0.2) p += '/';
  return p;
}

const next = mulberry32(20261207);
const INPUTS = ['', '/', '//', '.', '..', '/a/b/', 'a/../..', '/..', '../a/./b', 'a//b', ...Array.from({ length: 3000 }, () => randomPath(next))];

test('normalize, dirname, basename, extname, isAbsolute agree with Node on every input', () => {
  for (const p of INPUTS) {
    assert.equal(ours.normalize(p), nodePath.normalize(p), `normalize(${JSON.stringify(p)})`);
    assert.equal(ours.dirname(p), nodePath.dirname(p), `dirname(${JSON.stringify(p)})`);
    assert.equal(ours.basename(p), nodePath.basename(p), `basename(${JSON.stringify(p)})`);
    // Node gives "///" back for basename("///", ".md") (and "" without the suffix): ours says "" for both.
    if (/[^/]/.test(p)) assert.equal(ours.basename(p, '.md'), nodePath.basename(p, '.md'), `basename(${JSON.stringify(p)}, '.md')`);
    assert.equal(ours.extname(p), nodePath.extname(p), `extname(${JSON.stringify(p)})`);
    assert.equal(ours.isAbsolute(p), nodePath.isAbsolute(p), `isAbsolute(${JSON.stringify(p)})`);
  }
});

test('join, resolve (absolute inputs) and relative agree with Node on pairs of inputs', () => {
  for (let i = 0; i + 1 < INPUTS.length; i += 2) {
    const [a, b] = [INPUTS[i], INPUTS[i + 1]];
    assert.equal(ours.join(a, b), nodePath.join(a, b), `join(${JSON.stringify(a)}, ${JSON.stringify(b)})`);
    const absA = '/' + a;
    assert.equal(ours.resolve(absA, b), nodePath.resolve(absA, b), `resolve(${JSON.stringify(absA)}, ${JSON.stringify(b)})`);
    assert.equal(ours.relative(absA, '/' + b), nodePath.relative(absA, '/' + b), `relative(${JSON.stringify(absA)}, ${JSON.stringify('/' + b)})`);
  }
  assert.equal(ours.sep, nodePath.sep);
});
