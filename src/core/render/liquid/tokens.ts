// Ruby Liquid's tokenizer: the source split at `{% … %}` and `{{ … }}` by Liquid's TemplateParser regular
// expression. Quotes do not protect a delimiter, and `{{ a | append: {{b}} }}` ends at the first `}}`
// (the rest is text), exactly as in Ruby. Tokens are liquidjs tokens, so liquidjs tags (Jekyll's, plugins')
// parse them as before; `begin` is the offset in the source (the renderer maps lines with it).
import { Token, TokenKind, Tokenizer, type TagToken } from 'liquidjs';

const FULL_TOKEN = /^\{%-?(\s*)(#|\w+)(\s*)([\s\S]*?)-?%\}$/;
const CONTENT_OF_VARIABLE = /^\{\{-?([\s\S]*?)-?\}\}$/;

export class TextToken extends Token {
  trimLeft = 0;
  trimRight = 0;
  constructor(input: string, begin: number, end: number, file?: string) { super(TokenKind.HTML, input, begin, end, file); }
  getContent(): string { return this.input.slice(this.begin + this.trimLeft, this.end - this.trimRight); }
}

/** `{% name markup %}`; `valid` is false when the tag is not closed by `%}` (Ruby's "not properly terminated"). */
export class RubyTagToken extends Token {
  readonly name: string;
  readonly args: string;
  readonly valid: boolean;
  trimLeft: boolean;
  trimRight: boolean;
  /** Where `args` starts in `input`. */
  argsBegin: number;
  private tok?: Tokenizer;
  constructor(input: string, begin: number, end: number, file: string | undefined, private readonly operators: unknown) {
    super(TokenKind.Tag, input, begin, end, file);
    const text = input.slice(begin, end);
    const m = FULL_TOKEN.exec(text);
    this.valid = !!m;
    this.name = m ? m[2] : '';
    this.args = m ? m[4] : text.slice(2);
    this.argsBegin = begin + (m ? 2 + (text[2] === '-' ? 1 : 0) + m[1].length + m[2].length + m[3].length : 2);
    this.trimLeft = text[2] === '-';
    this.trimRight = text.length >= 3 && text[text.length - 3] === '-';
  }
  /** liquidjs tags read their arguments with it. */
  get tokenizer(): Tokenizer {
    if (!this.tok) this.tok = new Tokenizer(this.input, this.operators as never, this.file, [this.argsBegin, this.argsBegin + this.args.length]);
    return this.tok;
  }
  get content(): string { return `${this.name} ${this.args}`; }
  get contentRange(): [number, number] { return [this.begin + 2, this.end - 2]; }
}

export class RubyOutputToken extends Token {
  readonly markup: string;
  readonly valid: boolean;
  trimLeft: boolean;
  trimRight: boolean;
  constructor(input: string, begin: number, end: number, file?: string) {
    super(TokenKind.Output, input, begin, end, file);
    const text = input.slice(begin, end);
    const m = CONTENT_OF_VARIABLE.exec(text);
    this.valid = !!m;
    this.markup = m ? m[1] : text.slice(2);
    this.trimLeft = text[2] === '-';
    this.trimRight = text.length >= 3 && text[text.length - 3] === '-';
  }
  get content(): string { return this.markup; }
}

export type RubyToken = TextToken | RubyTagToken | RubyOutputToken;

export function isTag(t: Token): t is RubyTagToken & TagToken {
  return t instanceof RubyTagToken;
}

/** The next `{%` or `{{` at or after `from`, or -1. */
function nextStart(source: string, from: number): number {
  for (let i = source.indexOf('{', from); i >= 0; i = source.indexOf('{', i + 1)) {
    const c = source[i + 1];
    if (c === '%' || c === '{') return i;
  }
  return -1;
}

const RSTRIP = /[ \t\n\v\f\r\0]+$/;
const LSTRIP = /^[ \t\n\v\f\r\0]+/;

/** Splits a template as Ruby Liquid does, with `{%-`/`-%}` trimming the text beside them. */
export function tokenize(source: string, file: string | undefined, operators: unknown, firstLine = 1): RubyToken[] {
  const tokens: RubyToken[] = [];
  let last = 0;
  // Liquid's TemplateParser (`{%.*?%}|{{.*?}}?|{%|{{`), scanned by hand so that a template full of
  // unclosed `{%` stays linear: once no `%}` (or `}`) is left, none is searched for again.
  let noTagEnd = -1;
  let noBrace = -1;
  for (let i = nextStart(source, 0); i >= 0; i = nextStart(source, last)) {
    if (i > last) tokens.push(new TextToken(source, last, i, file));
    let end: number;
    if (source[i + 1] === '%') {
      const close = noTagEnd >= 0 && i >= noTagEnd ? -1 : source.indexOf('%}', i + 2);
      if (close < 0 && noTagEnd < 0) noTagEnd = i;
      end = close < 0 ? i + 2 : close + 2;
      tokens.push(new RubyTagToken(source, i, end, file, operators));
    } else {
      const close = noBrace >= 0 && i >= noBrace ? -1 : source.indexOf('}', i + 2);
      if (close < 0 && noBrace < 0) noBrace = i;
      end = close < 0 ? i + 2 : source[close + 1] === '}' ? close + 2 : close + 1;
      tokens.push(new RubyOutputToken(source, i, end, file));
    }
    last = end;
  }
  if (last < source.length) tokens.push(new TextToken(source, last, source.length, file));
  // The file line the template starts on (a body after front matter starts further down), and its lines.
  const lines: SourceLines = {};
  for (const t of tokens) Object.assign(t, { firstLine, lines });
  let inRaw = false;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (t instanceof TextToken) continue;
    if (inRaw) {
      if (t instanceof RubyTagToken && t.name === 'endraw') inRaw = false; else continue;
    }
    const prev = tokens[i - 1];
    const next = tokens[i + 1];
    if (t.trimLeft && prev instanceof TextToken) {
      const m = RSTRIP.exec(prev.getContent());
      if (m) prev.trimRight += m[0].length;
    }
    if (t instanceof RubyTagToken && t.name === 'raw') inRaw = true;
    if (t.trimRight && next instanceof TextToken && !inRaw) {
      const m = LSTRIP.exec(next.getContent());
      if (m) next.trimLeft += m[0].length;
    }
  }
  return tokens;
}

/** Where a template's lines start, shared by its tokens (worked out once, when a line is first asked for). */
interface SourceLines { starts?: number[] }

/** 1-based line of a token in its file. */
export function lineOf(t: Token): number {
  const first = (t as { firstLine?: number }).firstLine ?? 1;
  const shared = (t as { lines?: SourceLines }).lines;
  if (!shared) {
    let n = first;
    for (let i = t.input.indexOf('\n'); i >= 0 && i < t.begin; i = t.input.indexOf('\n', i + 1)) n++;
    return n;
  }
  if (!shared.starts) {
    const starts = [0];
    for (let i = t.input.indexOf('\n'); i >= 0; i = t.input.indexOf('\n', i + 1)) starts.push(i + 1);
    shared.starts = starts;
  }
  const starts = shared.starts;
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (starts[mid] <= t.begin) lo = mid; else hi = mid - 1; }
  return first + lo;
}
