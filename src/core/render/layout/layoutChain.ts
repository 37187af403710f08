// The layout chain of a document (`post` → `default` → …): Jekyll's layout names resolved to files of the
// site (or of its theme, under it), read and parsed once per template version, and the chain's errors
// (a missing layout, a layout that includes itself) as the notices say them.
import type { Template } from 'liquidjs';
import type { SiteConfig } from '../../site/config';
import { t } from '../../text/l10n';
import { readDocument, type SiteDocument } from '../siteModel';
import type { ThemeOverlay } from '../theme/themeLayer';

export interface Layout { path: string; data: Record<string, unknown>; templates: Template[]; text: string }

/** What the chain reads of the site (the renderer's view of it, theme included). */
export interface LayoutSite {
  config(): SiteConfig;
  /** The site itself (not its theme) has the file. */
  siteHas(path: string): boolean;
  overlay(): ThemeOverlay | undefined;
  read(path: string): Promise<string | undefined>;
  /** Parses a layout's Liquid (`path` site-relative, `firstLine` the file line the body starts on). */
  parse(text: string, path: string, firstLine: number): Template[];
}

export class LayoutChain {
  private readonly layouts = new Map<string, Promise<Layout | undefined>>();

  constructor(private readonly site: LayoutSite) {}

  /** Forgets the parsed layouts (a layout or include changed). */
  clear(): void {
    this.layouts.clear();
  }

  /** The site path of the layout Jekyll would use for `name`, if any. */
  path(name: string, layoutsDir = this.site.config().layoutsDir): string | undefined {
    const dir = layoutsDir + '/';
    const exts = ['.html', '.htm', '.liquid', '.xml', '.md', ''];
    const overlay = this.site.overlay();
    // Jekyll names layouts by file name without extension: any site layout of that name beats the theme's.
    for (const ext of exts) if (this.site.siteHas(dir + name + ext)) return dir + name + ext;
    for (const ext of exts) if (overlay?.themePath(dir + name + ext) !== undefined) return dir + name + ext;
    return undefined;
  }

  private load(name: string): Promise<Layout | undefined> {
    let p = this.layouts.get(name);
    if (!p) {
      p = (async () => {
        const path = this.path(name);
        if (!path) return undefined;
        const text = await this.site.read(path);
        if (text === undefined) return undefined;
        const d = readDocument(this.site.config(), path, text, 'page');
        return { path, data: d.hasFrontMatter ? d.parse.data ?? {} : {}, templates: this.site.parse(d.body, path, d.bodyLine + 1), text: d.body };
      })();
      this.layouts.set(name, p);
    }
    return p;
  }

  /** The chain `post` → `default` → … of a document, or why it cannot be had. */
  async of(doc: SiteDocument): Promise<Layout[] | { error: string }> {
    const chain: Layout[] = [];
    let name = doc.data.layout;
    if (name === undefined || name === null || name === false || name === 'none' || name === '') {
      return { error: name === undefined ? 'The post names no layout and no `defaults:` give it one, so Jekyll publishes it bare' : 'The post sets `layout: none`' };
    }
    const seen = new Set<string>();
    while (typeof name === 'string' && name && name !== 'none') {
      if (seen.has(name) || chain.length > 20) return { error: t('Layout "{0}" includes itself', name) };
      seen.add(name);
      let layout: Layout | undefined;
      try {
        layout = await this.load(name);
      } catch (e) {
        return { error: t('Layout "{0}" cannot be read ({1})', name, errorMessage(e)) };
      }
      if (!layout) {
        const config = this.site.config();
        const theme = config.theme;
        const overlay = this.site.overlay();
        if (overlay) return { error: t('Layout "{0}" is neither in {1}/ nor in the theme "{2}"', name, config.layoutsDir, overlay.layer.name) };
        return { error: theme ? `Layout "${name}" comes from the theme "${theme}", which is not in the workspace` : `Layout "${name}" does not exist in ${config.layoutsDir}/ (Jekyll publishes the post without it)` };
      }
      chain.push(layout);
      name = layout.data.layout;
    }
    return chain;
  }
}

/** An error as one line for a notice. */
export function errorMessage(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).replace(/\s+/g, ' ').trim().slice(0, 300);
}
