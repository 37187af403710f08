// Small Markdown helpers that need no full parser: the first paragraph as plain text (for a
// description) and image links with their offsets (for missing-image). Line based, bounded work.

import { sortedByStart } from './sorted';

const FENCE = /^ {0,3}(`{3,}|~{3,})/;

/**
 * Plain text of the first prose paragraph: headings, images-only lines, HTML, Liquid, lists and code are
 * skipped. `enough` bounds the work when only a prefix is wanted (a description of 160 characters).
 */
export function firstParagraphText(body: string, enough = Infinity, maxLines = 2000): string | undefined {
  let fence: string | undefined;
  const para: string[] = [];
  let paraLength = 0;
  // Walk lines lazily: the paragraph is near the top, the body may be megabytes.
  for (let pos = 0, n = 0; pos < body.length && n < maxLines; n++) {
    let nl = body.indexOf('\n', pos);
    if (nl < 0) nl = body.length;
    // Only a CRLF line has a `\r` to drop: test the one character rather than run a regex on every line.
    const line = body.charCodeAt(nl - 1) === 13 && nl > pos ? body.slice(pos, nl - 1) : body.slice(pos, nl);
    pos = nl + 1;
    if (fence) {
      if (line.trim().startsWith(fence)) fence = undefined;
      continue;
    }
    const f = FENCE.exec(line);
    if (f) {
      if (para.length) break;
      fence = f[1].slice(0, 3);
      continue;
    }
    const t = line.trim();
    if (t === '') {
      if (para.length) break;
      continue;
    }
    const skip = skipsParagraph(t, line, para.length > 0);
    if (skip) {
      if (para.length) break;
      continue;
    }
    para.push(t);
    paraLength += t.length + 1;
    if (paraLength >= enough) break;
  }
  if (!para.length) return undefined;
  let raw = para.join(' ');
  // Markup shrinks in plain text, so a prefix a few times the wanted length is plenty; cut at a space.
  if (raw.length > enough * 2) {
    const space = raw.lastIndexOf(' ', enough * 2);
    raw = raw.slice(0, space > enough ? space : enough * 2);
  }
  const text = plainInline(raw);
  return text || undefined;
}

/** Lines that are not prose: headings, HTML and Liquid, rules, lists, quotes, images alone, tables, code. */
function skipsParagraph(t: string, line: string, inPara: boolean): boolean {
  if (!inPara && (line.startsWith('    ') || line.startsWith('\t'))) return true; // indented code
  // Dispatch on the first character so ordinary prose lines cost one switch.
  switch (t[0]) {
    case '#': return /^#{1,6}(\s|$)/.test(t);
    case '<': case '{': case '>': case '|': case '=': return true;
    case '-': case '*': case '_': case '+': return /^([-*_]\s*){3,}$/.test(t) || /^[-*+]\s/.test(t) || /^-+$/.test(t);
    case '[': return /^\[[^\]]+\]:\s/.test(t);
    case '!': return /^(!\[[^\]]*\]\([^)]*\)\s*)+$/.test(t);
    default: return t[0] >= '0' && t[0] <= '9' && /^\d+[.)]\s/.test(t);
  }
}

/** Markdown inline syntax to plain words. */
export function plainInline(s: string): string {
  // Each replacement runs only when its syntax can be present: this runs on keystrokes.
  if (s.includes('](') || s.includes('][')) {
    s = s.replace(/!\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1').replace(/\[([^\]]*)\]\[[^\]]*\]/g, '$1');
  }
  if (s.includes('<')) s = s.replace(/<https?:\/\/([^>]*)>/g, '$1').replace(/<[^>]+>/g, '');
  if (s.includes('{')) s = s.replace(/\{%[^%]*%\}|\{\{[^}]*\}\}/g, '');
  if (s.includes('`')) s = s.replace(/`([^`]*)`/g, '$1');
  if (s.includes('*') || s.includes('_')) s = s.replace(/(\*\*|__)(.*?)\1/g, '$2').replace(/(^|[^\w*])[*_]([^*_]+)[*_](?=$|[^\w*])/g, '$1$2');
  return collapseSpaces(s).trim();
}

/** Runs of whitespace to one space. */
function collapseSpaces(s: string): string {
  // The replacement changes something only where there is whitespace other than a space, or two spaces
  // in a row; one test for that (quicker than a char loop on CJK text) spares the copy in most paragraphs.
  return HAS_RUN.test(s) ? s.replace(/\s+/g, ' ') : s;
}

const HAS_RUN = /[^\S ]| {2}/;

/** UTF-16 index just after the first `n` code points of `s` (s.length when it has fewer). */
function afterCodePoints(s: string, n: number): number {
  let i = 0;
  for (let k = 0; k < n && i < s.length; k++) {
    const c = s.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < s.length ? 2 : 1;
  }
  return i;
}

function codePoints(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++, n++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
  }
  return n;
}

/**
 * Cuts plain text to at most `max` code points: at the last sentence end if that keeps a fair part,
 * else at a word boundary with an ellipsis. Text without spaces (CJK) is cut at `max - 1` plus `…`.
 */
export function truncatePlain(text: string, max: number): string {
  if (text.length <= max) return text; // UTF-16 length bounds the code-point count
  const headEnd = afterCodePoints(text, max);
  if (headEnd >= text.length) return text;
  const head = text.slice(0, headEnd);
  const sentence = Math.max(head.lastIndexOf('. '), head.lastIndexOf('。'), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentence >= 0 && codePoints(head.slice(0, sentence + 1)) >= max * 0.4) return head.slice(0, sentence + 1).trim();
  const cut = text.slice(0, afterCodePoints(text, max - 1));
  const space = cut.lastIndexOf(' ');
  const base = space >= 0 && codePoints(cut.slice(0, space)) >= max * 0.4 ? cut.slice(0, space) : cut;
  return base.replace(/[\s,;:.-]+$/, '') + '…';
}

export interface ImageLink {
  /** The link target as written (`../images/a.png`, `{{ site.baseurl }}/x.png`). */
  url: string;
  /** Offsets of `url` in the text given to findImageLinks. */
  start: number;
  end: number;
}

/**
 * Image targets in Markdown and HTML: `![alt](url "title")`, `![alt][ref]` with `[ref]: url`, `<img src="url">`.
 * Fenced and indented code and inline code are skipped.
 */
export function findImageLinks(text: string, from = 0): ImageLink[] {
  return scanImages(text, from);
}

/** An image's alt text as written (`![alt](…)`, `![alt][ref]`, `<img alt="…">`), with its target when known. */
export interface ImageAlt {
  /** The alt text as written (backslash escapes kept). */
  alt: string;
  /** Offsets of the alt text between its brackets or quotes. */
  start: number;
  end: number;
  /** The link target as written; undefined for `![alt][ref]` without a definition. */
  url?: string;
  /** How the alt text is delimited, for edits that must keep it valid: `[…]` or an HTML attribute. */
  syntax: 'markdown' | 'html';
}

/** The alt texts of the images found by findImageLinks (same skipping of code), in text order. */
export function findImageAlts(text: string, from = 0): ImageAlt[] {
  return findImagesAndAlts(text, from).alts;
}

/** findImageLinks and findImageAlts in one pass over the text (the rules need both). */
export function findImagesAndAlts(text: string, from = 0): { links: ImageLink[]; alts: ImageAlt[] } {
  const alts: ImageAlt[] = [];
  const links = scanImages(text, from, alts);
  return { links, alts: sortedByStart(alts) };
}

// The patterns of scanImages and its scanLine, made once (a literal in a function is a new object at
// each call); the global ones are run to the end, which leaves their lastIndex at 0 again.
const FENCE_LEAD = /^ {0,3}$/;
const CODE_LEAD = /^( {4}|\t)/;
const IMAGE_DEFINITION = /^ {0,3}\[([^\]]+)\]:\s*(<[^>]*>|(?:\{\{[^}]*\}\})+\S*|\S+)/;
const IMAGE_INLINE = /!\[((?:[^\]\\]|\\.)*)\]\(\s*(<[^>]*>|(?:\{\{[^}]*\}\})+[^\s)]*|[^\s)]+)/g;
const IMAGE_REF = /!\[((?:[^\]\\]|\\.)*)\]\[([^\]]*)\]/g;
const IMG_SRC = /<img\b[^>]*?\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))/gi;
const IMG_TAG = /<img/i;
const IMG_ALT = /\salt\s*=\s*(?:"([^"]*)"|'([^']*)')/i;

function scanImages(text: string, from: number, alts?: ImageAlt[]): ImageLink[] {
  const out: ImageLink[] = [];
  const refs = new Map<string, ImageLink>();
  const wantedRefs: { ref: string; alt?: ImageAlt }[] = [];
  let fence: string | undefined;
  // Jump between the few places that matter (fences and link syntax) with indexOf, which is far
  // quicker than visiting every line of a long post or running a regex over it.
  const next = (needle: string, at: number) => {
    const i = text.indexOf(needle, at);
    return i < 0 ? Infinity : i;
  };
  let nBang = next('![', from);
  let nDef = next(']:', from);
  let nImg = Math.min(next('<img', from), next('<IMG', from));
  let nTick = next('```', from);
  let nTilde = next('~~~', from);
  for (;;) {
    const m = Math.min(nBang, nDef, nImg, nTick, nTilde);
    if (m === Infinity) break;
    const lineStart = Math.max(from, text.lastIndexOf('\n', m - 1) + 1);
    let nl = text.indexOf('\n', m);
    if (nl < 0) nl = text.length;
    const lead = text.slice(lineStart, m);
    if ((m === nTick || m === nTilde) && FENCE_LEAD.test(lead)) {
      const mark = text.slice(m, m + 3);
      if (!fence) fence = mark; else if (mark === fence) fence = undefined;
    } else if (!fence && !CODE_LEAD.test(lead)) {
      scanLine(text.slice(lineStart, nl), lineStart, out, refs, wantedRefs, alts);
    }
    const after = nl + 1;
    if (nBang < after) nBang = next('![', after);
    if (nDef < after) nDef = next(']:', after);
    if (nImg < after) nImg = Math.min(next('<img', after), next('<IMG', after));
    if (nTick < after) nTick = next('```', after);
    if (nTilde < after) nTilde = next('~~~', after);
  }
  for (const w of wantedRefs) {
    const def = refs.get(w.ref);
    if (def) out.push(def);
    if (w.alt) alts?.push({ ...w.alt, url: def?.url });
  }
  return dedupeByOffset(out);
}

function dedupeByOffset(links: ImageLink[]): ImageLink[] {
  // Usually in order with no offset twice: nothing to drop or move.
  let increasing = true;
  for (let i = 1; i < links.length && increasing; i++) increasing = links[i - 1].start < links[i].start;
  if (increasing) return links;
  const seen = new Set<number>();
  return links.filter((l) => (seen.has(l.start) ? false : (seen.add(l.start), true))).sort((a, b) => a.start - b.start);
}

function scanLine(line: string, base: number, out: ImageLink[], refs: Map<string, ImageLink>, wanted: { ref: string; alt?: ImageAlt }[], alts?: ImageAlt[]): void {
  if (line.indexOf('![') < 0 && line.indexOf('<img') < 0 && line.indexOf('<IMG') < 0 && line.indexOf(']:') < 0) return;
  // Blank out inline code so links inside it are not seen.
  const masked = line.includes('`') ? line.replace(/`[^`]*`/g, (m) => ' '.repeat(m.length)) : line;
  const def = masked.includes(']:') ? IMAGE_DEFINITION.exec(masked) : null;
  if (def) {
    let url = def[2];
    let start = def.index + def[0].length - url.length;
    if (url.startsWith('<')) { url = url.slice(1, -1); start += 1; }
    refs.set(def[1].toLowerCase(), { url, start: base + start, end: base + start + url.length });
  }
  IMAGE_INLINE.lastIndex = IMAGE_REF.lastIndex = IMG_SRC.lastIndex = 0;
  for (let m; (m = IMAGE_INLINE.exec(masked));) {
    let url = m[2];
    let start = m.index + m[0].length - url.length;
    if (url.startsWith('<')) { url = url.slice(1, -1); start += 1; }
    out.push({ url, start: base + start, end: base + start + url.length });
    alts?.push({ alt: line.slice(m.index + 2, m.index + 2 + m[1].length), start: base + m.index + 2, end: base + m.index + 2 + m[1].length, url, syntax: 'markdown' });
  }
  if (masked.includes('][')) for (let m; (m = IMAGE_REF.exec(masked));) {
    const alt: ImageAlt | undefined = alts && { alt: line.slice(m.index + 2, m.index + 2 + m[1].length), start: base + m.index + 2, end: base + m.index + 2 + m[1].length, syntax: 'markdown' };
    wanted.push({ ref: (m[2] || m[1]).toLowerCase(), alt });
  }
  if (IMG_TAG.test(masked)) for (let m; (m = IMG_SRC.exec(masked));) {
    const url = m[1] ?? m[2] ?? m[3] ?? '';
    const quoted = m[1] !== undefined || m[2] !== undefined;
    const start = m.index + m[0].length - url.length - (quoted ? 1 : 0);
    out.push({ url, start: base + start, end: base + start + url.length });
    if (alts) {
      const tagEnd = masked.indexOf('>', m.index);
      const tag = masked.slice(m.index, tagEnd < 0 ? masked.length : tagEnd);
      const a = IMG_ALT.exec(tag);
      if (a) {
        const value = a[1] ?? a[2];
        const at = m.index + a.index + a[0].length - 1 - value.length;
        alts.push({ alt: line.slice(at, at + value.length), start: base + at, end: base + at + value.length, url, syntax: 'html' });
      }
    }
  }
}
