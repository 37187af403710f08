// Swift, modelled on Rouge's `swift` lexer: a name before `(` is a function (a type when capitalised),
// `name:` a variable, `let`/`var` name their variable, capitalised names are types (`kt`); strings
// interpolate `\( … )`.
import { type Grammar, mixin, words } from '../lexer';

const ID = '(?:_|(?!\\p{Mc})\\p{Alphabetic}|[^\\u{0}-\\u{FFFF}])(?:[\\p{Alphabetic}\\p{Nd}_]|[^\\u{0}-\\u{FFFF}])*';
const KEYWORDS = words(`await break case continue default do else fallthrough if in for return switch where while try catch
  throw guard defer repeat as dynamicType is new super self Self Type __COLUMN__ __FILE__ __FUNCTION__ __LINE__
  associativity async didSet get infix inout isolated mutating none nonmutating operator override postfix precedence prefix
  set unowned weak willSet throws rethrows precedencegroup`);
const DECLARATIONS = words(`actor class deinit enum convenience extension final func import init internal lazy let nonisolated
  optional private protocol public required static struct subscript typealias var dynamic indirect associatedtype open
  fileprivate some`);
const CONSTANTS = words('true false nil');
const re = (source: string, flags = '') => new RegExp(source, 'u' + flags);
const UPPER = /^\p{Lu}/u;

export const SWIFT: Grammar = {
  name: 'swift',
  start: ['bol'],
  states: {
    bol: [[/#.*/, 'cp'], mixin('inline_whitespace'), [/(?:)/, (_m, c) => c.pop()]],
    inline_whitespace: [[/\s+/, ''], mixin('has_comments')],
    whitespace: [[/\n+/, '', 'bol'], [/\/\/.*?$/, 'c1', 'bol'], mixin('inline_whitespace')],
    has_comments: [[/\/[*]/, 'cm', 'nested_comment']],
    nested_comment: [mixin('has_comments'), [/[*]\//, 'cm', '#pop'], [/[^*/]+/, 'cm'], [/./, 'cm']],
    root: [
      mixin('whitespace'),
      [/\$(([1-9]\d*)?\d)/, 'nv'],
      [/[()[\]{}:;,?\\]/, 'p'],
      [/[-/=+*%<>!&|^.~]+/, 'o'],
      [/@?"/, 's', 'dq'],
      [/'(\\.|.)'/, 'sc'],
      [/(\d+(?:_\d+)*\*|(?:\d+(?:_\d+)*)*\.\d+(?:_\d)*)(e[+-]?\d+(?:_\d)*)?/i, 'mf'],
      [/\d+e[+-]?[0-9]+/i, 'mf'],
      [/0o?[0-7]+(?:_[0-7]+)*/, 'mo'],
      [/0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*((\.[0-9A-F]+(?:_[0-9A-F]+)*)?p[+-]?\d+)?/, 'mh'],
      [/0b[01]+(?:_[01]+)*/, 'mb'],
      [/[\d]+(?:_\d+)*/, 'mi'],
      [re(`@${ID}`), 'kd'],
      [/(private|internal)(\([ ]*)(\w+)([ ]*\))/, (m, c) => {
        if (m[3] === 'set') c.token('kd', m[0]);
        else { c.token('kd', m[1] + m[2]); c.token('err', m[3]); c.token('kd', m[4]); }
      }],
      [/(unowned\([ ]*)(\w+)([ ]*\))/, (m, c) => {
        if (m[2] === 'safe' || m[2] === 'unsafe') c.token('kd', m[0]);
        else { c.token('kd', m[1]); c.token('err', m[2]); c.token('kd', m[3]); }
      }],
      [/#available\([^)]+\)/, 'kd'],
      [/(#(?:selector|keyPath)\()([^)]+?(?:[(].*?[)])?)(\))/, ['kd', 'nf', 'kd']],
      [/#(line|file|column|function|dsohandle)/, 'kd'],
      [re(`(let|var)\\b(\\s*)(${ID})`), ['k', '', 'nv']],
      [/(let|var)\b(\s*)([(])/, ['k', '', 'p'], 'tuple'],
      [re(`(?!\\b(if|while|for|private|internal|unowned|switch|case)\\b)\\b${ID}(?=(\\?|!)?\\s*[(])`), (m, c) => {
        c.token(UPPER.test(m[0]) ? 'kt' : 'nf', m[0]);
      }],
      [/as[?!]?(?=\s)/, 'k'],
      [/try[!]?(?=\s)/, 'k'],
      [re(`(#?(?!default)(?!\\p{Lu})${ID})(\\s*)(:)`), ['nv', '', 'p']],
      [re(ID), (m, c) => {
        const w = m[0];
        c.token(KEYWORDS.has(w) ? 'k' : DECLARATIONS.has(w) ? 'kd' : CONSTANTS.has(w) ? 'kc' : UPPER.test(w) ? 'kt' : 'n', w);
      }],
      [re(`(\`)(${ID})(\`)`), ['p', 'nv', 'p']],
    ],
    tuple: [
      [re(`(${ID})`), 'nv'],
      [re(`(\`)(${ID})(\`)`), ['p', 'nv', 'p']],
      [/,/, 'p'],
      [/[(]/, 'p', '#push'],
      [/[)]/, 'p', '#pop'],
      mixin('inline_whitespace'),
    ],
    dq: [
      [/\\[\\0tnr'"]/, 'se'],
      [/\\[(]/, 'se', 'interp'],
      [/\\u\{[0-9a-fA-F]{1,8}\}/, 'se'],
      [/[^\\"]+/, 's'],
      [/"""/, 's', '#pop'],
      [/"/, 's', '#pop'],
    ],
    interp: [[/[(]/, 'p', 'interp_inner'], [/[)]/, 'se', '#pop'], mixin('root')],
    interp_inner: [[/[(]/, 'p', '#push'], [/[)]/, 'p', '#pop'], mixin('root')],
  },
};
