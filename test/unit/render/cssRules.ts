// CSS compared as a rule set: one entry per (at-rule context, selector, declaration), so formatting
// (libsass's compact/compressed vs Dart Sass's expanded), rule grouping (`a, b {…}`) and the spelling of
// colours (`#264d73`, `rgb(15%, 30%, 45%)`, `purple`) do not count, what a browser applies does.
// Used by test/unit/render/sass.test.ts and the fidelity stage (test/fidelity/jekyll-fidelity.mjs).

const NAMED: Record<string, string> = {
  black: '#000000', white: '#ffffff', red: '#ff0000', green: '#008000', blue: '#0000ff', gray: '#808080', grey: '#808080',
  purple: '#800080', silver: '#c0c0c0', maroon: '#800000', navy: '#000080', teal: '#008080', olive: '#808000', yellow: '#ffff00',
  orange: '#ffa500', fuchsia: '#ff00ff', aqua: '#00ffff', lime: '#00ff00', transparent: 'rgba(0,0,0,0)',
};

const hex2 = (n: number) => Math.max(0, Math.min(255, Math.round(n))).toString(16).padStart(2, '0');
const num = (s: string) => (s.trim().endsWith('%') ? (parseFloat(s) * 255) / 100 : parseFloat(s));
const alphaOf = (s: string) => (s.trim().endsWith('%') ? parseFloat(s) / 100 : parseFloat(s));

function color(r: number, g: number, b: number, a = 1): string {
  const alpha = Math.round(a * 100) / 100;
  return alpha >= 1 ? `#${hex2(r)}${hex2(g)}${hex2(b)}` : `rgba(${Math.round(r)},${Math.round(g)},${Math.round(b)},${alpha})`;
}

/** One spelling per value: colours as `#rrggbb`/`rgba()`, numbers without leading or trailing zeros. */
export function normalizeValue(v: string): string {
  let s = v.replace(/\s+/g, ' ').trim();
  s = s.replace(/\s*!\s*important$/i, ' !important');
  s = s.replace(/#([0-9a-f]{8})\b/gi, (_m, h: string) => color(parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16), parseInt(h.slice(6), 16) / 255));
  s = s.replace(/#([0-9a-f]{6})\b/gi, (_m, h: string) => `#${h.toLowerCase()}`);
  s = s.replace(/#([0-9a-f])([0-9a-f])([0-9a-f])\b/gi, (_m, r: string, g: string, b: string) => `#${r}${r}${g}${g}${b}${b}`.toLowerCase());
  s = s.replace(/\brgba?\(\s*([\d.]+%?)\s*[, ]\s*([\d.]+%?)\s*[, ]\s*([\d.]+%?)\s*(?:[,/]\s*([\d.]+%?)\s*)?\)/gi,
    (_m, r: string, g: string, b: string, a?: string) => color(num(r), num(g), num(b), a === undefined ? 1 : alphaOf(a)));
  s = s.replace(/(^|[\s,(])([a-z]+)(?=$|[\s,)])/gi, (m, pre: string, word: string) => (NAMED[word.toLowerCase()] ? pre + NAMED[word.toLowerCase()] : m));
  s = s.replace(/(^|[^\w#.])(\d*\.\d+|\d+\.(?!\d))/g, (_m, pre: string, n: string) => pre + String(parseFloat(n)).replace(/^(-?)0\./, '$1.'));
  s = s.replace(/\s*,\s*/g, ',').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')');
  // Redundant parentheses around a product in calc() (Dart Sass drops them: `a - (b * c)` is `a - b * c`).
  s = s.replace(/([+-] )\(([^()]+ [*/] [^()]+)\)/g, '$1$2');
  return s;
}

function normalizeSelector(sel: string): string {
  return sel.replace(/\[([\w-]+)([~|^$*]?=)(["'])([\w-]+)\3\]/g, '[$1$2$4]').replace(/\s+/g, ' ').replace(/\s*([>+~])\s*/g, ' $1 ').replace(/\s*,\s*/g, ',').trim();
}

function normalizePrelude(p: string): string {
  return p.replace(/\s+/g, ' ').replace(/\s*:\s*/g, ':').replace(/\(\s+/g, '(').replace(/\s+\)/g, ')').replace(/\s*,\s*/g, ',').trim().toLowerCase();
}

function splitTop(s: string, sep: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quote) { if (c === '\\') i++; else if (c === quote) quote = ''; continue; }
    if (c === '"' || c === '\'') quote = c;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === sep && depth === 0) { out.push(s.slice(start, i)); start = i + 1; }
  }
  out.push(s.slice(start));
  return out;
}

/** The (context | selector | property: value) entries of a stylesheet, in order, duplicates kept. */
export function cssRuleSet(css: string): string[] {
  const text = css.replace(/\/\*[\s\S]*?\*\//g, '').replace(/@charset[^;]*;/gi, '');
  const out: string[] = [];
  const stack: string[] = [];
  let buf = '';
  let quote = '';
  let paren = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) { buf += c; if (c === '\\') buf += text[++i] ?? ''; else if (c === quote) quote = ''; continue; }
    if (c === '"' || c === '\'') { quote = c; buf += c; continue; }
    if (c === '(') paren++;
    if (c === ')') paren--;
    if (paren > 0) { buf += c; continue; }
    if (c === '{') { stack.push(buf.trim()); buf = ''; continue; }
    if (c === ';' || c === '}') {
      const decl = buf.trim();
      buf = '';
      if (decl) {
        if (decl.startsWith('@')) out.push(`${stack.filter((s) => s.startsWith('@')).map(normalizePrelude).join(' ')} | ${normalizePrelude(decl)}`);
        else {
          const colon = decl.indexOf(':');
          const sel = [...stack].reverse().find((s) => !s.startsWith('@')) ?? '';
          const ctx = stack.filter((s) => s.startsWith('@')).map(normalizePrelude).join(' ');
          if (colon > 0) {
            const prop = decl.slice(0, colon).trim().toLowerCase();
            const value = normalizeValue(decl.slice(colon + 1));
            for (const s of splitTop(sel, ',')) out.push(`${ctx} | ${normalizeSelector(s)} | ${prop}: ${value}`);
          }
        }
      }
      if (c === '}') stack.pop();
      continue;
    }
    buf += c;
  }
  return out;
}

/** How many entries two rule sets share (as multisets), and what each has alone. */
export function compareRuleSets(a: string[], b: string[]): { common: number; total: number; onlyA: string[]; onlyB: string[] } {
  const count = new Map<string, number>();
  for (const x of b) count.set(x, (count.get(x) ?? 0) + 1);
  const onlyA: string[] = [];
  let common = 0;
  for (const x of a) {
    const n = count.get(x) ?? 0;
    if (n > 0) { common++; count.set(x, n - 1); } else onlyA.push(x);
  }
  const onlyB: string[] = [];
  for (const [x, n] of count) for (let i = 0; i < n; i++) onlyB.push(x);
  return { common, total: Math.max(a.length, b.length), onlyA, onlyB };
}
