// The command line as npm users get it (npm test, stage vsix): `npm pack`, then in an empty folder
// `npm install <tarball>` with no registry (npm_config_offline) and `npx techblog …` there. Then the
// ready-made CI configs the README shows, run as their tools would run them against the sample blog:
// the GitHub Actions workflow's `run:` steps (docs/ci/techblog-check.yml) and the pre-commit hooks'
// entries on the files their `files` pattern selects (.pre-commit-hooks.yaml, docs/ci/pre-commit-config.yaml).
//   node test/package/npm.mjs        ends with "[npm] N passed, M failed"
import { spawnSync } from 'node:child_process';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import YAML from 'yaml';
import { root } from '../../scripts/lib/run.mjs';

const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const sample = path.join(root, 'examples/sample-blog');
const defects = JSON.parse(fs.readFileSync(path.join(sample, 'DEFECTS.json'), 'utf8'));
const work = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'techblog-npm-'));
// No registry: the package must install and run from its tarball alone.
const env = { ...process.env, npm_config_offline: 'true', npm_config_audit: 'false', npm_config_fund: 'false', npm_config_update_notifier: 'false' };
delete env.NO_COLOR; delete env.FORCE_COLOR;
for (const k of Object.keys(env)) if (/^npm_(lifecycle|package|config_(prefix|global))/.test(k)) delete env[k];

let passed = 0; let failed = 0;
async function check(name, fn) {
  try {
    await fn();
    passed++;
    console.log(`  ✔ ${name}`);
  } catch (e) {
    failed++;
    console.log(`  ✖ ${name}\n${String(e?.stack ?? e).replace(/^/gm, '      ')}`);
  }
}

function sh(cmd, args, cwd, extraEnv = {}) {
  const r = spawnSync(cmd, args, { cwd, env: { ...env, ...extraEnv }, encoding: 'utf8', timeout: 300_000, maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

/** A workflow step's `run:` as GitHub's runner runs it on Linux (shell: bash, the default). */
const bashStep = (script, cwd, extraEnv) => sh('bash', ['--noprofile', '--norc', '-eo', 'pipefail', '-c', script], cwd, extraEnv);

const project = path.join(work, 'empty');
fs.mkdirSync(project);
const blog = path.join(project, 'blog');
const binDir = path.join(project, 'node_modules', '.bin');
let tarball;

try {
  console.log('[npm] npm pack, install the tarball offline into an empty folder, npx techblog');

  await check('npm pack builds (prepack) and packs only what the command line runs', () => {
    const r = sh('npm', ['pack', '--json', '--pack-destination', work], root);
    assert.equal(r.code, 0, r.stderr);
    // The prepack build prints first; npm's JSON is the array after it.
    const [info] = JSON.parse(r.stdout.slice(r.stdout.search(/^\[$/m)));
    tarball = path.join(work, info.filename);
    const files = info.files.map((f) => f.path).sort();
    const expected = ['CHANGELOG.md', 'LICENSE', 'README.md', 'dist/cli.js', 'dist/imageWorker.js', 'dist/renderWorker.js', 'dist/sass.js', 'package.json'];
    assert.deepEqual(files.filter((f) => !f.startsWith('media/theme/') && !f.startsWith('dist/wasm/')), expected);
    assert.ok(files.includes('dist/wasm/webp_enc_simd.wasm') && files.includes('dist/wasm/mozjpeg_dec.wasm'), 'the image codecs `techblog images optimise` loads');
    assert.ok(files.includes('media/theme/fallback.css') && files.includes('media/theme/katex/katex.min.css'), 'the theme `render` inlines');
    assert.ok(files.some((f) => /^media\/theme\/katex\/fonts\/.+\.woff2$/.test(f)), 'KaTeX fonts');
    assert.ok(!files.some((f) => f.endsWith('.map')), 'no source maps');
    console.log(`      ${info.filename}: ${info.entryCount} files, ${(info.size / 1024).toFixed(0)} KiB packed, ${(info.unpackedSize / 1024).toFixed(0)} KiB unpacked`);
  });

  await check('the packed manifest: public, a bin, engines, no runtime dependencies (all bundled)', () => {
    const r = sh('tar', ['-xzOf', tarball, 'package/package.json'], work);
    const m = JSON.parse(r.stdout);
    assert.equal(m.private, undefined);
    assert.deepEqual(m.bin, { techblog: './dist/cli.js' });
    assert.equal(m.engines.node, pkg.engines.node);
    assert.deepEqual(Object.keys(m.dependencies ?? {}), []);
    assert.equal(m.scripts.prepack, 'node scripts/build.mjs --production');
  });

  await check('npm install <tarball> in an empty folder, offline: no warnings, nothing else installed', () => {
    const r = sh('npm', ['install', '--no-save', tarball], project);
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /EBADENGINE|npm warn/i, r.stderr);
    assert.deepEqual(fs.readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.')), ['techblog']);
  });

  // Nothing after this can work without the installed package.
  if (failed) throw new Error('the package did not pack or install: the remaining checks are skipped');

  await check('npx techblog --version and --help', () => {
    const v = sh('npx', ['techblog', '--version'], project);
    assert.equal(v.code, 0, v.stderr);
    assert.equal(v.stdout.trim(), pkg.version);
    const h = sh('npx', ['techblog', '--help'], project);
    assert.equal(h.code, 0, h.stderr);
    assert.match(h.stdout, /^Usage: techblog <command>/);
  });

  fs.cpSync(sample, blog, { recursive: true });

  await check('npx techblog check finds every defect of the sample blog and nothing else', () => {
    const r = sh('npx', ['techblog', 'check', '--format', 'json'], blog);
    assert.equal(r.code, 1, r.stderr);
    const got = JSON.parse(r.stdout).problems.map((p) => `${p.file} ${p.rule}`).sort();
    assert.deepEqual(got, defects.defects.map((d) => `${d.file} ${d.rule}`).sort());
  });

  await check('npx techblog render: the bundled theme and KaTeX from the package\'s media/theme', () => {
    fs.writeFileSync(path.join(blog, '_posts', '2024-03-01-maths.md'), '---\nlayout: post\ntitle: Maths\n---\n\nEuler: $$e^{i\\pi} + 1 = 0$$\n');
    const out = path.join(blog, 'maths.html');
    const r = sh('npx', ['techblog', 'render', '_posts/2024-03-01-maths.md', '-o', out], blog);
    assert.equal(r.code, 0, r.stderr);
    const html = fs.readFileSync(out, 'utf8');
    assert.match(html, /class="katex"/);
    // KaTeX's CSS is inlined, its fonts point into the installed package.
    assert.match(html, /url\("\.\.\/node_modules\/techblog\/media\/theme\/katex\/fonts\/KaTeX_Main-Regular\.woff2"\)/);
    assert.match(html, /Euler:/);
  });

  const workflowFile = path.join(root, 'docs/ci/techblog-check.yml');
  const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

  await check('the GitHub Actions workflow (docs/ci/techblog-check.yml): its run steps on the sample blog', () => {
    const wf = YAML.parse(fs.readFileSync(workflowFile, 'utf8'));
    const steps = Object.values(wf.jobs).flatMap((j) => j.steps);
    const runs = steps.filter((s) => s.run);
    assert.equal(runs.length, 2);
    for (const s of steps.filter((x) => x.uses)) assert.match(s.uses, /^[\w-]+\/[\w/-]+@v\d+$/, 'actions pinned to a major version');
    assert.ok(steps.some((s) => s.uses?.startsWith('github/codeql-action/upload-sarif@') && s.with.sarif_file === 'techblog.sarif'));
    assert.equal(wf.permissions['security-events'], 'write', 'upload-sarif needs it');
    for (const s of runs) assert.ok(readme.includes(s.run.trim()), `README shows: ${s.run.trim()}`);
    // Step 1: annotations; the sample blog has errors, so the job fails here, as it should.
    const annotate = bashStep(runs[0].run, blog);
    assert.equal(annotate.code, 1, annotate.stderr);
    const annotations = annotate.stdout.trim().split('\n');
    assert.equal(annotations.length, defects.defects.length);
    assert.ok(annotations.every((l) => /^::(error|warning|notice) file=_posts\/[^,]+,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=techblog\(/.test(l)), annotate.stdout);
    assert.ok(annotations.some((l) => l.startsWith('::error file=_posts/2023-05-20-nginx-rate-limit.md,line=2,')), annotate.stdout);
    // Step 2 (runs even after a failure): the SARIF file, complete though errors were found.
    const sarif = bashStep(runs[1].run, blog);
    assert.equal(sarif.code, 0, sarif.stderr);
    const log = JSON.parse(fs.readFileSync(path.join(blog, 'techblog.sarif'), 'utf8'));
    assert.equal(log.version, '2.1.0');
    assert.equal(log.runs[0].results.length, defects.defects.length);
    fs.rmSync(path.join(blog, 'techblog.sarif'));
  });

  await check('--max-warnings in the workflow: a blog with warnings only passes under the limit, fails over it', () => {
    const wf = YAML.parse(fs.readFileSync(workflowFile, 'utf8'));
    const step = Object.values(wf.jobs)[0].steps.find((s) => s.run).run;
    const limit = Number(/--max-warnings (\d+)/.exec(step)[1]);
    const site = path.join(project, 'warnings');
    fs.mkdirSync(path.join(site, '_posts'), { recursive: true });
    fs.mkdirSync(path.join(site, '_layouts'));
    fs.writeFileSync(path.join(site, '_config.yml'), 'title: w\n');
    fs.writeFileSync(path.join(site, '_layouts', 'post.html'), '{{ content }}\n');
    const write = (n) => { for (let i = 0; i < n; i++) fs.writeFileSync(path.join(site, '_posts', `2024-01-01-p${i}.md`), `---\nlayout: post\ntitle: P${i}\ndate: 2024-01-01\ndescription: ""\n---\n`); };
    write(limit);
    assert.equal(bashStep(step, site).code, 0);
    write(limit + 1);
    const over = bashStep(step, site);
    assert.equal(over.code, 1);
    assert.match(over.stderr, new RegExp(`${limit + 1} warnings, more than --max-warnings ${limit}`));
  });

  /** The files of the blog (as `git ls-files` would list them), `/`-separated. */
  const blogFiles = fs.readdirSync(blog, { recursive: true }).map(String).map((f) => f.split(path.sep).join('/')).filter((f) => fs.statSync(path.join(blog, f)).isFile());

  /** A pre-commit hook as pre-commit runs it: `entry` and the selected files, the hook's bin on PATH. */
  function runHook(hook, files) {
    const re = new RegExp(hook.files);
    const selected = files.filter((f) => re.test(f) && (!hook.exclude || !new RegExp(hook.exclude).test(f)));
    const [cmd, ...args] = hook.entry.split(/\s+/);
    return { selected, ...sh(cmd, [...args, ...selected], blog, { PATH: `${binDir}${path.delimiter}${env.PATH}` }) };
  }

  const hookConfigs = [
    ['.pre-commit-hooks.yaml', (y) => y],
    ['docs/ci/pre-commit-config.yaml', (y) => y.repos.flatMap((r) => r.hooks)],
  ];
  for (const [file, hooksOf] of hookConfigs) {
    await check(`pre-commit hook (${file}): selects posts, _config.yml and _data; fails on the defective posts, passes on clean ones`, () => {
      const text = fs.readFileSync(path.join(root, file), 'utf8');
      const [hook] = hooksOf(YAML.parse(text));
      assert.equal(hook.id, 'techblog-check');
      assert.equal(hook.language, 'node');
      if (file.startsWith('docs/')) {
        assert.deepEqual(hook.additional_dependencies, [`techblog@${pkg.version}`]);
        assert.ok(readme.includes(text.slice(text.indexOf('repos:')).trim()), 'the README shows this config');
      }
      const all = runHook(hook, blogFiles);
      for (const f of ['_config.yml', ...defects.cleanPosts, ...defects.defects.map((d) => d.file)]) assert.ok(all.selected.includes(f), f);
      assert.ok(!all.selected.some((f) => /\.(png|jpe?g|html|scss)$/.test(f)), all.selected.join(' '));
      assert.equal(all.code, 1, all.stderr);
      assert.match(all.stdout, /_posts\/2023-05-20-nginx-rate-limit\.md:2:9: error There is no layout "poost"/);
      const clean = runHook(hook, defects.cleanPosts);
      assert.equal(clean.code, 0, clean.stdout + clean.stderr);
      assert.match(clean.stdout, new RegExp(`No problems in ${defects.cleanPosts.length} files\\.`));
    });
  }
} catch (e) {
  failed++;
  console.log(`  ✖ ${e.message}`);
} finally {
  fs.rmSync(work, { recursive: true, force: true });
}

console.log(`[npm] ${passed} passed, ${failed} failed`);
process.exitCode = failed ? 1 : 0;
