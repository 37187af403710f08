// XML (feeds, Maven POMs, SVG, Android layouts), modelled on Rouge's `xml` lexer: tags `nt`,
// attributes `na`, values `s`, entities `ni`, comments, processing instructions and CDATA.
import type { Grammar, Rule } from '../lexer';

const NAME = '[\\p{L}:_][\\p{L}\\p{M}\\p{Nd}\\p{Pc}\\p{Cf}:.·-]*';

/** What Rouge's XML and HTML lexers share: text, entities and comments. */
export const MARKUP_TEXT: readonly Rule[] = [[/[^<&]+/, ''], [/&\S*?;/, 'ni']];
export const MARKUP_COMMENT: readonly Rule[] = [[/[^-]+/, 'c'], [/-->/, 'c', '#pop'], [/-/, 'c']];

export const XML: Grammar = {
  name: 'xml',
  states: {
    root: [
      ...MARKUP_TEXT,
      [/<!\[CDATA\[.*?\]\]>/, 'cp'],
      [/<!--/, 'c', 'comment'],
      [/<\?.*?\?>/, 'cp'],
      [/<![^>]*>/, 'cp'],
      [new RegExp(`<\\s*${NAME}`, 'su'), 'nt', 'tag'],
      [new RegExp(`<\\s*/\\s*${NAME}\\s*>`, 'su'), 'nt'],
    ],
    comment: MARKUP_COMMENT,
    tag: [[/\s+/, ''], [new RegExp(`${NAME}\\s*=`, 'su'), 'na', 'attr'], [/\/?\s*>/, 'nt', '#pop']],
    attr: [[/\s+/, ''], [/".*?"|'.*?'|[^\s>]+/s, 's', '#pop']],
  },
};
