// Java, modelled on Rouge's `java` lexer: a method declaration or call (`name(`) names a function and
// lexes what precedes it as Java again; `.member` is an attribute; constants, classes and names by case.
import type { Grammar } from '../lexer';

const KEYWORDS = 'assert|break|case|catch|continue|default|do|else|finally|for|if|goto|instanceof|new|return|switch|this|throw|try|while';
const DECLARATIONS = 'abstract|const|enum|extends|final|implements|native|private|protected|public|static|strictfp|super|synchronized|throws|transient|volatile';
const ID = '[\\p{L}_][\\p{L}\\p{M}\\p{Nd}\\p{Pc}]*';
const DIGIT = '(?:[0-9]_+[0-9]|[0-9])';

export const JAVA: Grammar = {
  name: 'java',
  states: {
    root: [
      [/[^\S\n]+/, ''],
      [/\/\/.*?$/, 'c1'],
      [/\/\*.*?\*\//s, 'cm'],
      [new RegExp(`(?:${KEYWORDS})\\b`), 'k'],
      // Rouge's rule, with at most 20 words before the method name so that prose-like input stays linear.
      [/(\s*(?:[a-zA-Z_][a-zA-Z0-9_.[\]<>]*\s+){1,20}?)([a-zA-Z_][a-zA-Z0-9_]*)(\s*)(\()/s, (m, c) => {
        c.recurse(m[1], JAVA);
        c.token('nf', m[2]);
        c.token('', m[3]);
        c.token('o', m[4]);
      }],
      [new RegExp(`@${ID}`, 'u'), 'nd'],
      [new RegExp(`(?:${DECLARATIONS})\\b`), 'kd'],
      [/(?:boolean|byte|char|double|float|int|long|short|var|void)\b/, 'kt'],
      [/(?:true|false|null)\b/, 'kc'],
      [/(?:class|interface)\b/, 'kd', 'class'],
      [/(?:import|package)\b/, 'kn', 'import'],
      [/"(\\\\|\\"|[^"])*"/, 's'],
      [/'(?:\\.|[^\\]|\\u[0-9a-f]{4})'/, 'sc'],
      [new RegExp(`(\\.)(${ID})`, 'u'), ['o', 'na']],
      [new RegExp(`${ID}:`, 'u'), 'nl'],
      [/\p{Lu}[\p{Lu}\p{Nd}_]*\b/u, 'no'],
      [/\p{Lu}[\p{L}\p{Nd}]*\b/u, 'nc'],
      [new RegExp(`\\$?${ID}`, 'u'), 'n'],
      [/[~^*!%&[\](){}<>|+=:;,./?-]/, 'o'],
      [new RegExp(`${DIGIT}+\\.${DIGIT}+([eE]${DIGIT}+)?[fd]?`), 'mf'],
      [/0b(?:[01]_+[01]|[01])+/i, 'mb'],
      [/0x(?:[0-9a-f]_+[0-9a-f]|[0-9a-f])+/i, 'mh'],
      [/0(?:[0-7]_+[0-7]|[0-7])+/, 'mo'],
      [new RegExp(`${DIGIT}+L?`), 'mi'],
      [/\n/, ''],
    ],
    class: [[/\s+/, ''], [new RegExp(ID, 'u'), 'nc', '#pop']],
    import: [[/\s+/, ''], [/[a-z0-9_.]+\*?/i, 'nn', '#pop']],
  },
};
