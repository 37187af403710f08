// kramdown's smart quotes and typographic symbols, ported rule for rule (parser/kramdown/smart_quotes.rb
// and typographic_symbol.rb), applied to markdown-it's text tokens before they are joined, so escaped
// characters (`\"`) stay straight as in kramdown.
import type MarkdownIt from 'markdown-it';
import { envOf } from './env';

type Token = MarkdownIt.Token;

const SQ_PUNCT = String.raw`[!"#$%'()*+,\-./:;<=>?@\[\\\]^_\x60{|}~]`;
const SQ_CLOSE = String.raw`[^ \\\t\r\n\[{(-]`;
// [regex, substitutions]: a number copies that group, 'l1'/'r1' are quotes chosen by group 1's
// character, 'l2'/'r2' by group 2's, the rest are fixed.
type Subst = number | 'l1' | 'r1' | 'l2' | 'r2' | 'ldquo' | 'lsquo' | 'rsquo';
const RULES: Array<[RegExp, Subst[]]> = [
  [/("|')(?=[_*]{1,2}\S)/y, ['l1']],
  [new RegExp(`("|')(?=${SQ_PUNCT}(?!\\.\\.)\\B)`, 'y'), ['r1']],
  [/(\s?)"'(?=\w)/y, [1, 'ldquo', 'lsquo']],
  [/(\s?)'"(?=\w)/y, [1, 'lsquo', 'ldquo']],
  [/(\s?)'(?=\d\ds)/y, [1, 'rsquo']],
  [/(\s)('|")(?=\w)/y, [1, 'l2']],
  [new RegExp(`(${SQ_CLOSE})('|")`, 'y'), [1, 'r2']],
  [/("|')(?=\s|s\b|$)/my, ['r1']],
  [/([\s\S]?)'/y, [1, 'lsquo']],
  [/([\s\S]?)"/y, [1, 'ldquo']],
];

const TYPO = /---|--|\.\.\.|<< | >>|<<|>>/y;

export interface Quotes { lsquo: string; rsquo: string; ldquo: string; rdquo: string }

/**
 * Converts one run of plain text. `prefix` is a character kramdown would still see before the run
 * (a line break), `lookahead` what follows it in the source; neither is part of the output.
 */
export function kramdownTypography(text: string, quotes: Quotes, symbols: boolean, prefix = '', lookahead = '', subst?: Readonly<Record<string, string>>): string {
  const s = prefix + text + lookahead;
  const end = prefix.length + text.length;
  const outStart = prefix.length;
  let out = '';
  let consumed = 0; // kramdown's scanner position in s (the prefix is still unread)
  const emit = (from: number, to: number) => {
    const a = Math.max(from, outStart);
    if (to > a) out += s.slice(a, to);
  };
  while (consumed < end) {
    // The earliest place a smart quote (kramdown's start pattern `[^\\]?["']` may begin one
    // character early) or a typographic symbol starts.
    let p = -1;
    let isQuote = false;
    for (let i = Math.max(consumed, outStart); i < end; i++) {
      const c = s.charCodeAt(i);
      if (c === 34 || c === 39) {
        p = i > consumed && s.charCodeAt(i - 1) !== 92 ? i - 1 : i;
        isQuote = true;
        break;
      }
      if (symbols && (c === 45 || c === 46 || c === 60 || c === 62 || c === 32)) {
        TYPO.lastIndex = i;
        if (TYPO.test(s) && TYPO.lastIndex <= end) { p = i; break; }
      }
    }
    if (p < 0) break;
    emit(consumed, p);
    if (!isQuote) {
      TYPO.lastIndex = p;
      const m = TYPO.exec(s) as RegExpExecArray;
      out += subst?.[m[0]] ?? SYMBOLS[m[0]];
      consumed = p + m[0].length;
      continue;
    }
    for (const [re, substs] of RULES) {
      re.lastIndex = p;
      const m = re.exec(s);
      if (!m) continue;
      for (const sub of substs) {
        // A copied preceding character that lies before this run was never ours to print.
        if (typeof sub === 'number') { if (p >= outStart) out += m[sub] ?? ''; } else out += quoteFor(sub, m, quotes);
      }
      consumed = re.lastIndex;
      break;
    }
    if (consumed <= p) { emit(p, p + 1); consumed = p + 1; } // never stall
  }
  emit(consumed, end);
  return out;
}

/** The text each of kramdown's symbol names stands for (the keys of its `typographic_symbols` option). */
const SYMBOL_TEXT: Record<string, string> = { hellip: '...', mdash: '---', ndash: '--', laquo: '<<', raquo: '>>', laquo_space: '<< ', raquo_space: ' >>' };

/** kramdown's `typographic_symbols` option (symbol name → what to write) by the text it replaces. */
export function symbolSubstitutions(byName: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(byName)) if (SYMBOL_TEXT[name] !== undefined) out[SYMBOL_TEXT[name]] = value;
  return out;
}

const SYMBOLS: Record<string, string> = {
  '---': '\u2014', '--': '\u2013', '...': '\u2026', '<< ': '\u00ab\u00a0', ' >>': '\u00a0\u00bb', '<<': '\u00ab', '>>': '\u00bb',
};

function quoteFor(sub: Subst, m: RegExpExecArray, q: Quotes): string {
  switch (sub) {
    case 'l1': return m[1] === '"' ? q.ldquo : q.lsquo;
    case 'r1': return m[1] === '"' ? q.rdquo : q.rsquo;
    case 'l2': return m[2] === '"' ? q.ldquo : q.lsquo;
    case 'r2': return m[2] === '"' ? q.rdquo : q.rsquo;
    case 'ldquo': return q.ldquo;
    case 'lsquo': return q.lsquo;
    default: return q.rsquo;
  }
}

const NEEDS_WORK = /["'<>]|--|\.\.\./;

/** The source kramdown sees right after token `i` (a few characters: the quote rules look ahead). */
function lookaheadOf(kids: Token[], i: number): string {
  let s = '';
  for (let j = i + 1; j < kids.length && s.length < 3; j++) {
    const t = kids[j];
    switch (t.type) {
      case 'text': s += t.content; break;
      case 'softbreak': case 'hardbreak': s += '\n'; break;
      case 'code_inline': s += '`' + t.content; break;
      case 'html_inline': s += t.content; break;
      case 'image': s += '!['; break;
      case 'link_open': s += t.markup === 'autolink' ? '<' : '['; break;
      case 'link_close': s += ']'; break;
      default: s += t.markup ?? '';
    }
  }
  return s.slice(0, 3);
}

function typography(state: MarkdownIt.StateCore): void {
  const env = envOf(state);
  const [lsquo, rsquo, ldquo, rdquo] = env.options.smartQuotes;
  const quotes = { lsquo, rsquo, ldquo, rdquo };
  const symbols = env.options.typographicSymbols;
  const subst = env.options.typographicSubstitutions && symbolSubstitutions(env.options.typographicSubstitutions);
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children || !NEEDS_WORK.test(block.content)) continue;
    const kids = block.children;
    let inAutolink = false;
    for (let i = 0; i < kids.length; i++) {
      const t = kids[i];
      if (t.type === 'link_open' && t.markup === 'autolink') inAutolink = true;
      else if (t.type === 'link_close' && inAutolink) inAutolink = false;
      if (t.type !== 'text' || inAutolink || !NEEDS_WORK.test(t.content)) continue;
      const prev = kids[i - 1];
      const prefix = prev && (prev.type === 'softbreak' || prev.type === 'hardbreak') ? '\n' : '';
      t.content = kramdownTypography(t.content, quotes, symbols, prefix, lookaheadOf(kids, i), subst);
    }
  }
}

export function kramdownTypographyPlugin(md: MarkdownIt.MarkdownIt): void {
  md.core.ruler.before('text_join', 'kramdown_typography', typography);
}
