// VS Code started in zh-TW: TechBlog's command titles, settings and messages appear in Traditional
// Chinese, taken from package.nls.zh-tw.json and l10n/bundle.l10n.zh-tw.json by VS Code itself.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { checked, EXTENSION_ID, eventually, openPost, quickFixes } from '../util/workspace';

type Localized = string | { value: string; original: string };
const text = (s: Localized) => (typeof s === 'string' ? s : s.value);
const fill = (message: string, ...args: string[]) => message.replace(/\{(\d+)\}/g, (_, i: string) => args[Number(i)]);
const CJK = /[\u4e00-\u9fff]/;

describe('TechBlog in a VS Code started in zh-TW', () => {
  const ext = () => vscode.extensions.getExtension(EXTENSION_ID)!;
  const readJson = (rel: string) => JSON.parse(fs.readFileSync(path.join(ext().extensionPath, rel), 'utf8')) as Record<string, string>;

  before(async () => {
    await eventually(() => ext()?.isActive, 'activation');
  });

  it('runs in zh-tw', () => {
    assert.equal(vscode.env.language, 'zh-tw');
  });

  it('shows every command title in Traditional Chinese (with the English title kept for search)', () => {
    const zh = readJson('package.nls.zh-tw.json');
    const en = readJson('package.nls.json');
    const commands = ext().packageJSON.contributes.commands as { command: string; title: Localized }[];
    assert.ok(commands.length >= 5);
    for (const c of commands) {
      const key = `command.${c.command.replace(/^techblog\./, '')}.title`;
      assert.ok(zh[key], `${key} has a translation`);
      assert.equal(text(c.title), zh[key], `${c.command} is shown as ${zh[key]}`);
      assert.notEqual(text(c.title), en[key], `${c.command} is not English`);
      assert.match(text(c.title), /[\u4e00-\u9fff]/, `${c.command}: ${text(c.title)}`);
    }
  });

  it('describes the settings in Traditional Chinese', () => {
    const props = ext().packageJSON.contributes.configuration.properties as Record<string, { markdownDescription?: string; description?: string }>;
    const keys = Object.keys(props);
    assert.ok(keys.length >= 10);
    for (const k of keys) {
      const d = props[k].markdownDescription ?? props[k].description ?? '';
      assert.match(d, /[\u4e00-\u9fff]/, `${k}: ${d.slice(0, 80)}`);
    }
  });

  it('reports front-matter problems and their quick fixes in Traditional Chinese', async () => {
    const zh = readJson('l10n/bundle.l10n.zh-tw.json');
    // examples/sample-blog/DEFECTS.md #1 and #2: `description: ""` and the tag " observability".
    const editor = await openPost('_posts/2021-09-03-otel-collector-first-look.md');
    const uri = editor.document.uri;
    const ruleOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);
    const find = (rule: string) => vscode.languages.getDiagnostics(uri).find((d) => d.source === 'TechBlog' && ruleOf(d) === rule);
    await checked(uri);
    const empty = find('empty-value');
    const tag = find('tag-whitespace');
    assert.ok(empty && tag, 'the empty-value and tag-whitespace diagnostics');

    const emptyZh = zh['`{0}` is empty.'];
    const tagZh = zh['The tag {0} has a leading space; {2} makes it a separate tag from "{1}".'];
    assert.ok(emptyZh && tagZh, 'the bundle translates both messages');
    assert.equal(empty.message, fill(emptyZh, 'description'));
    assert.equal(tag.message, fill(tagZh, '" observability"', 'observability', 'Jekyll'));
    assert.match(empty.message, CJK);
    assert.match(tag.message, CJK);

    const trimZh = fill(zh['Trim the tag to "{0}"'], 'observability');
    const actions = await quickFixes(uri, tag.range, (a) => a.title === trimZh, 'the trim quick fix in Chinese');
    const titles = actions.map((a) => a.title);
    assert.ok(titles.includes(fill(zh['Trim the tag to "{0}"'], 'observability')), titles.join(' | '));

    // The hover on a key shows the schema's description of it in Chinese too.
    const line = editor.document.getText().split('\n').findIndex((l) => l.startsWith('description:'));
    const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(line, 3));
    const shown = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : c.value)));
    const described = zh['A one-sentence summary for search results and social cards (jekyll-seo-tag). Keep it under 160 characters.'];
    assert.ok(shown.includes(fill(zh['**{0}** ({1})\n\n{2}'], 'description', 'string', described)), shown.join(' | '));
  });
});
