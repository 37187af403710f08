// Python, modelled on Rouge's `python` lexer: keywords, builtins, exceptions and pseudo-builtins by word;
// `def`/`class` name their function/class; strings remember their prefix and delimiter (f-strings interpolate).
import { type Grammar, type LexContext, mixin, words } from '../lexer';

const KEYWORDS = words(`assert break continue del elif else except exec finally for global if lambda pass print raise return
  try while yield as with from import yield async await nonlocal`);
const BUILTINS = words(`__import__ abs all any apply ascii basestring bin bool buffer bytearray bytes callable chr classmethod
  cmp coerce compile complex delattr dict dir divmod enumerate eval execfile exit file filter float format frozenset getattr
  globals hasattr hash hex id input int intern isinstance issubclass iter len list locals long map max memoryview min next
  object oct open ord pow property range raw_input reduce reload repr reversed round set setattr slice sorted staticmethod str
  sum super tuple type unichr unicode vars xrange zip`);
const PSEUDO = words('self None Ellipsis NotImplemented False True');
const EXCEPTIONS = words(`ArithmeticError AssertionError AttributeError BaseException BlockingIOError BrokenPipeError
  BufferError BytesWarning ChildProcessError ConnectionAbortedError ConnectionError ConnectionRefusedError
  ConnectionResetError DeprecationWarning EOFError EnvironmentError Exception FileExistsError FileNotFoundError
  FloatingPointError FutureWarning GeneratorExit IOError ImportError ImportWarning IndentationError IndexError
  InterruptedError IsADirectoryError KeyError KeyboardInterrupt LookupError MemoryError ModuleNotFoundError NameError
  NotADirectoryError NotImplemented NotImplementedError OSError OverflowError OverflowWarning PendingDeprecationWarning
  ProcessLookupError RecursionError ReferenceError ResourceWarning RuntimeError RuntimeWarning StandardError
  StopAsyncIteration StopIteration SyntaxError SyntaxWarning SystemError SystemExit TabError TimeoutError TypeError
  UnboundLocalError UnicodeDecodeError UnicodeEncodeError UnicodeError UnicodeTranslateError UnicodeWarning UserWarning
  ValueError VMSError Warning WindowsError ZeroDivisionError`);

const ID = '[\\p{L}_][\\p{L}\\p{N}_]*';
const DOTTED = '[\\p{L}_.][\\p{L}\\p{N}_.]*';
const DIGITS = '[0-9](_?[0-9])*';
const DECIMAL = `((${DIGITS})?\\.${DIGITS}|${DIGITS}\\.)`;
const EXPONENT = `e[+-]?${DIGITS}`;

type Str = [type: string, delim: string];
const strings = (c: LexContext): Str[] => (c.memo.strings ??= []) as Str[];
const top = (c: LexContext): Str => strings(c)[strings(c).length - 1] ?? ['', ''];

export const PYTHON: Grammar = {
  name: 'python',
  states: {
    root: [
      [/\n+/, ''],
      [/^(:)(\s*)([ru]{0,2}""".*?""")/si, ['p', '', 'sd']],
      [/[^\S\n]+/, ''],
      [/#(.*)?\n?/, 'c1'],
      [/[[\]{}:(),;.]/, 'p'],
      [/\\\n/, ''],
      [/\\/, ''],
      [/(in|is|and|or|not)\b/, 'ow'],
      [/(<<|>>|\/\/|\*\*)=?/, 'o'],
      [/[-~+/*%=<>&^|@]=?|!=/, 'o'],
      [new RegExp(`(from)((?:\\\\\\s|\\s)+)(${DOTTED})((?:\\\\\\s|\\s)+)(import)`, 'u'), ['kn', '', 'nn', '', 'kn']],
      [new RegExp(`(import)(\\s+)(${DOTTED})`, 'u'), ['kn', '', 'nn']],
      [/(def)((?:\s|\\\s)+)/, ['k', ''], 'funcname'],
      [/(class)((?:\s|\\\s)+)/, ['k', ''], 'classname'],
      [/`.*?`/, 'sb'],
      [/([rfbu]{0,2})('''|"""|['"])/i, (m, c) => {
        c.token('sa', m[1]);
        c.token('s', m[2]);
        strings(c).push([m[1].toLowerCase(), m[2]]);
        c.push('generic_string');
      }],
      [new RegExp(`@${DOTTED}`, 'iu'), 'nd'],
      // Rouge's `(?<!\.)` here is always true: a lookbehind sees nothing before the scan position.
      [new RegExp(ID, 'u'), (m, c) => {
        const w = m[0];
        c.token(KEYWORDS.has(w) ? 'k' : EXCEPTIONS.has(w) || BUILTINS.has(w) ? 'nb' : PSEUDO.has(w) ? 'bp' : 'n', w);
      }],
      [new RegExp(ID, 'u'), 'n'],
      [new RegExp(`${DECIMAL}(${EXPONENT})?j?`, 'i'), 'mf'],
      [new RegExp(`${DIGITS}${EXPONENT}j?`, 'i'), 'mf'],
      [new RegExp(`${DIGITS}j`, 'i'), 'mf'],
      [/0b(_?[0-1])+/i, 'mb'],
      [/0o(_?[0-7])+/i, 'mo'],
      [/0x(_?[a-f0-9])+/i, 'mh'],
      [/\d+L/, 'il'],
      [/([1-9](_?[0-9])*|0(_?0)*)/, 'mi'],
    ],
    funcname: [[new RegExp(ID, 'u'), 'nf', '#pop']],
    classname: [[new RegExp(ID, 'u'), 'nc', '#pop']],
    generic_string: [
      [/[^'"\\{]+/, 's'],
      [/\{\{/, 's'],
      [/'''|"""|['"]/, (m, c) => {
        c.token('s', m[0]);
        if (top(c)[1] === m[0]) {
          strings(c).pop();
          c.pop();
        }
      }],
      [/(?=\\)/, 's', 'generic_escape'],
      [/\{/, (m, c) => {
        if (top(c)[0].includes('f')) {
          c.token('si', m[0]);
          c.push('generic_interpol');
        } else c.token('s', m[0]);
      }],
    ],
    generic_escape: [
      [/\\([\\abfnrtv"']|\n|newline|N\{[a-zA-Z][a-zA-Z ]+[a-zA-Z]\}|u[a-fA-F0-9]{4}|U[a-fA-F0-9]{8}|x[a-fA-F0-9]{2}|[0-7]{1,3})/, (m, c) => {
        c.token(top(c)[0].includes('r') ? 's' : 'se', m[0]);
        c.pop();
      }],
      [/\\./, 's', '#pop'],
    ],
    generic_interpol: [
      [/[^{}!:]+/, (m, c) => c.recurse(m[0])],
      [/![asr]/, 'si'],
      [/:/, 'si'],
      [/\{/, 'si', 'generic_interpol'],
      [/\}/, 'si', '#pop'],
    ],
    raise: [[/from\b/, 'k'], [/raise\b/, 'k'], [/yield\b/, 'k'], [/\n/, '', '#pop'], [/;/, 'p', '#pop'], mixin('root')],
  },
};
