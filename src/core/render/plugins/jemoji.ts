// jemoji (GitHub Pages' emoji plugin): `:smile:` in a page's text becomes GitHub's emoji. GitHub Pages
// writes `<img class="emoji" title=":smile:" alt=":smile:" src="https://github.githubassets.com/…" height="20" width="20">`;
// the preview is offline, so it writes the same class and title around the Unicode character instead.
// Text in `pre`, `code` and `tt` is left alone (html-pipeline's EmojiFilter).
import { EMOJI } from './emojiNames';
import { mapHtmlText } from './htmlText';

export const JEMOJI_PLUGIN = 'jemoji';
const IGNORE = new Set(['pre', 'code', 'tt']);
const NAME = /:([\w+-]+):/g;

/** Replaces the emoji names GitHub knows in an HTML fragment. */
export function emojify(html: string): string {
  if (!html.includes(':')) return html;
  return mapHtmlText(html, IGNORE, (text) => {
    if (!text.includes(':')) return text;
    let out = '';
    let last = 0;
    NAME.lastIndex = 0;
    for (let m = NAME.exec(text); m; m = NAME.exec(text)) {
      const char = EMOJI.get(m[1]);
      // An unknown name gives its closing colon back: `:b:smile:` still has `:smile:`.
      if (!char) { NAME.lastIndex = m.index + m[0].length - 1; continue; }
      out += text.slice(last, m.index) + `<span class="emoji" title=":${m[1]}:" role="img" aria-label=":${m[1]}:">${char}</span>`;
      last = m.index + m[0].length;
    }
    return out + text.slice(last);
  });
}
