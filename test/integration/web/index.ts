// extensionTestsPath of the web run (scripts/test.mjs `web`): the suites run in VS Code's web worker extension
// host next to the web bundle (dist/web/extension.js), so no Node is there: esbuild bundles this file with mocha's
// browser build (scripts/test.mjs `web`), and the suites use no `node:` module.
import 'mocha/mocha';
import * as vscode from 'vscode';
import { webSuites } from './web.test';

/** The global mocha's browser build sets up. */
declare const mocha: { setup(o: Mocha.MochaOptions): void; run(done: (failures: number) => void): Mocha.Runner };

/** mocha's browser reporters write to a page; the host reads console lines ("[web] N passed, M failed" at the end). */
function consoleReporter(runner: Mocha.Runner): void {
  let passes = 0;
  let failures = 0;
  runner.on('pass', (t) => { passes++; console.log(`  ✔ ${t.fullTitle()}`); });
  runner.on('fail', (t, err: Error) => { failures++; console.error(`  ✖ ${t.fullTitle()}\n    ${err.stack ?? err.message}`); });
  runner.on('pending', (t) => console.log(`  - ${t.fullTitle()} (skipped)`));
  runner.once('end', () => console.log(`[web] ${passes} passed, ${failures} failed, ${runner.stats?.pending ?? 0} skipped`));
}

export function run(): Promise<void> {
  console.log(`[web] VS Code ${vscode.version} (${vscode.env.appName}, uiKind ${vscode.UIKind[vscode.env.uiKind]}), web worker extension host`);
  return new Promise((resolve, reject) => {
    mocha.run((failures) => (failures ? reject(new Error(`${failures} web integration test(s) failed.`)) : resolve()));
  });
}

// The suites after setup: `describe` is mocha's global from then on.
mocha.setup({ ui: 'bdd', timeout: 60_000, reporter: consoleReporter as unknown as Mocha.ReporterConstructor });
webSuites();
