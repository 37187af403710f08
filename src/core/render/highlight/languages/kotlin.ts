// Kotlin, modelled on Rouge's `kotlin` lexer: declarations name their class, function or property;
// capitalised names are classes, a name before `(` or `{` a function; operators are punctuation.
import type { Grammar } from '../lexer';

const KEYWORDS = `abstract annotation as break by catch class companion const constructor continue crossinline do dynamic else
  enum external false final finally for fun get if import in infix inline inner interface internal is lateinit noinline null
  object open operator out override package private protected public reified return sealed set super suspend tailrec this
  throw true try typealias typeof val var vararg when where while yield`.trim().split(/\s+/).join('|');
const NAME_CHARS = '[-_\\p{Lu}\\p{Ll}\\p{Lt}\\p{Lm}\\p{Nl}\\p{Nd}\\p{Pc}\\p{Cf}\\p{Mn}\\p{Mc}]*';
const CLASS = `\`?[\\p{Lu}]${NAME_CHARS}\`?`;
const NAME = `\`?[_\\p{Lu}\\p{Ll}\\p{Lt}\\p{Lm}\\p{Nl}]${NAME_CHARS}\`?`;
const re = (source: string, flags = '') => new RegExp(source, 'u' + flags);
const DEC = '(?:([0-9][0-9_]*[0-9])|[0-9])';
const DOUBLE = `(?:((${DEC})?\\.${DEC}([eE][+-]?(${DEC}))?)|(${DEC}[eE][+-]?(${DEC})))`;

export const KOTLIN: Grammar = {
  name: 'kotlin',
  states: {
    root: [
      [/\b(companion)(\s+)(object)\b/, ['k', '', 'k']],
      [/\b(class|data\s+class|interface|object)(\s+)/, ['kd', ''], 'class'],
      [/\b(fun)(\s+)/, ['k', ''], 'function'],
      [/\b(package|import)(\s+)/, ['k', ''], 'package'],
      [/\b(val|var)(\s+)(\()/, ['kd', '', 'p'], 'destructure'],
      [/\b(val|var)(\s+)/, ['kd', ''], 'property'],
      [re(`(return|continue|break|this|super)(@${NAME})?\\b`), ['k', 'nd']],
      [/\bfun\b/, 'k'],
      [new RegExp(`\\b(?:${KEYWORDS})\\b`), 'k'],
      [/^\s*\[.*?\]/, 'na'],
      [/[^\S\n]+/, ''],
      [/\\\n/, ''],
      [/\/\/.*?$/, 'c1'],
      [/\/[*].*[*]\//, 'cm'],
      [/\/[*].*/, 'cm', 'comment'],
      [/\n/, ''],
      [/(::)(class)/, ['o', 'k']],
      [/::|!!|\?[:.]/, 'o'],
      [/(\.\.)/, 'o'],
      [new RegExp(`(${DOUBLE}[fF]?)|(${DEC}[fF])`), 'mf'],
      [/0[bB]([01][01_]*[01]|[01])[uU]?L?/, 'mb'],
      [/0[xX]([0-9a-fA-F][0-9a-fA-F_]*[0-9a-fA-F]|[0-9a-fA-F])[uU]?L?/, 'mh'],
      [/(([1-9][0-9_]*[0-9])|[0-9])[uU]?L?/, 'mi'],
      [/[~!%^&*()+=|[\]:;,.<>/?-]/, 'p'],
      [/[{}]/, 'p'],
      [/@"(""|[^"])*"/s, 's'],
      [/""".*?"""/s, 's'],
      [/"(\\\\|\\"|[^"\n])*["\n]/s, 's'],
      [/'\\.'|'[^\\]'/, 'sc'],
      [re(`(@${CLASS})`), 'nd'],
      [re(`(${CLASS})(<)`), ['nc', 'p'], 'generic_parameters'],
      [re(CLASS), 'nc'],
      [re(`(${NAME})(?=\\s*[({])`), 'nf'],
      [re(`(${NAME})@`), 'nd'],
      [re(NAME), 'n'],
    ],
    package: [[/\S+/, 'nn', '#pop']],
    class: [[re(CLASS), 'nc', '#pop']],
    function: [[/(<)/, 'p', 'generic_parameters'], [/(\s+)/, ''], [re(`(${CLASS})(\\.)`), ['nc', 'p']], [re(NAME), 'nf', '#pop']],
    generic_parameters: [
      [re(CLASS), 'nc'], [/(<)/, 'p', 'generic_parameters'], [/(reified|out|in)/, 'k'], [/([,:.?])/, 'p'], [/(\s+)/, ''],
      [/(>)/, 'p', '#pop'],
    ],
    property: [[/(<)/, 'p', 'generic_parameters'], [/(\s+)/, ''], [re(NAME), 'py', '#pop']],
    destructure: [[/(,)/, 'p'], [/(\))/, 'p', '#pop'], [/(\s+)/, ''], [re(NAME), 'py']],
    comment: [[/\/[*]/, 'cm', 'comment'], [/[*]\//, 'cm', '#pop'], [/[^/*]+/, 'cm'], [/[/*]/, 'cm']],
  },
};
