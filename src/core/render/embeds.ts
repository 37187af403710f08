// Video iframes and gist scripts as offline-safe cards: a title and a link, nothing that loads or runs.
import { escapeHtml } from './escape';
import { t } from '../text/l10n';

export interface Embed {
  kind: 'youtube' | 'vimeo' | 'gist' | 'frame';
  /** The page a person would open in a browser. */
  url: string;
  /** May be shown as a real frame when the user allows embeds. */
  frameable: boolean;
}

const YOUTUBE = /^https?:\/\/(?:www\.|m\.)?(?:youtube\.com|youtube-nocookie\.com)\/embed\/([\w-]{6,})/i;
const YOUTU_BE = /^https?:\/\/youtu\.be\/([\w-]{6,})/i;
const VIMEO = /^https?:\/\/player\.vimeo\.com\/video\/(\d+)/i;
const GIST = /^https?:\/\/gist\.github\.com\/([\w.-]+\/)?([0-9a-f]+|[\w-]+)\.js(?:\?file=([\w.-]+))?$/i;

/** What an iframe's `src` shows; undefined when it is not an http(s) URL. */
export function iframeEmbed(src: string): Embed | undefined {
  const s = src.trim().replace(/^\/\//, 'https://');
  let m = YOUTUBE.exec(s) ?? YOUTU_BE.exec(s);
  if (m) return { kind: 'youtube', url: `https://www.youtube.com/watch?v=${m[1]}`, frameable: true };
  m = VIMEO.exec(s);
  if (m) return { kind: 'vimeo', url: `https://vimeo.com/${m[1]}`, frameable: true };
  if (/^https?:\/\//i.test(s)) return { kind: 'frame', url: s, frameable: false };
  return undefined;
}

/** A `<script src>` that is a GitHub gist embed. */
export function gistEmbed(src: string): Embed | undefined {
  const m = GIST.exec(src.trim().replace(/^\/\//, 'https://'));
  if (!m) return undefined;
  return { kind: 'gist', url: `https://gist.github.com/${m[1] ?? ''}${m[2]}${m[3] ? `#file-${m[3].replace(/\./g, '-')}` : ''}`, frameable: false };
}

const LABEL: Record<Embed['kind'], () => string> = {
  youtube: () => t('YouTube video'), vimeo: () => t('Vimeo video'), gist: () => t('GitHub gist'), frame: () => t('Embedded page'),
};

export function embedCard(embed: Embed, title: string | undefined): string {
  const name = title && title.trim() && !/^(youtube|vimeo) video player$/i.test(title.trim()) ? title.trim() : LABEL[embed.kind]();
  const why = embed.frameable ? t('not loaded in the preview (allow embeds in the settings to show it)') : t('not run in the preview');
  return `<div class="techblog-embed-card techblog-embed-${embed.kind}">` +
    `<a class="techblog-embed-link" href="${escapeHtml(embed.url)}">${embed.kind === 'gist' ? '' : '\u25b6 '}${escapeHtml(name)}</a>` +
    `<span class="techblog-embed-note">${LABEL[embed.kind]()} · ${escapeHtml(embed.url)} · ${why}</span></div>`;
}
