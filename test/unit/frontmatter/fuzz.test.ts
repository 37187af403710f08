// 10,000 mutated posts through the checker: no exception, each under a second, safe fixes apply,
// and wherever the fast YAML path accepts a header it reads it exactly as the yaml library does.
// Seeded: a failure names the post number, and the same seed replays it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkDocument } from '../../../src/core/frontmatter/check';
import { fixAllSafe } from '../../../src/core/frontmatter/fixes';
import { memorySite, SEED_POST } from './helpers';
import { assertParity } from './parity';
import { mulberry32 } from '../prng';

const SEED = Number(process.env.TECHBLOG_FUZZ_SEED ?? 20211019);
const COUNT = Number(process.env.TECHBLOG_FUZZ_COUNT ?? 10_000);

const BASES = [
  SEED_POST,
  '---\nlayout: post\ntitle: Notes\ndate: 2021-08-19 10:00:00 +0800\ntags:\n  - ebpf\n  - CloudNative\ncategories: [til, linux]\npublished: true\ndescription: "short"\n---\n\nBody ![a](/images/a.png)\n',
  '---\nlayout: post\nlayout: post\ntitle: \'It\'\'s\'\ndescripton: x\npublished: "false"\ntags: a b a\nimage:\n  path: /x.png\n---\n# Head\n\nPara.\n',
  '---\ntitle: x\n---\n',
  '# no front matter\n\ntext\n',
];
const TOKENS = ['---', '\n', '\r\n', ':', ': ', '- ', '"', "'", '[', ']', '{', '}', ',', '#', ' #', '&a ', '*a', '!', '|', '>', '\t', '\0', '\ufffd', '\ufeff', '😀', 'é', '  ',
  'tags: ', 'date: ', '2021-13-45', '2021-08-19', 'yes', '~', '<<: *a', '...', '+++', ';;;', '\u2028', '%YAML 1.2\n', '? ', '0x1F', '1:30', '.5', '"\\u00e9"', '\\', 'null', 'layout: ', 'title:', ' observability', 'published: "no"\n', '![x](y.png)', 'constructor: ', '__proto__: x\n', 'toString', '{{ site.baseurl }}/'];

function mutate(rnd: () => number, text: string): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)];
  const n = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < n; i++) {
    // Most edits land in the first 300 characters, where the front matter is.
    const at = () => Math.floor(rnd() < 0.8 ? rnd() * Math.min(300, text.length + 1) : rnd() * (text.length + 1));
    const op = Math.floor(rnd() * 8);
    const p = at();
    if (op <= 2) text = text.slice(0, p) + pick(TOKENS) + text.slice(p);
    else if (op === 3) text = text.slice(0, p) + text.slice(p + 1 + Math.floor(rnd() * 10));
    else if (op === 4) text = text.slice(0, p) + String.fromCharCode(Math.floor(rnd() * 0x3000)) + text.slice(p + 1);
    else if (op === 5) {
      const lines = text.split('\n');
      const a = Math.floor(rnd() * lines.length);
      const b = Math.floor(rnd() * lines.length);
      if (rnd() < 0.5) lines.splice(a, 0, lines[b]); else [lines[a], lines[b]] = [lines[b], lines[a]];
      text = lines.join('\n');
    } else if (op === 6) text = text.slice(0, p);
    else text = rnd() < 0.5 ? text.replace(/\n/g, '\r\n') : '\ufeff' + text;
  }
  return text;
}

test(`fuzz: ${COUNT} mutated posts (seed ${SEED})`, async () => {
  const site = await memorySite({
    '_posts/2021-01-01-a.md': '---\nlayout: post\ntitle: A\ntags: [CloudNative, ebpf]\n---\n',
    '_posts/2021-01-02-b.md': '---\nlayout: post\ntitle: B\ntags: [CloudNative]\n---\n',
    'images/a.png': '',
  });
  const rnd = mulberry32(SEED);
  const now = new Date('2025-01-01T00:00:00Z');
  let maxMs = 0;
  let fast = 0;
  let slow = 0;
  for (let i = 0; i < COUNT; i++) {
    const text = mutate(rnd, BASES[i % BASES.length]);
    const path = rnd() < 0.8 ? '_posts/2021-08-19-fuzz.md' : rnd() < 0.5 ? 'page.md' : '_posts/fuzz.md';
    const t = performance.now();
    let problems;
    try {
      problems = checkDocument({ path, text, site: rnd() < 0.9 ? site : undefined, now, throwInternalErrors: true });
    } catch (e) {
      assert.fail(`post #${i} threw ${e instanceof Error ? e.stack : String(e)}\n${JSON.stringify(text.slice(0, 400))}`);
    }
    const ms = performance.now() - t;
    if (ms > maxMs) maxMs = ms;
    for (const p of problems) assert.ok(p.range.start.line <= p.range.end.line, `post #${i}: bad range`);
    if (i % 10 === 0) {
      try {
        fixAllSafe({ path, text, site, now, throwInternalErrors: true });
      } catch (e) {
        assert.fail(`post #${i}: applying safe fixes threw ${e instanceof Error ? e.message : String(e)}\n${JSON.stringify(text.slice(0, 400))}`);
      }
    }
    const r = assertParity(text);
    if (r === 'fast') fast++; else if (r === 'fallback') slow++;
  }
  assert.ok(maxMs < 1000, `slowest post took ${maxMs} ms`);
  assert.ok(fast > 100 && slow > 100, `both parsers exercised (fast ${fast}, fallback ${slow})`);
});
