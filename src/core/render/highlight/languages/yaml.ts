// YAML, modelled on Rouge's `yaml` lexer: it tracks indentation (a stack of levels) to tell mapping
// keys (`na`) and indicators (`pi`) from plain scalars (`l`), strings, anchors, aliases and tags.
import { type Grammar, type LexContext, mixin } from '../lexer';

interface Indent { stack: number[]; next: number; blockScalar: number | undefined }

const state = (c: LexContext): Indent => (c.memo.yaml ??= { stack: [0], next: 0, blockScalar: undefined }) as Indent;
const resetIndent = (c: LexContext) => { c.memo.yaml = { stack: [0], next: 0, blockScalar: undefined }; };
const indent = (s: Indent) => s.stack[s.stack.length - 1];

/** Rouge's save_indent: the indentation up to the enclosing level, and what is left past it. */
function saveIndent(c: LexContext, match: string): [string, string] {
  const s = state(c);
  s.next = match.length;
  if (s.next < indent(s)) {
    while (s.next < indent(s)) s.stack.pop();
    return [match.slice(0, indent(s)), match.slice(indent(s))];
  }
  return [match, ''];
}

function setIndent(c: LexContext, match: string, implicit = false): void {
  const s = state(c);
  if (indent(s) < s.next) s.stack.push(s.next);
  if (!implicit) s.next += match.length;
}

const PLAIN_START = '[^ \\t\\n\\r\\f\\v?:,\\[\\]{}#&*!|>\'"%@`]';
const goto = (c: LexContext, to: string) => { c.pop(); c.push(to); };

export const YAML: Grammar = {
  name: 'yaml',
  states: {
    basic: [[/#.*$/, 'c1']],
    root: [
      mixin('basic'),
      [/\n+/, ''],
      [/[ ]+(?=#|$)/, ''],
      [/^%YAML\b/, (m, c) => { c.token('nt', m[0]); resetIndent(c); c.push('yaml_directive'); }],
      [/^%TAG\b/, (m, c) => { c.token('nt', m[0]); resetIndent(c); c.push('tag_directive'); }],
      [/^(?:---|\.\.\.)(?= |$)/, (m, c) => { c.token('nn', m[0]); resetIndent(c); c.push('block_line'); }],
      [/[ ]*(?!\s|$)/, (m, c) => {
        const [text, err] = saveIndent(c, m[0]);
        c.token('', text);
        c.token('err', err);
        c.push('block_line');
        c.push('indentation');
      }],
    ],
    indentation: [
      [/\s*?\n/, (m, c) => { c.token('', m[0]); c.pop(2); }],
      [/[ ]+(?=[-:?](?:[ ]|$))/, (m, c) => { c.token('', m[0]); state(c).next += m[0].length; }],
      [/[?:-](?=[ ]|$)/, (m, c) => { setIndent(c, m[0]); c.token('pi', m[0]); }],
      [/[ ]*/, (m, c) => { c.token('', m[0]); state(c).next += m[0].length; c.pop(); }],
    ],
    block_line: [
      [/[ ]*(?=#|$)/, '', '#pop'],
      [/[ ]+/, ''],
      mixin('descriptors'),
      mixin('block_nodes'),
      mixin('flow_nodes'),
      [new RegExp(`(?=${PLAIN_START}|[?:-][^ \\t\\n\\r\\f\\v])`), 'nv', 'plain_scalar_in_block_context'],
    ],
    descriptors: [
      [/!<[0-9A-Za-z;/?:@&=+$,_.!~*'()[\]%-]+>/, 'kt'],
      [/(?:![\w-]+)?!(?:[\w;/?:@&=+$,.!~*'()[\]%-]*)/, 'kt'],
      [/&[\p{L}\p{Nl}\p{Nd}_-]+/u, 'nl'],
      [/\*[\p{L}\p{Nl}\p{Nd}_-]+/u, 'nv'],
    ],
    block_nodes: [
      // Rouge's rule; a key longer than 1,000 characters is not looked for (a long line stays linear).
      [/([^#,:?[\]{}"'\n]{1,1000})(:)(?=\s|$)/, (m, c) => {
        c.token('na', m[1]);
        c.token('pi', m[2]);
        setIndent(c, m[0], true);
      }],
      [/[|>][+-]?/, 'pi', ['block_scalar_content', 'block_scalar_header']],
    ],
    flow_nodes: [
      [/\[/, 'pi', 'flow_sequence'],
      [/\{/, 'pi', 'flow_mapping'],
      [/'/, 's1', 'single_quoted_scalar'],
      [/"/, 's2', 'double_quoted_scalar'],
    ],
    flow_collection: [
      [/\s+/, ''],
      mixin('basic'),
      [/[?:,]/, 'pi'],
      mixin('descriptors'),
      mixin('flow_nodes'),
      [new RegExp(`(?=${PLAIN_START})`), '', 'plain_scalar_in_flow_context'],
    ],
    flow_sequence: [[/\]/, 'pi', '#pop'], mixin('flow_collection')],
    flow_mapping: [[/\}/, 'pi', '#pop'], mixin('flow_collection')],
    block_scalar_content: [
      [/\n+/, ''],
      [/^[ ]+$/, (m, c) => {
        const mark = state(c).blockScalar ?? m[0].length;
        c.token('', m[0].slice(0, mark));
        c.token('no', m[0].slice(mark));
      }],
      [/^[ ]*/, (m, c) => {
        c.token('', m[0]);
        const s = state(c);
        const size = m[0].length;
        const dedentLevel = s.blockScalar ?? indent(s);
        s.blockScalar ??= size;
        if (size < dedentLevel) {
          saveIndent(c, m[0]);
          c.pop();
          c.push('indentation');
        }
      }],
      [/[^\n\r\f\v]+/, 's'],
    ],
    block_scalar_header: [
      [/(([1-9])[+-]?|[+-]?([1-9])?)(?=[ ]|$)/, (m, c) => {
        const s = state(c);
        s.blockScalar = undefined;
        goto(c, 'ignored_line');
        if (!m[0]) return;
        const inc = m[2] ?? m[3];
        if (inc) s.blockScalar = indent(s) + Number(inc);
        c.token('pi', m[0]);
      }],
    ],
    ignored_line: [mixin('basic'), [/[ ]+/, ''], [/\n/, '', '#pop']],
    quoted_scalar_whitespaces: [[/^[ ]+/, ''], [/[ ]+$/, ''], [/\n+/, ''], [/[ ]+/, 'nv']],
    single_quoted_scalar: [mixin('quoted_scalar_whitespaces'), [/\\'/, 'se'], [/'/, 's', '#pop'], [/[^\s']+/, 's']],
    double_quoted_scalar: [
      [/"/, 's', '#pop'],
      mixin('quoted_scalar_whitespaces'),
      [/\\[0abt\tn\nvfre "\\N_LP]/, 'se'],
      [/\\(?:x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8})/, 'se'],
      [/[^ \t\n\r\f\v"\\]+/, 's'],
    ],
    plain_scalar_in_block_context_new_line: [
      [/^[ ]+\n/, ''],
      [/\n+/, ''],
      [/^(?=---|\.\.\.)/, (_m, c) => c.pop(3)],
      [/^[ ]*/, (m, c) => {
        c.token('', m[0]);
        c.pop();
        if (m[0].length <= indent(state(c))) {
          c.pop();
          saveIndent(c, m[0]);
          c.push('indentation');
        }
      }],
    ],
    plain_scalar_in_block_context: [
      [/[ ]*(?=:[ \n]|:$)/, '', '#pop'],
      [/[ ]*:\S+/, 's'],
      [/[ ]+(?=#)/, '', '#pop'],
      [/[ ]+$/, ''],
      [/\n+/, '', 'plain_scalar_in_block_context_new_line'],
      [/[ ]+/, 's'],
      [/true|false|null/, 'no'],
      [/\d+(?:\.\d+)?(?=(\r?\n)| +#)/, 'm', '#pop'],
      [/[^\s:]+/, 's'],
    ],
    plain_scalar_in_flow_context: [
      [/[ ]*(?=[,:?[\]{}])/, '', '#pop'],
      [/[ ]+(?=#)/, '', '#pop'],
      [/^[ ]+/, ''],
      [/[ ]+$/, ''],
      [/\n+/, ''],
      [/[ ]+/, 'nv'],
      [/[^\s,:?[\]{}]+/, 'nv'],
    ],
    yaml_directive: [[/([ ]+)(\d+\.\d+)/, (m, c) => { c.token('', m[1]); c.token('m', m[2]); goto(c, 'ignored_line'); }]],
    tag_directive: [
      [/([ ]+)(!|![\w-]*!)([ ]+)(!|!?[\w;/?:@&=+$,.!~*'()[\]%-]+)/, (m, c) => {
        c.token('', m[1]); c.token('kt', m[2]); c.token('', m[3]); c.token('kt', m[4]);
        goto(c, 'ignored_line');
      }],
    ],
  },
};
