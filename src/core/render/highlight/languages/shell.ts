// Shell scripts and console sessions, modelled on Rouge's `shell` and `console` lexers: keywords and
// builtins by word, `name=` assignments, quoting and `$…` interpolation; a console line that holds a
// prompt character (`$ # > ;`) is a prompt (`gp`) followed by shell, any other line is output (`go`).
import { type Grammar, type LexContext, mixin } from '../lexer';

const KEYWORDS = 'if|fi|else|while|do|done|for|then|return|function|select|continue|until|esac|elif|in';
const BUILTINS = `alias bg bind break builtin caller cd command compgen complete declare dirs disown enable eval exec exit
  export false fc fg getopts hash help history jobs let local logout mapfile popd pushd pwd read readonly set shift shopt
  source suspend test time times trap true type typeset ulimit umask unalias unset wait cat tac nl od base32 base64 fmt pr fold
  head tail split csplit wc sum cksum b2sum md5sum sha1sum sha224sum sha256sum sha384sum sha512sum sort shuf uniq comm ptx
  tsort cut paste join tr expand unexpand ls dir vdir dircolors cp dd install mv rm shred link ln mkdir mkfifo mknod readlink
  rmdir unlink chown chgrp chmod touch df du stat sync truncate echo printf yes expr tee basename dirname pathchk mktemp
  realpath pwd stty printenv tty id logname whoami groups users who date arch nproc uname hostname hostid uptime chcon runcon
  chroot env nice nohup stdbuf timeout kill sleep factor numfmt seq tar grep sudo awk sed gzip gunzip`.trim().split(/\s+/).join('|');


export const SHELL: Grammar = {
  name: 'shell',
  states: {
    basic: [
      [/#.*$/, 'c'],
      [new RegExp(`\\b(${KEYWORDS})\\s*\\b`), 'k'],
      [/\bcase\b/, 'k', 'case'],
      [new RegExp(`\\b(${BUILTINS})\\s*\\b(?!(\\.|-))`), 'nb'],
      [/[.](?=\s)/, 'nb'],
      [/(\b\w+)(=)/, ['nv', 'o']],
      [/[[\]{}()!=>]/, 'o'],
      [/&&|\|\|/, 'o'],
      [/<<</, 'o'],
      [/(<<-?)(\s*)(['"]?)(\\?)(\w+)(\3)/, (m, c) => {
        c.token('o', m[1]); c.token('', m[2]); c.token('sh', m[3] + m[4]); c.token('no', m[5]); c.token('sh', m[6]);
        c.memo.heredoc = m[5];
        c.push('heredoc');
      }],
    ],
    heredoc: [[/\n/, 'sh', 'heredoc_nl'], [/[^$\n\\]+/, 'sh'], mixin('interp'), [/[$]/, 'sh']],
    heredoc_nl: [
      [/\s*(\w+)\s*\n/, (m, c) => {
        if (m[1] === c.memo.heredoc) {
          c.token('no', m[0]);
          c.pop(2);
        } else c.token('sh', m[0]);
      }],
      [/(?:)/, (_m, c) => c.pop()],
    ],
    double_quotes: [[/(?:\$#?)?"/, 's2', '#pop'], mixin('interp'), [/[^"`\\$]+/, 's2']],
    ansi_string: [[/\\./, 'se'], [/[^\\']+/, 's1'], mixin('single_quotes')],
    single_quotes: [[/'/, 's1', '#pop'], [/[^']+/, 's1']],
    data: [
      [/\s+/, ''],
      [/\\./, 'se'],
      [/\$?"/, 's2', 'double_quotes'],
      [/\$'/, 's1', 'ansi_string'],
      [/'/, 's1', 'single_quotes'],
      [/\*/, 'k'],
      [/;/, 'p'],
      [/--?[\w-]+/, 'nt'],
      [/[^=*\s{}()$"'`;\\<]+/, ''],
      [/\d+(?= |\n?(?![\s\S]))/, 'm'],
      [/</, ''],
      mixin('interp'),
    ],
    curly: [[/\}/, 'k', '#pop'], [/:-/, 'k'], [/[a-zA-Z0-9_]+/, 'nv'], [/[^}:"`'$]+/, 'p'], mixin('root')],
    paren_interp: [[/\)/, 'si', '#pop'], [/\(/, 'o', 'paren_inner'], mixin('root')],
    paren_inner: [[/\(/, 'o', '#push'], [/\)/, 'o', '#pop'], mixin('root')],
    math: [[/\)\)/, 'k', '#pop'], [/[-+*/%^|&!]|\*\*|\|\|/, 'o'], [/\d+(#\w+)?/, 'm'], mixin('root')],
    case: [[/\besac\b/, 'k', '#pop'], [/\|/, 'p'], [/\)/, 'p', 'case_stanza'], mixin('root')],
    case_stanza: [[/;;/, 'p', '#pop'], mixin('root')],
    backticks: [[/`/, 'sb', '#pop'], mixin('root')],
    interp: [
      [/\\$/, 'se'],
      [/\\./, 'se'],
      [/\$\(\(/, 'k', 'math'],
      [/\$\(/, 'si', 'paren_interp'],
      [/\$\{#?/, 'k', 'curly'],
      [/`/, 'sb', 'backticks'],
      [/\$#?(\w+|.)/, 'nv'],
      [/\$[*@]/, 'nv'],
    ],
    root: [mixin('basic'), mixin('data')],
  },
};

// The console lexer's defaults: no `prompt` option, so `$ # > ;` all end a prompt and there are no comments.
const PROMPT = /^.*?(?:\$|#|>|;)/s;
const SNIP = /^\s*(?:<[.]+>|[.]+)\s*$/;

function consoleLines(code: string, c: LexContext): void {
  c.reset('shell');
  for (const m of code.matchAll(/(.*?)(\n|$)/g)) {
    const line = m[0];
    if (!line) {
      if (m.index >= code.length) break;
      continue;
    }
    const p = SNIP.test(line) ? null : PROMPT.exec(line);
    if (SNIP.test(line)) {
      c.reset('shell');
      c.token('c', line);
    } else if (p) {
      c.token('gp', p[0]);
      const rest = line.slice(p[0].length);
      const ws = /^\s*/.exec(rest)![0];
      c.token('w', ws);
      c.delegate(rest.slice(ws.length), SHELL, 'shell');
    } else {
      c.reset('shell');
      c.token('go', line);
    }
  }
}

export const CONSOLE: Grammar = { name: 'console', states: {}, custom: consoleLines };
