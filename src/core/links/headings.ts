// The ids a `#fragment` can point at in a Markdown document: kramdown's header ids (the dialect's own
// generator, src/core/render/kramdown/headerIds.ts), explicit `{#id}` and `{: #id}`, and HTML `id="…"`.
import { HeaderIdGenerator } from '../render/kramdown/headerIds';
import { kramdownOptionsFrom } from '../render/kramdown/options';

export interface Heading {
  /** The header's text as written (after `#`s, without a trailing `{#id}`). */
  text: string;
  id: string;
  /** Offset of the line in the text. */
  start: number;
}

const FENCE = /^ {0,3}(`{3,}|~{3,})/;
const ATX = /^(#{1,6})[\t ]+(.*)$/;
const SETEXT = /^([-=])[-=]*[ \t]*$/;
const HEADER_ID = /[\t ]\{#([A-Za-z_:][\w:.-]*)\}$/;
const IAL_ID = /\{:?[^}\n]*#([A-Za-z_][\w:.-]*)[^}\n]*\}/g;
const HTML_ID = /<[a-zA-Z][^>\n]*?\s(?:id|name)\s*=\s*["']?([^"'\s>]+)/g;

/** A character one of gfmText's replacements needs (`!`, `]`, `(`, `>` come with one of these). */
const GFM_MARKUP = /[[<`*_~\\]/;

/**
 * A line starting with this character code is plain text to headingsOf and findLinks: neither blank,
 * indented, a fence, an ATX header nor a setext underline (printable ASCII but `#`, `-`, `=`, `` ` ``, `~`;
 * any other character JavaScript's `trim` and `\s` do not take for white space).
 */
export function plainLineStart(c: number): boolean {
  if (c < 127) return c > 32 && c !== 35 && c !== 45 && c !== 61 && c !== 96 && c !== 126;
  return c > 0xa0 && c !== 0x1680 && !(c >= 0x2000 && c <= 0x200a) && c !== 0x2028 && c !== 0x2029 && c !== 0x202f && c !== 0x205f && c !== 0x3000 && c !== 0xfeff;
}

/** Header text as kramdown-parser-gfm builds ids from it: text and code without markup. */
function gfmText(raw: string): string {
  // Most headers have none of the markup below: no replace to run.
  if (!GFM_MARKUP.test(raw)) return raw;
  return raw
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1')
    .replace(/<[^>]+>/g, '')
    .replace(/`+([^`]*)`+/g, '$1')
    .replace(/(\*\*|__|\*|_|~~)(?=\S)([^*_~]*?\S)\1/g, '$2')
    .replace(/\\([\\`*_{}[\]()#+\-.!])/g, '$1');
}

/** Headers of a Markdown body with kramdown's ids, for the site's `kramdown:` options (raw map of _config.yml). */
export function headingsOf(text: string, kramdown: unknown, from = 0): Heading[] {
  const options = kramdownOptionsFrom(kramdown);
  const gen = new HeaderIdGenerator(options.input === 'GFM' ? 'gfm' : 'kramdown', options.autoIdPrefix, options.transliteratedHeaderIds);
  const out: Heading[] = [];
  let fence: string | undefined;
  let prevBlank = true;
  let prev: { start: number; end: number; blankBefore: boolean } | undefined;
  const lineOf = (p: { start: number; end: number }) => text.slice(p.start, p.end).replace(/\r$/, '');
  const add = (raw: string, start: number) => {
    const t = raw.trimEnd();
    const m = HEADER_ID.exec(t);
    const body = (m ? t.slice(0, m.index) : t).replace(/[\t ]#+$/, '').trimEnd();
    if (!body) return;
    const id = m ? m[1] : options.autoIds ? gen.next(options.input === 'GFM' ? gfmText(body) : body) : '';
    if (id) out.push({ text: body, id, start });
  };
  for (let pos = from; pos < text.length;) {
    let nl = text.indexOf('\n', pos);
    if (nl < 0) nl = text.length;
    const start = pos;
    pos = nl + 1;
    // Most lines are prose: no need to cut them out of the text.
    if (start < nl && plainLineStart(text.charCodeAt(start))) {
      if (fence) prev = undefined;
      else { prev = { start, end: nl, blankBefore: prevBlank }; prevBlank = false; }
      continue;
    }
    const line = text.slice(start, nl).replace(/\r$/, '');
    const f = FENCE.exec(line);
    if (fence) {
      if (f && f[1][0] === fence[0] && f[1].length >= fence.length && line.trim() === f[1]) fence = undefined;
      prev = undefined;
      continue;
    }
    if (f) { fence = f[1]; prev = undefined; prevBlank = false; continue; }
    const blank = line.trim() === '';
    const atx = ATX.exec(line);
    if (atx) add(atx[2], start);
    else if (prev && prev.blankBefore && SETEXT.test(line)) {
      const p = lineOf(prev);
      if (!/^\s/.test(p) && !p.startsWith('#')) add(p, prev.start);
    }
    prev = blank ? undefined : { start, end: nl, blankBefore: prevBlank };
    prevBlank = blank;
  }
  return out;
}

/** Every id in the document a fragment may name: headers, `{#id}` / `{: #id}` attribute lists, HTML ids. */
export function fragmentIds(text: string, kramdown: unknown, from = 0): Set<string> {
  const ids = new Set(headingsOf(text, kramdown, from).map((h) => h.id));
  const body = text.slice(from);
  if (body.includes('{')) for (const m of body.matchAll(IAL_ID)) ids.add(m[1]);
  if (body.includes('<')) for (const m of body.matchAll(HTML_ID)) ids.add(m[1]);
  // kramdown's own: the table of contents and footnotes.
  if (body.includes('{:toc}') || body.includes('{:.toc}')) ids.add('markdown-toc');
  return ids;
}
