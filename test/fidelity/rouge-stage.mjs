// Rouge stage: our code highlighting against Debian's ruby-rouge (the Rouge Debian's jekyll uses), per
// character. For each sample in test/fixtures/code/<lang>.<ext> (the file's base name is the fence's
// language), Rouge highlights it with the lexer kramdown picks for that name (test/fidelity/rouge-oracle.rb,
// one ruby process for all samples, cached by input hash under the OS temp folder), and so do we. Each
// character of the code gets the class of its innermost span ('' when unclassed) in both outputs; a
// language's agreement is the share of the characters Rouge classified whose class is the same in ours.
//
// Run after `tsc` (it loads out/): node test/fidelity/rouge-stage.mjs [--verbose] [--lang NAME]
// Prints one line per language and `[rouge] overall: P % of N classified characters; K/M languages ≥ 95 %`.
// Exits 1 when a language is under FLOOR, 0 with a "skipped" line when ruby or ruby-rouge is missing.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const require = createRequire(path.join(root, 'package.json'));
const args = process.argv.slice(2);
const verbose = args.includes('--verbose');
const onlyLang = args.flatMap((a, i) => (a === '--lang' ? [args[i + 1]] : []))[0];
const FLOOR = Number(args.flatMap((a, i) => (a === '--floor' ? [args[i + 1]] : []))[0] ?? 95);

const probe = spawnSync('ruby', ['-rrouge', '-e', 'print Rouge.version'], { encoding: 'utf8' });
if (probe.error || probe.status !== 0) {
  console.log('[rouge] skipped: ruby with ruby-rouge is not installed (apt-get install ruby-rouge). Nothing was run.');
  process.exit(0);
}

const outDir = process.env.TECHBLOG_OUT_DIR ? path.resolve(process.env.TECHBLOG_OUT_DIR) : path.join(root, 'out');
const enginePath = [
  path.join(outDir, 'src', 'core', 'render', 'highlight', 'highlighter.js'),
  path.join(outDir, 'src', 'core', 'render', 'highlight.js'),
].find((p) => fs.existsSync(p));
if (!enginePath) {
  console.error('[rouge] out/ is missing: run `npx tsc -p tsconfig.json` first.');
  process.exit(2);
}
const { CodeHighlighter } = require(enginePath);

const codeDir = path.join(root, 'test', 'fixtures', 'code');
const samples = fs.readdirSync(codeDir).sort()
  .map((f) => ({ id: f, lang: f.replace(/\.[^.]*$/, ''), code: fs.readFileSync(path.join(codeDir, f), 'utf8') }))
  .filter((s) => !onlyLang || s.lang === onlyLang);

/** Rouge's HTML for every sample: one ruby run, cached by the inputs and the Rouge version. */
function oracle() {
  const input = JSON.stringify(samples);
  const script = path.join(root, 'test', 'fidelity', 'rouge-oracle.rb');
  const hash = crypto.createHash('sha256').update(probe.stdout).update(fs.readFileSync(script)).update(input);
  const cache = path.join(os.tmpdir(), `techblog-rouge-${hash.digest('hex').slice(0, 16)}.json`);
  if (fs.existsSync(cache)) return JSON.parse(fs.readFileSync(cache, 'utf8'));
  const r = spawnSync('ruby', [script], { input, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  if (r.status !== 0) {
    console.error(`[rouge] the Rouge oracle failed: ${r.stderr}`);
    process.exit(2);
  }
  fs.writeFileSync(cache, r.stdout);
  return JSON.parse(r.stdout);
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** The code text of highlighted HTML and, per character, its innermost span's class. */
export function classesOf(html) {
  const text = [];
  const classes = [];
  const stack = [];
  const re = /<span class="([^"]*)">|<\/span>|&(#x[0-9a-f]+|#\d+|\w+);|<[^>]*>|[^<&]+|[<&]/gi;
  for (let m; (m = re.exec(html)); ) {
    if (m[1] !== undefined) stack.push(m[1]);
    else if (m[0] === '</span>') stack.pop();
    else if (m[0].startsWith('<') && m[0].length > 1) continue;
    else {
      const s = m[2] === undefined ? m[0]
        : m[2][0] === '#' ? String.fromCodePoint(m[2][1] === 'x' || m[2][1] === 'X' ? parseInt(m[2].slice(2), 16) : Number(m[2].slice(1)))
        : ENTITIES[m[2]] ?? m[0];
      for (const ch of s) { text.push(ch); classes.push(stack.length ? stack[stack.length - 1] : ''); }
    }
  }
  return { text: text.join(''), classes };
}

const { version, results } = oracle();
const ours = new CodeHighlighter();
let totalSame = 0;
let totalClassified = 0;
let passing = 0;
const failing = [];
console.log(`[rouge] Rouge ${version}: ${samples.length} samples from test/fixtures/code`);
for (const s of samples) {
  const rouge = results[s.id];
  const mine = classesOf(ours.tokens(s.code, s.lang));
  if (rouge.plain) {
    // Rouge has no lexer (or plain text): kramdown leaves the code unhighlighted, and so must we.
    const ok = mine.classes.every((c) => c === '');
    console.log(`[rouge] ${s.lang.padEnd(12)} plain text in Rouge: ${ok ? 'plain in ours too' : 'OURS IS HIGHLIGHTED'}`);
    if (ok) passing++; else failing.push(s.lang);
    continue;
  }
  const theirs = classesOf(rouge.html);
  if (theirs.text !== mine.text) {
    console.log(`[rouge] ${s.lang.padEnd(12)} TEXT DIFFERS from Rouge's (ours ${mine.text.length} characters, Rouge ${theirs.text.length})`);
    failing.push(s.lang);
    continue;
  }
  let same = 0;
  let classified = 0;
  const confusions = new Map();
  for (let i = 0; i < theirs.classes.length; i++) {
    const want = theirs.classes[i];
    if (want === '') continue;
    classified++;
    if (mine.classes[i] === want) same++;
    else {
      const k = `${want}→${mine.classes[i] || '∅'}`;
      confusions.set(k, (confusions.get(k) ?? 0) + 1);
    }
  }
  totalSame += same;
  totalClassified += classified;
  const pct = classified ? (100 * same) / classified : 100;
  if (pct >= FLOOR) passing++; else failing.push(s.lang);
  const worst = [...confusions].sort((a, b) => b[1] - a[1]).slice(0, verbose ? 20 : 4).map(([k, n]) => `${k} ${n}`).join(', ');
  console.log(`[rouge] ${s.lang.padEnd(12)} ${pct.toFixed(1).padStart(5)} % of ${String(classified).padStart(5)} (lexer ${rouge.lexer})${worst ? `  misses: ${worst}` : ''}`);
}
const overall = totalClassified ? (100 * totalSame) / totalClassified : 100;
console.log(`[rouge] overall: ${overall.toFixed(1)} % of ${totalClassified} classified characters; ${passing}/${samples.length} languages ≥ ${FLOOR} %`);
if (failing.length) {
  console.error(`[rouge] under ${FLOOR} %: ${failing.join(', ')}`);
  process.exit(1);
}
