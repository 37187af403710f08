// kramdown's tables (parser/kramdown/table.rb, which the GFM parser keeps): rows of cells split at unescaped
// pipes, with or without separator lines. A `|---|` line after the first rows ends the header (its colons give
// the alignment), a later one starts another body, a `|===|` line starts the footer; a table needs a block
// boundary before and after it and at least one body row, or its lines stay a paragraph.
import type MarkdownIt from 'markdown-it';
import { afterBlockBoundary, beforeBlockBoundary, lineText } from './boundary';

type StateBlock = MarkdownIt.StateBlock;
type Align = '' | 'left' | 'center' | 'right';

const PIPE_CHECK = /^(?:\||.*?[^\\\n]\|)/;
const SEP_LINE = /^([+|: \t-]*?-[+|: \t-]*?)[ \t]*$/;
const FOOTER_SEP_LINE = /^[+|: \t=]*?=[+|: \t=]*?[ \t]*$/;
const HSEP_ALIGN = /[ \t]?(:?)-+(:?)[ \t]?/g;

/** The code spans of a text (a run of n backticks up to the next run of exactly n): [start, end) pairs, in one pass. */
function codeSpans(text: string): Array<[number, number]> {
  const runs = [...text.matchAll(/`+/g)].map((m) => [m.index, m[0].length] as const);
  const byLength = new Map<number, number[]>();
  runs.forEach(([, len], i) => {
    const list = byLength.get(len);
    if (list) list.push(i);
    else byLength.set(len, [i]);
  });
  const next = new Map<number, number>();
  const spans: Array<[number, number]> = [];
  for (let i = 0; i < runs.length;) {
    const [at, len] = runs[i];
    const same = byLength.get(len)!;
    let p = next.get(len) ?? 0;
    while (p < same.length && same[p] <= i) p++;
    next.set(len, p);
    if (p >= same.length) { i++; continue; }
    spans.push([at, runs[same[p]][0] + len]);
    i = same[p] + 1;
  }
  return spans;
}

/** The line holds a `|` (which PIPE_CHECK needs): asked at every block start, so without slicing the line. */
function hasPipe(state: StateBlock, line: number): boolean {
  const src = state.src;
  for (let i = state.bMarks[line] + state.tShift[line], end = state.eMarks[line]; i < end; i++) if (src.charCodeAt(i) === 0x7c) return true;
  return false;
}

/** A row's cells as kramdown splits them: at pipes not escaped and not inside code spans or `<code>` elements. */
export function splitRow(text: string): string[] {
  const cells: string[] = [];
  const append = (s: string) => (cells.length ? (cells[cells.length - 1] += s) : cells.push(s));
  text.split(/(<code.*?>.*?<\/code>)/).forEach((part, i) => {
    if (i % 2) { append(part); return; }
    let at = 0;
    const plain = (s: string) => {
      const [first, ...rest] = s.split(/(?<!\\)\|/).map((c) => c.replace(/\\\|/g, '|'));
      append(first);
      cells.push(...rest);
    };
    for (const [from, to] of codeSpans(part)) {
      plain(part.slice(at, from));
      append(part.slice(from, to));
      at = to;
    }
    plain(part.slice(at));
  });
  return cells;
}

/**
 * kramdown's pipe_on_line check over the table's lines: every line needs a pipe outside code spans (which may
 * run over two lines) and HTML elements; a code span over more lines ends the check where it stands.
 */
function pipeOnEveryLine(table: string): boolean {
  // kramdown reads the lines with its span HTML parser too: a pipe inside an HTML element (`<code>a | b</code>`)
  // or a tag does not count. Each element becomes a placeholder (its content searched a bounded distance).
  const text = table.replace(/<!--[\s\S]{0,4000}?-->/g, 'x').replace(/<([A-Za-z][\w:-]*)\b[^>]{0,4000}>(?:[\s\S]{0,4000}?<\/\1\s*>)?/g, 'x');
  const rubyLines = (s: string) => { const l = s.split('\n'); while (l.length && l[l.length - 1] === '') l.pop(); return l; };
  let pipe = false;
  let at = 0;
  const chunks: Array<{ code: boolean; value: string }> = [];
  for (const [from, to] of codeSpans(text)) {
    if (from > at) chunks.push({ code: false, value: text.slice(at, from) });
    chunks.push({ code: true, value: text.slice(from, to) });
    at = to;
  }
  if (at < text.length) chunks.push({ code: false, value: text.slice(at) });
  for (const c of chunks) {
    const lines = rubyLines(c.value);
    if (c.code) {
      if (lines.length > 2 || (lines.length === 2 && !pipe)) break;
      if (lines.length === 2) pipe = false;
    } else {
      if (lines.length > 1 && !pipe && !PIPE_CHECK.test(lines[0])) break;
      pipe = (lines.length > 1 ? false : pipe) || PIPE_CHECK.test(lines[lines.length - 1] ?? '');
    }
  }
  return pipe;
}

interface Section { type: 'thead' | 'tbody' | 'tfoot'; rows: Array<{ cells: string[]; line: number }> }

function table(state: StateBlock, startLine: number, endLine: number, silent: boolean): boolean {
  if (state.sCount[startLine] - state.blkIndent >= 4 || !hasPipe(state, startLine) || !PIPE_CHECK.test(lineText(state, startLine))) return false;
  if (!afterBlockBoundary(state, startLine)) return false;
  const leadingPipe = lineText(state, startLine).startsWith('|');
  let line = startLine;
  if (SEP_LINE.test(lineText(state, line))) line++;
  const sections: Section[] = [];
  let rows: Section['rows'] = [];
  let hasFooter = false;
  let alignment: Align[] | undefined;
  let columns = 0;
  const addSection = (type: Section['type'], force: boolean) => {
    if (!hasFooter || type !== 'tbody' || force) {
      sections.push({ type, rows });
      rows = [];
    }
  };
  for (; line < endLine && state.sCount[line] >= state.blkIndent; line++) {
    const text = lineText(state, line);
    if (!PIPE_CHECK.test(text)) break;
    const sep = SEP_LINE.exec(text);
    if (sep) {
      if (!rows.length) continue;
      if (!alignment && !hasFooter) {
        addSection('thead', false);
        alignment = [...sep[1].matchAll(HSEP_ALIGN)].map(([, l, r]) => (!l && !r ? '' : !r ? 'left' : !l ? 'right' : 'center'));
      } else addSection('tbody', false);
    } else if (FOOTER_SEP_LINE.test(text)) {
      if (rows.length) addSection('tbody', true);
      hasFooter = true;
    } else {
      const cells = splitRow(text.replace(/[ \t]+$/, ''));
      if (leadingPipe && cells.length && !cells[0].trim()) cells.shift();
      if (cells.length && !cells[cells.length - 1].trim()) cells.pop();
      columns = Math.max(columns, cells.length);
      rows.push({ cells: cells.map((c) => c.trim()), line });
    }
  }
  if (!beforeBlockBoundary(state, line, endLine)) return false;
  const lines: string[] = [];
  for (let l = startLine; l < line; l++) lines.push(lineText(state, l));
  if (!pipeOnEveryLine(lines.join('\n'))) return false;
  if (rows.length) addSection(hasFooter ? 'tfoot' : 'tbody', false);
  if (!sections.some((s) => s.type === 'tbody')) return false;
  if (silent) return true;

  const align = (alignment ?? []).slice(0, columns);
  const open = state.push('table_open', 'table', 1);
  open.map = [startLine, line];
  for (const section of sections) {
    state.push(`${section.type}_open`, section.type, 1).map = [section.rows[0]?.line ?? startLine, line];
    const cellTag = section.type === 'thead' ? 'th' : 'td';
    for (const row of section.rows) {
      state.push('tr_open', 'tr', 1).map = [row.line, row.line + 1];
      for (let c = 0; c < columns; c++) {
        const cell = state.push(`${cellTag}_open`, cellTag, 1);
        if (align[c]) cell.attrSet('style', `text-align: ${align[c]}`);
        const inline = state.push('inline', '', 0);
        inline.content = row.cells[c] ?? '';
        inline.map = [row.line, row.line + 1];
        inline.children = [];
        state.push(`${cellTag}_close`, cellTag, -1);
      }
      state.push('tr_close', 'tr', -1);
    }
    state.push(`${section.type}_close`, section.type, -1);
  }
  state.push('table_close', 'table', -1);
  state.line = line;
  return true;
}

export function kramdownTablesPlugin(md: MarkdownIt.MarkdownIt): void {
  // In place of markdown-it's GFM table, after the rules kramdown tries first (lists, headers, math); it does
  // not end a paragraph (it needs a block boundary before it).
  md.block.ruler.disable('table');
  md.block.ruler.before('paragraph', 'kramdown_table', table);
}
