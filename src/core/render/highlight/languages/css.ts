// CSS, modelled on Rouge's `css` lexer: selectors (tags `nt`, `.class` `nc`, `#id` `nf`, `:pseudo` `nd`),
// declarations (known properties `nl`, others `py`) and values (numbers `m`, known words `nb`/`no`).
import { type Grammar, mixin } from '../lexer';
import { CSS_ATTRIBUTES, CSS_BUILTINS, CSS_CONSTANTS, CSS_VENDOR_PREFIXES } from './cssWords';

const WORD = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}';
const ID = `[\\p{L}_-][${WORD}\\p{Cf}-]*`;
const re = (source: string, flags = '') => new RegExp(source, 'u' + flags);

export const CSS: Grammar = {
  name: 'css',
  states: {
    root: [
      mixin('basics'),
      [/\{/, 'p', 'stanza'],
      [re(`:[:]?${ID}`), 'nd'],
      [re(`\\.${ID}`), 'nc'],
      [re(`#${ID}`), 'nf'],
      [re(`@${ID}`), 'k', 'at_rule'],
      [re(ID), 'nt'],
      [/[~^*!%&[\]()<>|+=@:;,./?-]/, 'o'],
      [/"(\\\\|\\"|[^"])*"/, 's1'],
      [/'(\\\\|\\'|[^'])*'/, 's2'],
    ],
    value: [
      mixin('basics'),
      [/url\(.*?\)/, 'sx'],
      [/#[0-9a-f]{1,6}/i, 'm'],
      [/-?(?:[0-9]+(\.[0-9]+)?|\.[0-9]+)(?:%|(?:em|px|pt|pc|in|mm|cm|ex|rem|ch|vw|vh|vmin|vmax|dpi|dpcm|dppx|deg|grad|rad|turn|s|ms|Hz|kHz)\b)?/, 'm'],
      [/[[\]():/.,]/, 'p'],
      [/"(\\\\|\\"|[^"])*"/, 's1'],
      [/'(\\\\|\\'|[^'])*'/, 's2'],
      [re(ID), (m, c) => c.token(CSS_CONSTANTS.has(m[0]) ? 'no' : CSS_BUILTINS.has(m[0]) ? 'nb' : 'n', m[0])],
    ],
    at_rule: [[re(`\\{(?=\\s*${ID}\\s*:)`, 's'), 'p', 'at_stanza'], [/\{/, 'p', 'at_body'], [/;/, 'p', '#pop'], mixin('value')],
    at_body: [mixin('at_content'), mixin('root')],
    at_stanza: [mixin('at_content'), mixin('stanza')],
    at_content: [[/\}/, (m, c) => { c.token('p', m[0]); c.pop(2); }]],
    basics: [[/\s+/, ''], [/\/\*(?:.*?)\*\//s, 'c']],
    stanza: [
      mixin('basics'),
      [/\}/, 'p', '#pop'],
      [re(`(${ID})(\\s*)(:)`, 's'), (m, c) => {
        const known = CSS_ATTRIBUTES.has(m[1]) || [...CSS_VENDOR_PREFIXES].some((p) => m[1].startsWith(p));
        c.token(known ? 'nl' : 'py', m[1]);
        c.token('', m[2]);
        c.token('p', m[3]);
        c.push('stanza_value');
      }],
    ],
    stanza_value: [
      [/;/, 'p', '#pop'],
      [/(?=\})/, (_m, c) => c.pop()],
      [/!\s*important\b/, 'cp'],
      [/^@.*?$/, 'cp'],
      mixin('value'),
    ],
  },
};
