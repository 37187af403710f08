// The block structure of a page, as the render tests and the Jekyll fidelity script compare it:
// headings with ids, paragraphs, lists, code blocks, tables, images, footnotes and layout elements,
// each as a signature with its text. Our own preview elements map to what Jekyll writes in their place
// (an embed card to its iframe, a missing-image placeholder to its <img>, KaTeX to MathJax's TeX).
import { DomUtils, parseDocument } from 'htmlparser2';

type Node = ReturnType<typeof parseDocument>['children'][number];
interface El { type: string; name: string; attribs: Record<string, string>; children: Node[] }

const BLOCKS = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ul', 'ol', 'li', 'dl', 'dt', 'dd', 'blockquote', 'pre', 'table', 'thead', 'tbody',
  'tr', 'th', 'td', 'hr', 'img', 'figure', 'iframe', 'header', 'footer', 'nav', 'main', 'article', 'section', 'aside', 'time', 'sup', 'details', 'summary']);
const TEXTUAL = new Set(['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'li', 'dt', 'dd', 'th', 'td', 'time', 'summary', 'pre']);

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();
const isEl = (n: Node): n is Node & El => n.type === 'tag' || n.type === 'script' || n.type === 'style';

/** Text without our preview markup; KaTeX back to the `\(…\)` MathJax would get. */
function textOf(node: Node): string {
  if (node.type === 'text') return (node as unknown as { data: string }).data;
  if (!isEl(node)) return '';
  const cls = node.attribs.class ?? '';
  if (cls.includes('techblog-')) return '';
  // A formula KaTeX refused shows its TeX (as MathJax leaves it): the text MathJax would get.
  if (/\bkatex-error\b/.test(cls)) return `\\(${DomUtils.textContent(node as never).trim()}\\)`;
  if (/\bkatex\b/.test(cls)) {
    const tex = DomUtils.findOne((n) => n.name === 'annotation', node.children as never);
    return tex ? `\\(${DomUtils.textContent(tex).trim()}\\)` : '';
  }
  return node.children.map(textOf).join('');
}

const mathText = (s: string) => s.replace(/\\[([]\s*/g, '\\(').replace(/\s*\\[)\]]/g, '\\)');

export interface BlockOptions {
  /** The page's URL under the site (without baseurl), for resolving relative image paths. */
  pageUrl?: string;
  baseurl?: string;
}

export function blockSignatures(html: string, opts: BlockOptions = {}): string[] {
  const baseurl = opts.baseurl ?? '';
  const pageUrl = opts.pageUrl ?? '/';
  const prefix = new RegExp(`^${baseurl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`);
  const dom = parseDocument(html);
  const out: string[] = [];
  const visit = (node: Node): void => {
    if (!isEl(node)) return;
    const name = node.name;
    const all = (node.attribs.class ?? '').split(/\s+/).filter(Boolean);
    const cls = all.filter((c) => !c.startsWith('techblog-')).sort();
    if (name === 'div' && cls.includes('highlighter-rouge')) {
      out.push(`code.${cls.join('.')}|${norm(DomUtils.textContent(node as never))}`);
      return;
    }
    if (name === 'div' && cls.includes('kdmath')) return; // kramdown leaves display math as bare text
    if (name === 'figure' && cls.includes('highlight')) {
      out.push(`figure.highlight|${norm(DomUtils.textContent(node as never).replace(/^[\d\s]+(?=\S)/, ''))}`);
      return;
    }
    if (all.includes('techblog-embed-card')) {
      const a = DomUtils.findOne((n) => n.name === 'a', node.children as never);
      out.push(`embed|${a?.attribs.href ?? ''}`);
      return;
    }
    if (all.includes('techblog-missing-image')) {
      out.push(`img|/${norm(DomUtils.textContent(node as never)).replace(/^Missing image: (\S+).*$/, '$1')}`);
      return;
    }
    if (name === 'iframe' || name === 'script') {
      const src = node.attribs.src ?? '';
      const yt = /youtube(?:-nocookie)?\.com\/embed\/([\w-]+)/.exec(src);
      if (yt) out.push(`embed|https://www.youtube.com/watch?v=${yt[1]}`);
      else if (/gist\.github\.com/.test(src)) out.push(`embed|${src.replace(/\.js(\?.*)?$/, '')}`);
      else if (name === 'iframe') out.push(`embed|${src}`);
      return;
    }
    if (BLOCKS.has(name) || (name === 'div' && cls.length)) {
      let s = `${name}${cls.length ? '.' + cls.join('.') : ''}${node.attribs.id ? '#' + node.attribs.id : ''}`;
      // Images compare by the site file they reach (Jekyll leaves `/images/x` as written even under a baseurl).
      if (name === 'img') s += `|${new URL(node.attribs.src ?? '', 'https://site.invalid' + baseurl + pageUrl).pathname.replace(prefix, '/')}`;
      else if (TEXTUAL.has(name)) s += `|${mathText(norm(textOf(node)))}`;
      out.push(s);
    }
    for (const c of node.children) visit(c);
  };
  const body = DomUtils.findOne((n) => n.name === 'body', dom.children as never);
  for (const c of (body ? body.children : dom.children) as Node[]) visit(c);
  return out;
}

/** Longest common subsequence of two signature lists, with what only one side has. */
export function alignBlocks(a: string[], b: string[]): { common: number; onlyA: string[]; onlyB: string[] } {
  const n = a.length;
  const m = b.length;
  const dp = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) for (let j = m - 1; j >= 0; j--) dp[i][j] = a[i] === b[j] ? dp[i + 1][j + 1] + 1 : Math.max(dp[i + 1][j], dp[i][j + 1]);
  const onlyA: string[] = [];
  const onlyB: string[] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (a[i] === b[j]) { i++; j++; } else if (dp[i + 1][j] >= dp[i][j + 1]) onlyA.push(a[i++]); else onlyB.push(b[j++]);
  }
  onlyA.push(...a.slice(i));
  onlyB.push(...b.slice(j));
  return { common: dp[0][0], onlyA, onlyB };
}
