import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, eventually, sampleBlog } from '../util/workspace';

describe('Activation and commands (real VS Code, sample blog)', () => {
  it('activates by itself because the workspace holds a _config.yml', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `${EXTENSION_ID} is not loaded`);
    // No ext.activate() here: the point is that VS Code activated it from our activation events.
    await eventually(() => ext.isActive, 'the extension to activate');
  });

  it('registers every command it contributes, all under the "TechBlog" category', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID)!;
    await eventually(() => ext.isActive, 'activation');
    const contributed = ext.packageJSON.contributes.commands as { command: string; category: string }[];
    assert.ok(contributed.length > 0);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const c of contributed) {
      assert.equal(c.category, 'TechBlog', `${c.command} category`);
      assert.ok(registered.has(c.command), `${c.command} is contributed but not registered`);
    }
  });

  it('"Show Site Info" finds the sample blog with its title and every post', async () => {
    const infos = await vscode.commands.executeCommand<{ root: string; title: string; posts: number }[]>('techblog.showSiteInfo');
    const postsOnDisk = (await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(sampleBlog(), '_posts')))
      .filter(([name]) => /\.(md|markdown|html)$/.test(name)).length;
    assert.ok(postsOnDisk >= 6, 'the sample blog has at least six posts');
    assert.equal(infos.length, 1, JSON.stringify(infos));
    assert.equal(infos[0].title, 'Gopher 與 Pod 的筆記本');
    assert.equal(infos[0].posts, postsOnDisk);
  });
});
