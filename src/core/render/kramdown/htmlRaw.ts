// The inside of an HTML element whose content kramdown keeps raw (its parser's parse_raw_html): nested
// elements are still read as elements, so one with a `markdown` attribute gets its content parsed
// (`span`: as a paragraph's text, `block` or `1` on a block element: as blocks); a closing tag that
// closes nothing open and a `<` that starts no tag are text, escaped as kramdown writes them.

/** A piece of an element's output: raw HTML, or Markdown to be parsed as spans or as blocks (at `offset` in the source). */
export type HtmlPart = { raw: string } | { markdown: 'span' | 'block'; text: string; offset: number };

export interface RawElement {
  parts: HtmlPart[];
  /** Offset just past the element's closing tag (the limit when it has none). */
  end: number;
  /** Offset of its closing tag (the limit when it has none). */
  bodyEnd: number;
  closed: boolean;
}

const RAW_START = /<(?:[A-Za-z_:]|\/|!--|\?)/g;
const COMMENT = /<!--[\s\S]*?-->/y;
const INSTRUCTION = /<\?[\s\S]*?\?>/y;
const TAG = /<([A-Za-z_:][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*(?:\s*=\s*(?:[\p{L}\p{M}\p{Nd}\p{Pc}]+|"[^"]*"|'[^']*'))?)*)\s*(\/)?>/uy;
const CLOSE_TAG = /<\/([A-Za-z_:][\w:.-]*)\s*>/y;
const MARKDOWN_ATTR = /\s+markdown\s*=\s*(?:"([^"]*)"|'([^']*)'|([\p{L}\p{M}\p{Nd}\p{Pc}]+))/u;
const VOID = new Set('area base br col command embed hr img input keygen link meta param source track wbr'.split(' '));
const BLOCK_MODEL = new Set(('address applet article aside blockquote body dd details div dl fieldset figure figcaption footer form ' +
  'header hgroup iframe li main map menu nav noscript object section summary td').split(' '));
const SPAN_MODEL = new Set(('a abbr acronym b bdo big button cite caption del dfn dt em h1 h2 h3 h4 h5 h6 i ins label legend optgroup ' +
  'p q rb rbc rp rt rtc ruby select small span strong sub sup th tt').split(' '));

const RAW_SPECIAL = /[<>&]/;

/** kramdown's escape_html for text: `<`, `>`, and an `&` that starts no entity. */
export function escapeRawText(text: string): string {
  // Most text between tags (a highlighter's spans) has none of the three: no replace to run.
  if (!RAW_SPECIAL.test(text)) return text;
  return text.replace(/<|>|&(?!(?:[A-Za-z][\w.:-]*|#\d+|#x[\da-fA-F]+);)/g, (c) => (c === '<' ? '&lt;' : c === '>' ? '&gt;' : '&amp;'));
}

/** An element's content model under kramdown's `markdown` attribute value inside raw content (raw when absent). */
function modelOf(name: string, value: string | undefined): 'raw' | 'span' | 'block' {
  if (value === 'span' || value === 'block') return value;
  if (value === '1') return BLOCK_MODEL.has(name) ? 'block' : SPAN_MODEL.has(name) ? 'span' : 'raw';
  return 'raw';
}

/** Nested elements read past this depth are written as they stand (their tags are not matched). */
const MAX_DEPTH = 64;

class RawReader {
  readonly parts: HtmlPart[] = [];
  private depth = 0;

  constructor(private readonly src: string, private readonly limit: number) {}

  raw(s: string): void {
    const last = this.parts[this.parts.length - 1];
    if (last && 'raw' in last) last.raw += s;
    else if (s) this.parts.push({ raw: s });
  }

  /** Reads the content of element `name` from `pos`: the offset past its closing tag, or the limit when unclosed. */
  element(name: string, pos: number): { end: number; bodyEnd: number; closed: boolean } {
    const { src, limit } = this;
    for (;;) {
      RAW_START.lastIndex = pos;
      const m = RAW_START.exec(src);
      if (!m || m.index >= limit) {
        this.raw(escapeRawText(src.slice(pos, limit)));
        return { end: limit, bodyEnd: limit, closed: false };
      }
      this.raw(escapeRawText(src.slice(pos, m.index)));
      pos = m.index;
      const fixed = this.verbatim(COMMENT, pos) ?? this.verbatim(INSTRUCTION, pos);
      if (fixed !== undefined) { pos = fixed; continue; }
      CLOSE_TAG.lastIndex = pos;
      const close = CLOSE_TAG.exec(src);
      if (close && CLOSE_TAG.lastIndex <= limit) {
        const at = pos;
        pos = CLOSE_TAG.lastIndex;
        if (close[1].toLowerCase() === name) return { end: pos, bodyEnd: at, closed: true };
        this.raw(escapeRawText(close[0]));
        continue;
      }
      TAG.lastIndex = pos;
      const open = TAG.exec(src);
      if (open && TAG.lastIndex <= limit) {
        if (this.depth >= MAX_DEPTH) {
          this.raw(open[0]);
          pos = TAG.lastIndex;
          continue;
        }
        this.depth++;
        pos = this.nested(open, TAG.lastIndex);
        this.depth--;
        continue;
      }
      this.raw('&lt;');
      pos++;
    }
  }

  private verbatim(re: RegExp, pos: number): number | undefined {
    re.lastIndex = pos;
    const m = re.exec(this.src);
    if (!m || re.lastIndex > this.limit) return undefined;
    this.raw(m[0]);
    return re.lastIndex;
  }

  /** A nested element whose opening tag `open` ends at `pos`: the offset after it. */
  private nested(open: RegExpExecArray, pos: number): number {
    const { src, limit } = this;
    const name = open[1].toLowerCase();
    const md = MARKDOWN_ATTR.exec(open[2]);
    this.raw(md ? open[0].replace(md[0], '') : open[0]);
    if (open[3] || VOID.has(name)) return pos;
    if (name === 'script' || name === 'style') {
      const re = new RegExp(`</${name}\\s*>`, 'ig');
      re.lastIndex = pos;
      const end = re.exec(src);
      const stop = end && re.lastIndex <= limit ? re.lastIndex : limit;
      this.raw(src.slice(pos, stop));
      return stop;
    }
    const model = modelOf(name, md ? (md[1] ?? md[2] ?? md[3]) : undefined);
    if (model === 'raw') {
      const r = this.element(name, pos);
      this.raw(`</${name}>`);
      return r.end;
    }
    const re = new RegExp(`</${name.replace(/[.]/g, '\\.')}\\s*>`, 'ig');
    re.lastIndex = pos;
    const end = re.exec(src);
    const stop = end && end.index < limit ? end.index : limit;
    if (model === 'block') {
      // kramdown skips the rest of the opening tag's line when it is blank.
      const blank = /[ \t]*\n/y;
      blank.lastIndex = pos;
      if (blank.exec(src) && blank.lastIndex <= stop) pos = blank.lastIndex;
    }
    this.parts.push({ markdown: model, text: src.slice(pos, stop), offset: pos });
    this.raw(`</${name}>`);
    return stop === limit ? limit : re.lastIndex;
  }
}

/** The content of element `name` (kept raw by kramdown) from `pos`, up to `limit`. */
export function readRawElement(src: string, pos: number, limit: number, name: string): RawElement {
  const reader = new RawReader(src, limit);
  return { parts: reader.parts, ...reader.element(name, pos) };
}
