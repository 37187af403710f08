// jekyll-github-metadata (2.15, a GitHub Pages default): `site.github` — the repository's names and
// URLs — and `site.title` from the repository when the config has none. GitHub Pages asks GitHub's API;
// the offline preview knows what the repository's git remote says (`.git/config` of the site folder or
// the one above it, for a site in `docs/`): owner, name and the URLs built from them. Values only the
// API knows (the tagline, contributors, releases, issues) are left out.

export const GITHUB_METADATA_PLUGIN = 'jekyll-github-metadata';

/** `owner/name` of the `origin` remote (else the first remote) when it is on github.com. */
export function githubRepository(gitConfig: string): { owner: string; name: string } | undefined {
  const remotes: Array<{ name: string; url: string }> = [];
  let current: string | undefined;
  for (const line of gitConfig.split(/\r?\n/)) {
    const section = /^\s*\[\s*remote\s+"([^"]+)"\s*\]/.exec(line);
    if (section) { current = section[1]; continue; }
    if (/^\s*\[/.test(line)) { current = undefined; continue; }
    const url = /^\s*url\s*=\s*(\S+)/.exec(line);
    if (current !== undefined && url) remotes.push({ name: current, url: url[1] });
  }
  const remote = remotes.find((r) => r.name === 'origin') ?? remotes[0];
  const m = remote && /github\.com[:/]+([\w.-]+)\/([\w.-]+?)(?:\.git)?\/?$/.exec(remote.url);
  return m ? { owner: m[1], name: m[2] } : undefined;
}

/** The branch `.git/HEAD` names (`ref: refs/heads/main`), if any. */
export function headBranch(head: string | undefined): string | undefined {
  return head ? /^ref:\s*refs\/heads\/(\S+)/.exec(head.trim())?.[1] : undefined;
}

export interface GithubSource {
  owner: string;
  name: string;
  /** The checked-out branch (for zip_url, tar_url). */
  branch?: string;
  /** The site's CNAME file, if any. */
  cname?: string;
}

/** `site.github` as the plugin fills it, from what is known offline. */
export function githubNamespace(s: GithubSource): Record<string, unknown> {
  const ownerUrl = `https://github.com/${s.owner}`;
  const repositoryUrl = `${ownerUrl}/${s.name}`;
  const userPage = [`${s.owner}.github.io`, `${s.owner}.github.com`].map((d) => d.toLowerCase()).includes(s.name.toLowerCase());
  const pagesUrl = s.cname ? `http://${s.cname}` : userPage ? `https://${s.owner.toLowerCase()}.github.io` : `https://${s.owner.toLowerCase()}.github.io/${s.name}`;
  const ref = s.branch ?? (userPage ? 'master' : 'gh-pages');
  return {
    hostname: 'github.com', pages_hostname: 'github.io', api_url: 'https://api.github.com', help_url: 'https://help.github.com',
    environment: 'development', pages_env: 'development',
    project_title: s.name, repository_name: s.name, repository_nwo: `${s.owner}/${s.name}`,
    owner_name: s.owner, owner_url: ownerUrl, owner_gravatar_url: `${ownerUrl}.png`,
    repository_url: repositoryUrl, clone_url: `${repositoryUrl}.git`, releases_url: `${repositoryUrl}/releases`,
    zip_url: `${repositoryUrl}/zipball/${ref}`, tar_url: `${repositoryUrl}/tarball/${ref}`,
    is_user_page: userPage, is_project_page: !userPage, url: pagesUrl, baseurl: s.cname || userPage ? '' : `/${s.name}`,
  };
}

/** `site.github` with the config's `github:` over it (a map merges, anything else replaces), and the title fallback. */
export function withGithubMetadata(site: Record<string, unknown>, namespace: Record<string, unknown>): void {
  const own = site.github;
  site.github = own === undefined || own === null ? namespace : typeof own === 'object' && !Array.isArray(own) ? { ...namespace, ...own } : own;
  if ((site.title === undefined || site.title === null) && !site.name) {
    site.title = namespace.is_project_page ? namespace.repository_name : namespace.owner_name;
  }
}
