// Ruby, modelled on Rouge's `ruby` lexer: after an operator or keyword an expression starts (where `/`
// is a regex and `?c` a character); names followed by a space may take a regex argument; `def`/`class`
// name their method/class; heredocs, %-literals with any delimiter, symbols and interpolation.
import { type Grammar, type LexContext, type Rule, mixin } from '../lexer';

const KEYWORDS = 'BEGIN|END|alias|begin|break|case|defined\\?|do|else|elsif|end|ensure|for|if|in|next|redo|rescue|raise|retry|return|super|then|undef|unless|until|when|while|yield';
const PSEUDO = 'loop|include|extend|raise|alias_method|attr|catch|throw|private|module_function|public|protected|true|false|nil|__FILE__|__LINE__';
const BUILTINS_G = `attr_reader attr_writer attr_accessor __id__ __send__ abort ancestors at_exit autoload binding callcc caller catch
  chomp chop class_eval class_variables clone const_defined\\? const_get const_missing const_set constants display dup eval exec
  exit extend fail fork format freeze getc gets global_variables gsub hash id included_modules inspect instance_eval
  instance_method instance_methods instance_variable_get instance_variable_set instance_variables lambda load local_variables
  loop method method_missing methods module_eval name object_id open p print printf private_class_method
  private_instance_methods private_methods proc protected_instance_methods protected_methods public_class_method
  public_instance_methods public_methods putc puts raise rand readline readlines require require_relative scan select self send
  set_trace_func singleton_methods sleep split sprintf srand sub syscall system taint test throw to_a to_s trace_var trap
  untaint untrace_var warn`.trim().split(/\s+/).join('|');
const BUILTINS_Q = `autoload block_given const_defined eql equal frozen include instance_of is_a iterator kind_of method_defined
  nil private_method_defined protected_method_defined public_method_defined respond_to tainted`.trim().split(/\s+/).join('|');
const DELIMS: Record<string, string> = { '{': '}', '[': ']', '(': ')', '<': '>' };
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
const goto = (c: LexContext, to: string) => { c.pop(); c.push(to); };
type Heredoc = [tolerant: boolean, name: string];
const queue = (c: LexContext): Heredoc[] => (c.memo.heredocs ??= []) as Heredoc[];

/** A %-literal: the state that lexes up to its closing delimiter (Rouge's `sigil_strings`). */
function sigil(m: RegExpExecArray, c: LexContext): void {
  const openCh = m[2];
  const open = escapeRe(openCh);
  const close = escapeRe(DELIMS[openCh] ?? openCh);
  const interp = /[rQWxI]/.test(m[1] ?? '');
  let tok = 'sx';
  if (m[1] === 'r') {
    tok = 'sr';
    c.push('regex_flags');
  }
  c.token(tok, m[0]);
  let uniq = (open + close).replace(/(.)\1+/g, '$1');
  if (open === close && open === '\\#') uniq = '';
  const rules: Rule[] = [[new RegExp(`\\\\[#${uniq}\\\\]`), 'se']];
  if (open !== close) rules.push([new RegExp(open), tok, '#push']);
  rules.push([new RegExp(close), tok, '#pop']);
  if (interp) rules.push(mixin('string_intp_escaped'), [/#/, tok]);
  else rules.push([/[\\#]/, tok]);
  rules.push([new RegExp(`[^#${uniq}\\\\]+`, 's'), tok]);
  c.pushRules(rules);
}

const simple = (tok: string, fin: string): Rule[] => [
  mixin('string_intp_escaped'),
  [new RegExp(`[^\\\\${fin}#]+`, 's'), tok],
  [/[\\#]/, tok],
  [new RegExp(fin), tok, '#pop'],
];

export const RUBY: Grammar = {
  name: 'ruby',
  start: ['expr_start'],
  states: {
    symbols: [
      [/:@{0,2}[a-z_]\w*[!?]?/i, 'ss'],
      [/:(?:\*\*|[-+]@|[/%&|^`~]|\[\]=?|<<|>>|<=?>|<=?|===?)/, 'ss'],
      [/:'(\\\\|\\'|[^'])*'/, 'ss'],
      [/:"/, 'ss', 'simple_sym'],
    ],
    sigil_strings: [[/%([rqswQWxiI])?([^\w\s])/, sigil]],
    strings: [
      mixin('symbols'),
      [/\b[a-z_]\w*?[?!]?:\s+/, 'ss', 'expr_start'],
      [/'(\\\\|\\'|[^'])*'/, 's1'],
      [/"/, 's2', 'simple_string'],
      [/`/, 'sb', 'simple_backtick'], // Rouge's leading lookbehinds see nothing before the scan position: always true
    ],
    regex_flags: [[/[mixounse]*/, 'sr', '#pop']],
    simple_string: simple('s2', '"'),
    simple_sym: simple('ss', '"'),
    simple_backtick: simple('sb', '`'),
    whitespace: [mixin('inline_whitespace'), [/\n\s*/, '', 'expr_start'], [/#.*$/, 'c1'], [/=begin\b.*?\n=end\b/s, 'cm']],
    inline_whitespace: [[/[ \t\r]+/, '']],
    root: [
      mixin('whitespace'),
      [/__END__/, 'cp', 'end_part'],
      [/0_?[0-7]+(?:_[0-7]+)*/, 'mo'],
      [/0x[0-9A-Fa-f]+(?:_[0-9A-Fa-f]+)*/, 'mh'],
      [/0b[01]+(?:_[01]+)*/, 'mb'],
      [/[\d]+(?:_\d+)*(?:\.[\d]+(?:_\d+)*(?:e[+-]?\d+)?|(?:[eE][+-]?\d+))/, 'mf'],
      [/[\d]+(?:_\d+)*/, 'mi'],
      [/@@[a-z_]\w*/i, 'vc'],
      [/@[a-z_]\w*/i, 'vi'],
      [/\$\w+/, 'vg'],
      [/\$[!@&`'+~=/\\,;.<>_*$?:"]/, 'vg'],
      [/\$-[0adFiIlpvw]/, 'vg'],
      [/::/, 'o'],
      mixin('strings'),
      [new RegExp(`(?:${KEYWORDS})(?=\\W|$)`), 'k', 'expr_start'],
      [new RegExp(`(?:${PSEUDO})\\b`), 'kp', 'expr_start'],
      [/(module)(\s+)([a-zA-Z_][a-zA-Z0-9_]*(::[a-zA-Z_][a-zA-Z0-9_]*)*)/, ['k', '', 'nn']],
      [/(def\b)(\s*)/, ['k', ''], 'funcname'],
      [/(class\b)(\s*)/, ['k', ''], 'classname'],
      [new RegExp(`(?:${BUILTINS_Q})[?]`), 'nb', 'expr_start'],
      [/(?:chomp|chop|exit|gsub|sub)!/, 'nb', 'expr_start'],
      [new RegExp(`(?:${BUILTINS_G})\\b`), 'nb', 'method_call'],
      mixin('has_heredocs'),
      [/\.{2,3}/, 'o', 'expr_start'],
      [/[A-Z][a-zA-Z0-9_]*/, 'no', 'method_call'],
      [/(\.|::)(\s*)([a-z_]\w*[!?]?|[*%&^`~+\-/[<>=])/, ['p', '', 'nf'], 'method_call'],
      [/[a-zA-Z_]\w*[?!]/, 'n', 'expr_start'],
      [/[a-zA-Z_]\w*/, 'n', 'method_call'],
      [/\*\*|<<?|>>?|>=|<=|<=>|=~|={3}|!~|&&?|\|\||\./, 'o', 'expr_start'],
      [/[-+/*%=<>&!^|~]=?/, 'o', 'expr_start'],
      [/[?]/, 'p', ['ternary', 'expr_start']],
      [/[[({,:\\;/]/, 'p', 'expr_start'],
      [/[\])}]/, 'p'],
    ],
    has_heredocs: [
      [/(<<[-~]?)(["`']?)([a-zA-Z_]\w*)(\2)/, (m, c) => {
        c.token('o', m[1]);
        c.token('no', m[2] + m[3] + m[4]);
        queue(c).push([m[1] === '<<-' || m[1] === '<<~', m[3]]);
        if (!c.stack.includes('heredoc_queue')) c.push('heredoc_queue');
      }],
      [/(<<[-~]?)(["'])(\2)/, (m, c) => {
        c.token('o', m[1]);
        c.token('no', m[2] + m[3]);
        queue(c).push([m[1] === '<<-' || m[1] === '<<~', '']);
        if (!c.stack.includes('heredoc_queue')) c.push('heredoc_queue');
      }],
    ],
    heredoc_queue: [[/(?=\n)/, (_m, c) => goto(c, 'resolve_heredocs')], mixin('root')],
    resolve_heredocs: [mixin('string_intp_escaped'), [/\n/, 'sh', 'test_heredoc'], [/[#\\\n]/, 'sh'], [/[^#\\\n]+/, 'sh']],
    test_heredoc: [
      [/[^#\\\n]*$/, (m, c) => {
        const q = queue(c);
        const [tolerant, name] = q[0] ?? [false, ''];
        const check = tolerant ? m[0].trim() : m[0].trimEnd();
        if (check === name) {
          q.shift();
          if (!q.length) c.pop();
          c.token('no', m[0]);
        } else c.token('sh', m[0]);
        c.pop();
      }],
      [/(?:)/, (_m, c) => c.pop()],
    ],
    funcname: [
      [/\s+/, ''],
      [/\(/, 'p', 'defexpr'],
      [/(?:([a-zA-Z_]\w*)(\.))?([a-zA-Z_]\w*[!?]?|\*\*?|[-+]@?|[/%&|^`~]|\[\]=?|<<?|>>?|<=>?|>=|===?)/, ['nc', 'o', 'nf'], '#pop'],
      [/(?:)/, (_m, c) => c.pop()],
    ],
    classname: [
      [/\s+/, ''],
      [/\w+(::\w+)+/, 'nc'],
      [/\(/, 'p', ['defexpr', 'expr_start']],
      [/<</, (m, c) => { c.token('o', m[0]); goto(c, 'expr_start'); }],
      [/[A-Z_]\w*/, 'nc', '#pop'],
      [/(?:)/, (_m, c) => c.pop()],
    ],
    ternary: [
      [/(:)(\s+)/, (m, c) => { c.token('p', m[1]); c.token('', m[2]); goto(c, 'expr_start'); }],
      [/:(?![^#\n]*?[:\\])/, (m, c) => { c.token('p', m[0]); goto(c, 'expr_start'); }],
      mixin('root'),
    ],
    defexpr: [
      [/(\))(\.|::)?/, ['p', 'o'], '#pop'],
      [/\(/, 'p', ['defexpr', 'expr_start']],
      mixin('root'),
    ],
    in_interp: [[/\}/, 'si', '#pop'], mixin('root')],
    string_intp: [[/[#][{]/, 'si', 'in_interp'], [/#(@@?|\$)[a-z_]\w*/i, 'si']],
    string_intp_escaped: [
      mixin('string_intp'),
      [/\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})/, 'se'],
      [/\\./, 'se'],
    ],
    method_call: [
      [/\/|%/, (m, c) => { c.token('o', m[0]); goto(c, 'expr_start'); }],
      [/(?=\n)/, (_m, c) => c.pop()],
      [/(?:)/, (_m, c) => goto(c, 'method_call_spaced')],
    ],
    method_call_spaced: [
      mixin('whitespace'),
      [/[%/]=/, (m, c) => { c.token('o', m[0]); goto(c, 'expr_start'); }],
      [/(\/)(?=\S|\s*\/)/, (m, c) => { c.token('sr', m[0]); goto(c, 'slash_regex'); }],
      mixin('sigil_strings'),
      [/(?=\s*\/)/, (_m, c) => c.pop()],
      [/\s+/, (m, c) => { c.token('', m[0]); goto(c, 'expr_start'); }],
      [/(?:)/, (_m, c) => c.pop()],
    ],
    expr_start: [
      mixin('inline_whitespace'),
      [/\//, (m, c) => { c.token('sr', m[0]); goto(c, 'slash_regex'); }],
      [/[?](\\[MC]-)*(\\([\\abefnrstv#"']|x[a-fA-F0-9]{1,2}|[0-7]{1,3})|\S)(?!\w)/, 'sc', '#pop'],
      [/(\s*)(%[rqswQWxiI]? \S* )/, ['', 'sx'], '#pop'],
      mixin('sigil_strings'),
      [/(?:)/, (_m, c) => c.pop()],
    ],
    slash_regex: [
      mixin('string_intp'),
      [/\\\\/, 'sr'],
      [/\\\//, 'sr'],
      [/[\\#]/, 'sr'],
      [/[^\\/#]+/s, 'sr'],
      [/\//, (m, c) => { c.token('sr', m[0]); goto(c, 'regex_flags'); }],
    ],
    end_part: [[/.+/s, 'cp', '#pop']],
  },
};
