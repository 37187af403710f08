import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { checkedUntil, eventually, sampleBlog } from '../util/workspace';

// The sample blog publishes posts at /:title/.
const TARGET = '_posts/2024-01-10-link-target.md';
const TARGET_TEXT = '---\nlayout: post\ntitle: "Links Moved Here"\n---\n\n## Usage\n\nText.\n';
const LINKERS: Record<string, string> = {
  '_posts/2024-01-11-linker-a.md': '---\nlayout: post\ntitle: A\n---\n\nSee [the target](/link-target/#usage) and [again](/link-target/#nope).\n',
  '_posts/2024-01-12-linker-b.md': '---\nlayout: post\ntitle: B\n---\n\nSee {% post_url 2024-01-10-link-target %} for more.\n',
  '_posts/2024-01-13-linker-c.md': '---\nlayout: post\ntitle: C\n---\n\nSee [the source](2024-01-10-link-target.md#usage).\n',
};

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const uriOf = (rel: string) => vscode.Uri.joinPath(sampleBlog(), rel);
const read = async (rel: string) => decoder.decode(await vscode.workspace.fs.readFile(uriOf(rel)));
const rule = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const linkDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'TechBlog' && /link|fragment/.test(rule(d)));

describe('Links in the editor', function () {
  this.timeout(120_000);
  const written: string[] = [];

  async function write(rel: string, text: string): Promise<void> {
    await vscode.workspace.fs.writeFile(uriOf(rel), encoder.encode(text));
    written.push(rel);
  }

  before(async () => {
    await write(TARGET, TARGET_TEXT);
    for (const [rel, text] of Object.entries(LINKERS)) await write(rel, text);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const rel of written) await vscode.workspace.fs.delete(uriOf(rel)).then(undefined, () => undefined);
    await vscode.workspace.getConfiguration('techblog').update('links.updateOnFileMove', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('reports a broken #fragment at the fragment, once the site knows the target', async () => {
    const doc = await vscode.workspace.openTextDocument(uriOf('_posts/2024-01-11-linker-a.md'));
    await vscode.window.showTextDocument(doc);
    await checkedUntil(doc.uri, () => { const ds = linkDiagnostics(doc.uri); return ds.length === 1 && rule(ds[0]) === 'broken-fragment'; }, 'one broken-fragment on linker A', 30_000);
    const [d] = linkDiagnostics(doc.uri);
    assert.equal(doc.getText(d.range), 'nope');
    assert.match(d.message, /_posts\/2024-01-10-link-target\.md has no header with the id "nope" \(its ids: #usage\)/);
  });

  it('Rename Post updates the links of three other posts (techblog.links.updateOnFileMove: always)', async () => {
    await vscode.workspace.getConfiguration('techblog').update('links.updateOnFileMove', 'always', vscode.ConfigurationTarget.Workspace);
    const newName = '2024-01-10-links-moved-here';
    const updated = vscode.commands.executeCommand<{ files: number; links: number }>('techblog.links.whenUpdated');
    const renamed = await vscode.commands.executeCommand<vscode.Uri>('techblog.renamePost', uriOf(TARGET));
    written.push(`_posts/${newName}.md`);
    assert.equal(renamed?.path.endsWith(`_posts/${newName}.md`), true, renamed?.toString());
    assert.deepEqual(await updated, { files: 3, links: 4 });
    assert.match(await read('_posts/2024-01-11-linker-a.md'), /\[the target\]\(\/links-moved-here\/#usage\) and \[again\]\(\/links-moved-here\/#nope\)/);
    assert.match(await read('_posts/2024-01-12-linker-b.md'), /\{% post_url 2024-01-10-links-moved-here %\}/);
    assert.match(await read('_posts/2024-01-13-linker-c.md'), /\[the source\]\(2024-01-10-links-moved-here\.md#usage\)/);
  });

  it('completes link targets after `](/` and `{% post_url ` (published posts only, each once), header ids after `#`', async () => {
    const rel = '_posts/2024-01-14-linker-d.md';
    // A post dated in 2099 on a site with `future: false`: a post_url to it would fail the build.
    await write('_posts/2099-01-01-someday.md', '---\nlayout: post\ntitle: Someday\n---\n\nLater.\n');
    await write(rel, '---\nlayout: post\ntitle: D\n---\n\n[x](/\n[y]({% post_url 2024-01-10-links-moved-here %}#\n[z]({% post_url \n');
    const doc = await vscode.workspace.openTextDocument(uriOf(rel));
    await vscode.window.showTextDocument(doc);
    const labels = async (line: number, character: number) => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(line, character));
      return list.items.map((i) => (typeof i.label === 'string' ? i.label : i.label.label));
    };
    await eventually(async () => (await labels(5, 5)).includes('/links-moved-here/'), 'the renamed post among the URL completions', 30_000);
    assert.ok((await labels(6, doc.lineAt(6).text.length)).includes('usage'));
    const names = await labels(7, doc.lineAt(7).text.length);
    assert.equal(names.filter((n) => n === '2024-01-10-links-moved-here').length, 1, names.join());
    assert.ok(names.includes('2021-03-14-go-context-cancellation'), names.join());
    assert.ok(!names.includes('2099-01-01-someday'), 'a future post is not offered');
  });

  it('techblog.links.updateOnFileMove: prompt asks in a notification; dismissed, no other post changes; "Update Links" updates three posts', async () => {
    await vscode.workspace.getConfiguration('techblog').update('links.updateOnFileMove', 'prompt', vscode.ConfigurationTarget.Workspace);
    const linkers = Object.keys(LINKERS);
    const before = await Promise.all(linkers.map(read));
    const current = '_posts/2024-01-10-links-moved-here.md';
    /**
     * Renames through a workspace edit (as the Explorer does), then answers the notification with a workbench
     * command, re-sent until the link update reports: `notification.acceptPrimaryAction` presses its first
     * button ("Update Links"), `notifications.clearAll` dismisses it.
     */
    async function renameAnd(from: string, to: string, answer: 'notification.acceptPrimaryAction' | 'notifications.clearAll' | undefined) {
      await vscode.commands.executeCommand('notifications.clearAll');
      let settled = false;
      const updated = Promise.resolve(vscode.commands.executeCommand<{ files: number; links: number }>('techblog.links.whenUpdated')).finally(() => { settled = true; });
      const edit = new vscode.WorkspaceEdit();
      edit.renameFile(uriOf(from), uriOf(to));
      written.push(to);
      assert.ok(await vscode.workspace.applyEdit(edit));
      // The question waits for the author; nothing is written until then.
      assert.deepEqual(await Promise.all(linkers.map(read)), before);
      if (answer) await eventually(async () => { if (!settled) await vscode.commands.executeCommand(answer); return settled; }, `the link update after ${answer}`, 60_000);
      return updated;
    }

    // Dismissed: the post moves, its linkers stay as they were.
    assert.deepEqual(await renameAnd(current, '_posts/2024-01-10-links-prompted.md', 'notifications.clearAll'), { files: 0, links: 0 });
    assert.deepEqual(await Promise.all(linkers.map(read)), before);
    // Moving it back needs no link update (nothing links to the prompted name), so nothing is asked.
    assert.deepEqual(await renameAnd('_posts/2024-01-10-links-prompted.md', current, undefined), { files: 0, links: 0 });
    // Confirmed with "Update Links": the three other posts link to the new name, each in its own form
    // (and the completion test's post D, whose `{% post_url %}` names it too: four files, five links).
    assert.deepEqual(await renameAnd(current, '_posts/2024-01-10-links-confirmed.md', 'notification.acceptPrimaryAction'), { files: 4, links: 5 });
    assert.match(await read('_posts/2024-01-11-linker-a.md'), /\[the target\]\(\/links-confirmed\/#usage\) and \[again\]\(\/links-confirmed\/#nope\)/);
    assert.match(await read('_posts/2024-01-12-linker-b.md'), /\{% post_url 2024-01-10-links-confirmed %\}/);
    assert.match(await read('_posts/2024-01-13-linker-c.md'), /\[the source\]\(2024-01-10-links-confirmed\.md#usage\)/);
    assert.match(await read('_posts/2024-01-14-linker-d.md'), /\{% post_url 2024-01-10-links-confirmed %\}#/);

    // A linking post edited while the question is open keeps its links (its edits were worked out on the
    // text it had at the move); the others are updated.
    await vscode.commands.executeCommand('notifications.clearAll');
    let settled = false;
    const updated = Promise.resolve(vscode.commands.executeCommand<{ files: number; links: number }>('techblog.links.whenUpdated')).finally(() => { settled = true; });
    const move = new vscode.WorkspaceEdit();
    move.renameFile(uriOf('_posts/2024-01-10-links-confirmed.md'), uriOf('_posts/2024-01-10-links-edited.md'));
    written.push('_posts/2024-01-10-links-edited.md');
    assert.ok(await vscode.workspace.applyEdit(move));
    const a = await vscode.workspace.openTextDocument(uriOf('_posts/2024-01-11-linker-a.md'));
    const meanwhile = new vscode.WorkspaceEdit();
    meanwhile.insert(a.uri, new vscode.Position(5, 0), 'Edited meanwhile. ');
    assert.ok(await vscode.workspace.applyEdit(meanwhile));
    assert.ok(await a.save());
    await eventually(async () => { if (!settled) await vscode.commands.executeCommand('notification.acceptPrimaryAction'); return settled; }, 'the link update after the edit', 60_000);
    assert.deepEqual(await updated, { files: 3, links: 3 });
    assert.match(await read('_posts/2024-01-11-linker-a.md'), /^Edited meanwhile\. See \[the target\]\(\/links-confirmed\/#usage\)/m);
    assert.match(await read('_posts/2024-01-12-linker-b.md'), /\{% post_url 2024-01-10-links-edited %\}/);
    assert.match(await read('_posts/2024-01-13-linker-c.md'), /\[the source\]\(2024-01-10-links-edited\.md#usage\)/);
  });

  it('moving an image (as the Explorer does) updates the links to it: relative and absolute (techblog.links.updateOnFileMove: always)', async () => {
    await vscode.workspace.getConfiguration('techblog').update('links.updateOnFileMove', 'always', vscode.ConfigurationTarget.Workspace);
    const image = 'images/2024/links-test.png';
    const post = '_posts/2024-01-16-with-image.md';
    await vscode.workspace.fs.writeFile(uriOf(image), new Uint8Array([0x89, 0x50, 0x4e, 0x47]));
    written.push(image);
    await write(post, '---\nlayout: post\ntitle: Shot\n---\n\n![shot](../images/2024/links-test.png)\n\n<img src="/images/2024/links-test.png" alt="again">\n');
    // The post has reached the site index once the URL completion lists it.
    const doc = await vscode.workspace.openTextDocument(uriOf('_posts/2024-01-14-linker-d.md'));
    await eventually(async () => {
      const list = await vscode.commands.executeCommand<vscode.CompletionList>('vscode.executeCompletionItemProvider', doc.uri, new vscode.Position(5, 5));
      return list.items.some((i) => (typeof i.label === 'string' ? i.label : i.label.label) === '/with-image/');
    }, 'the image post in the site index', 30_000);
    const moved = 'images/2024/moved/links-test-renamed.png';
    const updated = vscode.commands.executeCommand<{ files: number; links: number }>('techblog.links.whenUpdated');
    const edit = new vscode.WorkspaceEdit();
    edit.renameFile(uriOf(image), uriOf(moved));
    written.push(moved, 'images/2024/moved', 'images/2024');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.deepEqual(await updated, { files: 1, links: 2 });
    const text = await read(post);
    assert.match(text, /!\[shot\]\(\.\.\/images\/2024\/moved\/links-test-renamed\.png\)/);
    assert.match(text, /<img src="\/images\/2024\/moved\/links-test-renamed\.png" alt="again">/);
  });
});
