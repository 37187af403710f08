// The long tail: languages Rouge knows that have no Rouge-modelled lexer in languages/ are lexed by
// highlight.js, whose scopes are mapped to the Pygments token classes Rouge emits (an approximation:
// names, punctuation and operators stay unclassed).
import hljs from 'highlight.js/lib/core';
import type { LanguageFn } from 'highlight.js';
import type { Grammar, Token } from './lexer';
import bash from 'highlight.js/lib/languages/bash';
import c from 'highlight.js/lib/languages/c';
import cpp from 'highlight.js/lib/languages/cpp';
import csharp from 'highlight.js/lib/languages/csharp';
import css from 'highlight.js/lib/languages/css';
import diff from 'highlight.js/lib/languages/diff';
import django from 'highlight.js/lib/languages/django';
import dockerfile from 'highlight.js/lib/languages/dockerfile';
import elixir from 'highlight.js/lib/languages/elixir';
import go from 'highlight.js/lib/languages/go';
import graphql from 'highlight.js/lib/languages/graphql';
import haskell from 'highlight.js/lib/languages/haskell';
import http from 'highlight.js/lib/languages/http';
import ini from 'highlight.js/lib/languages/ini';
import java from 'highlight.js/lib/languages/java';
import javascript from 'highlight.js/lib/languages/javascript';
import json from 'highlight.js/lib/languages/json';
import kotlin from 'highlight.js/lib/languages/kotlin';
import lua from 'highlight.js/lib/languages/lua';
import makefile from 'highlight.js/lib/languages/makefile';
import markdown from 'highlight.js/lib/languages/markdown';
import nginx from 'highlight.js/lib/languages/nginx';
import objectivec from 'highlight.js/lib/languages/objectivec';
import perl from 'highlight.js/lib/languages/perl';
import php from 'highlight.js/lib/languages/php';
import powershell from 'highlight.js/lib/languages/powershell';
import protobuf from 'highlight.js/lib/languages/protobuf';
import python from 'highlight.js/lib/languages/python';
import r from 'highlight.js/lib/languages/r';
import ruby from 'highlight.js/lib/languages/ruby';
import rust from 'highlight.js/lib/languages/rust';
import scala from 'highlight.js/lib/languages/scala';
import scss from 'highlight.js/lib/languages/scss';
import shell from 'highlight.js/lib/languages/shell';
import sql from 'highlight.js/lib/languages/sql';
import swift from 'highlight.js/lib/languages/swift';
import typescript from 'highlight.js/lib/languages/typescript';
import xml from 'highlight.js/lib/languages/xml';
import yaml from 'highlight.js/lib/languages/yaml';

const LANGUAGES: Record<string, LanguageFn> = {
  bash, c, cpp, csharp, css, diff, django, dockerfile, elixir, go, graphql, haskell, http, ini, java, javascript, json, kotlin,
  lua, makefile, markdown, nginx, objectivec, perl, php, powershell, protobuf, python, r, ruby, rust, scala, scss, shell, sql,
  swift, typescript, xml, yaml,
};
for (const [name, fn] of Object.entries(LANGUAGES)) hljs.registerLanguage(name, fn);

// Rouge lexer names and aliases → the highlight.js grammar that lexes them best.
const ALIASES: Record<string, string> = {
  sh: 'bash', zsh: 'bash', ksh: 'bash', shell: 'bash', console: 'shell', shellsession: 'shell', 'shell-session': 'shell',
  golang: 'go', py: 'python', python3: 'python', rb: 'ruby', js: 'javascript', jsx: 'javascript', node: 'javascript',
  ts: 'typescript', tsx: 'typescript', yml: 'yaml', html: 'xml', xhtml: 'xml', svg: 'xml', vue: 'xml', liquid: 'django',
  jinja: 'django', erb: 'xml', 'c++': 'cpp', cc: 'cpp', hpp: 'cpp', h: 'c', 'c#': 'csharp', cs: 'csharp', kt: 'kotlin', rs: 'rust',
  toml: 'ini', conf: 'ini', cfg: 'ini', properties: 'ini', docker: 'dockerfile', make: 'makefile', mk: 'makefile', md: 'markdown',
  ps1: 'powershell', pwsh: 'powershell', objc: 'objectivec', proto: 'protobuf', gql: 'graphql', patch: 'diff', postgres: 'sql',
  postgresql: 'sql', mysql: 'sql', plsql: 'sql', sqlite: 'sql', jsonc: 'json', json5: 'json', hcl: 'ini', terraform: 'ini', tf: 'ini',
  nginxconf: 'nginx', pl: 'perl', ex: 'elixir', exs: 'elixir', hs: 'haskell', sass: 'scss', less: 'scss', xml: 'xml',
};

// highlight.js scope → Rouge/Pygments short class. Unlisted scopes fall back to their first segment.
const CLASSES: Record<string, string> = {
  keyword: 'k', 'keyword.control': 'k', built_in: 'nb', type: 'kt', literal: 'kc', number: 'm', operator: 'o', punctuation: 'p',
  string: 's', regexp: 'sr', subst: 'si', symbol: 'ss', char: 'sc', 'char.escape': 'se', comment: 'c', doctag: 'sd', quote: 'c1',
  meta: 'cp', 'meta.keyword': 'cp', 'meta.string': 'cpf', 'meta.prompt': 'gp', title: 'nf', 'title.function': 'nf',
  'title.function.invoke': 'nf', 'title.class': 'nc', 'title.class.inherited': 'nc', 'title.class.invoke': 'nc', class: 'nc',
  function: '', params: '', property: 'py', attr: 'na', attribute: 'na', variable: 'nv', 'variable.language': 'bp',
  'variable.constant': 'no', 'template-variable': 'nv', 'template-tag': 'cp', tag: '', name: 'nt', 'selector-tag': 'nt',
  'selector-id': 'nn', 'selector-class': 'nc', 'selector-attr': 'na', 'selector-pseudo': 'nd', section: 'gh', bullet: 'm',
  code: 'sb', emphasis: 'ge', strong: 'gs', addition: 'gi', deletion: 'gd', link: 'nl', formula: 'm', decorator: 'nd',
  module: 'nn', namespace: 'nn',
};

function rougeClass(hljsClass: string): string {
  // "hljs-title class_ inherited__" → scope "title.class.inherited"
  const parts = hljsClass.split(/\s+/);
  const scope = [parts[0].replace(/^hljs-/, ''), ...parts.slice(1).map((p) => p.replace(/_+$/, ''))].join('.');
  for (let s = scope; s; s = s.includes('.') ? s.slice(0, s.lastIndexOf('.')) : '') {
    if (s in CLASSES) return CLASSES[s];
  }
  return '';
}

const SPAN = /<span class="([^"]+)">|<\/span>/g;

/** highlight.js HTML with its scopes renamed to Rouge classes; spans without a Rouge class are dropped. */
function toRouge(html: string): string {
  const stack: boolean[] = [];
  return html.replace(SPAN, (_all, cls: string | undefined) => {
    if (cls === undefined) return stack.pop() ? '</span>' : '';
    const rc = rougeClass(cls);
    stack.push(rc !== '');
    return rc ? `<span class="${rc}">` : '';
  });
}

/** The highlight.js grammar for a Rouge language name, or undefined. */
export function hljsGrammarFor(lang: string): string | undefined {
  const l = lang.toLowerCase();
  const name = ALIASES[l] ?? l;
  return hljs.getLanguage(name) ? name : undefined;
}

/** highlight.js's lexing of code in a grammar it has, as Rouge markup (spans with Rouge's short classes). */
export function hljsTokens(code: string, grammar: string): string {
  return toRouge(hljs.highlight(code, { language: grammar, ignoreIllegals: true }).value);
}

const ENTITY: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#x27': "'", '#39': "'" };

/** highlight.js's Rouge markup as tokens (innermost class per run of text). */
function tokensOf(html: string): Token[] {
  const out: Token[] = [];
  const stack: string[] = [];
  for (const m of html.matchAll(/<span class="([^"]*)">|<\/span>|([^<]+)/g)) {
    if (m[1] !== undefined) stack.push(m[1]);
    else if (m[2] === undefined) stack.pop();
    else out.push([stack[stack.length - 1] ?? '', m[2].replace(/&(amp|lt|gt|quot|#x27|#39);/g, (_a, e: string) => ENTITY[e])]);
  }
  return out;
}

/** A lexer for another lexer to delegate to (Markdown's fences), lexing with highlight.js. */
export function hljsGrammar(lang: string): Grammar | undefined {
  const grammar = hljsGrammarFor(lang);
  if (!grammar) return undefined;
  return {
    name: `hljs:${grammar}`,
    states: {},
    custom: (code, c) => { for (const [cls, text] of tokensOf(hljsTokens(code, grammar))) c.token(cls, text); },
  };
}
