// Where New Post, Publish Draft and Rename put a file, and what Publish writes into the header.
import * as path from '../text/posixPath';
import type { Generator, SiteLayout } from '../site/profile';
import { formatPostDate, ymd, type ZonedTime } from './dates';
import { removeHeaderKey, setHeaderValue } from './header';
import { fillNamePattern, parsePostName } from './naming';
import { slugify, type SlugStyle } from './slug';
import type { CalendarDate } from './posts';

/** Site-relative path of a new post or draft (before the collision check). Hugo drafts go among the posts. */
export function newPostPath(layout: SiteLayout, draft: boolean, slug: string, date: CalendarDate): string {
  const dir = draft ? layout.draftsDir ?? layout.postsDir : layout.postsDir;
  const pattern = draft && layout.draftsDir ? layout.draftName : layout.postName;
  return path.join(dir, fillNamePattern(pattern, { slug, date }));
}

export interface Publication {
  /** Site-relative path the post goes to (before the collision check); the draft's own path for Hugo. */
  rel: string;
  text: string;
}

/**
 * A draft published today: Jekyll and Hexo move it from the drafts folder into the posts folder under
 * the post name pattern; Hugo keeps it in place and drops `draft: true`. Either way `date:` is now.
 */
export function publishDraft(draftRel: string, text: string, layout: SiteLayout, now: ZonedTime): Publication {
  const { slug, ext } = parsePostName(draftRel);
  const date = formatPostDate(now, layout.generator);
  let out = setHeaderValue(text, 'date', { raw: date }, { after: 'title' });
  if (!layout.draftsDir) {
    out = removeHeaderKey(out, 'draft');
    return { rel: draftRel, text: out };
  }
  const name = fillNamePattern(layout.postName, { slug, date: now });
  // Keep the draft's own extension (`.markdown`, `.html`) rather than the pattern's `.md`.
  const withExt = ext && path.extname(name) === '.md' ? name.slice(0, -3) + ext : name;
  return { rel: path.join(layout.postsDir, withExt), text: out };
}

/**
 * The name a post or draft should have: the slug of its title (or its current slug when it has no
 * title) and, for Jekyll posts, the date of `date:` (else the one in its name, else `today`).
 */
export function matchingName(fileName: string, kind: 'post' | 'draft', title: string | undefined, date: CalendarDate | undefined, generator: Generator, style: SlugStyle, today: CalendarDate): string {
  const current = parsePostName(fileName);
  const slug = (title ? slugify(title, style) : '') || current.slug;
  const ext = current.ext || '.md';
  if (kind === 'post' && generator === 'jekyll') return `${ymd(date ?? current.date ?? today)}-${slug}${ext}`;
  return `${slug}${ext}`;
}
