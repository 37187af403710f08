// `_config.yml` and `_data` within the bounds front matter has: hostile YAML (deep nesting, an alias bomb,
// 50 MB) ends fast and is never a silent nil — a preview notice and a `techblog check` problem name the file.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { describe, it } from 'node:test';
import { main } from '../../../src/cli/main';
import { SiteRenderer } from '../../../src/core/render/renderer';
import { parseSiteConfig } from '../../../src/core/site/config';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { checkSiteDataFile, readSiteYaml } from '../../../src/core/site/yamlFile';

/** The hostile inputs, generated (none is stored in the repo). */
function hostile(): Record<string, string> {
  let bomb = 'a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n';
  for (let i = 1; i < 10; i++) bomb += `a${i}: &a${i} [${Array(10).fill(`*a${i - 1}`).join(', ')}]\n`;
  return {
    deepBlock: 'title: t\nx:\n' + '- '.repeat(400_000) + 'x\n',
    deepFlow: 'title: t\nx: ' + '['.repeat(400_000) + ']'.repeat(400_000) + '\n',
    deepMap: 'title: t\n' + Array.from({ length: 400 }, (_, i) => ' '.repeat(i) + `k${i}:`).join('\n') + ' v\n',
    bomb,
    huge: 'title: t\nitems:\n' + '  - "0123456789012345678901234567890123456789012345678901234567890123456789"\n'.repeat(Math.ceil(50 * 1024 * 1024 / 76)),
  };
}

describe('site YAML bounds', () => {
  const cases = hostile();
  const codes: Record<string, string> = { deepBlock: 'TOO_DEEP', deepFlow: 'TOO_DEEP', deepMap: 'TOO_DEEP', bomb: 'ALIAS_COUNT', huge: 'TOO_LARGE' };

  for (const [name, text] of Object.entries(cases)) {
    it(`${name}: refused with a problem naming the file (and the call returns)`, () => {
      const r = readSiteYaml(text, '_data/x.yml');
      assert.equal(r.value, undefined);
      assert.equal(r.problem?.code, codes[name]);
      assert.match(r.problem!.message, /^_data\/x\.yml /);
      const config = parseSiteConfig(text);
      assert.equal(config.fileProblem?.code, codes[name]);
      assert.match(config.errors[0], /^_config\.yml /);
    });
  }

  it('a syntax error is reported on its line, and what could be read is kept for _config.yml', () => {
    const config = parseSiteConfig('title: Kept\nbad: [unclosed\n');
    assert.equal(config.fileProblem?.code, 'SYNTAX');
    assert.match(config.errors[0], /_config\.yml has a YAML error on line \d+: /);
    assert.equal((readSiteYaml('title: Kept\nbad: [unclosed\n', '_config.yml').value as { title?: string }).title, 'Kept');
    const [p] = checkSiteDataFile('_data/authors.yml', 'ok: 1\nbad: "unclosed\n');
    assert.equal(p.rule, 'yaml-syntax');
    assert.equal(p.severity, 'error');
    assert.ok(p.range.start.line >= 1, "on the line where the parser stopped, not the first");
  });

  it('ordinary files read as before', () => {
    assert.deepEqual(readSiteYaml('title: x\nlist:\n  - &a {k: 1}\n  - *a\n', '_config.yml'), { value: { title: 'x', list: [{ k: 1 }, { k: 1 }] } });
    assert.deepEqual(checkSiteDataFile('_data/a.json', '{"a": [1, 2]}'), []);
    assert.equal(checkSiteDataFile('_data/a.json', '{"a": [1, 2]')[0].rule, 'yaml-syntax');
  });

  it('the preview names a capped _config.yml or _data file in a notice and renders the rest', async () => {
    const fsys = new MemoryFileSystem({
      '_config.yml': cases.bomb + 'title: Bombed\n',
      '_data/deep.yml': cases.deepFlow,
      '_data/big.yml': cases.huge,
      '_data/ok.yml': 'name: OK-DATA\n',
    });
    const renderer = await SiteRenderer.open({ fs: fsys, root: '' });
    const r = await renderer.render({ path: 'index.md', text: '---\n---\n{{ site.data.ok.name }}\n' });
    assert.match(r.bodyHtml, /OK-DATA/);
    const notices = r.notices.join('\n');
    assert.match(notices, /_config\.yml cannot be read: its aliases \(\*name\) expand too often/);
    assert.match(notices, /_data\/deep\.yml is nested or indented more than 64 levels deep/);
    assert.match(notices, /_data\/big\.yml is \d+ KB; TechBlog reads such files up to 1024 KB/);
  });

  it('techblog check reports a capped or malformed _config.yml / _data file as a problem on that file', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-yaml-'));
    try {
      fs.mkdirSync(path.join(dir, '_posts'));
      fs.mkdirSync(path.join(dir, '_data'));
      fs.mkdirSync(path.join(dir, '_layouts'));
      fs.writeFileSync(path.join(dir, '_layouts', 'post.html'), '{{ content }}');
      fs.writeFileSync(path.join(dir, '_config.yml'), cases.deepBlock);
      fs.writeFileSync(path.join(dir, '_data', 'bomb.yml'), cases.bomb);
      fs.writeFileSync(path.join(dir, '_data', 'ok.yml'), 'a: 1\n');
      fs.writeFileSync(path.join(dir, '_posts', '2024-01-01-a.md'), '---\nlayout: post\ntitle: A\n---\nText.\n');
      const out: string[] = [];
      const code = await main(['check', '--format', 'json'], { out: (s) => out.push(s), err: () => undefined, cwd: dir });
      const json = JSON.parse(out.join('\n')) as { problems: Array<{ file: string; rule: string; severity: string; message: string }> };
      const byFile = Object.fromEntries(json.problems.map((p) => [p.file, p]));
      assert.equal(byFile['_config.yml']?.rule, 'yaml-syntax');
      assert.match(byFile['_config.yml'].message, /nested or indented more than 128 levels/);
      assert.equal(byFile['_data/bomb.yml']?.severity, 'error');
      assert.equal(byFile['_data/ok.yml'], undefined);
      assert.equal(code, 1);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
