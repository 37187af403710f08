// jekyll-mentions (1.6): `@user` in a page's text becomes a link to the user's GitHub profile, as
// html-pipeline's MentionFilter writes it: `<a href='https://github.com/user' class='user-mention'>@user</a>`.
// Text in `pre`, `code`, `a`, `style` and `script` is left alone.
import { mapHtmlText } from './htmlText';

export const MENTIONS_PLUGIN = 'jekyll-mentions';
const IGNORE = new Set(['pre', 'code', 'a', 'style', 'script']);
/** Words GitHub keeps as plain text (`@mention` links nowhere without an info URL). */
const MENTION_WORDS = new Set(['mention', 'mentions', 'mentioned', 'mentioning']);
// MentionFilter's pattern with jekyll-mentions' username pattern `[\w][\w-]*` (atomic: the whole name).
const W = '[\\p{L}\\p{M}\\p{N}_]';
const PATTERN = new RegExp(`(^|[^\\p{L}\\p{M}\\p{N}_])@(${W}[\\p{L}\\p{M}\\p{N}_-]*)(?![\\p{L}\\p{M}\\p{N}_-])(?!\\/)(?=\\.+[ \\t\\W]|\\.+$|[^0-9a-zA-Z_.]|$)`, 'gimu');

/** The profile URL base from `jekyll-mentions:` (a string, or `{ base_url }`), default https://github.com. */
export function mentionBase(config: unknown): string {
  if (typeof config === 'string') return config;
  if (config && typeof config === 'object' && typeof (config as { base_url?: unknown }).base_url === 'string') return (config as { base_url: string }).base_url;
  return 'https://github.com';
}

/** Links the `@mentions` in an HTML fragment. */
export function mentionify(html: string, base = 'https://github.com'): string {
  if (!html.includes('@')) return html;
  const url = /[/~]$/.test(base) ? base : base + '/';
  return mapHtmlText(html, IGNORE, (text) => {
    if (!text.includes('@')) return text;
    return text.replace(PATTERN, (all, before: string, login: string) =>
      MENTION_WORDS.has(login.toLowerCase()) ? all : `${before}<a href='${url}${login}' class='user-mention'>@${login}</a>`);
  });
}
