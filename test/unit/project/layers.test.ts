// The layer rules are only worth something if the linter really rejects a violation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';
import { repoRoot } from '../repoRoot';

const eslint = new ESLint({ cwd: repoRoot });

async function messages(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

test('src/core may not import vscode, not even types', async () => {
  for (const code of ["import * as vscode from 'vscode';\nexport const v = vscode;\n", "import type { Uri } from 'vscode';\nexport type U = Uri;\n"]) {
    const found = await messages('src/core/site/example.ts', code);
    assert.ok(found.some((m) => m.startsWith('no-restricted-imports') && m.includes('vscode')), found.join('\n'));
  }
});

test('src/core may not touch the file system directly', async () => {
  const found = await messages('src/core/site/example.ts', "import * as fs from 'node:fs';\nexport const f = fs;\n");
  assert.ok(found.some((m) => m.startsWith('no-restricted-imports')), found.join('\n'));
});

test('src/webview may import neither vscode nor Node built-ins', async () => {
  for (const mod of ['vscode', 'path', 'node:fs']) {
    const found = await messages('src/webview/example.ts', `import * as m from '${mod}';\nexport const x = m;\n`);
    assert.ok(found.some((m) => m.startsWith('no-restricted-imports')), `${mod}: ${found.join('\n')}`);
  }
});

test('src/worker (the render worker) may use Node but not vscode', async () => {
  const found = await messages('src/worker/example.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n");
  assert.ok(found.some((m) => m.startsWith('no-restricted-imports') && m.includes('vscode')), found.join('\n'));
  const node = await messages('src/worker/example.ts', "import * as fs from 'node:fs';\nexport const f = fs;\n");
  assert.deepEqual(node.filter((m) => m.startsWith('no-restricted-imports')), []);
});

test('src/host may import vscode', async () => {
  const found = await messages('src/host/example.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n");
  assert.deepEqual(found.filter((m) => m.startsWith('no-restricted-imports')), []);
});

test('barrel index.ts files are rejected', async () => {
  const found = await messages('src/core/index.ts', "export const x = 1;\n");
  assert.ok(found.some((m) => m.includes('barrel')), found.join('\n'));
});
