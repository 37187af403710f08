// Code highlighting with Rouge's markup and short token classes (`.k`, `.s`, `.c1`, `.nf` …), so a
// theme's Rouge/Pygments CSS colours our preview. highlight.js does the lexing; its scopes are mapped
// to the Pygments token classes Rouge emits. Results are cached per (language, code): while typing,
// only the code block being edited is highlighted again.
import hljs from 'highlight.js/lib/core';
import type { LanguageFn } from 'highlight.js';
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

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"]/g, (ch) => (ch === '&' ? '&amp;' : ch === '<' ? '&lt;' : ch === '>' ? '&gt;' : '&quot;'));
}

/** The highlight.js grammar for a Rouge language name, or undefined (Rouge's plain text lexer). */
export function grammarFor(lang: string | undefined): string | undefined {
  if (!lang) return undefined;
  const l = lang.toLowerCase();
  const name = ALIASES[l] ?? l;
  return hljs.getLanguage(name) ? name : undefined;
}

const MAX_CACHE = 2000;
const MAX_HIGHLIGHT = 200_000; // longer blocks stay plain: highlighting them would stall typing

/** Highlights code to Rouge's token markup (the inside of `<code>`), with a bounded cache. */
export class CodeHighlighter {
  private readonly cache = new Map<string, string>();

  tokens(code: string, lang: string | undefined): string {
    const grammar = grammarFor(lang);
    if (!grammar || code.length > MAX_HIGHLIGHT) return escapeHtml(code);
    const key = grammar + '\0' + code;
    const hit = this.cache.get(key);
    if (hit !== undefined) {
      // Refresh its place so the blocks of the post being edited stay cached.
      this.cache.delete(key);
      this.cache.set(key, hit);
      return hit;
    }
    let html: string;
    try {
      html = toRouge(hljs.highlight(code, { language: grammar, ignoreIllegals: true }).value);
    } catch {
      html = escapeHtml(code);
    }
    this.cache.set(key, html);
    if (this.cache.size > MAX_CACHE) this.cache.delete(this.cache.keys().next().value as string);
    return html;
  }

  /** Jekyll's `{% highlight lang [linenos] %}` output. */
  figure(code: string, lang: string, linenos: boolean): string {
    const l = escapeHtml(lang);
    const body = this.tokens(code, lang);
    if (!linenos) return `<figure class="highlight"><pre><code class="language-${l}" data-lang="${l}">${body}</code></pre></figure>`;
    const lines = code.split('\n').length;
    const gutter = Array.from({ length: lines }, (_, i) => String(i + 1)).join('\n') + '\n';
    return `<figure class="highlight"><pre><code class="language-${l}" data-lang="${l}"><table class="rouge-table"><tbody><tr><td class="gutter gl"><pre class="lineno">${gutter}</pre></td><td class="code"><pre>${body}\n</pre></td></tr></tbody></table></code></pre></figure>`;
  }
}
