// npm test: everything, in the order a failure is cheapest to find.
//   node scripts/test.mjs                 typecheck, lint, unit, fidelity, build, integration, web, e2e, packaged .vsix + npm package
//   node scripts/test.mjs static|unit|fidelity|integration|web|e2e|vsix    one stage (each compiles first)
// web: the web extension (dist/web/extension.js) in the browser's web worker extension host (test/integration/web/).
//   node scripts/test.mjs <test file>     one unit file (test/unit/...), one integration suite (test/integration/suite/...)
//                                         or one end-to-end script (test/e2e/*.e2e.mjs)
// e2e: test/e2e/*.e2e.mjs drive the real workbench (code-server + Chromium, offline host) with Playwright.
// TECHBLOG_TEST_HOST=offline (default: code-server + Chromium, no internet needed) or electron (@vscode/test-electron).
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root, run, nodeBin, copyToTemp } from './lib/run.mjs';

const arg = process.argv[2];
const hostKind = process.env.TECHBLOG_TEST_HOST || 'offline';
if (!['offline', 'electron'].includes(hostKind)) fail(`TECHBLOG_TEST_HOST must be "offline" or "electron", not "${hostKind}".`);

const totals = { passed: 0, failed: 0 };
const t0 = Date.now();

function fail(message) {
  console.error(`\n[test] ${message}`);
  process.exit(1);
}

async function step(name, fn) {
  const t = Date.now();
  console.log(`\n[test] ── ${name}`);
  await fn();
  console.log(`[test] ── ${name}: ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
}

async function must(cmd, args, what, opts) {
  const r = await run(cmd, args, opts);
  if (r.code !== 0) { totals.failed++; summary(); fail(`${what} failed (exit ${r.code}).`); }
  return r.output;
}

async function compile() {
  // Start from an empty out/: a deleted test must not keep running from a stale compiled copy.
  fs.rmSync(path.join(root, 'out'), { recursive: true, force: true });
  await must(nodeBin('tsc'), ['-p', 'tsconfig.json'], 'TypeScript (src + tests)');
  const webviewSources = fs.readdirSync(path.join(root, 'src/webview'), { recursive: true }).some((f) => String(f).endsWith('.ts'));
  if (webviewSources) await must(nodeBin('tsc'), ['-p', 'src/webview/tsconfig.json'], 'TypeScript (webview)');
}

async function unit(only) {
  const target = only ? path.join('out', only.replace(/\.ts$/, '.js')) : 'out/test/unit/';
  const output = await must(process.execPath, ['--test', '--test-reporter=spec', target], 'Unit tests');
  // The spec reporter ends with "ℹ pass N" / "ℹ fail N".
  totals.passed += +(output.match(/^\S*\s*pass (\d+)/m)?.[1] ?? 0);
}

/** Our pages against real Jekyll's (test/fidelity/jekyll-fidelity.mjs): one test, skipped without jekyll. */
async function fidelity() {
  const output = await must(process.execPath, ['test/fidelity/jekyll-fidelity.mjs'], 'Fidelity against Jekyll');
  if (/^\[fidelity\] overall:/m.test(output)) totals.passed++;
  // Shopify's liquid-spec through our Liquid (ruby-liquid decides disputed specs); fails under its floor.
  const specs = await must(process.execPath, ['test/fidelity/liquid-spec.mjs'], 'liquid-spec peer suite');
  if (/^\[liquid-spec\] \d+\/\d+ passed/m.test(specs)) totals.passed++;
  // Code highlighting against Debian's ruby-rouge, per character; fails under 95 % for any language.
  const rouge = await must(process.execPath, ['test/fidelity/rouge-stage.mjs'], 'Rouge stage');
  if (/^\[rouge\] overall:/m.test(rouge)) totals.passed++;
  // Seeded documents through Debian's kramdown and ours (skips without ruby/jekyll); fails under its floor.
  const fuzz = await must(process.execPath, ['test/fidelity/kramdown-fuzz.mjs'], 'kramdown differential fuzzing');
  if (/^\[kramdown-fuzz\] seed \d+, \d+ documents:/m.test(fuzz)) totals.passed++;
  // kramdown's own test inputs as posts, Jekyll's output against ours; fails on an unlisted difference or under its targets.
  const peer = await must(process.execPath, ['test/fidelity/kramdown-peer.mjs'], 'kramdown peer suite');
  if (/^\[kramdown-peer\] \d+\/\d+ documents identical/m.test(peer)) totals.passed++;
}

function addIntegrationCounts(output) {
  for (const m of output.matchAll(/^\[(?:integration|vsix|web)\] (\d+) passed, (\d+) failed/gm)) { totals.passed += +m[1]; totals.failed += +m[2]; }
}

// The main suites run in English; test/integration/locale/ runs again in a VS Code started in zh-TW;
// test/integration/restricted/ in a VS Code that does not trust the folder (Restricted Mode), on the
// sample blog with a stranger's files and workspace settings on top (test/fixtures/restricted-workspace).
const EXTRA_RUNS = [
  { locale: 'zh-tw', dir: 'test/integration/locale', what: 'Integration tests (VS Code in zh-tw)' },
  { restricted: true, dir: 'test/integration/restricted', overlay: 'test/fixtures/restricted-workspace', what: 'Integration tests (Restricted Mode)' },
];

async function integration(onlyFile) {
  const extraRun = onlyFile && EXTRA_RUNS.find((r) => onlyFile.startsWith(r.dir + '/'));
  if (!onlyFile || !extraRun) await integrationRun({ dir: 'test/integration', what: 'Integration tests' }, onlyFile);
  for (const r of EXTRA_RUNS) if (!onlyFile || r === extraRun) await integrationRun(r, onlyFile);
}

async function integrationRun({ dir, locale, restricted, overlay, what }, onlyFile) {
  if (restricted && hostKind === 'electron') {
    console.log(`[test] ${what}: skipped (the electron host has no Restricted Mode launch; use TECHBLOG_TEST_HOST=offline)`);
    return;
  }
  const workspace = copyToTemp(path.join(root, 'examples/sample-blog'), 'techblog-it-');
  if (overlay) fs.cpSync(path.join(root, overlay), workspace, { recursive: true });
  const env = { ...process.env, ...(onlyFile ? { TECHBLOG_TEST_FILE: path.basename(onlyFile) } : {}) };
  try {
    await runHost({
      extension: root, tests: path.join(root, 'out', dir, 'index'), workspace, env, locale, restricted, what,
    });
  } finally {
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
  }
}

/**
 * The web extension in the offline host's web worker extension host (as on vscode.dev / github.dev). The workbench
 * runs an extension under development in the web worker host only when it has no Node entry, so the run loads a copy
 * of the extension whose package.json has only `browser` (everything else symlinked to the real files); the suites
 * of test/integration/web/ are bundled like dist/web/extension.js (browser platform, its `.web.ts` variants, mocha's
 * browser build) into that copy, because tests run in the extension host of the extension that holds them.
 */
async function web() {
  if (hostKind === 'electron') {
    console.log('[test] Web extension tests: skipped (they need the browser workbench: TECHBLOG_TEST_HOST=offline)');
    return;
  }
  const extension = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-web-ext-'));
  const workspace = copyToTemp(path.join(root, 'examples/sample-blog'), 'techblog-web-');
  try {
    const { main: _main, extensionKind: _kind, ...manifest } = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
    fs.writeFileSync(path.join(extension, 'package.json'), JSON.stringify(manifest, null, 2));
    for (const name of fs.readdirSync(root)) {
      if (!['package.json', 'node_modules', 'out', '.git'].includes(name)) fs.symlinkSync(path.join(root, name), path.join(extension, name));
    }
    const esbuild = await import('esbuild');
    const { builds } = await import('./build.mjs');
    const webBundle = builds.find((b) => b.outfile === 'dist/web/extension.js');
    const tests = path.join(extension, 'web-tests', 'index');
    await esbuild.build({ ...webBundle, entryPoints: ['test/integration/web/index.ts'], outfile: tests + '.js', sourcemap: 'inline', minify: false });
    await runHost({ extension, tests, workspace, env: process.env, what: 'Web extension tests (web worker extension host)' });
  } finally {
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    fs.rmSync(extension, { recursive: true, force: true });
  }
}

/** Each test/e2e/*.e2e.mjs runs as its own Node process and ends with "[e2e] N passed, M failed". */
async function e2e(onlyFile) {
  const { ensureHost } = await import('../test/host/ensure.mjs');
  await ensureHost();
  const dir = path.join(root, 'test/e2e');
  const files = onlyFile ? [onlyFile] : fs.readdirSync(dir).filter((f) => f.endsWith('.e2e.mjs')).sort().map((f) => path.join('test/e2e', f));
  for (const file of files) {
    const { code, output } = await run(process.execPath, [file]);
    const counts = [...output.matchAll(/^\[e2e\] (\d+) passed, (\d+) failed/gm)];
    for (const m of counts) { totals.passed += +m[1]; totals.failed += +m[2]; }
    if (code !== 0) { if (!counts.length) totals.failed++; summary(); fail(`End-to-end test ${file} failed (exit ${code}).`); }
  }
}

async function vsix() {
  const { packageVsix } = await import('./package.mjs');
  const { path: vsixPath } = await packageVsix({ quiet: true });
  const workspace = copyToTemp(path.join(root, 'examples/sample-blog'), 'techblog-vsix-');
  const extensionsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-ext-'));
  const env = { ...process.env, TECHBLOG_EXPECT_EXTENSIONS_DIR: extensionsDir };
  try {
    await runHost({
      extension: path.join(root, 'test/integration/vsix/host-extension'), tests: path.join(root, 'out/test/integration/vsix/index'),
      workspace, env, vsixPath, extensionsDir, what: 'Packaged .vsix tests',
    });
  } finally {
    fs.rmSync(path.dirname(workspace), { recursive: true, force: true });
    fs.rmSync(extensionsDir, { recursive: true, force: true });
  }
}

/** test/package/npm.mjs: the `techblog` npm package and the CI configs; ends with "[npm] N passed, M failed". */
async function npmPackage() {
  const { code, output } = await run(process.execPath, ['test/package/npm.mjs']);
  const m = /^\[npm\] (\d+) passed, (\d+) failed/m.exec(output);
  if (m) { totals.passed += +m[1]; totals.failed += +m[2]; }
  if (code !== 0) { if (!m) totals.failed++; summary(); fail(`npm package tests failed (exit ${code}).`); }
}

async function runHost({ extension, tests, workspace, env, vsixPath, extensionsDir, locale, restricted, what }) {
  let code; let output = '';
  if (hostKind === 'electron') {
    const { runInElectron } = await import('./lib/electron-host.mjs');
    code = await runInElectron({ extensionDevelopmentPath: extension, extensionTestsPath: tests, workspace, vsix: vsixPath, extensionsDir, locale, env: { TECHBLOG_EXPECT_EXTENSIONS_DIR: env.TECHBLOG_EXPECT_EXTENSIONS_DIR ?? '', TECHBLOG_TEST_FILE: env.TECHBLOG_TEST_FILE ?? '' } });
    // @vscode/test-electron prints the suites' console output itself; we cannot count from here.
  } else {
    const { ensureHost } = await import('../test/host/ensure.mjs');
    await ensureHost();
    if (vsixPath) {
      const { installVsix } = await import('../test/host/vscode-host.mjs');
      await installVsix(vsixPath, extensionsDir);
    }
    const args = ['test/host/run-tests.mjs', '--extension', extension, '--tests', tests, '--workspace', workspace, ...(extensionsDir ? ['--extensions-dir', extensionsDir] : []), ...(locale ? ['--locale', locale] : []), ...(restricted ? ['--restricted'] : [])];
    ({ code, output } = await run(process.execPath, args, { env }));
  }
  addIntegrationCounts(output);
  if (code !== 0) { if (!/failed/.test(output)) totals.failed++; summary(); fail(`${what} failed (exit ${code}).`); }
}

function summary() {
  console.log(`\n[test] ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`);
}

if (arg && /\.(ts|js)$/.test(arg)) {
  const rel = path.relative(root, path.resolve(arg));
  await step('compile', compile);
  if (rel.startsWith('test/unit/')) await step(`unit: ${rel}`, () => unit(rel));
  else if (rel.startsWith('test/integration/web/')) {
    await step('build', () => must(process.execPath, ['scripts/build.mjs'], 'Build'));
    await step(`web: ${rel}`, web);
  } else if (rel.startsWith('test/integration/')) {
    await step('build', () => must(process.execPath, ['scripts/build.mjs'], 'Build'));
    await step(`integration: ${rel}`, () => integration(rel));
  } else fail(`${arg} is neither under test/unit/ nor test/integration/.`);
} else if (arg && arg.endsWith('.e2e.mjs')) {
  await step('build', () => must(process.execPath, ['scripts/build.mjs'], 'Build'));
  await step(`e2e: ${path.relative(root, path.resolve(arg))}`, () => e2e(path.relative(root, path.resolve(arg))));
} else {
  const all = ['static', 'unit', 'fidelity', 'integration', 'web', 'e2e', 'vsix'];
  const stages = arg ? [arg] : all;
  for (const s of stages) if (!all.includes(s)) fail(`Unknown stage "${s}" (${all.join(', ')} or a test file).`);
  await step('typecheck + compile', compile);
  if (stages.includes('static')) await step('lint', () => must(nodeBin('eslint'), ['.'], 'ESLint (including the layer rules)'));
  if (stages.includes('unit')) await step('unit tests (plain Node)', () => unit());
  if (stages.includes('fidelity')) await step('fidelity against real Jekyll (block structure, target ≥ 98 %)', fidelity);
  if (['integration', 'web', 'e2e', 'vsix'].some((s) => stages.includes(s))) await step('build', () => must(process.execPath, ['scripts/build.mjs'], 'Build'));
  if (stages.includes('integration')) await step(`integration tests (real VS Code, ${hostKind} host)`, () => integration());
  if (stages.includes('web')) await step('web extension tests (browser entry in the web worker extension host)', web);
  if (stages.includes('e2e')) await step('end-to-end tests (real workbench: code-server + Chromium)', () => e2e());
  if (stages.includes('vsix')) await step(`packaged .vsix (real VS Code, ${hostKind} host)`, vsix);
  if (stages.includes('vsix')) await step('npm package: npm pack, npx techblog from the tarball, the CI configs', npmPackage);
}
summary();
