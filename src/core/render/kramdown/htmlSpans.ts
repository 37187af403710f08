// HTML tags inside a paragraph as kramdown's span parser pairs them (parser/kramdown/html.rb):
// an element runs from its start tag to its own end tag; an end tag that does not close the innermost
// open element is text (`a </span> b` shows `</span>`); an element still open at the end of the
// paragraph is closed there (`a <em>b c` → `<em>b c</em>`).
import type MarkdownIt from 'markdown-it';

type Token = MarkdownIt.Token;

const START = /^<([A-Za-z][\w:.-]*)(?:\s[^>]*)?>$/s;
const END = /^<\/([A-Za-z][\w:.-]*)\s*>$/;
const SELF_CLOSED = /\/>$/;
const WITHOUT_BODY = new Set(['area', 'base', 'br', 'col', 'command', 'embed', 'hr', 'img', 'input', 'keygen', 'link', 'meta', 'param', 'source', 'track', 'wbr']);

function pairSpans(state: MarkdownIt.StateCore): void {
  for (const block of state.tokens) {
    if (block.type !== 'inline' || !block.children?.some((k) => k.type === 'html_inline')) continue;
    const kids = block.children;
    const open: string[] = [];
    for (const t of kids) {
      if (t.type !== 'html_inline') continue;
      const start = START.exec(t.content);
      if (start) {
        const name = start[1].toLowerCase();
        if (!SELF_CLOSED.test(t.content) && !WITHOUT_BODY.has(name)) open.push(name);
        continue;
      }
      const end = END.exec(t.content);
      if (!end) continue;
      if (open[open.length - 1] === end[1].toLowerCase()) open.pop();
      else t.type = 'text'; // written escaped, as kramdown writes it
    }
    for (let i = open.length - 1; i >= 0; i--) kids.push(closeTag(state, open[i]));
  }
}

function closeTag(state: MarkdownIt.StateCore, name: string): Token {
  const t = new state.Token('html_inline', '', 0);
  t.content = `</${name}>`;
  return t;
}

export function kramdownHtmlSpansPlugin(md: MarkdownIt.MarkdownIt): void {
  md.core.ruler.after('inline', 'kramdown_html_spans', pairSpans);
}
