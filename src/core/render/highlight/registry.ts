// The Rouge-modelled lexers, by every name and alias Rouge gives them (case-sensitive, as in Rouge).
import { hljsGrammar } from './hljsFallback';
import type { Grammar } from './lexer';
import { C, CPP } from './languages/c';
import { CSS } from './languages/css';
import { DIFF } from './languages/diff';
import { DOCKER } from './languages/docker';
import { GO } from './languages/go';
import { HTML } from './languages/html';
import { JAVA } from './languages/java';
import { KOTLIN } from './languages/kotlin';
import { markdownGrammar } from './languages/markdown';
import { JAVASCRIPT, TYPESCRIPT } from './languages/javascript';
import { JSON_GRAMMAR } from './languages/json';
import { PYTHON } from './languages/python';
import { RUBY } from './languages/ruby';
import { RUST } from './languages/rust';
import { CONSOLE, SHELL } from './languages/shell';
import { SQL } from './languages/sql';
import { SWIFT } from './languages/swift';
import { XML } from './languages/xml';
import { YAML } from './languages/yaml';
import { ROUGE_NAMES } from './rougeNames';

const TABLE: [Grammar, string[]][] = [
  [C, ['c']],
  [CPP, ['cpp', 'c++']],
  [CSS, ['css']],
  [CONSOLE, ['console', 'terminal', 'shell_session', 'shell-session']],
  [DIFF, ['diff', 'patch', 'udiff']],
  [DOCKER, ['docker', 'dockerfile', 'Dockerfile']],
  [GO, ['go', 'golang']],
  [HTML, ['html']],
  [JAVA, ['java']],
  [JAVASCRIPT, ['javascript', 'js']],
  [JSON_GRAMMAR, ['json']],
  [KOTLIN, ['kotlin']],
  [PYTHON, ['python', 'py']],
  [RUBY, ['ruby', 'rb']],
  [RUST, ['rust', 'rs', 'rust,no_run', 'rs,no_run', 'rust,ignore', 'rs,ignore', 'rust,should_panic', 'rs,should_panic']],
  [SHELL, ['shell', 'bash', 'zsh', 'ksh', 'sh']],
  [SQL, ['sql']],
  [SWIFT, ['swift']],
  [TYPESCRIPT, ['typescript', 'ts']],
  [XML, ['xml']],
  [YAML, ['yaml', 'yml']],
];

const byName = new Map(TABLE.flatMap(([g, names]) => names.map((n) => [n, g] as [string, Grammar])));
// Rouge's plain text lexer: one unclassed token.
const PLAIN: Grammar = { name: 'plaintext', states: {}, custom: (code, c) => c.token('', code) };
// Markdown lexes a fenced block with the lexer its language names: a modelled one, plain text, or for the
// other languages Rouge knows, highlight.js.
const MARKDOWN = markdownGrammar((name) => byName.get(name) ??
  (name === 'plaintext' || name === 'text' ? PLAIN : ROUGE_NAMES.has(name) ? hljsGrammar(name) : undefined));
for (const n of ['markdown', 'md', 'mkd']) byName.set(n, MARKDOWN);

export const GRAMMARS: ReadonlyMap<string, Grammar> = byName;
