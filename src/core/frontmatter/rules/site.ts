// Rules that need the site: layouts that exist, images that exist. And lengths search engines show.
import * as path from '../../text/posixPath';
import { documentUrl } from '../../site/permalink';
import { editDistance } from '../../text/editDistance';
import { t } from '../../text/l10n';
import { lastEntry, type RuleContext } from '../context';
import { fileNameDate } from './dates';
import { parseJekyllDate } from '../../text/time';

export function checkLayout(ctx: RuleContext): void {
  const site = ctx.site;
  if (!site || ctx.config?.theme || ctx.config?.profile !== 'jekyll') return;
  const layouts = site.layouts();
  // No _layouts/ and no theme: GitHub Pages' default theme may supply them; stay quiet.
  if (!layouts.length) return;
  const e = lastEntry(ctx, 'layout');
  if (!e || e.node.kind !== 'scalar' || typeof e.node.value !== 'string') return;
  const name = e.node.value.trim();
  if (name === '' || name === 'none' || name === 'null' || layouts.includes(name)) return;
  const near = layouts.map((l) => ({ l, d: editDistance(name.toLowerCase(), l.toLowerCase(), 3) })).filter((x) => x.d <= Math.max(1, Math.min(3, Math.floor(name.length / 3)))).sort((a, b) => a.d - b.d);
  const list = layouts.slice(0, 8).map((l) => '`' + l + '`').join(', ') + (layouts.length > 8 ? ', …' : '');
  ctx.report('unknown-layout', e.node.start, e.node.end, t('There is no layout "{0}" in {1}/ (there is {2}).', name, ctx.config!.layoutsDir, list),
    near.map((x, i) => ({ title: t('Use the layout "{0}"', x.l), edits: [{ start: e.node.start, end: e.node.end, newText: x.l }], safe: false, preferred: i === 0 })));
}

export const LIQUID_BASE = /^\{\{\s*site\.(?:url\s*\}\}\{\{\s*site\.)?baseurl\s*\}\}/;
export const LIQUID_FILTER = /^\{\{\s*(['"])([^'"]*)\1\s*\|\s*(?:relative_url|absolute_url)\s*\}\}$/;
/** A URL scheme (`https:`, `data:`, `mailto:`). Made once: a literal in a loop is a new object each time. */
export const URL_SCHEME = /^[a-z][a-z0-9+.-]*:/i;

/** `rel` resolved against the folder `dir` (posix, no leading slash); '..' at the start when it leaves the root. */
export function resolveAgainst(dir: string, rel: string): string {
  let d = dir === '.' ? '' : dir;
  let r = rel.charCodeAt(0) === 47 ? rel.replace(/^\/+/, '') : rel; // the regex only when there is a slash to take off
  let up = 0;
  // Quick path for the usual `../images/x.png` and `./x.png`; anything odder goes segment by segment.
  for (;;) {
    if (r.startsWith('../')) {
      r = r.slice(3);
      if (d) { const i = d.lastIndexOf('/'); d = i < 0 ? '' : d.slice(0, i); } else up++;
    } else if (r.startsWith('./')) r = r.slice(2);
    else break;
  }
  if (r.includes('/.') || r.includes('//') || r === '..' || r === '.') {
    const out = d ? d.split('/') : [];
    for (const seg of r.split('/')) {
      if (seg === '' || seg === '.') continue;
      if (seg === '..') { if (out.length) out.pop(); else up++; } else out.push(seg);
    }
    return '../'.repeat(up) + out.join('/');
  }
  return '../'.repeat(up) + (d ? d + '/' + r : r);
}

const QUERY_OR_FRAGMENT = /[?#]/;

export function checkImages(ctx: RuleContext): void {
  const site = ctx.site;
  const config = ctx.config;
  if (!site || !config) return;
  const links = ctx.bodyImages().links;
  if (!links.length) return;
  // The published URL is worked out only when a relative link is not found next to the source.
  let urlDir: string | undefined | null = null;
  const publishedDir = () => {
    if (urlDir === null) {
      const url = documentUrl(config, { relPath: ctx.relPath, kind: ctx.kind, data: ctx.parse.data, date: postDate(ctx) });
      urlDir = url ? (url.endsWith('/') ? url : path.dirname(url)) : undefined;
    }
    return urlDir;
  };
  const src = config.sourceDir ? config.sourceDir + '/' : '';
  const sourceDir = path.dirname(ctx.relPath);
  const exists = (c: string) => !c.startsWith('..') && site.hasFile(c);
  for (const link of links) {
    let u = link.url.trim();
    if (u.startsWith('{{')) {
      const f = LIQUID_FILTER.exec(u);
      if (f) u = f[2].startsWith('/') ? f[2] : '/' + f[2];
      else if (LIQUID_BASE.test(u)) u = u.replace(LIQUID_BASE, '');
    }
    if (u === '' || u.startsWith('#') || u.startsWith('//') || URL_SCHEME.test(u) || u.includes('{{') || u.includes('{%')) continue;
    const cut = u.search(QUERY_OR_FRAGMENT);
    if (cut >= 0) u = u.slice(0, cut);
    if (u.includes('%')) try { u = decodeURI(u); } catch { /* keep as written */ }
    const candidates: string[] = [];
    if (u.startsWith('/')) {
      if (config.baseurl && (u === config.baseurl || u.startsWith(config.baseurl + '/'))) candidates.push(src + resolveAgainst('', u.slice(config.baseurl.length + 1)));
      candidates.push(src + resolveAgainst('', u));
    } else {
      // Relative links resolve against the published URL; accept the source folder too (editors
      // preview that way, and plugins such as jekyll-postfiles publish it so).
      const besideSource = resolveAgainst(sourceDir, u);
      if (exists(besideSource)) continue;
      const dir = publishedDir();
      if (dir) candidates.push(src + resolveAgainst(dir.replace(/^\/+|\/+$/g, ''), u));
      candidates.push(besideSource);
    }
    if (candidates.some(exists)) continue;
    const inside = [...new Set(candidates.filter((c) => !c.startsWith('..')))];
    const message = inside.length > 1
      ? t('The image "{0}" does not exist (looked for {1} and {2}).', link.url, inside.slice(0, -1).join(' and '), inside[inside.length - 1])
      : inside.length
        ? t('The image "{0}" does not exist (looked for {1}).', link.url, inside[0])
        : t('The image "{0}" does not exist (it points outside the site).', link.url);
    ctx.report('missing-image', link.start, link.end, message);
  }
}

function postDate(ctx: RuleContext): { year: number; month: number; day: number } | undefined {
  const e = lastEntry(ctx, 'date');
  if (e && e.node.kind === 'scalar') {
    const raw = e.node.value instanceof Date ? ctx.text.slice(e.node.start, e.node.end) : typeof e.node.value === 'string' ? e.node.value : undefined;
    const p = raw ? parseJekyllDate(raw) : undefined;
    if (p && typeof p === 'object') return p;
  }
  const fd = fileNameDate(ctx.relPath);
  return fd && fd !== 'invalid' ? fd : undefined;
}

export function checkSeoLength(ctx: RuleContext): void {
  for (const [key, max] of [['title', 70], ['description', 160]] as const) {
    const e = lastEntry(ctx, key);
    if (!e || e.node.kind !== 'scalar' || typeof e.node.value !== 'string') continue;
    if (e.node.value.length <= max) continue; // UTF-16 length bounds the code-point count
    const n = Array.from(e.node.value).length;
    if (n > max) ctx.report('seo-length', e.node.start, e.node.end, t('`{0}` is {1} characters; search engines show about {2}, so it gets cut off.', key, n, max));
  }
}
