// kramdown's standalone images (converter/html.rb convert_standalone_image): a paragraph whose only content is an
// image whose span IAL references `standalone` (`![alt](a.png){: standalone}`) becomes a <figure> holding the image
// and a <figcaption> of its alt text. The paragraph's attributes (its block IAL) go on the figure; the image's class
// and id move to the figure when the paragraph gives none. A paragraph kept without tags (a tight list item) stays so.
import type MarkdownIt from 'markdown-it';
import { escapeHtml } from '../escape';

type Token = MarkdownIt.Token;

function standaloneImages(state: MarkdownIt.StateCore): void {
  const tokens = state.tokens;
  for (let i = 0; i + 2 < tokens.length; i++) {
    const open = tokens[i];
    if (open.type !== 'paragraph_open' || open.hidden || tokens[i + 2].type !== 'paragraph_close') continue;
    const kids = tokens[i + 1].children ?? [];
    if (kids.length !== 1 || kids[0].type !== 'image' || !kids[0].meta?.standalone) continue;
    const image = kids[0];
    for (const name of ['class', 'id']) {
      const value = image.attrGet(name);
      if (value === null || open.attrGet(name) !== null) continue;
      open.attrSet(name, String(value));
      image.attrs = (image.attrs ?? []).filter(([k]) => k !== name);
    }
    open.tag = 'figure';
    tokens[i + 2].tag = 'figure';
    const caption = new state.Token('kramdown_figcaption', 'figcaption', 0);
    caption.content = state.md.utils.unescapeAll(image.content);
    kids.push(caption);
  }
}

export function kramdownStandaloneImagesPlugin(md: MarkdownIt.MarkdownIt): void {
  // After kramdown's list rules, which decide which paragraphs are written without tags.
  md.core.ruler.push('kramdown_standalone_images', standaloneImages);
  md.renderer.rules.kramdown_figcaption = (tokens: Token[], idx: number) => `\n<figcaption>${escapeHtml(tokens[idx].content)}</figcaption>\n`;
}
