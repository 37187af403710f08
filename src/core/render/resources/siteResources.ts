// The site's files as resources of a page: which files the site lists (less the symbolic links the
// safe-mode rules refuse), where an image or script URL points (resourceResolver.ts), and, per render,
// the URL a site path is loaded from in the webview and the policy for remote images and site scripts.
import type { ImageTarget } from '../kramdown/env';
import { ResourceResolver, type Resolved } from './resourceResolver';

/** One render's resource policy (RenderRequest's `resolveResource`, `remoteImages`, `siteScripts`). */
export interface ResourcePolicy {
  /** A site path as the page loads it. */
  resource: (sitePath: string) => string;
  remoteImages: boolean;
  siteScripts: boolean;
}

export class SiteResources {
  /** The site's listed files (site-relative). */
  readonly files = new Set<string>();
  /** Listed files that are symbolic links the safe-mode rules refuse (never resolved as resources). */
  private readonly refusedLinks = new Set<string>();
  private filesVersion = 0;
  private resolver: ResourceResolver;
  private policy: ResourcePolicy = { resource: (p) => p, remoteImages: true, siteScripts: false };
  /** The URLs `resource` gave in this render. */
  private producedUrls = new Set<string>();

  /** @param has a file of the site or of its theme */
  constructor(private readonly has: (sitePath: string) => boolean) {
    this.resolver = this.resolverFor('', '');
  }

  /** Changes whenever the set of files changes. */
  get version(): number {
    return this.filesVersion;
  }

  /** The site's files listed again (a reload); no link is refused until `setRefused` says so. */
  list(listed: Iterable<string>): void {
    this.files.clear();
    for (const f of listed) this.files.add(f);
    this.filesVersion++;
    this.refusedLinks.clear();
  }

  /** A listed link out of the site stays listed (its reads are refused) but is never served as a resource. */
  setRefused(path: string, refused: boolean): void {
    if (refused) this.refusedLinks.add(path);
    else this.refusedLinks.delete(path);
  }

  created(path: string): void {
    if (!this.files.has(path)) { this.files.add(path); this.filesVersion++; }
  }

  deleted(path: string): void {
    if (this.files.delete(path)) this.filesVersion++;
  }

  /** Resolves against `baseurl`; `servedDir`: the folder served at the site root (Hugo, Hexo), '' for Jekyll. */
  setSite(baseurl: string, servedDir: string): void {
    this.resolver = this.resolverFor(baseurl, servedDir);
  }

  private resolverFor(baseurl: string, servedDir: string): ResourceResolver {
    return new ResourceResolver({ has: (p) => this.has(p) && !this.refusedLinks.has(p), all: () => [...this.files].filter((f) => !this.refusedLinks.has(f)), version: () => this.filesVersion }, baseurl, servedDir);
  }

  /** Starts a render under `policy` (the URLs it gives are remembered until the next). */
  beginRender(policy: ResourcePolicy): void {
    const produced = (this.producedUrls = new Set<string>());
    this.policy = {
      ...policy,
      resource: (p) => {
        const url = policy.resource(p);
        if (produced.size < 10000) produced.add(url);
        return url;
      },
    };
  }

  get remoteImages(): boolean {
    return this.policy.remoteImages;
  }

  get siteScripts(): boolean {
    return this.policy.siteScripts;
  }

  /** A site path as this render's page loads it. */
  resource(sitePath: string): string {
    return this.policy.resource(sitePath);
  }

  /** `url` is one this render gave (the body's images, when the whole page is sanitized again). */
  produced(url: string): boolean {
    return this.producedUrls.has(url);
  }

  /** Where `url`, written in the document at `docPath` published at `pageUrl`, points. */
  resolve(url: string, docPath: string, pageUrl: string | undefined): Resolved {
    return this.resolver.resolve(url, docPath, pageUrl);
  }

  /** An image as the page gets it: a site file's URL, a missing file, or an external URL (maybe blocked). */
  image(resolved: Resolved): ImageTarget {
    if ('sitePath' in resolved) return { src: this.resource(resolved.sitePath) };
    if ('missing' in resolved) return { missing: resolved.missing };
    return this.externalImage(resolved.external);
  }

  /** A URL that is not a site file: `https:` (and `//host`) images load unless turned off; insecure `http:` never does. */
  externalImage(url: string): ImageTarget {
    const scheme = /^\s*([a-z][a-z0-9+.-]*):/i.exec(url)?.[1].toLowerCase() ?? (url.trim().startsWith('//') ? 'https' : undefined);
    if (scheme === 'http') return { missing: url, blocked: 'insecure' };
    if (scheme === 'https' && !this.policy.remoteImages) return { missing: url, blocked: 'remote' };
    return { src: url };
  }

  /** A layout's `<script src>` as the page loads it: a script file of the site, else undefined (not run). */
  script(src: string): string | undefined {
    const r = this.resolver.resolve(src, '', '/');
    if ('sitePath' in r && /\.m?js$/i.test(r.sitePath)) return this.resource(r.sitePath) + src.trim().slice(src.trim().replace(/[?#].*$/, '').length);
    return undefined;
  }
}
