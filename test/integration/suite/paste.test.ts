// Image paste and drop (issue 4) in a real VS Code, on the throwaway copy of the sample blog.
// There is no public command that runs paste providers, so the tests build the provider class the
// extension registers, hand it a real vscode.DataTransfer with PNG bytes, and apply the returned
// edit the way VS Code's paste controller does (createCombinedWorkspaceEdit: our insertText is
// empty, so VS Code applies exactly the additionalEdit: the createFile, then the link).
// The real Ctrl+V through the workbench is covered by test/e2e/paste.e2e.mjs.
import * as assert from 'node:assert/strict';
import { createHash, randomFillSync } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import * as vscode from 'vscode';
import { ImagePasteProvider, pasteEditKinds } from '../../../src/host/paste/imagePasteProvider';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';
import { eventually, sampleBlog } from '../util/workspace';

// ── a tiny PNG encoder (8-bit RGBA), so every test image is a real, distinct picture ──
const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function makePng(w: number, h: number, px: (x: number, y: number) => [number, number, number, number]): Uint8Array {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(w, 0);
  ihdr.writeUInt32BE(h, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  const raw = Buffer.alloc(h * (1 + 4 * w));
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) raw.set(px(x, y), y * (1 + 4 * w) + 1 + 4 * x);
  const png = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
  return new Uint8Array(png);
}
let seed = 1;
/** A small PNG no other test uses. */
const freshPng = () => { const s = seed++; return makePng(3, 2, (x, y) => [s & 0xff, (s >> 8) & 0xff, x * 40 + y, 255]); };
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** What VS Code hands a paste provider for a clipboard image (`image/png`, file `image.png`, no uri). */
class FileItem extends vscode.DataTransferItem {
  constructor(private readonly bytes: Uint8Array, private readonly name: string, private readonly fileUri?: vscode.Uri) {
    super('');
  }
  override asFile(): vscode.DataTransferFile {
    return { name: this.name, uri: this.fileUri, data: async () => this.bytes };
  }
}
function clipboardImage(bytes: Uint8Array, mime = 'image/png', name = 'image.png'): vscode.DataTransfer {
  const dt = new vscode.DataTransfer();
  dt.set(mime, new FileItem(bytes, name));
  return dt;
}
function uriList(...uris: vscode.Uri[]): vscode.DataTransfer {
  const dt = new vscode.DataTransfer();
  dt.set('text/uri-list', new vscode.DataTransferItem(uris.map((u) => u.toString()).join('\r\n')));
  return dt;
}

const never = new vscode.CancellationTokenSource().token;
const automatic: vscode.DocumentPasteEditContext = { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic };
const typora = /^!\[(image-(\d{17}))\]\(\.\.\/images\/(\d{4})\/\1\.png\)$/;

describe('Image paste and drop (real VS Code, sample blog)', function () {
  this.timeout(120_000);
  const blog = () => sampleBlog();
  const created: vscode.Uri[] = [];
  let log: vscode.LogOutputChannel;
  let sites: WorkspaceSites;
  let provider: ImagePasteProvider;

  /** A post of our own, so the sample posts other suites check stay untouched. */
  async function newPost(name: string, body = 'Some text.\n'): Promise<vscode.TextDocument> {
    const uri = vscode.Uri.joinPath(blog(), '_posts', name);
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(`---\nlayout: post\ntitle: "Paste test"\n---\n\n${body}`));
    created.push(uri);
    return vscode.workspace.openTextDocument(uri);
  }

  async function paste(doc: vscode.TextDocument, range: vscode.Range, dt: vscode.DataTransfer, p = provider): Promise<vscode.DocumentPasteEdit[]> {
    const edits = await p.provideDocumentPasteEdits(doc, [range], dt, automatic, never);
    assert.ok(edits?.length, 'the provider offers paste edits');
    return edits;
  }

  /** Apply an edit exactly as VS Code's paste controller does (see the top of this file). */
  async function apply(edit: vscode.DocumentPasteEdit | vscode.DocumentDropEdit): Promise<boolean> {
    assert.equal(edit.insertText, '', 'everything is in additionalEdit, so file operations run before the link');
    assert.ok(edit.additionalEdit);
    return vscode.workspace.applyEdit(edit.additionalEdit);
  }

  const exists = async (uri: vscode.Uri) => vscode.workspace.fs.stat(uri).then(() => true, () => false);
  const resolveLink = (doc: vscode.TextDocument, target: string) =>
    vscode.Uri.joinPath(doc.uri, '..', decodeURIComponent(target));
  const linkTarget = (markdown: string) => /\]\(([^)]+)\)$/.exec(markdown)![1];
  async function filesIn(folder: vscode.Uri): Promise<string[]> {
    try {
      return (await vscode.workspace.fs.readDirectory(folder)).map(([n]) => n).sort();
    } catch {
      return [];
    }
  }

  before(() => {
    log = vscode.window.createOutputChannel('TechBlog paste tests', { log: true });
    sites = new WorkspaceSites(log);
    provider = new ImagePasteProvider(sites, log);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    provider.dispose();
    sites.dispose();
    log.dispose();
  });

  it('Ctrl+V of a PNG in a post: images/<year>/image-<17 digits>.png with the same bytes, Typora link at the cursor', async () => {
    const doc = await newPost('2024-06-01-paste-basic.md');
    const editor = await vscode.window.showTextDocument(doc);
    const png = freshPng();
    const at = new vscode.Range(5, 0, 5, 0);
    const edits = await paste(doc, at, clipboardImage(png));

    // Three link styles; the default (relative) first, so a plain Ctrl+V applies it.
    assert.deepEqual(edits.map((e) => e.kind.value), [pasteEditKinds.relative, pasteEditKinds.root, pasteEditKinds.baseurl].map((k) => k.value));
    assert.equal(edits[0].yieldTo, undefined, 'the default edit yields to nothing, in particular not to the built-in markdown.link.image');
    assert.ok(await apply(edits[0]));

    const line = doc.lineAt(5).text;
    const m = typora.exec(line.replace(/Some text\.$/, ''));
    assert.ok(m, `inserted text in Typora's form: ${line}`);
    assert.equal(m[3], String(new Date().getFullYear()));
    const file = vscode.Uri.joinPath(blog(), 'images', m[3], `${m[1]}.png`);
    assert.equal(sha(await vscode.workspace.fs.readFile(file)), sha(png));
    assert.ok(editor.selection.active.isEqual(new vscode.Position(5, m[0].length)), 'cursor after the link');
    await doc.save();
  });

  it('pasted at a fixed time, the link is exactly the seed form: ![image-20210819150523189](../images/2021/image-20210819150523189.png)', async () => {
    const fixed = new ImagePasteProvider(sites, log, { now: () => new Date(2021, 7, 19, 15, 5, 23, 189) });
    try {
      const doc = await newPost('2021-08-19-ebpf-summit-day1.md');
      const edits = await paste(doc, new vscode.Range(5, 0, 5, 0), clipboardImage(freshPng()), fixed);
      assert.ok(await apply(edits[0]));
      assert.equal(doc.lineAt(5).text, '![image-20210819150523189](../images/2021/image-20210819150523189.png)Some text.');
      assert.ok(await exists(vscode.Uri.joinPath(blog(), 'images/2021/image-20210819150523189.png')));
      await doc.save();
    } finally {
      fixed.dispose();
    }
  });

  it('the same bytes pasted again link the existing image and write no second file', async () => {
    const doc = await newPost('2024-06-02-paste-dedupe.md');
    const png = freshPng();
    const first = await paste(doc, new vscode.Range(5, 0, 5, 0), clipboardImage(png));
    assert.ok(await apply(first[0]));
    const link = doc.lineAt(5).text.replace(/Some text\.$/, '');
    const folder = vscode.Uri.joinPath(resolveLink(doc, linkTarget(link)), '..');
    const before = await filesIn(folder);

    const again = await paste(doc, new vscode.Range(6, 0, 6, 0), clipboardImage(png));
    assert.match(again[0].title, /existing/i);
    assert.ok(await apply(again[0]));
    assert.equal(doc.lineAt(6).text, link);
    assert.deepEqual(await filesIn(folder), before);
    await doc.save();
  });

  it('undo (Ctrl+Z in the editor) removes the link and the image file', async () => {
    const doc = await newPost('2024-06-03-paste-undo.md');
    await doc.save();
    await vscode.window.showTextDocument(doc);
    const edits = await paste(doc, new vscode.Range(5, 0, 5, 0), clipboardImage(freshPng()));
    assert.ok(await apply(edits[0]));
    const link = doc.lineAt(5).text.replace(/Some text\.$/, '');
    const file = resolveLink(doc, linkTarget(link));
    assert.ok(await exists(file));

    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('undo');
    await eventually(async () => !(await exists(file)), `undo to delete ${file.path}`);
    assert.equal(doc.lineAt(5).text, 'Some text.');
  });

  it('the selected text becomes the alt text and is replaced by the link', async () => {
    const doc = await newPost('2024-06-04-paste-alt.md', 'My architecture diagram\n');
    const selection = new vscode.Range(5, 3, 5, 23);
    assert.equal(doc.getText(selection), 'architecture diagram');
    const edits = await paste(doc, selection, clipboardImage(freshPng()));
    assert.ok(await apply(edits[0]));
    assert.match(doc.lineAt(5).text, /^My !\[architecture diagram\]\(\.\.\/images\/\d{4}\/image-\d{17}\.png\)$/);
    await doc.save();
  });

  describe('techblog.paste.askAltText', () => {
    const config = () => vscode.workspace.getConfiguration('techblog.paste');
    before(async () => { await config().update('askAltText', true, vscode.ConfigurationTarget.Workspace); });
    after(async () => { await config().update('askAltText', undefined, vscode.ConfigurationTarget.Workspace); });

    /** A provider whose alt-text prompt answers `answer` and records what it was asked. */
    function answering(answer: string | undefined): { p: ImagePasteProvider; asked: string[] } {
      const asked: string[] = [];
      const p = new ImagePasteProvider(sites, log, { askAlt: async (name) => { asked.push(name); return answer; } });
      return { p, asked };
    }

    it('with a selection, the selection is the alt text and nothing is asked', async () => {
      const { p, asked } = answering('never used');
      try {
        const doc = await newPost('2024-06-04-paste-alt-ask-sel.md', 'My latency chart\n');
        const edits = await paste(doc, new vscode.Range(5, 3, 5, 16), clipboardImage(freshPng()), p);
        assert.ok(await apply(edits[0]));
        assert.match(doc.lineAt(5).text, /^My !\[latency chart\]\(\.\.\/images\/\d{4}\/image-\d{17}\.png\)$/);
        assert.deepEqual(asked, []);
        await doc.save();
      } finally { p.dispose(); }
    });

    it('without a selection, it asks (the generated name as the hint) and the answer is the alt text, escaped, in every link style', async () => {
      const { p, asked } = answering('p99 latency [ms] after the fix');
      try {
        const doc = await newPost('2024-06-04-paste-alt-ask.md');
        const edits = await paste(doc, new vscode.Range(5, 0, 5, 0), clipboardImage(freshPng()), p);
        assert.equal(asked.length, 1);
        assert.match(asked[0], /^image-\d{17}$/);
        assert.ok(await apply(edits[1]));
        const m = /^!\[p99 latency \\\[ms\\\] after the fix\]\(\/images\/\d{4}\/(image-\d{17})\.png\)Some text\.$/.exec(doc.lineAt(5).text);
        assert.equal(m?.[1], asked[0], doc.lineAt(5).text);
        await doc.save();
      } finally { p.dispose(); }
    });

    it('Escape in the real input box keeps the generated name, and the image is pasted all the same', async () => {
      const doc = await newPost('2024-06-04-paste-alt-escape.md');
      let settled = false;
      const pasting = provider.provideDocumentPasteEdits(doc, [new vscode.Range(5, 0, 5, 0)], clipboardImage(freshPng()), automatic, never);
      void Promise.resolve(pasting).finally(() => { settled = true; });
      await eventually(async () => { await vscode.commands.executeCommand('workbench.action.closeQuickOpen'); return settled; }, 'the alt-text prompt to open and be closed', 30_000);
      const edits = await pasting;
      assert.ok(edits?.length, 'the paste goes ahead');
      assert.ok(await apply(edits[0]));
      const m = /^!\[(image-\d{17})\]\((\.\.\/images\/\d{4}\/(image-\d{17})\.png)\)Some text\.$/.exec(doc.lineAt(5).text);
      assert.ok(m, doc.lineAt(5).text);
      assert.equal(m[1], m[3]);
      assert.ok(await exists(resolveLink(doc, m[2])));
      await doc.save();
    });
  });

  it('the other paste kinds insert /images/… and {{ site.baseurl }}/images/…; techblog.paste.linkStyle picks the first', async () => {
    const doc = await newPost('2024-06-05-paste-styles.md');
    const edits = await paste(doc, new vscode.Range(5, 0, 5, 0), clipboardImage(freshPng()));
    assert.ok(await apply(edits[1]));
    assert.match(doc.lineAt(5).text, /^!\[image-\d{17}\]\(\/images\/\d{4}\/image-\d{17}\.png\)Some text\.$/);
    await doc.save();

    const config = vscode.workspace.getConfiguration('techblog.paste');
    await config.update('linkStyle', 'baseurl', vscode.ConfigurationTarget.Workspace);
    try {
      const second = await paste(doc, new vscode.Range(6, 0, 6, 0), clipboardImage(freshPng()));
      assert.equal(second[0].kind.value, pasteEditKinds.baseurl.value);
      assert.ok(await apply(second[0]));
      assert.match(doc.lineAt(6).text, /^!\[image-\d{17}\]\(\{\{ site\.baseurl \}\}\/images\/\d{4}\/image-\d{17}\.png\)$/);
      await doc.save();
    } finally {
      await config.update('linkStyle', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('non-image data is left to the normal paste', async () => {
    const doc = await newPost('2024-06-06-paste-text.md');
    const text = new vscode.DataTransfer();
    text.set('text/plain', new vscode.DataTransferItem('hello'));
    assert.equal(await provider.provideDocumentPasteEdits(doc, [new vscode.Range(5, 0, 5, 0)], text, automatic, never), undefined);
    const notAnImage = uriList(vscode.Uri.joinPath(blog(), '_config.yml'));
    assert.equal(await provider.provideDocumentPasteEdits(doc, [new vscode.Range(5, 0, 5, 0)], notAnImage, automatic, never), undefined);
    const web = uriList(vscode.Uri.parse('https://example.com/x.png'));
    assert.equal(await provider.provideDocumentPasteEdits(doc, [new vscode.Range(5, 0, 5, 0)], web, automatic, never), undefined);
  });

  it('untitled documents, documents outside the workspace and destinations outside it get no edit', async () => {
    const untitled = await vscode.workspace.openTextDocument({ language: 'markdown', content: 'draft\n' });
    assert.equal(await provider.provideDocumentPasteEdits(untitled, [new vscode.Range(0, 0, 0, 0)], clipboardImage(freshPng()), automatic, never), undefined);

    const outsideUri = vscode.Uri.joinPath(blog(), '..', 'outside-the-workspace.md');
    await vscode.workspace.fs.writeFile(outsideUri, new TextEncoder().encode('# outside\n'));
    created.push(outsideUri);
    const outside = await vscode.workspace.openTextDocument(outsideUri);
    assert.equal(await provider.provideDocumentPasteEdits(outside, [new vscode.Range(0, 0, 0, 0)], clipboardImage(freshPng()), automatic, never), undefined);

    const doc = await newPost('2024-06-07-paste-escape.md');
    const config = vscode.workspace.getConfiguration('techblog.paste');
    await config.update('destination', '${workspaceFolder}/../escaped/image-${timestamp}.${ext}', vscode.ConfigurationTarget.Workspace);
    try {
      assert.equal(await provider.provideDocumentPasteEdits(doc, [new vscode.Range(5, 0, 5, 0)], clipboardImage(freshPng()), automatic, never), undefined);
      assert.equal(await exists(vscode.Uri.joinPath(blog(), '..', 'escaped')), false);
    } finally {
      await config.update('destination', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('destinations under .git or with a Windows device name are refused: no edit, nothing written', async () => {
    const doc = await newPost('2024-06-08-paste-git-hook.md');
    const config = vscode.workspace.getConfiguration('techblog.paste');
    try {
      for (const destination of ['${siteRoot}/.git/hooks/pre-commit', '${siteRoot}/images/nul.${ext}']) {
        await config.update('destination', destination, vscode.ConfigurationTarget.Workspace);
        assert.equal(await provider.provideDocumentPasteEdits(doc, [new vscode.Range(5, 0, 5, 0)], clipboardImage(freshPng()), automatic, never), undefined, destination);
      }
      assert.equal(await exists(vscode.Uri.joinPath(blog(), '.git', 'hooks', 'pre-commit')), false);
      assert.equal(await exists(vscode.Uri.joinPath(blog(), 'images', 'nul.png')), false);
    } finally {
      await config.update('destination', undefined, vscode.ConfigurationTarget.Workspace);
    }
  });

  it('a paste the user does not pick writes nothing; a failing write leaves the document unchanged and never overwrites', async () => {
    const doc = await newPost('2024-06-08-paste-fail.md');
    const prepared = await provider.prepare(doc, [new vscode.Range(5, 0, 5, 0)], clipboardImage(freshPng()), never);
    assert.ok(prepared?.length);
    const [target] = prepared[0].creates;
    assert.equal(resolveLink(doc, linkTarget(prepared[0].text)).path, target.path);
    assert.equal(await exists(target), false, 'providing edits writes nothing');

    // Someone else writes that very name before the edit is applied.
    const theirs = freshPng();
    await vscode.workspace.fs.writeFile(target, theirs);
    const before = doc.getText();
    const applied = await vscode.workspace.applyEdit(prepared[0].additionalEdit).then((ok) => ok, () => false);
    assert.equal(applied, false, 'the edit fails');
    assert.equal(doc.getText(), before, 'the document is unchanged');
    assert.equal(sha(await vscode.workspace.fs.readFile(target)), sha(theirs), 'their file is not overwritten');
  });

  it('drop: an image from elsewhere is copied into images/<year>/; one already in images/ is only linked', async () => {
    const doc = await newPost('2024-06-09-paste-drop.md');
    const shot = vscode.Uri.joinPath(blog(), 'assets', 'Screen Shot 1.png');
    const bytes = freshPng();
    await vscode.workspace.fs.writeFile(shot, bytes);
    created.push(shot);
    const drops = await provider.provideDocumentDropEdits(doc, new vscode.Position(5, 0), uriList(shot), never);
    assert.ok(drops?.length);
    assert.ok(await apply(drops[0]));
    const m = /^!\[(image-\d{17})\]\(\.\.\/images\/(\d{4})\/\1\.png\)/.exec(doc.lineAt(5).text);
    assert.ok(m, doc.lineAt(5).text);
    assert.equal(sha(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(blog(), 'images', m[2], `${m[1]}.png`))), sha(bytes));

    const existing = vscode.Uri.joinPath(blog(), 'images/2021/image-20210314213045120.png');
    const folderBefore = await filesIn(vscode.Uri.joinPath(blog(), 'images/2021'));
    const again = await provider.provideDocumentDropEdits(doc, new vscode.Position(6, 0), uriList(existing), never);
    assert.ok(again?.length);
    assert.ok(await apply(again[0]));
    assert.equal(doc.lineAt(6).text, '![image-20210314213045120](../images/2021/image-20210314213045120.png)');
    assert.deepEqual(await filesIn(vscode.Uri.joinPath(blog(), 'images/2021')), folderBefore);
    await doc.save();
  });

  it('burst: 1,000 pastes as fast as possible → distinct files or reuses of identical bytes, none overwritten, every link resolves', async () => {
    const n = 1000;
    const chains = 10;
    // Ten posts pasted into at the same time, a paste (provider + apply) after another in each: the
    // names collide in the same millisecond all the time. Every tenth image repeats the one before it.
    const docs = await Promise.all(Array.from({ length: chains }, (_, c) => newPost(`2024-06-10-paste-burst-${c}.md`, '')));
    const images: Uint8Array[] = [];
    for (let i = 0; i < n; i++) images.push(i % 10 === 9 ? images[i - 1] : freshPng());
    const links: { doc: vscode.TextDocument; text: string; expected: string }[] = [];
    let providerMs = 0;
    const t0 = Date.now();
    await Promise.all(docs.map(async (doc, c) => {
      for (let i = c; i < n; i += chains) {
        const tp = performance.now();
        const edits = await paste(doc, new vscode.Range(5, 0, 5, 0), clipboardImage(images[i]));
        providerMs += performance.now() - tp;
        assert.ok(await apply(edits[0]), `paste ${i} applied`);
        // Each link goes in at the start of line 5, before the ones pasted earlier.
        const link = /^!\[[^\]]*\]\([^)]+\)/.exec(doc.lineAt(5).text)?.[0];
        assert.ok(link, doc.lineAt(5).text.slice(0, 200));
        links.push({ doc, text: link, expected: sha(images[i]) });
      }
    }));
    const ms = Date.now() - t0;
    console.log(`[bench] ${n} pastes into ${chains} posts at once: ${ms} ms (provider calls ${(providerMs / n).toFixed(1)} ms each; the rest is VS Code applying the edits)`);

    assert.equal(links.length, n);
    const byFile = new Map<string, string>();
    for (const { doc, text: link, expected } of links) {
      assert.ok(doc.getText().includes(link), `${doc.fileName} holds ${link}`);
      const file = resolveLink(doc, linkTarget(link)).path;
      const known = byFile.get(file);
      assert.ok(known === undefined || known === expected, `${file} is shared only by identical bytes`);
      byFile.set(file, expected);
    }
    for (const [file, expected] of byFile) {
      const bytes = await vscode.workspace.fs.readFile(docs[0].uri.with({ path: file }));
      assert.equal(sha(bytes), expected, `${file} holds the bytes pasted for it (never overwritten)`);
    }
    const distinct = new Set(images.map(sha)).size;
    assert.ok(byFile.size >= distinct && byFile.size <= n, `${byFile.size} files for ${distinct} distinct images`);
    console.log(`      ${byFile.size} files for ${distinct} distinct images (${n - byFile.size} pastes reused an identical image)`);
    for (const doc of docs) await doc.save();
    assert.ok(ms < 60_000, `burst took ${ms} ms`);
  });

  it('[bench] provider call to edit ready for a 5 MB PNG', async () => {
    const doc = await newPost('2024-06-11-paste-bench.md');
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      const big = new Uint8Array(5 * 1024 * 1024);
      randomFillSync(big);
      big.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
      const dt = clipboardImage(big);
      const t0 = performance.now();
      await paste(doc, new vscode.Range(5, 0, 5, 0), dt);
      times.push(performance.now() - t0);
    }
    const median = [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
    console.log(`[bench] paste provider 5MB: ${median.toFixed(1)} ms (median of ${times.length}; all: ${times.map((t) => t.toFixed(0)).join(', ')})`);
    assert.ok(median < 1000, `median ${median} ms`);
  });

  it('"TechBlog: Find Unused Images" returns an image no file refers to, and not the ones posts use', async () => {
    const unused = vscode.Uri.joinPath(blog(), 'images/2020/never-linked.png');
    await vscode.workspace.fs.writeFile(unused, freshPng());
    created.push(unused);
    const result = await vscode.commands.executeCommand<string[]>('techblog.findUnusedImages', { interactive: false });
    assert.ok(result.includes(unused.path), JSON.stringify(result));
    assert.ok(!result.includes(vscode.Uri.joinPath(blog(), 'images/2021/image-20210314213045120.png').path));
    assert.ok(!result.includes(vscode.Uri.joinPath(blog(), 'images/2022/liquid-render-flow.png').path), 'a {{ site.baseurl }} link counts');
  });
});
