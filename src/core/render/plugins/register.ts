// The Liquid tags of the Jekyll plugins the preview knows (`{% seo %}`, `{% feed_meta %}`, `{% gist %}`).
// They are registered on every site: a site that builds with one of these tags has its plugin.
import type { Liquid } from 'liquidjs';
import { registerFeedMetaTag } from './feed';
import { registerGistTag } from './gist';
import { registerSeoTag, type SeoSite } from './seo';

export function registerPluginTags(engine: Liquid, site: SeoSite): void {
  registerSeoTag(engine, site);
  registerFeedMetaTag(engine, site);
  registerGistTag(engine);
}
