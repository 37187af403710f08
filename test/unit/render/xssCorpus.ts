// The XSS corpus (test/fixtures/xss/corpus.txt) rendered through the real pipeline, and a checker that
// names every dangerous construct left in a page. Shared by the unit test (xss.test.ts) and the
// Chromium run (test/e2e/xss.e2e.mjs, which imports the compiled copy).
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Parser } from 'htmlparser2';
import { SiteRenderer } from '../../../src/core/render/renderer';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { repoRoot } from '../repoRoot';

export interface CorpusEntry {
  /** `post`: the text is a post's body; `layout`: the text is the post's layout, the body a hostile post. */
  kind: 'post' | 'layout';
  name: string;
  text: string;
}

/** A body that tries to break out of whatever context a layout puts it in. */
export const HOSTILE_BODY = '<img src=x onerror=alert(1)> "><script>alert(2)</script> \' onmouseover=alert(3) x=\' javascript:alert(4)\n\n' +
  '</textarea></title></style><img src=x onerror=alert(5)>\n';

export function loadCorpus(): CorpusEntry[] {
  const text = fs.readFileSync(path.join(repoRoot, 'test', 'fixtures', 'xss', 'corpus.txt'), 'utf8');
  const out: CorpusEntry[] = [];
  for (const part of text.split(/^=== /m).slice(1)) {
    const nl = part.indexOf('\n');
    const [kind, name] = part.slice(0, nl).trim().split(/\s+/);
    out.push({ kind: kind as CorpusEntry['kind'], name, text: part.slice(nl + 1).replace(/\n$/, '') });
  }
  return out;
}

export interface RenderedEntry { entry: CorpusEntry; html: string; bodyHtml: string }

/** Every entry as the preview renders it (site mode, remote images off, no embeds, no site scripts). */
export async function renderCorpus(entries = loadCorpus()): Promise<RenderedEntry[]> {
  const files: Record<string, string> = {
    '_config.yml': 'title: XSS corpus\n',
    '_layouts/default.html': '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>{{ page.title }}</title></head><body><main>{{ content }}</main></body></html>',
    '_layouts/post.html': '---\nlayout: default\n---\n<article class="post">{{ content }}</article>',
    'x.png': 'png',
  };
  entries.forEach((e, i) => {
    if (e.kind === 'layout') files[`_layouts/evil-${i}.html`] = `<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>t</title></head><body>${e.text}</body></html>`;
  });
  const site = await SiteRenderer.open({ fs: new MemoryFileSystem(files), root: '' });
  const out: RenderedEntry[] = [];
  for (const [i, entry] of entries.entries()) {
    const layout = entry.kind === 'layout' ? `evil-${i}` : 'post';
    const body = entry.kind === 'layout' ? HOSTILE_BODY : entry.text;
    const text = `---\nlayout: ${layout}\ntitle: Entry ${i}\n---\n${body}\n`;
    const r = await site.render({ path: `_posts/2024-01-01-entry-${i}.md`, text, remoteImages: false, allowEmbeds: false, siteScripts: false });
    out.push({ entry, html: r.html, bodyHtml: r.bodyHtml });
  }
  return out;
}

// eslint-disable-next-line no-control-regex
const URL_IGNORED = /[\u0000-\u0020\u007f-\u00a0\u1680\u180e\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g;
const FORBIDDEN_ELEMENTS = new Set(['script', 'iframe', 'object', 'embed', 'applet', 'frame', 'frameset', 'base', 'form', 'link', 'portal',
  'noscript', 'template', 'xmp', 'plaintext', 'isindex', 'animate', 'set', 'animatemotion', 'animatetransform', 'discard', 'foreignobject',
  'annotation-xml', 'handler', 'feimage', 'maction']);
const URL_ATTRS = new Set(['href', 'xlink:href', 'src', 'poster', 'cite', 'data', 'action', 'formaction', 'background', 'longdesc', 'usemap', 'codebase', 'itemtype']);
const LOADING = new Set(['src', 'poster']);
const FORBIDDEN_ATTRS = new Set(['srcdoc', 'srcset', 'formaction', 'action', 'ping', 'http-equiv', 'background', 'dynsrc', 'lowsrc', 'attributename', 'from', 'to', 'by', 'begin']);

function schemeOf(url: string): string | undefined {
  return /^([a-z][a-z0-9+.-]*):/i.exec(url.replace(URL_IGNORED, ''))?.[1].toLowerCase();
}

function isRemote(url: string): boolean {
  const u = url.replace(URL_IGNORED, '');
  return /^(https?:|\/\/|\\\\)/i.test(u);
}

/**
 * CSS as the browser reads it: every escape decoded, comments gone, lower case. A comment ends the token
 * before it (CSS Syntax 3, "consume comments"): `exp`, a comment, `ression(` are two tokens, not
 * `expression(`, and `ur`, a comment, `l(` is no `url(`; so a comment becomes a space, not nothing.
 */
function decodedCss(css: string): string {
  return css.replace(/\\(?:([0-9a-f]{1,6})\s?|([\s\S]))/gi, (_a, hex: string | undefined, ch: string | undefined) => {
    if (hex !== undefined) { const cp = parseInt(hex, 16); return cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : '\ufffd'; }
    return ch === '\n' ? '' : ch ?? '';
  }).replace(/\/\*[\s\S]*?(\*\/|$)/g, ' ').toLowerCase();
}

/** What is dangerous in a piece of CSS (remote images count: the corpus renders with them off). */
export function cssDangers(css: string): string[] {
  const d = decodedCss(css);
  const out: string[] = [];
  if (/@import/.test(d)) out.push('@import');
  if (/expression\s*\(/.test(d)) out.push('expression()');
  if (/(java|vb|live)script\s*:/.test(d)) out.push('script URL in CSS');
  if (/-moz-binding|behavior\s*:/.test(d)) out.push('binding/behavior');
  for (const m of d.matchAll(/(?:url\(|image-set\(|,)\s*['"]?\s*([^'")\s,]+)/g)) if (isRemote(m[1])) out.push(`remote CSS resource ${m[1]}`);
  return out;
}

/** Every dangerous construct in `html`, described (empty: the page is inert). */
export function dangers(html: string): string[] {
  const out: string[] = [];
  let styleText: string | undefined;
  const parser = new Parser({
    onopentag(name, attribs) {
      if (FORBIDDEN_ELEMENTS.has(name)) out.push(`<${name}>`);
      if (name === 'meta' && 'http-equiv' in attribs) out.push('<meta http-equiv>');
      if (name === 'style') styleText = '';
      for (const [k, v] of Object.entries(attribs)) {
        if (k.startsWith('on')) { out.push(`${k} on <${name}>`); continue; }
        if (FORBIDDEN_ATTRS.has(k)) { out.push(`${k} on <${name}>`); continue; }
        if (k === 'style') { for (const c of cssDangers(v)) out.push(`style on <${name}>: ${c}`); continue; }
        if (/url\s*\(/i.test(v) && !/url\s*\(\s*['"]?#/i.test(v)) out.push(`url() in ${k} on <${name}>`);
        if (!URL_ATTRS.has(k)) continue;
        const scheme = schemeOf(v);
        const loads = LOADING.has(k) || ((k === 'href' || k === 'xlink:href') && (name === 'image' || name === 'use'));
        if (name === 'use' && !v.trim().startsWith('#')) out.push(`<use ${k}="${v}">`);
        if (loads && isRemote(v)) out.push(`remote ${k} on <${name}>: ${v}`);
        const ok = scheme === undefined || scheme === 'http' || scheme === 'https' || scheme === 'mailto' || scheme === 'tel' ||
          (loads && scheme === 'data' && /^data:image\/(png|gif|jpe?g|webp|avif|bmp|x-icon)[;,]/i.test(v.replace(URL_IGNORED, '')));
        if (!ok) out.push(`${k}="${v}" on <${name}>`);
      }
    },
    ontext(text) { if (styleText !== undefined) styleText += text; },
    onclosetag(name) {
      if (name === 'style' && styleText !== undefined) { for (const c of cssDangers(styleText)) out.push(`<style>: ${c}`); styleText = undefined; }
    },
  }, { decodeEntities: true, lowerCaseAttributeNames: true, lowerCaseTags: true });
  parser.write(html);
  parser.end();
  return out;
}
