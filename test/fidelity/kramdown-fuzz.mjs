// Differential fuzzing of our markdown-it kramdown against Debian's kramdown (Jekyll's converter and
// options, test/fidelity/kramdown-oracle.rb). A seeded generator mixes the constructs posts combine
// (lists in quotes in lists, tables next to IALs, fences inside lists, CJK next to emphasis, HTML blocks,
// math, footnotes, headers, links, code spans, definition lists, tables without a separator line, link and
// abbreviation definitions; COVERAGE counts the issue's list in every run); each document goes through both; they agree when their
// block signatures and span elements are equal. Disagreements are minimised (delta debugging on lines,
// then characters) to small reproducers; the ones listed in kramdown-fuzz-known.json carry their reason.
//   node test/fidelity/kramdown-fuzz.mjs [--seed N] [--count N] [--minimise N] [--show N] [--dump file.json] [--spans]
// Run after `npx tsc -p tsconfig.json`. Fails when the agreement falls under FLOOR. Skips without ruby/jekyll.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const arg = (name, dflt) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : dflt;
};
/** The agreement this stage must keep (measured rate minus a margin; see the README). */
const FLOOR = 0.995;
const seed = arg('seed', 11);
const count = arg('count', 2000);
const minimiseMax = arg('minimise', 12);
const show = arg('show', 8);
const spansOnly = process.argv.includes('--spans');

const oracleLib = await import(path.join(root, 'out/test/unit/render/kramdown/kramdownOracle.js'));
const why = oracleLib.kramdownMissing();
if (why) {
  console.log(`[kramdown-fuzz] ${why}`);
  process.exit(0);
}
const { oursHtml, signature, ORACLE_SCRIPT } = oracleLib;
const { mulberry32 } = await import(path.join(root, 'out/test/unit/prng.js'));
const { alignBlocks } = await import(path.join(root, 'out/test/unit/render/blocks.js'));

// ---- the oracle: one ruby process, JSON lines ---------------------------------------------------
const ruby = spawn('ruby', [ORACLE_SCRIPT], { stdio: ['pipe', 'pipe', 'inherit'] });
const waiting = new Map();
let nextId = 0;
readline.createInterface({ input: ruby.stdout }).on('line', (line) => {
  const o = JSON.parse(line);
  waiting.get(o.id)?.(o.html ?? `<!-- kramdown error: ${o.error} -->`);
  waiting.delete(o.id);
});
const kramdown = (text) => new Promise((resolve) => {
  const id = nextId++;
  waiting.set(id, resolve);
  ruby.stdin.write(JSON.stringify({ id, text }) + '\n');
});

// ---- the generator ------------------------------------------------------------------------------
function generator(rand) {
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const words = ['alpha', 'beta', 'code', 'note', 'value', 'x', 'foo_bar', 'snake_case_name', 'a*b', '2*3', 'C++', 'it\'s', 'end.'];
  const cjk = ['注意：', '這裡', '中文', '說明', '結果。', '（例如）', '「引號」', '步驟一'];
  const word = () => (rand() < 0.3 ? pick(cjk) : pick(words));
  const text = (n = int(1, 4)) => Array.from({ length: n }, word).join(rand() < 0.2 ? '' : ' ');
  const notes = ['1', 'a', 'note-2'];
  const span = () => {
    switch (int(0, 17)) {
      case 0: return `*${text(int(1, 2))}*`;
      case 1: return `**${text(int(1, 2))}**`;
      case 2: return `_${text(1)}_`;
      case 3: return `__${text(1)}__`;
      case 4: return `**${pick(cjk)}**${pick(cjk)}`;
      case 5: return `${pick(cjk)}*${pick(cjk)}*${pick(cjk)}`;
      case 6: return `\`${pick(['x = 1', 'a_b', '*p', '<div>', 'a `b` c'])}\``;
      case 7: return `\`\` ${pick(['a`b', '`x`', 'c'])} \`\``;
      case 8: return `[${text(int(1, 2))}](${pick(['http://example.com/a', '/b.html', '#c', 'http://e.com/x_(y)'])}${rand() < 0.3 ? ' "t"' : ''})`;
      case 9: return pick(['<http://example.com>', '<mail@example.com>']);
      case 10: return `$$${pick(['x^2', 'a_b', '\\frac{1}{2}', 'E=mc^2'])}$$`;
      case 11: return `[^${pick(notes)}]`;
      case 12: return pick(['\\*', '\\_', '\\`', '\\[', '\\$', '\\\\', '\\|', '\\{', '\\#']);
      case 13: return pick(['"quoted"', '\'single\'', '--', '---', '...', '<<', '>>', 'don\'t']);
      case 14: return pick(['<kbd>Ctrl</kbd>', '<span class="x">s</span>', '<br>', '<b>bold</b>', '<em>e</em>']);
      case 15: return `${text(1)}  \n${text(1)}`;
      case 16: return `***${text(1)}***`;
      default: return `${pick(['*', '**', '_', '__'])}${text(1)}${pick(['*', '**', '_', '__', ''])}`;
    }
  };
  const inline = () => Array.from({ length: int(1, 5) }, () => (rand() < 0.45 ? span() : text())).join(pick([' ', ' ', '', '，']));
  const indent = (s, by) => s.split('\n').map((l) => (l ? by + l : l)).join('\n');
  const block = (depth) => {
    const k = depth > 2 ? int(0, 3) : int(0, 20);
    switch (k) {
      case 0: case 1: case 2: return inline() + (rand() < 0.3 ? '\n' + inline() : '');
      case 3: return `${'#'.repeat(int(1, 4))} ${inline()}${rand() < 0.2 ? ' {#custom-id}' : ''}`;
      case 4: case 5: {
        const bullet = pick(['-', '*', '1.', '+']);
        return Array.from({ length: int(1, 3) }, () => {
          const item = rand() < 0.35 ? `${inline()}\n\n${block(depth + 1)}` : inline();
          return `${bullet} ${indent(item, ' '.repeat(bullet.length + 1)).trimStart()}`;
        }).join(rand() < 0.3 ? '\n\n' : '\n');
      }
      case 6: return indent(block(depth + 1), '> ');
      case 7: return `\`\`\`${pick(['', 'js', 'python', 'ruby'])}\n${pick(['x = 1', 'a *b* c', '# not a header', '  indented'])}\n\`\`\``;
      case 8: return `| ${text(1)} | ${text(1)} |\n|---|---|\n| ${inline()} | ${text(1)} |${rand() < 0.5 ? '\n{: .table}' : ''}`;
      case 9: return `<div class="box">\n${pick(['*not md*', 'text', '<p>para</p>'])}\n</div>`;
      case 10: return `$$\n${pick(['x^2 + y^2', '\\sum_{i=1}^n i', 'a &= b \\\\ c &= d'])}\n$$`;
      case 11: return `[^${pick(notes)}]: ${inline()}${rand() < 0.3 ? `\n\n    ${inline()}` : ''}`;
      case 12: return `${inline()}\n{: .${pick(['note', 'warn'])}}`;
      case 13: return pick(['***', '---', '* * *']);
      case 14: return `${inline()}\n${pick(['===', '---'])}`;
      case 15: return `${text(1)}\n: ${inline()}${rand() < 0.3 ? `\n: ${text(1)}` : ''}`;
      case 16: return `| ${text(1)} | ${inline()} |\n| ${text(1)} | ${text(1)} |${rand() < 0.5 ? `\n{: .${pick(['note', 'warn'])}}` : ''}`;
      case 17: return `${inline()} [${text(1)}][r] *HTML*\n\n[r]: http://example.com/r${rand() < 0.5 ? '\n*[HTML]: Hyper Text' : ''}`;
      case 18: return `$$\n${pick(['x^2', 'a_b'])}\n\n${pick(['y', '\\frac{1}{2}'])}\n$$`;
      case 19: {
        const b = pick(['-', '*', '1.']);
        const quote = `> ${pick(['-', '+', '2.'])} ${inline()}\n> ${rand() < 0.5 ? '  ' : ''}${pick(['-', '+', '2.'])} ${inline()}${rand() < 0.3 ? `\n${text(1)}` : ''}`;
        return `${b} ${inline()}\n\n${indent(quote, ' '.repeat(b.length + 1))}`;
      }
      default: return `1. ${inline()}\n\n   \`\`\`\n   code in list\n   \`\`\``;
    }
  };
  // --spans: paragraphs only, to look at the span rules without block differences in the way.
  if (spansOnly) return () => Array.from({ length: int(1, 3) }, inline).join('\n\n') + '\n';
  return () => Array.from({ length: int(1, 5) }, () => block(0)).join(rand() < 0.85 ? '\n\n' : '\n') + '\n';
}

/** What the issue asks the generator to mix, and how a document shows it (counted over the run, printed). */
const COVERAGE = [
  ['lists in quotes in lists', /^ +> *(?:[-*+]|\d+\.) /m],
  ['tables next to IALs', /^\|.*\|\n\{:/m],
  ['fences inside lists', /^ +```/m],
  ['CJK next to emphasis', /[\u3000-\u9fff\uff00-\uffef][*_]|[*_][\u3000-\u9fff\uff00-\uffef]/],
  ['HTML blocks', /^ *<div/m],
  ['math blocks', /^\s*\$\$$/m],
  ['footnotes', /\[\^[\w-]+\]:/],
];

// ---- comparison and minimising ------------------------------------------------------------------
/** What kind of difference: the first element kramdown has and we do not, and ours instead (`p→ul`, `spans`). */
function kindOf(theirs, ours) {
  const { onlyA, onlyB } = alignBlocks(theirs, ours);
  if (!onlyA.length && !onlyB.length) return undefined;
  const tag = (sig) => (sig === undefined ? '' : sig.split('|')[0].split(/[.#]/)[0]);
  return `${tag(onlyA[0])}→${tag(onlyB[0])}`;
}

async function disagreement(text) {
  const theirs = await kramdown(text);
  if (theirs.startsWith('<!-- kramdown error')) return undefined;
  let ours;
  try {
    ours = oursHtml(text);
  } catch (e) {
    return { kind: 'throws', theirs, ours: `(our render threw: ${e.message})` };
  }
  const kind = kindOf(signature(theirs), signature(ours));
  return kind ? { kind, theirs, ours } : undefined;
}

/** ddmin over units (lines, then characters) keeping the document disagreeing. */
async function ddmin(units, join, test) {
  let n = 2;
  while (units.length >= 2) {
    const size = Math.ceil(units.length / n);
    let reduced = false;
    for (let i = 0; i < units.length; i += size) {
      const rest = [...units.slice(0, i), ...units.slice(i + size)];
      if (rest.length && (await test(join(rest)))) {
        units = rest;
        n = Math.max(n - 1, 2);
        reduced = true;
        break;
      }
    }
    if (!reduced) {
      if (n >= units.length) break;
      n = Math.min(units.length, n * 2);
    }
  }
  return join(units);
}

/** The smallest document that still differs in the same way (the same kind: a minimiser left free drifts to `-`). */
async function minimise(text) {
  const kind = (await disagreement(text))?.kind;
  const test = async (t) => (await disagreement(t))?.kind === kind;
  const lines = await ddmin(text.split('\n'), (u) => u.join('\n'), test);
  return ddmin([...lines], (u) => u.join(''), test);
}

// ---- the run ------------------------------------------------------------------------------------
const started = Date.now();
const next = generator(mulberry32(seed));
const disagreeing = [];
let agreed = 0;
const covered = COVERAGE.map(() => 0);
for (let i = 0; i < count; i++) {
  const doc = next();
  COVERAGE.forEach(([, re], j) => { if (re.test(doc)) covered[j]++; });
  const d = await disagreement(doc);
  if (d) disagreeing.push({ doc, kind: d.kind });
  else agreed++;
}
const rate = agreed / count;

const knownPath = path.join(root, 'test/fidelity/kramdown-fuzz-known.json');
const known = fs.existsSync(knownPath) ? JSON.parse(fs.readFileSync(knownPath, 'utf8')) : [];
const stillKnown = [];
for (const k of known) if (await disagreement(k.input)) stillKnown.push(k);
const byCategory = new Map();
for (const k of stillKnown) byCategory.set(k.category, (byCategory.get(k.category) ?? 0) + 1);

// One document of each kind of difference is minimised (the most frequent kinds first).
const kinds = new Map();
for (const d of disagreeing) kinds.set(d.kind, [...(kinds.get(d.kind) ?? []), d.doc]);
const reproducers = new Map();
for (const [kind, docs] of [...kinds].sort((a, b) => b[1].length - a[1].length).slice(0, minimiseMax)) {
  const shortest = docs.reduce((a, b) => (b.length < a.length ? b : a));
  reproducers.set(await minimise(shortest), { kind, count: docs.length });
}

const dumpAt = process.argv.indexOf('--dump');
if (dumpAt > 0) fs.writeFileSync(process.argv[dumpAt + 1], JSON.stringify([...reproducers].map(([input, r]) => ({ kind: r.kind, input, count: r.count })), null, 2));
let unexplained = 0;
let shown = 0;
for (const [small, { kind, count: n }] of reproducers) {
  const k = known.find((x) => x.input === small);
  if (k) {
    console.log(`[kramdown-fuzz] ${kind} (${n} documents), known: ${k.category}: ${JSON.stringify(small)}`);
    continue;
  }
  unexplained++;
  if (shown++ >= show) continue;
  console.log(`[kramdown-fuzz] ${kind} (${n} documents), not in the known list: ${JSON.stringify(small)}`);
  const d = await disagreement(small);
  if (d) console.log(`    kramdown: ${JSON.stringify(d.theirs.slice(0, 300))}\n    ours:     ${JSON.stringify(d.ours.slice(0, 300))}`);
}
// A listed reproducer that now agrees is a stale entry: the list says only what still differs (as the peer stage's).
for (const k of known) {
  if (stillKnown.includes(k)) continue;
  console.log(`[kramdown-fuzz] known difference now agrees (remove it from the list): ${JSON.stringify(k.input)}`);
  process.exitCode = 1;
}
for (const [cat, n] of byCategory) console.log(`[kramdown-fuzz] known: ${cat}: ${n} reproducer(s) still differ`);
ruby.stdin.end();
const pct = (x) => `${(x * 100).toFixed(1)} %`;
console.log(`[kramdown-fuzz] generated: ${COVERAGE.map(([name], j) => `${name} ${covered[j]}`).join(', ')} (documents holding each)`);
// Each construct the issue lists must be in at least 1 % of the documents, or the rate says nothing about it.
const missingCoverage = COVERAGE.filter((_, j) => covered[j] < count / 100).map(([name]) => name);
if (missingCoverage.length) {
  console.log(`[kramdown-fuzz] the generator hardly makes: ${missingCoverage.join(', ')}`);
  process.exitCode = 1;
}
console.log(`[kramdown-fuzz] seed ${seed}, ${count} documents: ${agreed} agree with kramdown (${pct(rate)}), floor ${pct(FLOOR)}; ` +
  `${reproducers.size} minimised reproducer(s), ${unexplained} not in the known list; ${((Date.now() - started) / 1000).toFixed(1)} s`);
if (rate < FLOOR) {
  console.log(`[kramdown-fuzz] agreement ${pct(rate)} is under the floor ${pct(FLOOR)}`);
  process.exitCode = 1;
}
