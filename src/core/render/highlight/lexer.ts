// A small regex state machine in the manner of Rouge's RegexLexer: each language is a table of states,
// each state an ordered list of rules (a regex, the token class it yields — Rouge's short class, '' for
// plain text — and the state to push or pop). Rules are tried in order at the current position; the first
// that matches wins; when none does, one character is yielded as an error token, as Rouge does.
// Regexes are written in JavaScript syntax with Ruby's line semantics: `^`/`$` match at line ends
// (the `m` flag is always added); use the `s` flag where a Rouge rule has Ruby's `m`.
// Rouge scans with Ruby's StringScanner, which sees nothing before the scan position: a leading lookbehind
// is always true (`(?<!x)`) or never (`(?<=x)`) and `\A` matches at the scan position, so the language
// files write those rules without them.

/** A token: Rouge's short class ('' for plain text) and its text. */
export type Token = [cls: string, text: string];

export interface LexContext {
  /** Yields a token. */
  token(cls: string, text: string): void;
  /** Lexes text with a fresh lexer of the same language (Rouge's `recurse`), or another language's. */
  recurse(text: string, grammar?: Grammar): void;
  /**
   * Lexes text with a lexer of another language that keeps its state between calls under the key
   * (Rouge's `delegate @lexer` to a lexer held in a variable); `reset` starts that lexer over.
   */
  delegate(text: string, grammar: Grammar, key: string): void;
  reset(key: string): void;
  push(state: string): void;
  /** Pushes a state made while lexing (Rouge's `push do … end`); its mixins name the grammar's states. */
  pushRules(rules: readonly Rule[]): void;
  pop(n?: number): void;
  /** The state on top of the stack. */
  readonly state: string;
  /** The full stack, bottom first. */
  readonly stack: readonly string[];
  /** Free per-lex storage for lexers that remember things between rules (a heredoc's end word…). */
  readonly memo: Record<string, unknown>;
}

export type Action = string | readonly string[] | ((m: RegExpExecArray, c: LexContext) => void);
/** A state to push, `#pop` / `#pop:N` to pop, or several to push in order. */
export type Next = string | readonly string[] | undefined;
export type Rule = readonly [RegExp, Action, Next?] | { readonly mixin: string };

export interface Grammar {
  readonly name: string;
  readonly states: Readonly<Record<string, readonly Rule[]>>;
  /** States pushed on top of `root` before lexing (Rouge's `start { push … }`). */
  readonly start?: readonly string[];
  /** A lexer that is not a state machine (Rouge's line-based console lexer): it yields through the context. */
  readonly custom?: (code: string, c: LexContext) => void;
}

export const mixin = (name: string): Rule => ({ mixin: name });

/** Keyword sets: `words('if else while')`. */
export const words = (s: string): ReadonlySet<string> => new Set(s.split(/\s+/).filter(Boolean));

interface CompiledRule { re: RegExp; action: Action; next: Next }
const compiled = new WeakMap<Grammar, Map<string, CompiledRule[]>>();

function compileRule(r: readonly [RegExp, Action, Next?]): CompiledRule {
  const [re, action, next] = r as readonly [RegExp, Action, Next?];
  let flags = re.flags.replace(/[gy]/g, '');
  if (!flags.includes('m')) flags += 'm';
  if (Array.isArray(action) && !flags.includes('d')) flags += 'd';
  return { re: new RegExp(re.source, flags + 'y'), action, next };
}

function compile(g: Grammar): Map<string, CompiledRule[]> {
  let states = compiled.get(g);
  if (states) return states;
  states = new Map();
  const flatten = (name: string, seen: Set<string>): CompiledRule[] => {
    const rules = g.states[name];
    if (!rules) throw new Error(`${g.name}: no state ${name}`);
    const out: CompiledRule[] = [];
    for (const r of rules) {
      if ('mixin' in r) {
        if (!seen.has(r.mixin)) out.push(...flatten(r.mixin, new Set([...seen, r.mixin])));
        continue;
      }
      out.push(compileRule(r as readonly [RegExp, Action, Next?]));
    }
    return out;
  };
  for (const name of Object.keys(g.states)) states.set(name, flatten(name, new Set([name])));
  compiled.set(g, states);
  return states;
}

const MAX_NULL_STEPS = 5;

/** Lexes code into tokens, adjacent tokens of one class merged (as Rouge's `lex` does). */
export function lex(g: Grammar, code: string): Token[] {
  const out: Token[] = [];
  const emit = (cls: string, text: string) => {
    if (!text) return;
    const last = out[out.length - 1];
    if (last && last[0] === cls) last[1] += text;
    else out.push([cls, text]);
  };
  run(g, code, emit);
  return out;
}

/** A fresh stack: a recursion starts at `root` alone (Rouge's `recurse` continues a new lexer without its start states). */
const freshStack = (g: Grammar, withStart: boolean): string[] => ['root', ...(withStart ? g.start ?? [] : [])];

function run(g: Grammar, code: string, emit: (cls: string, text: string) => void, stack = freshStack(g, true)): void {
  const states = g.custom ? new Map<string, CompiledRule[]>() : compile(g);
  const memo: Record<string, unknown> = {};
  const made = new Map<string, CompiledRule[]>();
  const stacks = new Map<string, string[]>();
  const ctx: LexContext = {
    token: emit,
    recurse: (text, other) => run(other ?? g, text, emit, freshStack(other ?? g, false)),
    delegate: (text, other, key) => {
      let st = stacks.get(key);
      if (!st) stacks.set(key, (st = freshStack(other, true)));
      run(other, text, emit, st);
    },
    reset: (key) => { stacks.delete(key); },
    push: (s) => { stack.push(s); },
    pushRules: (rules) => {
      const name = `#made${made.size}`;
      made.set(name, rules.flatMap((r) => ('mixin' in r ? states.get(r.mixin) ?? [] : [compileRule(r)])));
      stack.push(name);
    },
    pop: (n = 1) => { for (let i = 0; i < n && stack.length > 1; i++) stack.pop(); },
    get state() { return stack[stack.length - 1]; },
    stack,
    memo,
  };
  if (g.custom) {
    g.custom(code, ctx);
    return;
  }
  let pos = 0;
  let nullSteps = 0;
  while (pos < code.length) {
    const top = stack[stack.length - 1];
    const rules = states.get(top) ?? made.get(top) ?? states.get('root')!;
    let matched = false;
    for (const rule of rules) {
      rule.re.lastIndex = pos;
      const m = rule.re.exec(code);
      if (!m) continue;
      if (m[0].length === 0) {
        if (nullSteps >= MAX_NULL_STEPS) continue;
        nullSteps++;
      } else nullSteps = 0;
      apply(rule, m, ctx, emit);
      if (rule.next !== undefined) follow(rule.next, ctx);
      pos += m[0].length;
      matched = true;
      break;
    }
    if (!matched) {
      const ch = String.fromCodePoint(code.codePointAt(pos)!);
      emit('err', ch);
      pos += ch.length;
      nullSteps = 0;
    }
  }
}

function apply(rule: CompiledRule, m: RegExpExecArray, ctx: LexContext, emit: (cls: string, text: string) => void): void {
  const a = rule.action;
  if (typeof a === 'string') emit(a, m[0]);
  else if (typeof a === 'function') a(m, ctx);
  else {
    // Rouge's `groups`: one class per capture group, text outside the groups is plain.
    let at = m.index;
    const ind = m.indices!;
    for (let i = 1; i < ind.length; i++) {
      const span = ind[i];
      if (!span) continue;
      if (span[0] > at) emit('', m.input.slice(at, span[0]));
      if (span[0] < at) continue;
      emit(a[i - 1] ?? '', m.input.slice(span[0], span[1]));
      at = span[1];
    }
    if (at < m.index + m[0].length) emit('', m.input.slice(at, m.index + m[0].length));
  }
}

function follow(next: Next, ctx: LexContext): void {
  for (const n of typeof next === 'string' ? [next] : next ?? []) {
    if (n === '#pop') ctx.pop();
    else if (n.startsWith('#pop:')) ctx.pop(Number(n.slice(5)));
    else if (n === '#push') ctx.push(ctx.state);
    else ctx.push(n);
  }
}
