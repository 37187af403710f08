// C and C++, modelled on Rouge's `c` and `cpp` lexers: keywords, types and reserved words by set;
// a function definition (`type name(args) {`) names its function; preprocessor lines are `cp`.
import { type Grammar, type LexContext, type Rule, mixin, words } from '../lexer';

const C_KEYWORDS = words(`auto break case const continue default do else enum extern for goto if register restricted return
  sizeof static struct switch typedef union volatile virtual while _Alignas _Alignof _Atomic _Generic _Imaginary _Noreturn
  _Static_assert _Thread_local`);
const C_TYPES = words(`int long float short double char unsigned signed void jmp_buf FILE DIR div_t ldiv_t mbstate_t
  sig_atomic_t fpos_t clock_t time_t va_list size_t ssize_t off_t wchar_t ptrdiff_t wctrans_t wint_t wctype_t _Bool _Complex
  int8_t int16_t int32_t int64_t uint8_t uint16_t uint32_t uint64_t int_least8_t int_least16_t int_least32_t int_least64_t
  uint_least8_t uint_least16_t uint_least32_t uint_least64_t int_fast8_t int_fast16_t int_fast32_t int_fast64_t uint_fast8_t
  uint_fast16_t uint_fast32_t uint_fast64_t intptr_t uintptr_t intmax_t uintmax_t char16_t char32_t`);
const C_RESERVED = words(`__asm __int8 __based __except __int16 __stdcall __cdecl __fastcall __int32 __declspec __finally
  __int61 __try __leave inline _inline __inline naked _naked __naked restrict _restrict __restrict thread _thread __thread
  typename _typename __typename`);
const CPP_KEYWORDS = new Set([...C_KEYWORDS, ...words(`asm auto catch char8_t concept consteval constexpr constinit const_cast
  co_await co_return co_yield delete dynamic_cast explicit export friend mutable namespace new operator private protected
  public reinterpret_cast requires restrict size_of static_cast this throw throws typeid typename using virtual final override
  alignas alignof decltype noexcept static_assert thread_local try`)]);
const CPP_TYPES = new Set([...C_TYPES, 'bool']);
const CPP_RESERVED = new Set([...C_RESERVED, ...words(`__virtual_inheritance __uuidof __super __single_inheritance
  __multiple_inheritance __interface __event`)]);

const ID = '[a-zA-Z_][a-zA-Z0-9_]*';
/** How far a function definition's return type and signature may reach (Rouge: unbounded). */
const BOUND = 500;

function cFamily(name: string, keywords: ReadonlySet<string>, types: ReadonlySet<string>, reserved: ReadonlySet<string>,
  extra: { root?: Rule[]; statements?: Rule[]; states?: Record<string, Rule[]> }): Grammar {
  const identifier = (m: RegExpExecArray, c: LexContext) => {
    const w = m[0];
    c.token(keywords.has(w) ? 'k' : types.has(w) ? 'kt' : reserved.has(w) ? 'kr' : 'n', w);
  };
  const g: Grammar = {
    name,
    start: ['bol'],
    states: {
      expr_bol: [
        mixin('inline_whitespace'),
        [/#if\s0/, 'c', 'if_0'],
        [/#/, 'cp', 'macro'],
        [/(?:)/, (_m, c) => c.pop()],
      ],
      bol: [[new RegExp(`${ID}:(?!:)`), 'nl'], mixin('expr_bol')],
      inline_whitespace: [
        [/[ \t\r]+/, ''],
        [/\\\n/, ''],
        [/\/(\\\n)?\*.*?\*(\\\n)?\//s, 'cm'],
      ],
      whitespace: [[/\n+/, '', 'bol'], [/\/\/(\\.|.)*?$/, 'c1', 'bol'], mixin('inline_whitespace')],
      expr_whitespace: [[/\n+/, '', 'expr_bol'], mixin('whitespace')],
      statements: [
        ...(extra.statements ?? []),
        mixin('whitespace'),
        [/(u8|u|U|L)?"/, 's', 'string'],
        [/(u8|u|U|L)?'(\\.|\\[0-7]{1,3}|\\x[a-f0-9]{1,2}|[^\\'\n])'/i, 'sc'],
        [/(\d+[.]\d*|[.]?\d+)e[+-]?\d+[lu]*/i, 'mf'],
        [/\d+e[+-]?\d+[lu]*/i, 'mf'],
        [/0x[0-9a-f]+[lu]*/i, 'mh'],
        [/0[0-7]+[lu]*/i, 'mo'],
        [/\d+[lu]*/i, 'mi'],
        [/\*\//, 'err'],
        [/[~!%^&*+=|?:<>/-]/, 'o'],
        [/[()[\],.;]/, 'p'],
        [/\bcase\b/, 'k', 'case'],
        [/(?:true|false|NULL)\b/, 'nb'],
        [new RegExp(ID), identifier],
      ],
      case: [[/:/, 'p', '#pop'], mixin('statements')],
      root: [
        ...(extra.root ?? []),
        mixin('expr_whitespace'),
        // Rouge's rule, with its repetitions bounded so a long run of words cannot make it quadratic.
        [new RegExp(`([\\w*\\s]{1,${BOUND}}?[\\s*])(${ID})(\\s*\\([^;]{0,${BOUND}}?\\))((?:\\s|//.*?\\n|/[*].*?[*]/)+)?(\\{|;)`, 's'), (m, c) => {
          c.recurse(m[1]);
          c.token('nf', m[2]);
          c.recurse(m[3]);
          if (m[4]) c.recurse(m[4]);
          c.token('p', m[5]);
          if (m[5] === '{') c.push('function');
        }],
        [/\{/, 'p', 'function'],
        mixin('statements'),
      ],
      function: [mixin('whitespace'), mixin('statements'), [/;/, 'p'], [/\{/, 'p', 'function'], [/\}/, 'p', '#pop']],
      string: [
        [/"/, 's', '#pop'],
        [/\\([\\abfnrtv"']|x[a-fA-F0-9]{2,4}|[0-7]{1,3})/, 'se'],
        [/[^\\"\n]+/, 's'],
        [/\\\n/, 's'],
        [/\\/, 's'],
      ],
      macro: [
        mixin('include'),
        [/[^/\n\\]+/, 'cp'],
        [/\\./s, 'cp'],
        mixin('inline_whitespace'),
        [/\//, 'cp'],
        [/\n/, 'cp', '#pop'],
      ],
      include: [
        [/(include)(\s*)(<[^>]+>)([^\n]*)/, ['cp', '', 'cpf', 'c1']],
        [/(include)(\s*)("[^"]+")([^\n]*)/, ['cp', '', 'cpf', 'c1']],
      ],
      if_0: [
        [/^\s*#if/, 'c', 'if_0'],
        [/^\s*#\s*el(?:se|if)/, 'c', '#pop'],
        [/^\s*#\s*endif\b.*?(?<!\\)\n/s, 'c', '#pop'],
        [/.*?\n/, 'c'],
      ],
      ...extra.states,
    },
  };
  return g;
}

export const C = cFamily('c', C_KEYWORDS, C_TYPES, C_RESERVED, {});

const DQ = "\\d('?\\d)*";
export const CPP = cFamily('cpp', CPP_KEYWORDS, CPP_TYPES, CPP_RESERVED, {
  root: [[/(?:__offload|__blockingoffload|__outer)\b/, 'kp']],
  statements: [
    [/(class|struct)\b/, 'k', 'classname'],
    [/template\b/, 'k', 'template'],
    [new RegExp(`${DQ}(\\.${DQ})?(?:y|d|h|(?:min)|s|(?:ms)|(?:us)|(?:ns)|i|(?:if)|(?:il))\\b`), 'mx'],
    [new RegExp(`(${DQ}[.](${DQ})?|[.]${DQ})(e[+-]?${DQ}[lu]*)?`, 'i'), 'mf'],
    [new RegExp(`${DQ}e[+-]?${DQ}[lu]*`, 'i'), 'mf'],
    [/0x[0-9a-f]('?[0-9a-f])*[lu]*/i, 'mh'],
    [/0b[01]+('[01]+)*/, 'mb'],
    [/0[0-7]('?[0-7])*[lu]*/i, 'mo'],
    [new RegExp(`${DQ}[lu]*`, 'i'), 'mi'],
    [/\bnullptr\b/, 'nb'],
    [/(?:u8|u|U|L)?R"([a-zA-Z0-9_{}[\]#<>%:;.?*+\-/^&|~!=,"']{0,16})\(.*?\)\1"/s, 's'],
    [/(::|<=>)/, 'o'],
    [/[{}]/, 'p'],
  ],
  states: {
    classname: [[new RegExp(ID), 'nc', '#pop'], mixin('whitespace'), [/[.]{3}/, 'o'], [/,/, 'p', '#pop'], [/(?:)/, (_m, c) => c.pop()]],
    template: [[/[>;]/, 'p', '#pop'], [/typename\b/, 'k', 'classname'], mixin('statements')],
    case: [[/:(?!:)/, 'p', '#pop'], mixin('statements')],
  },
});
