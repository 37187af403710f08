// The post's text as it crosses to the render worker (src/worker/textSync.ts): after the first render,
// only the editor's changes travel (as the editor reports them, several per event for multi-cursor edits),
// and the worker's text equals the editor's after thousands of seeded random edits and coalesced renders.
// When the worker does not hold the text the changes start from — a restarted worker, an edit the host did
// not record, a document closed and opened again — it refuses them and the whole text travels instead.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { deserialize, serialize } from 'node:v8';
import type { TextChange, WireText } from '../../../src/core/protocol/renderWorkerMessages';
import { applyChanges, EditLog, TextHolder, TextSender, type VersionedText } from '../../../src/worker/textSync';
import { mulberry32 } from '../prng';

const clone = <T>(x: T): T => deserialize(serialize(x)) as T;
const POST = 'post';
const KEY = 'file:///blog/_posts/a.md';

/** An editor's document: its text, version and object (a new one when it is opened again). */
class Doc {
  version = 1;
  object = {};
  constructor(public text: string) {}

  /** One edit event: `changes` as VS Code reports them (offsets into the text before the event, last first). */
  edit(log: EditLog | undefined, changes: TextChange[]): void {
    this.text = applyChanges(this.text, changes);
    this.version++;
    log?.record(KEY, this.object, this.version, changes);
  }
}

/** Up to three non-overlapping changes of `text`, latest offset first (so each applies to the text the ones before it left). */
function randomEvent(text: string, rng: () => number): TextChange[] {
  const n = rng() < 0.8 ? 1 : 2 + Math.floor(rng() * 2);
  const cuts = Array.from({ length: n * 2 }, () => Math.floor(rng() * (text.length + 1))).sort((a, b) => a - b);
  const out: TextChange[] = [];
  for (let k = 0; k < n; k++) {
    const start = cuts[2 * k];
    // Mostly typing (nothing replaced), sometimes a deletion or a paste over a selection.
    const end = rng() < 0.6 ? start : Math.min(cuts[2 * k + 1], start + 1 + Math.floor(rng() * 30));
    const text = rng() < 0.7 ? 'abc $\n動'[Math.floor(rng() * 7)] : rng() < 0.5 ? '' : '\n## Pasted\n\nsome *text* $$x^2$$\n';
    out.push({ start, end, text });
  }
  return out.reverse();
}

/** What the host sends for the document now (as the preview panel does), after the worker's side took it. */
function request(sender: TextSender, log: EditLog, doc: Doc): { wire: WireText; read: VersionedText } {
  const version = log.seen(KEY, doc.object, doc.version);
  const read: VersionedText = { version, since: (from) => log.since(KEY, from, version) };
  return { wire: clone(sender.wire(POST, doc.text, read)), read };
}

describe('the text the render worker holds', () => {
  test('3,000 random edit events, rendered now and then: the worker\'s text equals the editor\'s, from changes only', () => {
    for (const seed of [1, 2, 3]) {
      const rng = mulberry32(seed);
      const doc = new Doc('---\ntitle: A\n---\n' + 'Paragraph with $$x$$ and words.\n\n'.repeat(200));
      const log = new EditLog();
      const sender = new TextSender();
      const holder = new TextHolder();
      let whole = 0;
      let edits = 0;
      let changeBytes = 0;
      for (let step = 0; step < 1000; step++) {
        doc.edit(log, randomEvent(doc.text, rng));
        // Fast typing coalesces: a render takes whatever edits came since the last one.
        if (rng() < 0.6) continue;
        const { wire } = request(sender, log, doc);
        if ('text' in wire) whole++;
        else { edits++; changeBytes += serialize(wire).length; }
        const text = holder.take(POST, wire);
        assert.equal(text, doc.text, `seed ${seed}, step ${step}`);
      }
      assert.equal(whole, 1, `seed ${seed}: only the first render sends the whole text`);
      assert.ok(changeBytes / edits < 400, `seed ${seed}: ${(changeBytes / edits).toFixed(0)} bytes per render`);
    }
  });

  test('a render of an unchanged document sends no change, and the worker checks the length', () => {
    const doc = new Doc('hello\n');
    const log = new EditLog();
    const sender = new TextSender();
    const holder = new TextHolder();
    assert.equal(holder.take(POST, request(sender, log, doc).wire), 'hello\n');
    const again = request(sender, log, doc).wire;
    assert.deepEqual('changes' in again && again.changes, []);
    assert.equal(holder.take(POST, again), 'hello\n');
  });

  test('a restarted worker (it holds nothing) refuses changes; the host sends the whole text and goes on with changes', () => {
    const doc = new Doc('one two three\n');
    const log = new EditLog();
    const sender = new TextSender();
    let holder = new TextHolder();
    holder.take(POST, request(sender, log, doc).wire);
    doc.edit(log, [{ start: 3, end: 3, text: ' and a half' }]);
    holder = new TextHolder();
    const refused = request(sender, log, doc).wire;
    assert.ok('changes' in refused);
    assert.equal(holder.take(POST, refused), undefined, 'changes from a text the worker does not hold are refused');
    // What the client does on `needText`: forget, and the same request again.
    sender.forget(POST);
    const again = request(sender, log, doc).wire;
    assert.ok('text' in again, 'the whole text');
    assert.equal(holder.take(POST, again), doc.text);
    doc.edit(log, [{ start: 0, end: 3, text: 'zero' }]);
    const next = request(sender, log, doc).wire;
    assert.ok('changes' in next);
    assert.equal(holder.take(POST, next), 'zero and a half two three\n');
  });

  test('an edit the host did not record: the whole text travels, never the text without it', () => {
    const doc = new Doc('alpha beta\n');
    const log = new EditLog();
    const sender = new TextSender();
    const holder = new TextHolder();
    holder.take(POST, request(sender, log, doc).wire);
    doc.edit(log, [{ start: 5, end: 5, text: '!' }]);
    doc.edit(undefined, [{ start: 0, end: 0, text: '>' }]); // missed: no event reached the log
    doc.edit(log, [{ start: 12, end: 12, text: '?' }]);
    const wire = request(sender, log, doc).wire;
    assert.ok('text' in wire, 'the version read is not the last recorded: the log starts over from the whole text');
    assert.equal(holder.take(POST, wire), '>alpha! beta?\n');
  });

  test('changes that do not give the length the host says (a change lost on the way) are refused', () => {
    const holder = new TextHolder();
    holder.take(POST, { text: 'abc', version: 1 });
    assert.equal(holder.take(POST, { version: 2, from: 1, changes: [{ start: 0, end: 0, text: 'x' }], length: 5 }), undefined);
    // And after a refusal the worker holds nothing for the post: changes from any version are refused.
    assert.equal(holder.take(POST, { version: 3, from: 1, changes: [], length: 3 }), undefined);
  });

  test('a document closed and opened again (version 1 again, another text) gets a new stamp: the whole text travels', () => {
    const log = new EditLog();
    const sender = new TextSender();
    const holder = new TextHolder();
    const first = new Doc('saved text\n');
    holder.take(POST, request(sender, log, first).wire);
    const reopened = new Doc('text on disk, changed\n');
    const wire = request(sender, log, reopened).wire;
    assert.ok('text' in wire);
    assert.equal(holder.take(POST, wire), reopened.text);
    // An event of the closed document's object does not enter the new one's log.
    log.record(KEY, first.object, 9, [{ start: 0, end: 0, text: 'stale' }]);
    reopened.edit(log, [{ start: 0, end: 0, text: 'new ' }]);
    const after = request(sender, log, reopened).wire;
    assert.equal(holder.take(POST, after), 'new text on disk, changed\n');
  });

  test('a file not open in an editor (no version) always travels whole', () => {
    const sender = new TextSender();
    const holder = new TextHolder();
    assert.deepEqual(sender.wire(POST, 'disk', undefined), { text: 'disk' });
    assert.equal(holder.take(POST, { text: 'disk' }), 'disk');
    assert.deepEqual(sender.wire(POST, 'disk', undefined), { text: 'disk' });
  });
});
