// Command-line conventions (issue 14): output piped into `head`, exit codes, colour, --quiet,
// --max-warnings and --format sarif. What a shell sees runs the compiled CLI as its own process.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { RULES } from '../../../src/core/frontmatter/rules';
import { repoRoot } from '../repoRoot';

/** The CLI as `tsc` compiled it (the unit stage's build); `dist/cli.js` is the same entry bundled. */
const CLI = path.join(__dirname, '..', '..', '..', 'src', 'cli', 'main.js');
const SAMPLE = path.join(repoRoot, 'examples', 'sample-blog');
const ESC = '\u001b[';
const TIMEOUT = { timeout: 120_000 };

interface Exit { code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }

/** The CLI as a process; `env` replaces the colour variables of this one. */
function cli(args: string[], opts: { cwd: string; env?: Record<string, string>; nodeArgs?: string[]; closeStdoutAfterFirstChunk?: boolean }): Promise<Exit> {
  const env = { ...process.env };
  delete env.NO_COLOR; delete env.FORCE_COLOR;
  const child = spawn(process.execPath, [...(opts.nodeArgs ?? []), CLI, ...args], { cwd: opts.cwd, env: { ...env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = ''; let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => {
    stdout += d;
    // Like `| head -1`: the reader takes a little and goes away while the CLI is still writing.
    if (opts.closeStdoutAfterFirstChunk) child.stdout.destroy();
  });
  child.stderr.setEncoding('utf8').on('data', (d: string) => { stderr += d; });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, stdout, stderr }));
  });
}

async function inProcess(args: string[], cwd: string, color = false) {
  const out: string[] = []; const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd, color });
  return { code, stdout: out.join('\n'), stderr: err.join('\n') };
}

/** A Jekyll site whose posts each have one warning (an empty description) and nothing else. */
function warningsSite(posts: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-cli-'));
  fs.writeFileSync(path.join(dir, '_config.yml'), 'title: Warnings\n');
  fs.mkdirSync(path.join(dir, '_layouts'));
  fs.writeFileSync(path.join(dir, '_layouts', 'post.html'), '{{ content }}\n');
  fs.mkdirSync(path.join(dir, '_posts'));
  for (let i = 0; i < posts; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    fs.writeFileSync(path.join(dir, '_posts', `2024-01-${day}-post-number-${i}.md`), `---\nlayout: post\ntitle: Post ${i}\ndate: 2024-01-${day}\ndescription: ""\n---\nBody ${i}.\n`);
  }
  return dir;
}

describe('techblog as a process', () => {
  test('piped into a reader that closes early (`| head`): no EPIPE crash, the command\'s own exit code', TIMEOUT, async () => {
    const site = warningsSite(3000);
    try {
      const r = await cli(['check'], { cwd: site, closeStdoutAfterFirstChunk: true });
      assert.equal(r.signal, null);
      assert.doesNotMatch(r.stderr, /EPIPE|Error|at /, r.stderr);
      assert.equal(r.stderr, '');
      // Warnings only: exit 0, as when the whole output is read.
      assert.equal(r.code, 0);
      assert.match(r.stdout, /^_posts\/2024-01-\d\d-post-number-\d+\.md:5:14: warning/);
      // The reader really went away before the end: the summary line never arrived.
      assert.doesNotMatch(r.stdout, /3000 problems/);
    } finally {
      fs.rmSync(site, { recursive: true, force: true });
    }
  });

  test('the whole output, read to the end, ends with its summary and the same exit code', TIMEOUT, async () => {
    const site = warningsSite(40);
    try {
      const r = await cli(['check'], { cwd: site });
      assert.equal(r.code, 0, r.stderr);
      assert.match(r.stdout, /40 problems \(0 errors, 40 warnings, 0 info\) in 40 files\.\n$/);
    } finally {
      fs.rmSync(site, { recursive: true, force: true });
    }
  });

  test('an internal failure (a write the disk refuses) exits 3 with a message, not 2 (bad usage)', TIMEOUT, async () => {
    const site = warningsSite(0);
    const post = path.join(site, '_posts', '2024-02-03-tags.md');
    fs.writeFileSync(post, '---\nlayout: post\ntitle: Tags\ntags: [go, go]\n---\nBody.\n');
    // The machine fails, not the user: every file write rejects with EIO.
    const preload = path.join(site, 'eio.js');
    fs.writeFileSync(preload, `const fs = require('node:fs');
fs.promises.writeFile = async () => { const e = new Error('EIO: i/o error, write'); e.code = 'EIO'; throw e; };\n`);
    try {
      const r = await cli(['check', '--fix'], { cwd: site, nodeArgs: ['--require', preload] });
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /^techblog: internal error: EIO: i\/o error, write\n/);
      assert.equal(fs.readFileSync(post, 'utf8'), '---\nlayout: post\ntitle: Tags\ntags: [go, go]\n---\nBody.\n');
    } finally {
      fs.rmSync(site, { recursive: true, force: true });
    }
  });

  test('bad usage exits 2', TIMEOUT, async () => {
    for (const args of [['check', '--format', 'xml'], ['check', '--max-warnings', 'many'], ['check', '--max-warnings'], ['frobnicate']]) {
      const r = await cli(args, { cwd: SAMPLE });
      assert.equal(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.equal(r.stdout, '');
    }
  });

  test('colour: none into a pipe or with NO_COLOR; FORCE_COLOR asks for it; NO_COLOR wins', TIMEOUT, async () => {
    const piped = await cli(['check'], { cwd: SAMPLE });
    assert.equal(piped.code, 1);
    assert.match(piped.stdout, /: error There is no layout "poost"/);
    assert.ok(!piped.stdout.includes(ESC), 'no ANSI codes into a pipe');
    const forced = await cli(['check'], { cwd: SAMPLE, env: { FORCE_COLOR: '1' } });
    assert.ok(forced.stdout.includes(`${ESC}31merror${ESC}39m`), forced.stdout);
    const both = await cli(['check'], { cwd: SAMPLE, env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    assert.ok(!both.stdout.includes(ESC));
    // Same words either way.
    assert.equal(forced.stdout.split(ESC).map((s, i) => (i ? s.replace(/^\d+m/, '') : s)).join(''), piped.stdout);
  });

  test('colour on a terminal, and not on a terminal with NO_COLOR', { ...TIMEOUT, skip: spawnSync('script', ['--version']).status !== 0 && 'no `script` (util-linux) to give the CLI a terminal' }, () => {
    // `script` runs the CLI on a pseudo-terminal and copies what it printed.
    const onTty = (extraEnv: string) => spawnSync('script', ['-qec', `${extraEnv} "${process.execPath}" "${CLI}" check`, '/dev/null'], {
      cwd: SAMPLE, encoding: 'utf8', env: { ...process.env, NO_COLOR: '', FORCE_COLOR: '', TERM: 'xterm' }, timeout: 120_000,
    });
    const tty = onTty('');
    assert.ok(tty.stdout.includes(`${ESC}31merror${ESC}39m`), tty.stdout);
    const noColor = onTty('NO_COLOR=1');
    assert.match(noColor.stdout, /: error There is no layout "poost"/);
    assert.ok(!noColor.stdout.includes(ESC), noColor.stdout);
  });
});

describe('techblog check --quiet and --max-warnings', () => {
  test('--max-warnings N fails (exit 1) only past N warnings; without it warnings never fail', TIMEOUT, async () => {
    const site = warningsSite(3);
    try {
      assert.equal((await inProcess(['check'], site)).code, 0);
      assert.equal((await inProcess(['check', '--max-warnings', '3'], site)).code, 0);
      const over = await inProcess(['check', '--max-warnings=2'], site);
      assert.equal(over.code, 1);
      assert.match(over.stderr, /3 warnings, more than --max-warnings 2/);
      // --quiet hides the warnings but they still count.
      const quiet = await inProcess(['check', '--quiet', '--max-warnings', '0'], site);
      assert.equal(quiet.code, 1);
      assert.equal(quiet.stdout, 'No errors in 3 files (3 warnings or info hidden by --quiet).');
    } finally {
      fs.rmSync(site, { recursive: true, force: true });
    }
  });

  test('--quiet reports the errors only, in every format', TIMEOUT, async () => {
    const all = JSON.parse((await inProcess(['check', '--format', 'json'], SAMPLE)).stdout) as { problems: { severity: string; file: string; line: number }[] };
    const errors = all.problems.filter((p) => p.severity === 'error');
    assert.ok(errors.length > 0 && errors.length < all.problems.length);
    const quietJson = await inProcess(['check', '--format', 'json', '--quiet'], SAMPLE);
    assert.equal(quietJson.code, 1);
    assert.deepEqual(JSON.parse(quietJson.stdout).problems, errors);
    const text = await inProcess(['check', '-q'], SAMPLE);
    const lines = text.stdout.split('\n');
    assert.equal(lines.length, errors.length + 1);
    for (const [i, e] of errors.entries()) assert.ok(lines[i].startsWith(`${e.file}:${e.line}:`) && lines[i].includes(': error '), lines[i]);
    const github = await inProcess(['check', '--format', 'github', '--quiet'], SAMPLE);
    assert.deepEqual(github.stdout.split('\n').map((l) => l.slice(0, l.indexOf(' '))), errors.map(() => '::error'));
    const sarif = JSON.parse((await inProcess(['check', '--format', 'sarif', '--quiet'], SAMPLE)).stdout);
    assert.deepEqual(sarif.runs[0].results.map((r: { level: string }) => r.level), errors.map(() => 'error'));
  });
});

describe('techblog check --format sarif', () => {
  test('a SARIF 2.1.0 log GitHub code scanning accepts: rules, results, locations as the JSON format gives them', TIMEOUT, async () => {
    const json = await inProcess(['check', '--format', 'json'], SAMPLE);
    const sarifRun = await inProcess(['check', '--format', 'sarif'], SAMPLE);
    assert.equal(sarifRun.code, json.code);
    const log = JSON.parse(sarifRun.stdout);
    assert.equal(log.version, '2.1.0');
    assert.equal(log.$schema, 'https://json.schemastore.org/sarif-2.1.0.json');
    assert.equal(log.runs.length, 1);
    const run = log.runs[0];
    const driver = run.tool.driver;
    assert.equal(driver.name, 'techblog');
    assert.equal(driver.version, JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')).version);
    assert.deepEqual(driver.rules.map((r: { id: string }) => r.id), RULES.map((r) => r.id));
    for (const r of driver.rules) {
      assert.ok(r.shortDescription.text.length > 0 && !r.shortDescription.text.includes('`'), r.id);
      assert.ok(['error', 'warning', 'note'].includes(r.defaultConfiguration.level), r.id);
    }
    const expected = (JSON.parse(json.stdout) as { problems: { file: string; line: number; column: number; endLine: number; endColumn: number; severity: string; rule: string; message: string }[] }).problems;
    assert.ok(expected.length > 5);
    assert.equal(run.results.length, expected.length);
    for (const [i, res] of run.results.entries()) {
      const e = expected[i];
      // Each result names its rule by id and by index into the rules, as the specification requires to agree.
      assert.equal(res.ruleId, e.rule);
      assert.equal(driver.rules[res.ruleIndex].id, e.rule);
      assert.equal(res.level, e.severity === 'info' ? 'note' : e.severity);
      assert.equal(res.message.text, e.message);
      assert.equal(res.locations.length, 1);
      const loc = res.locations[0].physicalLocation;
      // A relative URI against the checkout (%SRCROOT%): what upload-sarif maps to the repository's files.
      assert.equal(loc.artifactLocation.uriBaseId, '%SRCROOT%');
      assert.equal(decodeURIComponent(loc.artifactLocation.uri), e.file);
      assert.ok(!loc.artifactLocation.uri.startsWith('/'));
      assert.deepEqual(loc.region, { startLine: e.line, startColumn: e.column, endLine: e.endLine, endColumn: e.endColumn });
      assert.ok(loc.region.startLine >= 1 && loc.region.startColumn >= 1);
    }
  });

  test('a file name with spaces and non-ASCII letters is a percent-encoded URI', TIMEOUT, async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-sarif-'));
    try {
      fs.writeFileSync(path.join(dir, '_config.yml'), 'title: t\n');
      fs.mkdirSync(path.join(dir, '_posts'));
      fs.writeFileSync(path.join(dir, '_posts', '2024-01-02-筆記 one.md'), '---\ntitle: x\ndescription: ""\n---\n');
      const log = JSON.parse((await inProcess(['check', '--format', 'sarif'], dir)).stdout);
      const uris = log.runs[0].results.map((r: { locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.locations[0].physicalLocation.artifactLocation.uri);
      assert.ok(uris.length > 0);
      for (const u of uris) assert.equal(u, '_posts/2024-01-02-%E7%AD%86%E8%A8%98%20one.md');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
