// Site profiles (issue 6) in a real VS Code. The workspace is the throwaway copy of the sample blog (a
// Jekyll site); the Hugo fixture site is copied into it as the subfolder `hugo-site/` for this suite
// (a workspace may hold several blogs) and removed afterwards, so the other suites see the sample blog.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { ImagePasteProvider } from '../../../src/host/paste/imagePasteProvider';
import { WorkspaceSites } from '../../../src/host/site/workspaceSites';
import { checked, checkedUntil, EXTENSION_ID, sampleBlog } from '../util/workspace';

const HUGO = 'hugo-site';
const DEFECTS = `${HUGO}/content/posts/defects.md`;
const CLEAN = `${HUGO}/content/posts/hello.md`;
const HUGO_RULES = ['duplicate-tag', 'empty-value', 'invalid-date', 'missing-image', 'required-key', 'type-mismatch', 'unknown-key'];

const rule = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? String(d.code.value) : String(d.code));
const techblog = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'TechBlog');
const show = (ds: vscode.Diagnostic[]) => ds.map((d) => `${d.range.start.line + 1} ${rule(d)} ${d.message}`).join('\n');
const rulesOf = (uri: vscode.Uri) => techblog(uri).map(rule).sort().join(',');

async function rulesBecome(uri: vscode.Uri, expected: string[], what: string): Promise<vscode.Diagnostic[]> {
  // Each look follows the validator's "checked" event for the document (the site may be found again first).
  return checkedUntil(uri, () => rulesOf(uri) === expected.join(','), `${what} (now: ${show(techblog(uri))})`);
}

describe('Site profiles: a Hugo site next to the Jekyll sample blog', function () {
  this.timeout(120_000);
  const at = (rel: string) => vscode.Uri.joinPath(sampleBlog(), ...rel.split('/'));
  const profile = () => vscode.workspace.getConfiguration('techblog.site', at(HUGO));

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(ext.extensionUri, 'test', 'fixtures', 'sites', 'hugo-site'), at(HUGO), { overwrite: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await profile().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
    await vscode.workspace.fs.delete(at(HUGO), { recursive: true, useTrash: false });
  });

  it('finds both blogs, each with its generator and layout', async () => {
    const log = vscode.window.createOutputChannel('TechBlog profile tests', { log: true });
    const sites = new WorkspaceSites(log);
    try {
      const found = await sites.all();
      const hugo = found.find((s) => s.root.path.endsWith(`/${HUGO}`));
      const jekyll = found.find((s) => s.root.path === sampleBlog().path);
      assert.equal(jekyll?.generator, 'jekyll');
      assert.equal(jekyll?.layout.postsDir, '_posts');
      assert.equal(hugo?.generator, 'hugo', found.map((s) => `${s.root.path} ${s.generator}`).join('\n'));
      assert.deepEqual([hugo.layout.postsDir, hugo.layout.imagesDir, hugo.layout.frontMatter], ['content/posts', 'static/images', 'toml']);
      assert.equal((await sites.siteFor(at(DEFECTS)))?.generator, 'hugo');
    } finally {
      sites.dispose();
      log.dispose();
    }
  });

  it('a Hugo post gets Hugo diagnostics and none of the Jekyll ones', async () => {
    const defects = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(at(DEFECTS)));
    const ds = await rulesBecome(defects.document.uri, HUGO_RULES, 'the Hugo defects');
    const typo = ds.find((d) => rule(d) === 'unknown-key')!;
    assert.match(typo.message, /`titel` is not a key Hugo reads; did you mean `title`/);
    assert.equal(defects.document.getText(typo.range), 'titel');
    for (const d of ds) assert.doesNotMatch(d.message, /Jekyll|_posts|layout/, d.message);

    // The clean TOML post has nothing to report: no `layout` demanded, no YYYY-MM-DD file name.
    const clean = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(at(CLEAN)));
    await clean.edit((e) => e.insert(new vscode.Position(clean.document.lineCount, 0), '\n'));
    await checked(clean.document.uri, clean.document.version);
    assert.equal(show(techblog(clean.document.uri)), '');
    await vscode.commands.executeCommand('workbench.action.files.revert');
  });

  it('a paste into a Hugo post writes under static/images/<year>/ with a /images/ link', async () => {
    const log = vscode.window.createOutputChannel('TechBlog profile paste tests', { log: true });
    const sites = new WorkspaceSites(log);
    const provider = new ImagePasteProvider(sites, log);
    const doc = await vscode.workspace.openTextDocument(at(CLEAN));
    await vscode.window.showTextDocument(doc);
    try {
      const bytes = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...new TextEncoder().encode(`profiles ${Date.now()}`)]);
      const dt = new vscode.DataTransfer();
      dt.set('image/png', new (class extends vscode.DataTransferItem {
        override asFile(): vscode.DataTransferFile { return { name: 'image.png', uri: undefined, data: async () => bytes }; }
      })(''));
      const end = doc.lineAt(doc.lineCount - 1).range.end;
      const edits = await provider.provideDocumentPasteEdits(doc, [new vscode.Range(end, end)], dt,
        { only: undefined, triggerKind: vscode.DocumentPasteTriggerKind.Automatic }, new vscode.CancellationTokenSource().token);
      assert.ok(edits?.length && edits[0].additionalEdit);
      assert.ok(await vscode.workspace.applyEdit(edits[0].additionalEdit));
      const year = new Date().getFullYear();
      const m = new RegExp(`!\\[(image-\\d{17})\\]\\(/images/${year}/\\1\\.png\\)$`).exec(doc.getText());
      assert.ok(m, `a /images/${year}/ link at the end of:\n${doc.getText()}`);
      const file = at(`${HUGO}/static/images/${year}/${m[1]}.png`);
      assert.deepEqual([...await vscode.workspace.fs.readFile(file)], [...bytes]);
      // Not in the Jekyll places.
      await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(at(`${HUGO}/images`))));
    } finally {
      await vscode.commands.executeCommand('workbench.action.files.revert');
      provider.dispose();
      sites.dispose();
      log.dispose();
    }
  });

  it('techblog.site.profile forces another generator, and back', async () => {
    const uri = at(DEFECTS);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    await rulesBecome(uri, HUGO_RULES, 'the Hugo defects before forcing');
    await profile().update('profile', 'jekyll', vscode.ConfigurationTarget.Workspace);
    // As Jekyll: a plain page whose `+++` header Jekyll does not read; `/images/…` looked for at the root.
    const ds = await rulesBecome(uri, ['missing-image'], 'only Jekyll\'s view of the file');
    assert.match(ds[0].message, /looked for images\/nope\.png\)/);
    await profile().update('profile', undefined, vscode.ConfigurationTarget.Workspace);
    await rulesBecome(uri, HUGO_RULES, 'the Hugo defects again after removing the setting');
  });
});

describe('Site profiles: a Jekyll site without _config.yml (issue 10)', function () {
  this.timeout(120_000);
  const NO_CONFIG = 'no-config-site';
  const at = (rel: string) => vscode.Uri.joinPath(sampleBlog(), ...rel.split('/'));

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    await ext.activate();
    await vscode.workspace.fs.copy(vscode.Uri.joinPath(ext.extensionUri, 'test', 'fixtures', 'sites', 'no-config'), at(NO_CONFIG), { overwrite: true });
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(at(NO_CONFIG), { recursive: true, useTrash: false });
  });

  it('is found by its _layouts/ beside _posts/, and its untitled post gets an info, not an error', async () => {
    const log = vscode.window.createOutputChannel('TechBlog no-config tests', { log: true });
    const sites = new WorkspaceSites(log);
    try {
      const found = await sites.all();
      const site = found.find((s) => s.root.path.endsWith(`/${NO_CONFIG}`));
      assert.equal(site?.generator, 'jekyll', found.map((s) => `${s.root.path} ${s.generator}`).join('\n'));
      assert.deepEqual(site.detection.evidence, ['_posts/', '_layouts/']);
    } finally {
      sites.dispose();
      log.dispose();
    }
    const uri = at(`${NO_CONFIG}/_posts/2023-04-01-first-post.md`);
    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri));
    const ds = await rulesBecome(uri, ['title-from-filename'], 'the derived-title info on the post without title');
    assert.equal(ds[0].severity, vscode.DiagnosticSeverity.Information);
    assert.match(ds[0].message, /Jekyll titles this post "First Post" from its file name/);
  });
});
