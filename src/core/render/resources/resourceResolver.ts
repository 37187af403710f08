// Where an image or media URL written in a post or layout points in the site: `../images/…` (against
// the page's URL, as the browser resolves it, or against the file, as Typora does), `/images/…`,
// `{{ site.baseurl }}/images/…` (after Liquid), percent-encoded names, and extensions in any case.
import * as posix from '../../text/posixPath';

export interface FileLookup {
  /** True when the site-relative path is a file of the site. */
  has(sitePath: string): boolean;
  /** All site-relative paths, for the case-insensitive fallback (called rarely). */
  all(): Iterable<string>;
  /** Changes whenever the set of files changes. */
  version(): number;
}

export type Resolved = { sitePath: string } | { missing: string } | { external: string };

const SCHEME = /^[a-z][a-z0-9+.-]*:/i;

function decode(p: string): string {
  try {
    return decodeURIComponent(p);
  } catch {
    return p;
  }
}

export class ResourceResolver {
  private lowerIndex: Map<string, string> | undefined;
  private lowerIndexVersion = -1;

  /** @param servedDir the folder the generator serves at the site root (Hugo's `static`, Hexo's `source`); '' for Jekyll */
  constructor(private readonly files: FileLookup, private readonly baseurl: string, private readonly servedDir = '') {}

  /**
   * Resolves `url` for a document at `docPath` (site-relative source path) published at `pageUrl`
   * (its permalink, starting with `/`).
   */
  resolve(url: string, docPath: string, pageUrl: string | undefined): Resolved {
    const raw = url.trim();
    if (raw === '' || raw.startsWith('#')) return { external: raw };
    if (SCHEME.test(raw) || raw.startsWith('//')) return { external: raw };
    const path = decode(raw.replace(/[?#].*$/, ''));
    const candidates: string[] = [];
    if (path.startsWith('/')) {
      const base = this.baseurl.replace(/\/+$/, '');
      if (base && (path === base || path.startsWith(base + '/'))) candidates.push(path.slice(base.length));
      candidates.push(path);
      if (this.servedDir) candidates.unshift(...candidates.map((c) => `/${this.servedDir}${c}`));
    } else {
      if (pageUrl) candidates.push(posix.join(pageUrl.endsWith('/') ? pageUrl : posix.dirname(pageUrl), path));
      candidates.push('/' + posix.join(posix.dirname(docPath), path));
    }
    const sitePaths = candidates.map((c) => posix.normalize(c).replace(/^\/+/, '')).filter((c) => c !== '' && !c.startsWith('../'));
    for (const p of sitePaths) if (this.files.has(p)) return { sitePath: p };
    for (const p of sitePaths) {
      const actual = this.caseInsensitive(p);
      if (actual) return { sitePath: actual };
    }
    return { missing: sitePaths[0] ?? path };
  }

  /** `IMG.JPG` written as `img.jpg` (or the other way round): found, as on a case-insensitive disk. */
  private caseInsensitive(p: string): string | undefined {
    if (!this.lowerIndex || this.files.version() !== this.lowerIndexVersion) {
      this.lowerIndex = new Map();
      for (const f of this.files.all()) this.lowerIndex.set(f.toLowerCase(), f);
      this.lowerIndexVersion = this.files.version();
    }
    return this.lowerIndex.get(p.toLowerCase());
  }
}
