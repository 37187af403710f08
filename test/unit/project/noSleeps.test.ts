// Integration tests wait for the event that marks what they check, never for a fixed time (CONTRIBUTING,
// "Waiting in integration tests"): a sleep followed by "nothing happened" passes whether or not the feature
// ran, and a sleep before "it happened" fails on a loaded machine. This scan of test/integration/ finds every
// awaited timer — `await new Promise((r) => setTimeout(r, n))`, `await sleep(n)` / `delay(n)` /
// `waitForTimeout(n)` — and allows it only inside a loop: the poll interval of `eventually`, or the pace of a
// simulated typist. A straight-line wait fails here with its file and line.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../repoRoot';

const SLEEP_CALLS = new Set(['sleep', 'delay', 'wait', 'waitForTimeout', 'setTimeoutPromise']);

/** A timer: `new Promise(... setTimeout ...)` or a call of a sleep-like helper (`sleep(…)`, `page.waitForTimeout(…)`). */
function isTimer(node: ts.Expression): boolean {
  if (ts.isParenthesizedExpression(node)) return isTimer(node.expression);
  if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Promise') {
    let found = false;
    const visit = (n: ts.Node): void => {
      if (ts.isCallExpression(n) && ts.isIdentifier(n.expression) && n.expression.text === 'setTimeout') found = true;
      else ts.forEachChild(n, visit);
    };
    node.arguments?.forEach(visit);
    return found;
  }
  if (ts.isCallExpression(node)) {
    const callee = node.expression;
    const name = ts.isIdentifier(callee) ? callee.text : ts.isPropertyAccessExpression(callee) ? callee.name.text : '';
    return SLEEP_CALLS.has(name);
  }
  return false;
}

function inLoop(node: ts.Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (ts.isForStatement(n) || ts.isForOfStatement(n) || ts.isForInStatement(n) || ts.isWhileStatement(n) || ts.isDoStatement(n)) return true;
  }
  return false;
}

/** `file:line: text` of each awaited timer outside a loop. */
function straightLineSleeps(fileName: string, text: string): string[] {
  const source = ts.createSourceFile(fileName, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (n: ts.Node): void => {
    if (ts.isAwaitExpression(n) && isTimer(n.expression) && !inLoop(n)) {
      const { line } = source.getLineAndCharacterOfPosition(n.getStart(source));
      found.push(`${fileName}:${line + 1}: ${n.getText(source)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(source);
  return found;
}

test('the scan finds a sleep-then-expect and lets polling and pacing loops pass (else it proves nothing)', () => {
  const bad = [
    "it('x', async () => { run(); await new Promise((r) => setTimeout(r, 500)); assert.equal(n, 0); });",
    "it('x', async () => { run(); await sleep(300); assert.deepEqual(seen, []); });",
    "it('x', async () => { await page.waitForTimeout(300); });",
  ];
  for (const code of bad) assert.equal(straightLineSleeps('t.ts', code).length, 1, code);
  const good = [
    'async function eventually() { for (;;) { if (await check()) return; await new Promise((r) => setTimeout(r, 50)); } }',
    'const typist = (async () => { while (typing) { await typeOne(); await new Promise((r) => setTimeout(r, 100)); } })();',
    'const timer = setTimeout(() => reject(new Error("late")), ms);',
  ];
  for (const code of good) assert.deepEqual(straightLineSleeps('t.ts', code), [], code);
});

test('no integration test waits a fixed time outside a polling or pacing loop', () => {
  const dir = path.join(repoRoot, 'test/integration');
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.(ts|mjs|js)$/.test(f) && !f.includes('node_modules'));
  assert.ok(files.length > 10, `found ${files.length} files under test/integration`);
  const found = files.flatMap((f) => straightLineSleeps(path.posix.join('test/integration', f.split(path.sep).join('/')), fs.readFileSync(path.join(dir, f), 'utf8')));
  assert.deepEqual(found, [], 'wait for the event that marks what the test checks (CONTRIBUTING, "Waiting in integration tests")');
});
