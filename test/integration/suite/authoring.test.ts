// Authoring (issue 6) in a real VS Code on the throwaway copy of the sample blog: New Post, New Draft,
// Publish Draft, Rename, snippet / post_url / include completion, and the Posts view's tree.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { PostCatalog } from '../../../src/host/authoring/postCatalog';
import { PostsTreeProvider, type PostNode } from '../../../src/host/authoring/postsView';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';
import { checked, EXTENSION_ID, eventually, sampleBlog } from '../util/workspace';

/** Today in the sample blog's zone (its _config.yml says Asia/Taipei), as in a post's file name. */
const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Taipei', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
const rel = (uri: vscode.Uri) => uri.path.slice(sampleBlog().path.length + 1);
const read = async (uri: vscode.Uri) => new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
const exists = (uri: vscode.Uri) => Promise.resolve(vscode.workspace.fs.stat(uri)).then(() => true, () => false);
const at = (p: string) => vscode.Uri.joinPath(sampleBlog(), p);

/** Accepts the first item of the quick pick a running command shows, retrying until the command settles. */
async function acceptFirst<T>(running: Thenable<T>): Promise<T> {
  let settled = false;
  const done = Promise.resolve(running).finally(() => { settled = true; });
  await eventually(async () => {
    if (!settled) await vscode.commands.executeCommand('workbench.action.acceptSelectedQuickOpenItem');
    return settled;
  }, 'the command to get its answer', 30_000);
  return done;
}

describe('Authoring (real VS Code, sample blog)', function () {
  this.timeout(120_000);
  const created: vscode.Uri[] = [];

  before(async () => {
    await eventually(() => vscode.extensions.getExtension(EXTENSION_ID)?.isActive, 'activation');
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) await Promise.resolve(vscode.workspace.fs.delete(uri)).then(undefined, () => undefined);
  });

  afterEach(async () => {
    // Closing a changed editor would ask to save it and leave that dialog open for the next suites.
    for (const doc of vscode.workspace.textDocuments.filter((d) => d.isDirty)) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.files.revert');
    }
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  it('contributes the commands, the Posts view with its welcome text, and the newPost settings', () => {
    const pkg = vscode.extensions.getExtension(EXTENSION_ID)!.packageJSON;
    const titles = new Map<string, string>(pkg.contributes.commands.map((c: { command: string; title: string }) => [c.command, c.title]));
    assert.equal(titles.get('techblog.newPost'), 'New Post');
    assert.equal(titles.get('techblog.newDraft'), 'New Draft');
    assert.equal(titles.get('techblog.publishDraft'), 'Publish Draft');
    assert.equal(titles.get('techblog.renamePost'), 'Rename Post to Match Its Date/Title');
    assert.equal(pkg.contributes.views.techblog[0].id, 'techblog.posts');
    assert.ok(pkg.contributes.viewsWelcome.some((w: { view: string; when: string }) => w.view === 'techblog.posts' && w.when === '!techblog.hasBlog'));
    const props = pkg.contributes.configuration.properties;
    assert.deepEqual(props['techblog.newPost.slugStyle'].enum, ['jekyll', 'ascii']);
    for (const key of ['slugStyle', 'template']) assert.ok(props[`techblog.newPost.${key}`].markdownDescription, key);
  });

  describe('Posts view (the tree the extension shows)', () => {
    let log: vscode.LogOutputChannel;
    let sites: WorkspaceSites;
    let catalog: PostCatalog;
    let tree: PostsTreeProvider;

    before(() => {
      log = vscode.window.createOutputChannel('TechBlog authoring tests', { log: true });
      sites = new WorkspaceSites(log);
      catalog = new PostCatalog(sites, log);
      tree = new PostsTreeProvider(catalog);
    });

    after(() => { tree.dispose(); catalog.dispose(); sites.dispose(); log.dispose(); });

    /** Every post shown below `node` (or the root), with its tree item. */
    async function postsUnder(node?: PostNode): Promise<vscode.TreeItem[]> {
      const out: vscode.TreeItem[] = [];
      for (const child of await tree.getChildren(node)) {
        if (child.type === 'post') out.push(tree.getTreeItem(child));
        else out.push(...(await postsUnder(child)));
      }
      return out;
    }
    const labelOf = (n: PostNode) => String(tree.getTreeItem(n).label);

    it('lists the sample blog by year, newest first, with its draft apart; each post has its title and date and opens on click', async () => {
      const top = await tree.getChildren();
      assert.deepEqual(top.map(labelOf), ['2023', '2022', '2021', 'Drafts']);
      const y2021 = top[2];
      assert.equal(tree.getTreeItem(y2021).description, '5 posts');
      assert.deepEqual((await tree.getChildren(y2021)).map(labelOf), ['October', 'September', 'August', 'May', 'March']);
      const all = await postsUnder();
      assert.equal(all.length, 12, '11 posts and 1 draft');
      const ebpf = all.find((i) => i.resourceUri?.path.endsWith('/_posts/2021-08-20-ebpf-summit-day2-notes.md'))!;
      assert.equal(ebpf.label, '[TIL] eBPF Summit 2021 Day 2 筆記');
      assert.match(String(ebpf.description), /^2021-08-20/);
      assert.deepEqual([ebpf.command?.command, String(ebpf.command?.arguments?.[0])], ['vscode.open', ebpf.resourceUri!.toString()]);
      const drafts = await postsUnder(top[3]);
      assert.deepEqual(drafts.map((d) => d.resourceUri && rel(d.resourceUri)), ['_drafts/wasm-component-model-notes.md']);
    });

    it('filters by tag (every spelling) and by category, and clears the filter', async () => {
      tree.setFilter({ kind: 'tags', value: 'cloudnative' });
      const cloud = (await postsUnder()).map((i) => rel(i.resourceUri!));
      assert.ok(cloud.length >= 2 && cloud.every((p) => p.startsWith('_posts/')), cloud.join());
      assert.ok(cloud.includes('_posts/2021-08-20-ebpf-summit-day2-notes.md'));
      tree.setFilter({ kind: 'categories', value: 'TodayILearn' });
      const til = await postsUnder();
      assert.ok(til.length >= 2 && til.every((i) => String(i.label).startsWith('[TIL]')), til.map((i) => i.label).join());
      tree.setFilter(undefined);
      assert.equal((await postsUnder()).length, 12);
    });

    it('shows the validator\'s problem count of a post once it is checked', async () => {
      const otel = at('_posts/2021-09-03-otel-collector-first-look.md');
      await vscode.window.showTextDocument(otel);
      const n = (await checked(otel)).length;
      assert.ok(n > 0, 'diagnostics of the OTel post');
      const item = (await postsUnder()).find((i) => i.resourceUri?.toString() === otel.toString())!;
      assert.match(String(item.description), new RegExp(`^2021-09-03 · ${n} problems$`));
    });

    it('follows files created and deleted on disk', async () => {
      const uri = at('_posts/2019-12-31-from-disk.md');
      created.push(uri);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode('---\ntitle: Written outside\n---\n'));
      await eventually(async () => (await tree.getChildren()).some((n) => labelOf(n) === '2019'), 'the 2019 group');
      assert.ok((await postsUnder()).some((i) => i.label === 'Written outside'));
      await vscode.workspace.fs.delete(uri);
      await eventually(async () => !(await tree.getChildren()).some((n) => labelOf(n) === '2019'), 'the 2019 group to go');
    });
  });

  describe('completion', () => {
    async function completions(uri: vscode.Uri, position: vscode.Position, trigger?: string): Promise<vscode.CompletionItem[]> {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', uri, position, trigger);
      return list.items;
    }
    /** Our items (VS Code's own snippet completion offers the contributed snippets too, on Ctrl+Space). */
    const ours = (items: vscode.CompletionItem[]) => items.filter((i) => i.detail?.startsWith('TechBlog'));
    const label = (i: vscode.CompletionItem) => (typeof i.label === 'string' ? i.label : i.label.label);
    const snippetOf = (i: vscode.CompletionItem) => (i.insertText instanceof vscode.SnippetString ? i.insertText.value : String(i.insertText));

    async function scratch(name: string, text: string): Promise<vscode.TextEditor> {
      const uri = at(`_posts/${name}`);
      created.push(uri);
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
      return vscode.window.showTextDocument(uri);
    }

    it('an empty post offers the Jekyll-Bootstrap and TIL headers at the top (no date: here: 2 of the 11 sample posts write one)', async () => {
      const editor = await scratch('2024-01-02-empty.md', '');
      const items = ours(await completions(editor.document.uri, new vscode.Position(0, 0)));
      const post = items.find((i) => label(i) === 'post');
      const til = items.find((i) => label(i) === 'til');
      assert.ok(post && til, items.map(label).join());
      assert.match(snippetOf(post), /^---\nlayout: \$\{1:post\}\ntitle: "\$\{2:Title\}"\ndescription: .*\ncategory: \$\{4:Notes\}\ntags: \[\$\{5:tag\}\]\n---\n/);
      assert.doesNotMatch(snippetOf(post), /date:/);
      assert.match(snippetOf(til), /- TodayILearn/);
      // What accepting it does: the header lands in the file.
      await editor.insertSnippet(post.insertText as vscode.SnippetString, post.range as vscode.Range);
      assert.match(editor.document.getText(), /^---\nlayout: post\ntitle: "Title"\n/);
      const withHeader = ours(await completions(editor.document.uri, new vscode.Position(0, 0)));
      assert.ok(!withHeader.some((i) => label(i) === 'til'), 'no headers once the post has one');
    });

    it('/ at the start of a line offers the blocks and accepting one replaces the /', async () => {
      const editor = await scratch('2024-01-03-slash.md', '---\ntitle: Slash\n---\n\nText a/b\n/');
      const items = ours(await completions(editor.document.uri, new vscode.Position(5, 1), '/'));
      const names = items.map(label);
      for (const n of ['youtube', 'image', 'highlight', 'raw', 'references', 'post_url', 'note']) assert.ok(names.includes(n), `${n} in ${names.join()}`);
      assert.ok(!names.includes('post'), 'headers only at the top of a header-less post');
      const youtube = items.find((i) => label(i) === 'youtube')!;
      await editor.insertSnippet(youtube.insertText as vscode.SnippetString, youtube.range as vscode.Range);
      const text = editor.document.getText();
      assert.match(text, /\nText a\/b\n<div class="video-container"[^\n]*>\n {2}<iframe src="https:\/\/www\.youtube\.com\/embed\/VIDEO_ID"/);
      assert.ok(!/\n\/</.test(text), 'the / is replaced');
      const mid = ours(await completions(editor.document.uri, new vscode.Position(4, 7), '/'));
      assert.ok(!mid.some((i) => label(i) === 'youtube'), 'not after a / inside text');
    });

    it('{% post_url %} lists the blog\'s posts and {% include %} its _includes files', async () => {
      const editor = await scratch('2024-01-04-links.md', '---\ntitle: Links\n---\n\nSee [this]({% post_url \n{% include ');
      const posts = await completions(editor.document.uri, new vscode.Position(4, 24), ' ');
      const names = posts.filter((i) => i.kind === vscode.CompletionItemKind.File).map(label);
      for (const p of ['2021-03-14-go-context-cancellation', '2023-05-20-nginx-rate-limit']) assert.ok(names.includes(p), `${p} in ${names.join()}`);
      assert.ok(!names.some((n) => n.includes('wasm-component')), 'drafts cannot be linked with post_url');
      const go = posts.find((i) => label(i) === '2021-03-14-go-context-cancellation')!;
      assert.equal((go.label as vscode.CompletionItemLabel).description, 'Go context cancellation: three mistakes I keep making');
      const includes = (await completions(editor.document.uri, new vscode.Position(5, 11), ' ')).filter((i) => i.kind === vscode.CompletionItemKind.File).map(label);
      assert.deepEqual(includes.sort(), ['footer.html', 'youtube.html']);
    });
  });

  describe('New Post, New Draft, Publish Draft, Rename', () => {
    it('New Post writes _posts/<today>-<slug>.md with the header and opens it with the cursor in the body', async () => {
      // A title not in Latin letters: the first choice is the slug New Post always made.
      const uri = await acceptFirst(vscode.commands.executeCommand<vscode.Uri>('techblog.newPost', { title: 'eBPF 筆記: maps & "CO-RE"', tags: ['ebpf', 'linux'], category: 'Linux' }));
      created.push(uri);
      assert.equal(rel(uri), `_posts/${today()}-ebpf-筆記-maps-co-re.md`);
      const text = await read(uri);
      assert.equal(text, '---\nlayout: post\ntitle: "eBPF 筆記: maps & \\"CO-RE\\""\ncategory: Linux\ntags: [ebpf, linux]\n---\n\n');
      const editor = vscode.window.activeTextEditor!;
      assert.equal(editor.document.uri.toString(), uri.toString());
      assert.equal(editor.document.offsetAt(editor.selection.active), text.length, 'the cursor is below the header');
      assert.ok(editor.selection.isEmpty);
    });

    it('never overwrites: the same title again gets -2, the first file unchanged; no validator problems in a new post', async () => {
      const first = at(`_posts/${today()}-same-title.md`);
      const a = await vscode.commands.executeCommand<vscode.Uri>('techblog.newPost', { title: 'Same title', tags: [], category: '' });
      created.push(a);
      const edited = (await read(a)) + 'My words.\n';
      await vscode.workspace.fs.writeFile(a, new TextEncoder().encode(edited));
      const b = await vscode.commands.executeCommand<vscode.Uri>('techblog.newPost', { title: 'Same title', tags: [], category: '' });
      created.push(b);
      assert.equal(a.toString(), first.toString());
      assert.equal(rel(b), `_posts/${today()}-same-title-2.md`);
      assert.equal(await read(a), edited);
      await eventually(() => vscode.window.activeTextEditor?.document.uri.toString() === b.toString(), 'the second post open');
      // Once the validator has checked it (its "checked" event), nothing: a new post starts clean.
      await checked(b);
      assert.deepEqual(vscode.languages.getDiagnostics(b).map((d) => d.message), []);
    });

    it('Escape at the title prompt creates nothing', async () => {
      const before = (await vscode.workspace.fs.readDirectory(at('_posts'))).length;
      let settled = false;
      // New Post announces each prompt it puts on screen (a hidden command): wait for the title's, not for a time.
      const prompted = vscode.commands.executeCommand<string>('techblog.authoring.whenPrompted');
      const running = Promise.resolve(vscode.commands.executeCommand('techblog.newPost')).finally(() => { settled = true; });
      assert.equal(await prompted, 'title', 'the first question is the title (one blog: no "Which blog?")');
      assert.equal(settled, false, 'the command waits at the title prompt');
      await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
      assert.equal(await running, undefined);
      assert.equal((await vscode.workspace.fs.readDirectory(at('_posts'))).length, before);
    });

    it('New Draft goes to _drafts/<slug>.md; Publish Draft moves it to _posts/<today>-<slug>.md with date:', async () => {
      const draft = await vscode.commands.executeCommand<vscode.Uri>('techblog.newDraft', { title: 'Draft to publish', tags: ['wasm'], category: '' });
      created.push(draft);
      assert.equal(rel(draft), '_drafts/draft-to-publish.md');
      assert.doesNotMatch(await read(draft), /^date:/m);
      // Unsaved words in the editor are saved before the move, not lost.
      const editor = vscode.window.activeTextEditor!;
      await editor.edit((e) => e.insert(editor.selection.active, 'Unsaved words.\n'));
      const published = await vscode.commands.executeCommand<vscode.Uri>('techblog.publishDraft');
      created.push(published);
      assert.equal(rel(published), `_posts/${today()}-draft-to-publish.md`);
      assert.equal(await exists(draft), false, 'the draft is gone');
      const text = await read(published);
      assert.match(text, new RegExp(`^date: ${today()} \\d\\d:\\d\\d:\\d\\d \\+0800$`, 'm'));
      assert.match(text, /^title: Draft to publish$/m);
      assert.match(text, /Unsaved words\.\n$/);
      await eventually(() => vscode.window.activeTextEditor?.document.uri.toString() === published.toString(), 'the editor to follow the file');
    });

    it('Publish Draft on a post says it is not a draft and moves nothing', async () => {
      const post = at('_posts/2023-02-18-sqlite-wal-mode.md');
      const result = await vscode.commands.executeCommand('techblog.publishDraft', post);
      assert.equal(result, undefined);
      assert.ok(await exists(post));
    });

    it('Rename Post to Match Its Date/Title follows an edited title and date:, keeping the content', async () => {
      const uri = await vscode.commands.executeCommand<vscode.Uri>('techblog.newPost', { title: 'Before rename', tags: [], category: '' });
      created.push(uri);
      const editor = vscode.window.activeTextEditor!;
      const doc = editor.document;
      const line = doc.getText().split('\n').findIndex((l) => l.startsWith('title:'));
      await editor.edit((e) => {
        e.replace(doc.lineAt(line).range, 'title: "After: 改名"');
        e.insert(new vscode.Position(line + 1, 0), 'date: 2020-02-29 10:00:00 +0800\n');
      });
      const renamed = await vscode.commands.executeCommand<vscode.Uri>('techblog.renamePost');
      created.push(renamed);
      assert.equal(rel(renamed), '_posts/2020-02-29-after-改名.md');
      assert.equal(await exists(uri), false);
      assert.match(await read(renamed), /^title: "After: 改名"\ndate: 2020-02-29 10:00:00 \+0800$/m);
      // From the Posts view's context menu the argument is the tree item's element.
      const node = { type: 'post', site: { site: { root: sampleBlog() } }, entry: { rel: rel(renamed) } };
      const again = await vscode.commands.executeCommand<vscode.Uri>('techblog.renamePost', node);
      assert.equal(again?.toString(), renamed.toString(), 'already matching: left as is');
    });
  });

});
