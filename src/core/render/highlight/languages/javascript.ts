// JavaScript and TypeScript, modelled on Rouge's `javascript` and `typescript` lexers: identifiers are
// keywords, declarations, reserved words, constants, builtins or other names (`nx`) by set; after an
// operator or `(` a `/` starts a regex; `{` after an operator opens an object whose `key:` is an attribute.
import { type Grammar, type LexContext, type Rule, mixin, words } from '../lexer';

const JS_KEYWORDS = words(`as async await break case catch continue debugger default delete do else export finally from for if
  import in instanceof new of return super switch this throw try typeof void while yield`);
const JS_DECLARATIONS = words('var let const with function class extends constructor get set static');
const JS_RESERVED = words('enum implements interface package private protected public');
const CONSTANTS = words('true false null NaN Infinity undefined');
const JS_BUILTINS = words(`Array Boolean Date Error Function Math netscape Number Object Packages RegExp String sun decodeURI
  decodeURIComponent encodeURI encodeURIComponent Error eval isFinite isNaN parseFloat parseInt document window navigator self
  global Promise Set Map WeakSet WeakMap Symbol Proxy Reflect Int8Array Uint8Array Uint8ClampedArray Int16Array Uint16Array
  Uint16ClampedArray Int32Array Uint32Array Uint32ClampedArray Float32Array Float64Array DataView ArrayBuffer`);

const ID = '[\\p{L}\\p{Nl}$_][\\p{L}\\p{M}\\p{Nd}\\p{Pc}]*';
const goto = (state: string) => (c: LexContext) => { c.pop(); c.push(state); };

interface Sets { keywords: ReadonlySet<string>; declarations: ReadonlySet<string>; reserved: ReadonlySet<string>; builtins: ReadonlySet<string> }

function jsFamily(name: string, sets: Sets, extra: { root?: Rule[]; statement?: Rule[] }): Grammar {
  return {
    name,
    states: {
      multiline_comment: [[/[*]\//, 'cm', '#pop'], [/[^*/]+/, 'cm'], [/[*/]/, 'cm']],
      comments_and_whitespace: [[/\s+/, ''], [/<!--/, 'c'], [/\/\/.*?$/, 'c1'], [/\/[*]/, 'cm', 'multiline_comment']],
      expr_start: [
        mixin('comments_and_whitespace'),
        [/\//, (m, c) => { c.token('sr', m[0]); goto('regex')(c); }],
        [/[{]/, (m, c) => { c.token('p', m[0]); goto('object')(c); }],
        [/(?:)/, '', '#pop'],
      ],
      regex: [
        [/\//, (m, c) => { c.token('sr', m[0]); goto('regex_end')(c); }],
        [/[^/]\n/, 'err', '#pop'],
        [/\n/, 'err', '#pop'],
        [/\[\^/, 'se', 'regex_group'],
        [/\[/, 'se', 'regex_group'],
        [/\\./, 'se'],
        [/[(][?][:=<!]/, 'se'],
        [/[{][\d,]+[}]/, 'se'],
        [/[()?]/, 'se'],
        [/./, 'sr'],
      ],
      regex_end: [[/[gimuy]+/, 'sr', '#pop'], [/(?:)/, (_m, c) => c.pop()]],
      regex_group: [[/\//, 'se'], [/[^/]\n/, (_m, c) => c.pop(2)], [/\]/, 'se', '#pop'], [/\\./, 'se'], [/./, 'sr']],
      root: [
        ...(extra.root ?? []),
        // Rouge's `\A`: at the scan position, wherever that is.
        [/\s*#!.*?\n/s, 'cp', 'statement'],
        // (Rouge's `(?<=\n)(?=\s|/|<!--)` never matches: a lookbehind sees nothing before the scan position.)
        mixin('comments_and_whitespace'),
        [/\+\+|--|~|\?\?=?|&&|\|\||\\(?=\n)|<<|>>>?|===|!==/, 'o', 'expr_start'],
        [/[-<>+*%&|^/!=]=?/, 'o', 'expr_start'],
        [/[([,]/, 'p', 'expr_start'],
        [/;/, 'p', 'statement'],
        [/[)\].]/, 'p'],
        [/`/, 's2', 'template_string'],
        [/[?][.]/, 'p'],
        [/[?]/, 'p', ['ternary', 'expr_start']],
        [/(@)(\w+)?/, ['p', 'nd'], 'expr_start'],
        [/[{}]/, 'p', 'statement'],
        [new RegExp(ID, 'iu'), (m, c) => {
          const w = m[0];
          if (sets.keywords.has(w)) { c.token('k', w); c.push('expr_start'); }
          else if (sets.declarations.has(w)) { c.token('kd', w); c.push('expr_start'); }
          else if (sets.reserved.has(w)) c.token('kr', w);
          else if (CONSTANTS.has(w)) c.token('kc', w);
          else if (sets.builtins.has(w)) c.token('nb', w);
          else c.token('nx', w);
        }],
        [/[0-9][0-9]*\.[0-9]+([eE][0-9]+)?[fd]?/, 'mf'],
        [/0x[0-9a-fA-F]+/i, 'mh'],
        [/0o[0-7][0-7_]*/i, 'mo'],
        [/0b[01][01_]*/i, 'mb'],
        [/[0-9]+/, 'mi'],
        [/"/, 'dl', 'dq'],
        [/'/, 'dl', 'sq'],
        [/:/, 'p'],
      ],
      dq: [[/\\[\\nrt"]?/, 'se'], [/[^\\"]+/, 's2'], [/"/, 'dl', '#pop']],
      sq: [[/\\[\\nrt']?/, 'se'], [/[^\\']+/, 's1'], [/'/, 'dl', '#pop']],
      statement: [
        ...(extra.statement ?? []),
        [/case\b/, (m, c) => { c.token('k', m[0]); goto('expr_start')(c); }],
        [new RegExp(`(${ID})(\\s*)(:)`, 'iu'), ['nl', '', 'p']],
        mixin('expr_start'),
      ],
      object: [
        mixin('comments_and_whitespace'),
        [/[{]/, 'p', '#push'],
        [/[}]/, (m, c) => { c.token('p', m[0]); goto('statement')(c); }],
        [new RegExp(`(${ID})(\\s*)(:)`, 'iu'), ['na', '', 'p'], 'expr_start'],
        [/:/, 'p'],
        mixin('root'),
      ],
      ternary: [[/:/, (m, c) => { c.token('p', m[0]); goto('expr_start')(c); }], mixin('root')],
      template_string: [[/[$]\{/, 'p', 'template_string_expr'], [/`/, 's2', '#pop'], [/\\[$`]/, 'se'], [/[^$`\\]+/, 's2'], [/[\\$]/, 's2']],
      template_string_expr: [[/\}/, 'p', '#pop'], mixin('root')],
    },
  };
}

export const JAVASCRIPT = jsFamily('javascript',
  { keywords: JS_KEYWORDS, declarations: JS_DECLARATIONS, reserved: JS_RESERVED, builtins: JS_BUILTINS }, {});

export const TYPESCRIPT = jsFamily('typescript', {
  keywords: new Set([...JS_KEYWORDS, ...words('is namespace static private protected public implements readonly')]),
  declarations: new Set([...JS_DECLARATIONS, 'type', 'abstract']),
  reserved: new Set([...JS_RESERVED, ...words('string any void number namespace module declare default interface keyof')]),
  builtins: new Set([...JS_BUILTINS, ...words('Pick Partial Readonly Record')]),
}, {
  root: [[/[?][.]/, 'p'], [/[?]{2}/, 'o']],
  statement: [[new RegExp(`(${ID})(\\??)(\\s*)(:)`, 'iu'), ['nl', 'p', '', 'p'], 'expr_start']],
});
