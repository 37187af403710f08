// What the preview tells the user beside the page, and in which order. The one that explains why the
// site's own theme or layouts are not shown comes first (it is the answer to "why does my blog look
// generic?"), then problems that stopped the preview, then problems of this page, then notes.

/**
 * `theme`: why the site's theme, layouts or CSS are not (all) shown (content mode, bundled theme, a
 * stylesheet that failed, another generator's templates); `error`: the preview could not render;
 * `warning`: something on this page (a missing image or include, Liquid that failed); `info`: a note
 * (scripts that do not run, remote files not loaded).
 */
export type NoticeKind = 'theme' | 'error' | 'warning' | 'info';

export interface Notice {
  kind: NoticeKind;
  /** One readable sentence (localized). */
  text: string;
}

const RANK: Record<NoticeKind, number> = { theme: 0, error: 1, warning: 2, info: 3 };

/** Most important first (see NoticeKind); equal kinds keep their order. */
export function orderNotices(notices: readonly Notice[]): Notice[] {
  return notices.map((n, i) => ({ n, i })).sort((a, b) => RANK[a.n.kind] - RANK[b.n.kind] || a.i - b.i).map((x) => x.n);
}

/** A set of notice texts that remembers each one's kind (`add(text)` alone is a warning). */
export class NoticeSet extends Set<string> {
  private kinds: Map<string, NoticeKind> | undefined;

  override add(text: string, kind: NoticeKind = 'warning'): this {
    if (!this.has(text)) (this.kinds ??= new Map()).set(text, kind);
    return super.add(text);
  }

  override delete(text: string): boolean {
    this.kinds?.delete(text);
    return super.delete(text);
  }

  /** The notices in the order the user should read them. */
  list(): Notice[] {
    return orderNotices([...this].map((text) => ({ text, kind: this.kinds?.get(text) ?? 'warning' })));
  }
}
