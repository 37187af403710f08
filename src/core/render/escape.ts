/** Escapes text for HTML content and double-quoted attribute values. */
export function escapeHtml(s: string): string {
  // Called for every text token of a post: one pass, and text with nothing to escape returned as it is.
  let out = '';
  let at = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const e = c === 0x26 ? '&amp;' : c === 0x3c ? '&lt;' : c === 0x3e ? '&gt;' : c === 0x22 ? '&quot;' : undefined;
    if (e === undefined) continue;
    out += s.slice(at, i) + e;
    at = i + 1;
  }
  return at === 0 ? s : out + s.slice(at);
}
