// jekyll-feed (0.17): `{% feed_meta %}` writes the link to the site's Atom feed:
// `<link type="application/atom+xml" rel="alternate" href="…/feed.xml" title="Site" />`.
import { Tag, type Context, type Emitter, type Liquid } from 'liquidjs';

export const FEED_PLUGIN = 'jekyll-feed';

export interface FeedSite {
  absoluteUrl(url: unknown): string;
}

const attr = (v: string) => `"${v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}"`;

/** The tag's output for a site variable. */
export function feedMeta(site: Record<string, unknown>, s: FeedSite): string {
  const feed = site.feed && typeof site.feed === 'object' ? (site.feed as Record<string, unknown>) : {};
  const path = typeof feed.path === 'string' && feed.path ? feed.path : 'feed.xml';
  const title = site.title ?? site.name;
  const attrs: Array<[string, string]> = [['type', 'application/atom+xml'], ['rel', 'alternate'], ['href', s.absoluteUrl(path)]];
  if (title !== undefined && title !== null && title !== false) attrs.push(['title', String(title)]);
  return `<link ${attrs.map(([k, v]) => `${k}=${attr(v)}`).join(' ')} />`;
}

/** Registers `{% feed_meta %}` on a Liquid engine. */
export function registerFeedMetaTag(engine: Liquid, site: FeedSite): void {
  engine.registerTag('feed_meta', class extends Tag {
    render(ctx: Context, emitter: Emitter): void {
      const s = ctx.getSync(['site']);
      emitter.write(feedMeta(s && typeof s === 'object' ? (s as Record<string, unknown>) : {}, site));
    }
  });
}
