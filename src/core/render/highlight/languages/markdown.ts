// Markdown, modelled on Rouge's `markdown` lexer: headings `gh`/`gu`, emphasis `ge`/`gs`, code `sb`,
// quotes `gt`, links and references; front matter is YAML, HTML is HTML, and a fenced block is lexed
// by the lexer its language names (plain text when it names none or one we do not model).
import { type Grammar, type LexContext } from '../lexer';
import { HTML } from './html';
import { YAML } from './yaml';

const EDOT = '(?:\\\\.|[^\\\\\\n])';
const re = (source: string, flags = '') => new RegExp(source, flags);

/** Lexes a fence's code: with the named lexer when there is one, else as one plain token. */
function fenceBody(c: LexContext, text: string, sub: Grammar | string, key: string): void {
  if (typeof sub === 'string') c.token(sub, text);
  else c.delegate(text, sub, key);
}

export function markdownGrammar(resolve: (name: string) => Grammar | undefined): Grammar {
  let fences = 0;
  return {
    name: 'markdown',
    states: {
      root: [
        // Rouge's `\A` matches at the scan position, wherever that is.
        [/(---\s*\n.*?\n?)^(---\s*$\n?)/s, (m, c) => c.recurse(m[0], YAML)],
        [/\\./, 'se'],
        [/^[\S ]+\n(?:---*)\n/, 'gh'],
        [/^[\S ]+\n(?:===*)\n/, 'gu'],
        [/^#(?=[^#]).*?$/, 'gh'],
        [/^##*.*?$/, 'gu'],
        [/^([ \t]*)(`{3,}|~{3,})([^\n]*\n)((.*?)(\n\1)(\2))?/s, (m, c) => {
          const name = m[3].trim();
          // An empty name makes Rouge guess, which gives plain text for most snippets; an unknown one is `sb`.
          const sub: Grammar | string = name ? resolve(name) ?? 'sb' : '';
          const key = `fence${fences++}`;
          c.token('', m[1]);
          c.token('p', m[2]);
          c.token('nl', m[3]);
          if (m[5] !== undefined) fenceBody(c, m[5], sub, key);
          c.token('', m[6] ?? '');
          if (m[7] !== undefined) c.token('p', m[7]);
          else {
            const close = m[2]; // only ` and ~: nothing to escape
            c.pushRules([
              [re(`^([ \\t]*)(${close})`), (mb, cb) => { cb.pop(); cb.token('', mb[1]); cb.token('p', mb[2]); }],
              [/^.*\n/, (mb, cb) => fenceBody(cb, mb[0], sub, key)],
            ]);
          }
        }],
        [/\n\n(( {4}|\t).*?\n|\n)+/, 'sb'],
        // Rouge's rules, with code spans and link texts bounded to 2,000 characters (a long line stays linear).
        [re(`(\`{1,16})(?:${EDOT}|\\n){1,2000}?\\1`), 'sb'],
        [/^(\s*[*]){3,}\s*$/, 'p'],
        [/^(\s*[-]){3,}\s*$/, 'p'],
        [/^\s*[*+-](?=\s)/, 'p'],
        [/^\s*\d+\./, 'p'],
        [/^\s*>.*?$/, 'gt'],
        [re(`^(\\s*)(\\[)(${EDOT}+?)(\\])(\\s*)(:)`), ['', 'p', 'ss', 'p', '', 'p'], ['title', 'url']],
        [re(`(!?\\[)(${EDOT}{0,2000}?|[^\\]]{0,2000}?)(\\])(?=[\\[(])`), ['p', 'nv', 'p'], 'link'],
        [re(`[*][*]${EDOT}*?[*][*]`), 'gs'],
        [re(`__${EDOT}*?__`), 'gs'],
        [re(`[*]${EDOT}*?[*]`), 'ge'],
        [re(`_${EDOT}*?_`), 'ge'],
        [/<.*?@.+[.].+>/, 'nv'],
        [re(`<(https?|mailto|ftp)://${EDOT}*?>`), 'nv'],
        [/[^\\`[*\n&<]+/, ''],
        [/&\S*;/, (m, c) => c.delegate(m[0], HTML, 'html')],
        [re(`<${EDOT}*?>`), (m, c) => c.delegate(m[0], HTML, 'html')],
        [/[&<]/, ''],
        [/\[/, ''],
        [/\n/, ''],
      ],
      link: [
        [re(`(\\[)(${EDOT}*?)(\\])`), ['p', 'ss', 'p'], '#pop'],
        [/[(]/, 'p', ['inline_title', 'inline_url']],
        [/[ \t]+/, ''],
        [/(?:)/, (_m, c) => c.pop()],
      ],
      url: [[/[ \t]+/, ''], [re(`(<)(${EDOT}*?)(>)`), ['nt', 'sx', 'nt'], '#pop'], [/\S+/, 'sx', '#pop']],
      title: [
        [re(`"${EDOT}*?"`), 'nn'],
        [re(`'${EDOT}*?'`), 'nn'],
        [re(`[(]${EDOT}*?[)]`), 'nn'],
        [/\s*(?=["'()])/, ''],
        [/(?:)/, (_m, c) => c.pop()],
      ],
      inline_title: [[/[)]/, 'p', '#pop'], { mixin: 'title' }],
      inline_url: [[/[^<\s)]+/, 'sx', '#pop'], [/\s+/, ''], { mixin: 'url' }],
    },
  };
}
