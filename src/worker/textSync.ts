// The post's text crosses from the host to the render worker as edits: the worker keeps the text of
// each post it rendered (with the editor's version of it), and after the first render a keystroke sends
// the editor's changes (`TextDocumentChangeEvent.contentChanges` as offsets) and the new version, not the
// whole post (an 87 KB post of mostly non-Latin text is 170 KB on the wire, once per keystroke). A request
// whose edits do not start from the version the worker holds, or whose result is not as long as the host
// says, is refused: the host sends the whole text again. The worker never renders a text it is unsure of.
// Host side: EditLog (the changes since a version) and TextSender; worker side: TextHolder.
// The messages: src/core/protocol/renderWorkerMessages.ts (WireText).
import type { TextChange, WireText } from '../core/protocol/renderWorkerMessages';

/** `text` with `changes` applied one after another (each in the coordinates the ones before it left). */
export function applyChanges(text: string, changes: readonly TextChange[]): string {
  for (const c of changes) text = text.slice(0, c.start) + c.text + text.slice(c.end);
  return text;
}

/** Posts whose text each side keeps (beyond this, the oldest is forgotten). */
const POSTS = 8;

function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > POSTS) map.delete(map.keys().next().value as string);
}

/** The worker's side: each post's text and its version. */
export class TextHolder {
  private readonly texts = new Map<string, { version: number; text: string }>();

  /** The text `wire` stands for; undefined when it is changes from a text this side does not hold (ask for the whole). */
  take(post: string, wire: WireText): string | undefined {
    if ('text' in wire) {
      if (wire.version === undefined) this.texts.delete(post);
      else remember(this.texts, post, { version: wire.version, text: wire.text });
      return wire.text;
    }
    const held = this.texts.get(post);
    this.texts.delete(post);
    if (!held || held.version !== wire.from) return undefined;
    const text = applyChanges(held.text, wire.changes);
    if (text.length !== wire.length) return undefined;
    remember(this.texts, post, { version: wire.version, text });
    return text;
  }

  forget(): void {
    this.texts.clear();
  }
}

/** The editor's document a text is: its version (an EditLog stamp) and where to find the changes since an earlier one. */
export interface VersionedText {
  version: number;
  /** The changes from `from` to `version`, in order; undefined when not all are known. */
  since(from: number): TextChange[] | undefined;
}

/** The host's side: the version of each post the worker holds (as last sent; the worker refuses what does not fit). */
export class TextSender {
  private readonly held = new Map<string, number>();

  /** What to send for `post`: changes when the worker holds a version they start from, else the whole text. */
  wire(post: string, text: string, doc: VersionedText | undefined): WireText {
    const from = this.held.get(post);
    if (!doc) {
      this.held.delete(post);
      return { text };
    }
    remember(this.held, post, doc.version);
    const changes = from === undefined ? undefined : from === doc.version ? [] : doc.since(from);
    return changes ? { version: doc.version, from: from!, changes, length: text.length } : { text, version: doc.version };
  }

  /** The worker may no longer hold `post` (or any post): its next request sends the whole text. */
  forget(post?: string): void {
    if (post === undefined) this.held.clear();
    else this.held.delete(post);
  }
}

/** Changes kept per document (a paste of a whole post is one; a long burst of typing is many small ones). */
const LOG_ENTRIES = 256;

/**
 * The host's record of the previewed documents' edits as they happen (onDidChangeTextDocument). Each state
 * of a document gets a stamp, unique in the process (a document closed and opened again starts over at
 * version 1 with another text: its stamps are new), and `since` gives the changes from an earlier stamp
 * when every step between was recorded.
 */
export class EditLog {
  private stamp = 0;
  private readonly docs = new Map<string, { doc: object; version: number; stamp: number; entries: Array<{ from: number; to: number; changes: TextChange[] }> }>();

  /**
   * `doc` (the editor's document object, under `key`) is at `version` now and a render read its text: the
   * stamp of that text. Later edits are recorded on top of it. A version or document other than the last
   * recorded means an edit went unrecorded: what was recorded is dropped.
   */
  seen(key: string, doc: object, version: number): number {
    const d = this.docs.get(key);
    if (d && d.doc === doc && d.version === version) return d.stamp;
    const stamp = ++this.stamp;
    remember(this.docs, key, { doc, version, stamp, entries: [] });
    return stamp;
  }

  /** Whether edits of the document under `key` are recorded (a preview rendered it). */
  has(key: string): boolean {
    return this.docs.has(key);
  }

  /** An edit took `doc` to `version`; `changes` in the order the editor gave them. A gap in versions drops the record. */
  record(key: string, doc: object, version: number, changes: readonly TextChange[]): void {
    const d = this.docs.get(key);
    if (!d || (d.doc === doc && version === d.version && !changes.length)) return; // (the dirty flag changed, not the text)
    // Each edit event moves the version by one: a larger step is an edit this side did not see.
    if (d.doc !== doc || version !== d.version + 1) { this.docs.delete(key); return; }
    const stamp = ++this.stamp;
    d.entries.push({ from: d.stamp, to: stamp, changes: [...changes] });
    d.stamp = stamp;
    d.version = version;
    if (d.entries.length > LOG_ENTRIES) d.entries.splice(0, d.entries.length - LOG_ENTRIES);
  }

  /** The changes that take the document under `key` from stamp `from` to `to`; undefined when a step between is not recorded. */
  since(key: string, from: number, to: number): TextChange[] | undefined {
    const entries = this.docs.get(key)?.entries;
    if (!entries) return undefined;
    let i = entries.findIndex((e) => e.from === from);
    if (i < 0) return undefined;
    const out: TextChange[] = [];
    let at = from;
    for (; i < entries.length && at !== to; i++) {
      if (entries[i].from !== at) return undefined;
      out.push(...entries[i].changes);
      at = entries[i].to;
    }
    return at === to ? out : undefined;
  }
}
