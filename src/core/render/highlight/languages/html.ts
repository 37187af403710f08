// HTML, modelled on Rouge's `html` lexer: tags `nt`, attributes `na`, values `s`, entities `ni`; the
// content of <script> and <style> is JavaScript and CSS, each lexed by one lexer across the element.
import { type Grammar, type LexContext } from '../lexer';
import { CSS } from './css';
import { JAVASCRIPT } from './javascript';
import { MARKUP_COMMENT, MARKUP_TEXT } from './xml';

const WORD = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}';
const NAME = `[\\p{L}:_-][${WORD}\\p{Cf}:.·-]*`;
const re = (source: string, flags = '') => new RegExp(source, 'u' + flags);
const goto = (state: string, cls: string) => (m: RegExpExecArray, c: LexContext) => { c.token(cls, m[0]); c.pop(); c.push(state); };

export const HTML: Grammar = {
  name: 'html',
  states: {
    root: [
      ...MARKUP_TEXT,
      [/<!DOCTYPE .*?>/is, 'cp'],
      [/<!\[CDATA\[.*?\]\]>/s, 'cp'],
      [/<!--/, 'c', 'comment'],
      [/<\?.*?\?>/s, 'cp'],
      [/<\s*script\s*/, (m, c) => { c.token('nt', m[0]); c.reset('js'); c.push('script_content'); c.push('tag'); }],
      [/<\s*style\s*/, (m, c) => { c.token('nt', m[0]); c.reset('css'); c.push('style_content'); c.push('tag'); }],
      [/<\//, 'nt', 'tag_end'],
      [/</, 'nt', 'tag_start'],
    ],
    tag_end: [{ mixin: 'tag_end_end' }, [re(NAME), goto('tag_end_end', 'nt')]],
    tag_end_end: [[/\s+/, ''], [/>/, 'nt', '#pop']],
    tag_start: [[/\s+/, ''], [re(NAME), goto('tag', 'nt')], [/(?:)/, (_m, c) => { c.pop(); c.push('tag'); }]],
    comment: MARKUP_COMMENT,
    tag: [
      [/\s+/, ''],
      [re(`[\\p{L}:_[\\]()*.-][${WORD}\\p{Cf}:.·[\\]()*-]*\\s*=\\s*`, 's'), 'na', 'attr'],
      [re(`[\\p{L}:_*#-][${WORD}\\p{Cf}:.·*#-]*`), 'na'],
      [/\/?\s*>/s, 'nt', '#pop'],
    ],
    attr: [[/"/, goto('dq', 's')], [/'/, goto('sq', 's')], [/[^\s>]+/, 's', '#pop']],
    dq: [[/"/, 's', '#pop'], [/[^"]+/, 's']],
    sq: [[/'/, 's', '#pop'], [/[^']+/, 's']],
    script_content: [
      [/[^<]+/, (m, c) => c.delegate(m[0], JAVASCRIPT, 'js')],
      [/<\s*\/\s*script\s*>/s, 'nt', '#pop'],
      [/</, (m, c) => c.delegate(m[0], JAVASCRIPT, 'js')],
    ],
    style_content: [
      [/[^<]+/, (m, c) => c.delegate(m[0], CSS, 'css')],
      [/<\s*\/\s*style\s*>/s, 'nt', '#pop'],
      [/</, (m, c) => c.delegate(m[0], CSS, 'css')],
    ],
  },
};
