// Go, modelled on Rouge's `go` lexer: keywords, predeclared types, functions and constants; every other
// identifier is a name (`n`), operators `o`, separators `p`.
import type { Grammar } from '../lexer';

const KEYWORD = String.raw`\b(?:break|default|func|interface|select|case|defer|go|map|struct|chan|else|goto|package|switch|const|fallthrough|if|range|type|continue|for|import|return|var)\b`;
const ESCAPED_CHAR = String.raw`\\[abfnrtv\\'"]`;
const UNICODE_VALUE = String.raw`(?:[^\n]|\\u[0-9A-Fa-f]{4}|\\U[0-9A-Fa-f]{8}|${ESCAPED_CHAR})`;
const BYTE_VALUE = String.raw`(?:\\[0-7]{3}|\\x[0-9A-Fa-f]{2})`;
const FLOAT = String.raw`(?:\d+\.\d*(?:[eE][+\-]?\d+)?|\d+[eE][+\-]?\d+|\.\d+(?:[eE][+\-]?\d+)?)`;

export const GO: Grammar = {
  name: 'go',
  states: {
    simple_tokens: [
      [/\/\/(?:(?!\n).)*|\/\*(?:(?!\*\/).)*\*\//s, 'c'],
      [new RegExp(KEYWORD), 'k'],
      [/\b(?:bool|byte|complex64|complex128|error|float32|float64|int8|int16|int32|int64|int|rune|string|uint8|uint16|uint32|uint64|uintptr|uint)\b/, 'kt'],
      [/\b(?:append|cap|close|complex|copy|delete|imag|len|make|new|panic|print|println|real|recover)\b/, 'nb'],
      [/\b(?:true|false|iota|nil)\b/, 'no'],
      [new RegExp(`(?:\\d+|${FLOAT})i`), 'm'],
      [new RegExp(FLOAT), 'm'],
      [/0[xX][0-9A-Fa-f]+|[0-9][0-9]*|0[0-7]*/, 'm'],
      [new RegExp(`'(?:${UNICODE_VALUE}|${BYTE_VALUE})'`), 'sc'],
      [/\+=|\+\+|\+|&\^=|&\^|&=|&&|&|==|=|!=|!|-=|--|-|\|=|\|\||\||<=|<-|<<=|<<|<|\*=|\*|\^=|\^|>>=|>>|>=|>|\/|\/=|:=|%|%=|\.\.\.|\.|:/, 'o'],
      [/[()[\]{},;]/, 'p'],
      [new RegExp(`(?!${KEYWORD})(?:\\p{L}|_)(?:\\p{L}|_|\\p{Nd})*`, 'u'), 'n'],
      [/\s+/, ''],
    ],
    root: [{ mixin: 'simple_tokens' }, [/`/, 's', 'raw_string'], [/"/, 's', 'interpreted_string']],
    interpreted_string: [
      [new RegExp(`${ESCAPED_CHAR}|\\\\u[0-9A-Fa-f]{4}|\\\\U[0-9A-Fa-f]{8}|\\\\x[0-9A-Fa-f]{2}`), 'se'],
      [/\\./, 'err'],
      [/"/, 's', '#pop'],
      [/[^"\\]+/, 's'],
    ],
    raw_string: [[/`/, 's', '#pop'], [/[^`]+/, 's']],
  },
};
