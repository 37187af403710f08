// Rust, modelled on Rouge's `rust` lexer: keywords and builtin types by word, `name(` a function,
// `.field` a property, `path::` a namespace, `name!` a macro whose bracketed arguments are lexed as code.
import { type Grammar, type LexContext, mixin, words } from '../lexer';

const KEYWORDS = `as async await break const continue crate dyn else enum extern false fn for if impl in let log loop match mod
  move mut pub ref return self Self static struct super trait true type unsafe use where while abstract become box do final
  macro override priv typeof unsized virtual yield try union`.trim().split(/\s+/).join('|');
const BUILTINS = words(`Add BitAnd BitOr BitXor bool c_char c_double c_float char c_int clock_t c_long c_longlong Cons Const
  Copy c_schar c_short c_uchar c_uint c_ulong c_ulonglong c_ushort c_void dev_t DIR dirent Div Either Eq Err f32 f64 Failure
  FILE float fpos_t i16 i32 i64 i8 isize Index ino_t int intptr_t Left mode_t Modulo Mul Neg Nil None Num off_t Ok Option Ord
  Owned pid_t Ptr ptrdiff_t Right Send Shl Shr size_t Some ssize_t str Sub Success time_t u16 u32 u64 u8 usize uint uintptr_t
  Box Vec String Gc Rc Arc u128 i128 Result Sync Pin Unpin Sized Drop drop Fn FnMut FnOnce Clone PartialEq PartialOrd AsMut
  AsRef From Into Default DoubleEndedIterator ExactSizeIterator Extend IntoIterator Iterator`);

const ID = '[\\p{XID_Start}_]\\p{XID_Continue}*';
const ESCAPES = "\\\\(?:[nrt'\"\\\\0]|x[0-9a-fA-F]{2}|u\\{([0-9a-fA-F]_*){1,6}\\})";
const SIZE = '(?:8|16|32|64|128|size)';
const re = (source: string, flags = '') => new RegExp(source, 'u' + flags);
const CLOSER: Record<string, string> = { '[': ']', '(': ')', '{': '}' };
const delims = (c: LexContext): Record<string, number> => (c.memo.delims ??= { ']': 0, ')': 0, '}': 0 }) as Record<string, number>;

export const RUST: Grammar = {
  name: 'rust',
  start: ['bol'],
  states: {
    bol: [mixin('whitespace'), [/#\s[^\n]*/, 'cs'], [/(?:)/, (_m, c) => c.pop()]],
    attribute: [mixin('whitespace'), mixin('has_literals'), [/[(,)=:]/, 'nd'], [/\]/, 'nd', '#pop'], [re(ID), 'nd']],
    whitespace: [[/\s+/, ''], mixin('comments')],
    comments: [
      [/\/\/\/\/+[^\n]*/, 'c1'],
      [/\/\/[/!][^\n]*/, 'cd'],
      [/\/\/[^\n]*/, 'c1'],
      [/\/\*\*\*?\//, 'cm'],
      [/\/\*\*\*+/, 'cm', 'nested_plain_block'],
      [/\/[*][*!]/, 'cd', 'nested_doc_block'],
      [/\/[*]/, 'cm', 'nested_plain_block'],
    ],
    nested_plain_block: [[/\*\//, 'cm', '#pop'], [/\/\*/, 'cm', 'nested_plain_block'], [/[^*/]+|[*/]/, 'cm']],
    nested_doc_block: [[/\*\//, 'cd', '#pop'], [/\/\*/, 'cd', 'nested_doc_block'], [/[^*/]+|[*/]/, 'cd']],
    root: [
      [/\n/, '', 'bol'],
      mixin('whitespace'),
      [/#!?\[/, 'nd', 'attribute'],
      [new RegExp(`\\b(?:${KEYWORDS})\\b`), 'k'],
      mixin('has_literals'),
      [/[=-]>/, 'k'],
      [/<->/, 'k'],
      [/[()[\]{}|,:;]/, 'p'],
      [/[*/!@~&+%^<>=?-]|\.{2,3}/, 'o'],
      [re(`([.]\\s*)?${ID}(?=\\s*[(])`, 's'), 'nf'],
      [/[.]\s*await\b/, 'k'],
      [re(`[.]\\s*${ID}`), 'py'],
      [/[.]\s*\d+/, 'na'],
      [re(`(${ID})(::)`, 's'), ['nn', 'p']],
      [/\bmacro_rules!/, 'nd', 'macro_rules'],
      [re(`${ID}!`), 'nd', 'macro'],
      [/'static\b/, 'k'],
      [re(`'${ID}`), 'nv'],
      [re(ID), (m, c) => c.token(BUILTINS.has(m[0]) ? 'nb' : 'n', m[0])],
    ],
    macro: [
      mixin('has_literals'),
      [/[[{(]/, (m, c) => { delims(c)[CLOSER[m[0]]]++; c.token('p', m[0]); }],
      [/[\]})]/, (m, c) => {
        const d = delims(c);
        d[m[0]]--;
        if (Object.values(d).every((n) => n === 0)) c.pop();
        c.token('p', m[0]);
      }],
      [re(`${ID}!`), 'nd'],
      mixin('root'),
      [/./, ''],
    ],
    macro_rules: [[re(`[$]${ID}(:${ID})?`), 'nv'], [/[$]/, 'nv'], mixin('macro')],
    has_literals: [
      [/\b(?:true|false)\b/, 'kc'],
      [re(`b?'(?:${ESCAPES}|[^\\\\])'`), 'sc'],
      [/b?"/, 's', 'string'],
      [/b?r(#*)".*?"\1/s, 's'],
      [re('[0-9][0-9_]*(?:[.][0-9][0-9_]*(?:[eE][-+]?[0-9_]+)?(?:f32|f64)?|(?:[.][0-9][0-9_]*)?[eE][-+]?[0-9_]+(?:f32|f64)?' +
        '|(?:[.][0-9][0-9_]*)?(?:[eE][-+]?[0-9_]+)?(?:f32|f64)|[.](?![._\\p{XID_Start}]))'), 'mf'],
      [new RegExp(`(0b[10_]+|0x[0-9a-fA-F_]+|0o[0-7_]+|[0-9][0-9_]*)(u${SIZE}?|i${SIZE})?`), 'mi'],
    ],
    string: [[/"/, 's', '#pop'], [re(ESCAPES), 'se'], [/[^"\\]+/, 's']],
  },
};
