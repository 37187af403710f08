// What Dart Sass rejects but libsass (sassc, which Jekyll 3/4.x and GitHub Pages compile with) accepted.
// After a failed compile, `repairAt` changes the one statement the error points at, and the compile runs
// again: constructs libsass gave a meaning to get that meaning (`unquote(12px)`, colour arithmetic
// `#fff - #111`), anything else is left out (a declaration, or the rule whose selector failed), a variable
// whose value failed becomes `null`. Offsets and line numbers of the rest of the file stay as they were.
import type * as Sass from 'sass';

export interface Repair {
  /** The file's text after the repair. */
  text: string;
  /** True when the statement was left out (false: libsass's meaning was given to it). */
  dropped: boolean;
  /** 0-based line of the statement. */
  line: number;
}

/** Names of the functions `compatFunctions` adds (they stand in for what libsass did). */
export const UNQUOTE = 'techblog-libsass-unquote';
export const OPERATION = 'techblog-libsass-op';

interface Statement { start: number; end: number; block: boolean }

/** The statements of an SCSS text: declarations and at-rules ended by `;`, and blocks `prelude { … }`. */
export function scssStatements(text: string): Statement[] {
  const out: Statement[] = [];
  const open: number[] = [];
  let start = 0;
  let paren = 0;
  const n = text.length;
  const skipString = (i: number): number => {
    const q = text[i];
    for (let j = i + 1; j < n; j++) {
      if (text[j] === '\\') j++;
      else if (text[j] === q || text[j] === '\n') return j;
    }
    return n;
  };
  for (let i = 0; i < n; i++) {
    const c = text[i];
    if (c === '/' && text[i + 1] === '*') {
      const e = text.indexOf('*/', i + 2);
      i = e < 0 ? n : e + 1;
    } else if (c === '/' && text[i + 1] === '/' && paren === 0) {
      const e = text.indexOf('\n', i);
      i = e < 0 ? n : e - 1;
    } else if (c === '"' || c === '\'') i = skipString(i);
    else if (c === '\\') i++;
    else if (c === '#' && text[i + 1] === '{') {
      let depth = 0;
      for (i++; i < n; i++) {
        if (text[i] === '"' || text[i] === '\'') i = skipString(i);
        else if (text[i] === '{') depth++;
        else if (text[i] === '}' && --depth === 0) break;
      }
    } else if (c === '(') paren++;
    else if (c === ')') paren = Math.max(0, paren - 1);
    else if (paren === 0 || c === '{' || c === '}') {
      if (c === ';') {
        out.push({ start, end: i + 1, block: false });
        start = i + 1;
      } else if (c === '{') {
        paren = 0;
        open.push(start);
        start = i + 1;
      } else if (c === '}') {
        paren = 0;
        if (text.slice(start, i).trim()) out.push({ start, end: i, block: false });
        out.push({ start: open.pop() ?? 0, end: i + 1, block: true });
        start = i + 1;
      }
    }
  }
  if (text.slice(start).trim()) out.push({ start, end: n, block: false });
  return out;
}

/** The statements of an indented-syntax (`.sass`) text: a line with the lines indented under it. */
function sassStatementAt(text: string, offset: number): Statement | undefined {
  const lineStart = text.lastIndexOf('\n', Math.max(0, offset - 1)) + 1;
  const indent = (at: number) => /^[ \t]*/.exec(text.slice(at))![0].length;
  const own = indent(lineStart);
  let end = text.indexOf('\n', lineStart);
  if (end < 0) return { start: lineStart, end: text.length, block: false };
  for (;;) {
    const next = end + 1;
    if (next >= text.length) break;
    const e = text.indexOf('\n', next);
    const line = text.slice(next, e < 0 ? text.length : e);
    if (line.trim() && indent(next) <= own) break;
    end = e < 0 ? text.length : e;
    if (e < 0) break;
  }
  return { start: lineStart, end, block: true };
}

/** The smallest statement holding `offset`. */
export function statementAt(text: string, offset: number, indented = false): Statement | undefined {
  if (indented) return sassStatementAt(text, offset);
  let best: Statement | undefined;
  for (const s of scssStatements(text)) {
    if (s.start <= offset && offset < s.end && (!best || s.end - s.start < best.end - best.start)) best = s;
  }
  return best;
}

/** Blanks `text[start, end)` but keeps its line breaks, so later offsets' lines do not move. */
function blank(text: string, start: number, end: number, replacement = ''): string {
  const newlines = text.slice(start, end).replace(/[^\n]/g, '');
  return text.slice(0, start) + replacement + newlines + text.slice(end);
}

function lineOf(text: string, offset: number): number {
  let line = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/** Where `+ - * / %` splits a binary expression at its top level (the operator applied last). */
function splitOperation(expr: string): { left: string; op: string; right: string } | undefined {
  let depth = 0;
  let low: number | undefined;
  let high: number | undefined;
  for (let i = 0; i < expr.length; i++) {
    const c = expr[i];
    if (c === '"' || c === '\'') { const e = expr.indexOf(c, i + 1); i = e < 0 ? expr.length : e; continue; }
    if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (depth === 0 && '+-*/%'.includes(c) && /\s/.test(expr[i - 1] ?? '') && /\s/.test(expr[i + 1] ?? '')) {
      if (c === '+' || c === '-') low = i; else high = i;
    }
  }
  const at = low ?? high;
  if (at === undefined) return undefined;
  return { left: expr.slice(0, at).trim(), op: expr[at], right: expr.slice(at + 1).trim() };
}

/** The `calc(…)` (or `-webkit-calc(…)`) call around `offset`: from its name to its closing parenthesis. */
function enclosingCalc(text: string, offset: number): { start: number; end: number } | undefined {
  const re = /(?:-[a-z]+-)?calc\(/gi;
  let found: { start: number; end: number } | undefined;
  for (let m = re.exec(text); m && m.index <= offset; m = re.exec(text)) {
    let depth = 0;
    let end = -1;
    for (let i = m.index + m[0].length - 1; i < text.length; i++) {
      if (text[i] === '(') depth++;
      else if (text[i] === ')' && --depth === 0) { end = i + 1; break; }
      else if (text[i] === ';' || text[i] === '{' || text[i] === '}') break;
    }
    if (end > offset && !found) found = { start: m.index, end };
  }
  return found;
}

/** `.a.b:hover` → `.a`, `.b`, `:hover` (a compound selector's simple selectors). */
function splitCompound(sel: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < sel.length; i++) {
    const c = sel[i];
    if (c === '#' && sel[i + 1] === '{') { depth++; i++; }
    else if (c === '(' || c === '[') { if (depth === 0 && c === '[' && i > start) { out.push(sel.slice(start, i)); start = i; } depth++; }
    else if (c === ')' || c === ']' || c === '}') depth--;
    else if (c === '\\') i++;
    else if (depth === 0 && (c === '.' || c === '#' || (c === ':' && sel[i - 1] !== ':')) && i > start) { out.push(sel.slice(start, i)); start = i; }
  }
  out.push(sel.slice(start));
  return out.filter((s) => s.trim() !== '');
}

/**
 * The repair for a compile error in `text` (the file the error's span points into), or undefined when
 * there is nothing to change there.
 */
export function repairAt(text: string, error: { message: string; offset: number; spanText: string }, indented = false): Repair | undefined {
  const { offset, spanText } = error;
  if (offset < 0 || offset > text.length) return undefined;
  const line = lineOf(text, offset);
  // libsass returned a non-string given to unquote() as it was (with a deprecation warning).
  if (/is not a string/.test(error.message) && /^unquote\s*\(/i.test(spanText) && text.startsWith(spanText.slice(0, 7), offset)) {
    return { text: text.slice(0, offset) + UNQUOTE + text.slice(offset + 'unquote'.length), dropped: false, line };
  }
  // libsass computed colour arithmetic channel by channel (deprecated there, gone in Dart Sass).
  if (/^Undefined operation/.test(error.message) && text.startsWith(spanText, offset) && !spanText.includes('\n') && !spanText.includes(OPERATION)) {
    const split = splitOperation(spanText);
    if (split) {
      const call = `${OPERATION}((${split.left}), "${split.op}", (${split.right}))`;
      return { text: text.slice(0, offset) + call + text.slice(offset + spanText.length), dropped: false, line };
    }
  }
  // libsass extended a compound selector as each of its simple selectors (what Dart Sass suggests).
  if (/^compound selectors may no longer be extended/i.test(error.message) && text.startsWith(spanText, offset)) {
    const simple = splitCompound(spanText.trim());
    if (simple.length > 1) return { text: text.slice(0, offset) + simple.join(', ') + text.slice(offset + spanText.length), dropped: false, line };
  }
  // libsass read `all.3s` as `all .3s` (a number may start with its dot right after a word).
  if (/^Expected identifier/.test(error.message)) {
    const dot = text[offset] === '.' ? offset : text[offset - 1] === '.' ? offset - 1 : -1;
    if (dot > 0 && /[\w%)]/.test(text[dot - 1]) && /\d/.test(text[dot + 1] ?? '')) return { text: text.slice(0, dot) + ' ' + text.slice(dot), dropped: false, line };
  }
  // libsass left a calc() it could not read as it was written (`calc(100%-10px)`, `calc(100% - $x)`).
  if (/must be surrounded by whitespace in calculations/i.test(error.message)) {
    const call = enclosingCalc(text, offset);
    if (call) {
      const literal = text.slice(call.start, call.end).replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, ' ');
      return { text: text.slice(0, call.start) + `unquote("${literal}")` + text.slice(call.end), dropped: false, line };
    }
  }
  const stmt = statementAt(text, offset, indented);
  if (!stmt) return undefined;
  const body = text.slice(stmt.start, stmt.end);
  const lead = /^(\s|\/\*[\s\S]*?\*\/|\/\/[^\n]*)*/.exec(body)![0];
  const stmtLine = lineOf(text, stmt.start + lead.length);
  // A variable whose value failed is null: its uses drop out of their declarations instead of failing too.
  const variable = !stmt.block && /^\s*(\$[\w-]+)\s*:/.exec(body.slice(lead.length));
  if (variable && !/:\s*null\s*(!\w+\s*)*;?\s*$/.test(body)) {
    const flags = (body.match(/!(default|global)\b/g) ?? []).join(' ');
    const replacement = `${lead.replace(/[^\n]/g, '')}${variable[1]}: null${flags ? ' ' + flags : ''}${indented ? '' : ';'}`;
    return { text: blank(text, stmt.start, stmt.end, replacement), dropped: true, line: stmtLine };
  }
  return { text: blank(text, stmt.start, stmt.end), dropped: true, line: stmtLine };
}

/** Functions that give Dart Sass libsass's answers where the repairs call them. */
export function compatFunctions(sass: typeof Sass): Record<string, Sass.CustomFunction<'async'>> {
  const channels = (c: Sass.SassColor) => { const rgb = c.toSpace('rgb'); return [rgb.channel('red'), rgb.channel('green'), rgb.channel('blue')]; };
  const apply = (a: number, op: string, b: number) => (op === '+' ? a + b : op === '-' ? a - b : op === '*' ? a * b : op === '/' ? a / b : a % b);
  const clamp = (x: number) => Math.min(255, Math.max(0, x));
  return {
    [`${UNQUOTE}($string)`]: (args) => {
      const v = args[0];
      return v instanceof sass.SassString ? new sass.SassString(v.text, { quotes: false }) : v;
    },
    [`${OPERATION}($left, $op, $right)`]: (args) => {
      const [l, o, r] = args;
      const op = o instanceof sass.SassString ? o.text : '';
      const color = (x: Sass.Value) => (x instanceof sass.SassColor ? x : undefined);
      const plain = (x: Sass.Value) => (x instanceof sass.SassNumber && !x.hasUnits ? x.value : undefined);
      const lc = color(l);
      const rc = color(r);
      let a: number[] | undefined;
      let b: number[] | undefined;
      let alpha = 1;
      if (lc && rc) {
        if (lc.alpha !== rc.alpha) throw new Error('Alpha channels must be equal when combining colors.');
        a = channels(lc); b = channels(rc); alpha = lc.alpha;
      } else if (lc && plain(r) !== undefined) {
        a = channels(lc); b = [plain(r)!, plain(r)!, plain(r)!]; alpha = lc.alpha;
      } else if (rc && plain(l) !== undefined && (op === '+' || op === '*')) {
        a = [plain(l)!, plain(l)!, plain(l)!]; b = channels(rc); alpha = rc.alpha;
      }
      if (!a || !b) throw new Error(`Undefined operation "${l.toString()} ${op} ${r.toString()}".`);
      const [red, green, blue] = a.map((x, i) => clamp(apply(x, op, b![i])));
      return new sass.SassColor({ red, green, blue, alpha });
    },
  };
}
