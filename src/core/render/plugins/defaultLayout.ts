// jekyll-default-layout (0.1): a Markdown page or post that names no layout (not even through `defaults:`)
// gets one: the home page `home`, other pages `page`, posts `post`, else `default` — the first that exists.

export const DEFAULT_LAYOUT_PLUGIN = 'jekyll-default-layout';

/** The layout the plugin gives a document, or undefined (it names one already, or none of them exists). */
export function defaultLayout(doc: { kind: 'post' | 'draft' | 'page'; url: string; data: Record<string, unknown> }, hasLayout: (name: string) => boolean): string | undefined {
  if (Object.hasOwn(doc.data, 'layout')) return undefined;
  if (doc.url === '/' && hasLayout('home')) return 'home';
  if (doc.kind === 'page' && hasLayout('page')) return 'page';
  if (doc.kind === 'post' && hasLayout('post')) return 'post';
  if (hasLayout('default')) return 'default';
  return undefined;
}
