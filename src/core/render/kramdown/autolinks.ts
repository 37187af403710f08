// Autolinks as kramdown parses them (parser/kramdown/autolink.rb), in place of CommonMark's:
// `<http://…>`, `<https://…>`, `<ftp://…>`, `<ftps://…>`, `<mailto:…>` (anything up to the first `>` on
// the line) and `<name@host>` (letters of any script, digits, `-`, `_`, `.`); the text is the address as
// written (`%20` stays `%20`, no `mailto:`), the target gets `mailto:` for a bare address. Other schemes
// are no autolink: the `<` goes on to the HTML span rules. Entity references stay references (kramdown
// writes `&amp;` as it stands), so they are decoded here and written back by the renderer.
import type MarkdownIt from 'markdown-it';

type StateInline = MarkdownIt.StateInline;

const ACHARS = String.raw`[\p{L}\p{M}\p{Nd}\-_.]`;
const ENTITY = /&[a-z#][a-z0-9]{1,31};/gi;
const AUTOLINK = new RegExp(String.raw`<((mailto|https?|ftps?):.+?|${ACHARS}+?@${ACHARS}+?)>`, 'uy');

function autolink(state: StateInline, silent: boolean): boolean {
  if (state.src.charCodeAt(state.pos) !== 0x3c /* < */) return false;
  AUTOLINK.lastIndex = state.pos;
  const m = AUTOLINK.exec(state.src);
  if (!m || state.pos + m[0].length > state.posMax) return false;
  const address = m[1].replace(ENTITY, (e) => state.md.utils.unescapeAll(e));
  const href = state.md.normalizeLink(m[2] === undefined ? `mailto:${address}` : address);
  if (!state.md.validateLink(href)) return false;
  if (!silent) {
    const open = state.push('link_open', 'a', 1);
    open.attrs = [['href', href]];
    open.markup = 'autolink';
    open.info = 'auto';
    const text = state.push('text', '', 0);
    text.content = address.replace(/^mailto:/, '');
    const close = state.push('link_close', 'a', -1);
    close.markup = 'autolink';
    close.info = 'auto';
  }
  state.pos += m[0].length;
  return true;
}

export function kramdownAutolinksPlugin(md: MarkdownIt.MarkdownIt): void {
  md.inline.ruler.at('autolink', autolink);
}
