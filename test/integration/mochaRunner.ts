// Runs mocha suites inside the VS Code extension host. Shared by every integration entry point
// (the offline code-server host and @vscode/test-electron load the same compiled index files).
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';
import * as vscode from 'vscode';

export async function runSuites(suiteDir: string, label: string): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30_000, reporter: 'spec' });
  // TECHBLOG_TEST_GREP narrows a run to matching test titles; TECHBLOG_TEST_FILE to one compiled file name.
  if (process.env.TECHBLOG_TEST_GREP) mocha.grep(process.env.TECHBLOG_TEST_GREP);
  const only = process.env.TECHBLOG_TEST_FILE;
  const files = fs.readdirSync(suiteDir)
    .filter((f) => f.endsWith('.test.js'))
    .filter((f) => !only || f.startsWith(path.basename(only).replace(/\.(ts|js)$/, '')))
    .sort();
  for (const f of files) mocha.addFile(path.join(suiteDir, f));
  console.log(`[${label}] VS Code ${vscode.version} (${vscode.env.appName}, uiKind ${vscode.UIKind[vscode.env.uiKind]}), ${files.length} suite file(s)`);

  const failures = await new Promise<number>((resolve, reject) => {
    try {
      const runner = mocha.run((n) => resolve(n));
      runner.on('end', () => {
        const s = runner.stats;
        // A plain closing line the CI reads (and scripts/test.mjs adds up).
        if (s) console.log(`[${label}] ${s.passes} passed, ${s.failures} failed, ${s.pending} skipped`);
      });
    } catch (e) {
      reject(e);
    }
  });
  if (failures > 0) throw new Error(`${failures} integration test(s) failed.`);
  if (files.length === 0) throw new Error(`No integration suites found in ${suiteDir}.`);
}
