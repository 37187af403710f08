// Links that break on the published site: to posts and pages that do not exist (broken-link), that
// are not published (unpublished-link: a draft, `published: false`, a future post), and `#fragments`
// no header of the target has (broken-fragment). Images stay with missing-image.
import { t } from '../../text/l10n';
import { fragmentIds } from '../../links/headings';
import { nearestTarget, resolveLink, type LinkSite } from '../../links/resolve';
import { findLinks, type FoundLink } from '../../links/scan';
import type { LinkTarget } from '../../links/targets';
import type { FixSpec, RuleContext } from '../context';

const IMAGE_FILE = /\.(png|jpe?g|gif|webp|avif|svg|bmp|ico|tiff?)([?#].*)?$/i;

export function checkLinks(ctx: RuleContext): void {
  const site = ctx.site;
  const config = ctx.config;
  if (!site || !config || config.profile !== 'jekyll') return;
  // All three link rules turned off: no scan at all.
  if (!ctx.isOn('broken-link') && !ctx.isOn('unpublished-link') && !ctx.isOn('broken-fragment')) return;
  const links = findLinks(ctx.text, ctx.parse.bodyStart);
  if (!links.length) return;
  const linkSite: LinkSite = { config, links: site.links, hasFile: (rel) => site.hasFile(rel), kindOf: (rel) => site.kindOf(rel) };
  let ownIds: Set<string> | undefined;
  for (const link of links) {
    // Images (and definitions of image references) are the missing-image rule's.
    if (link.kind === 'image' || IMAGE_FILE.test(link.target)) continue;
    const r = resolveLink(linkSite, ctx.relPath, link);
    if (r.status === 'missing') reportMissing(ctx, linkSite, link, r.looked, r.liquid);
    else if (r.status === 'self') {
      ownIds ??= fragmentIds(ctx.text, config.kramdown, ctx.parse.bodyStart);
      checkFragment(ctx, link, r.fragment, ownIds, undefined);
    } else if (r.status === 'document') {
      const target = r.target;
      if (!site.links.isPublished(target, ctx.now)) {
        ctx.report('unpublished-link', link.start, link.end, unpublishedMessage(link, target));
        continue;
      }
      if (r.fragment) {
        const ids = target.rel === ctx.relPath ? (ownIds ??= fragmentIds(ctx.text, config.kramdown, ctx.parse.bodyStart)) : target.ids;
        checkFragment(ctx, link, r.fragment, ids, target);
      }
    }
  }
}

function reportMissing(ctx: RuleContext, site: LinkSite, link: FoundLink, looked: string[], liquid?: 'post_url' | 'link'): void {
  const near = nearestTarget(site.links, link.target);
  const fixes: FixSpec[] = [];
  if (near) {
    const replacement = replacementFor(link, near, ctx.config?.sourceDir ?? '');
    if (replacement) fixes.push({ title: t('Link to {0}', replacement), edits: [{ start: link.start, end: link.end, newText: replacement }], safe: false, preferred: true });
  }
  const message = liquid === 'post_url'
    ? t('There is no post "{0}" for post_url; the build fails.', link.target)
    : liquid === 'link'
      ? t('There is no file "{0}" for the link tag; the build fails.', link.target)
      : looked.length
        ? t('The link "{0}" goes to no post, page or file of the site (looked for {1}).', link.target, looked[0])
        : t('The link "{0}" goes to no post, page or file of the site.', link.target);
  ctx.report('broken-link', link.start, link.end, message, fixes);
}

/** What to write instead of a broken link to reach `target`, in the link's own form. */
function replacementFor(link: FoundLink, target: LinkTarget, sourceDir: string): string | undefined {
  const rel = sourceDir && target.rel.startsWith(sourceDir + '/') ? target.rel.slice(sourceDir.length + 1) : target.rel;
  if (link.kind === 'post_url') return target.kind === 'post' ? rel.replace(/^(.*\/)?_posts\//, '').replace(/\.[^./]+$/, '') : undefined;
  if (link.kind === 'link') return rel;
  if (!target.url) return undefined;
  const hash = link.target.indexOf('#');
  return target.url + (hash >= 0 ? link.target.slice(hash) : '');
}

function unpublishedMessage(link: FoundLink, target: LinkTarget): string {
  const fails = link.kind === 'post_url' || link.kind === 'link';
  if (target.kind === 'draft') return fails ? t('"{0}" is a draft ({1}); the build fails until it is published.', link.target, target.rel) : t('"{0}" is a draft ({1}); the link is broken until it is published.', link.target, target.rel);
  if (target.unpublished) return t('"{0}" has `published: false` ({1}); the link is broken on the site.', link.target, target.rel);
  const day = target.date?.toISOString().slice(0, 10) ?? '';
  return fails ? t('"{0}" is dated in the future ({1}) and the site does not publish future posts; the build fails until then.', link.target, day)
    : t('"{0}" is dated in the future ({1}) and the site does not publish future posts; the link is broken until then.', link.target, day);
}

function checkFragment(ctx: RuleContext, link: FoundLink, fragment: string, ids: Set<string>, target: LinkTarget | undefined): void {
  if (fragment === '' || fragment === 'top' || /^(fn|fnref):/.test(fragment)) return;
  let decoded = fragment;
  try { decoded = decodeURIComponent(fragment); } catch { /* keep */ }
  if (ids.has(fragment) || ids.has(decoded)) return;
  // The range of the fragment itself: after `#` in the link (or the tag's trailing `#…`).
  let start: number;
  let end: number;
  if (link.fragment) ({ start, end } = link.fragment);
  else {
    const i = link.target.indexOf('#');
    start = link.start + i + 1;
    end = link.end;
  }
  const list = [...ids].slice(0, 6);
  const known = list.length ? list.map((id) => '#' + id).join(', ') + (ids.size > list.length ? ', …' : '') : t('none');
  const near = [...ids].find((id) => id.toLowerCase() === decoded.toLowerCase() || id.replace(/-\d+$/, '') === decoded.replace(/-\d+$/, ''));
  const fixes: FixSpec[] = near ? [{ title: t('Use #{0}', near), edits: [{ start, end, newText: near }], safe: false, preferred: true }] : [];
  const message = target
    ? t('{0} has no header with the id "{1}" (its ids: {2}).', target.rel, decoded, known)
    : t('This page has no header with the id "{0}" (its ids: {1}).', decoded, known);
  ctx.report('broken-fragment', start, end, message, fixes);
}
