// Every user-visible string must exist in English and in zh-TW: a new command title, setting
// description or message without its translation fails here, before it ships.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../repoRoot';
import { setTranslator, t } from '../../../src/core/text/l10n';

interface L10nLib { checkL10n(root: string): string[]; LOCALES: string[] }
// A real dynamic import (tsc would turn `import()` into require, which cannot load .mjs).
const load = new Function('u', 'return import(u)') as (u: string) => Promise<L10nLib>;

test('package.json, package.nls*.json and l10n/bundle.l10n*.json agree, and zh-TW translates every string', async () => {
  const lib = await load(pathToFileURL(path.join(repoRoot, 'scripts/lib/l10n.mjs')).href);
  assert.deepEqual(lib.LOCALES, ['zh-tw']);
  const problems = lib.checkL10n(repoRoot);
  assert.deepEqual(problems, [], `\n${problems.slice(0, 40).join('\n')}${problems.length > 40 ? `\n… and ${problems.length - 40} more` : ''}`);
});

test('core messages: English with placeholders by default, the host translator when set, English again after', () => {
  assert.equal(t('Tag {0} has a space before {1}.', '" x"', 'x'), 'Tag " x" has a space before x.');
  assert.equal(t('{0} and {1}, not {2}', 1, 'b'), '1 and b, not {2}');
  const restore = setTranslator((m, ...a) => `[zh] ${m} ${a.join('|')}`);
  try {
    assert.equal(t('Hello {0}', 'w'), '[zh] Hello {0} w');
  } finally {
    restore();
  }
  assert.equal(t('Hello {0}', 'w'), 'Hello w');
});
