import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildVariables, formatTimestamp, frontMatterDate, pasteVariableNames } from '../../../src/core/paste/variables';

const ws = '/home/me/blog';
const post = `${ws}/_posts/2021-08-19-ebpf-summit-day1.md`;
// Local components: the Typora name of the seed screenshot, whatever TZ the test runs in.
const seedTime = new Date(2021, 7, 19, 15, 5, 23, 189);

describe('buildVariables', () => {
  test('every variable for the seed post', () => {
    const v = buildVariables({
      documentPath: post, siteRoot: ws, workspaceFolder: ws, now: seedTime, ext: 'png',
      fileName: 'Screen Shot.png', hash: 'deadbeefcafebabe0123',
    });
    assert.deepEqual(v, {
      siteRoot: ws,
      workspaceFolder: ws,
      postDir: `${ws}/_posts`,
      postBaseName: '2021-08-19-ebpf-summit-day1',
      postSlug: 'ebpf-summit-day1',
      postYear: '2021',
      postMonth: '08',
      postDay: '19',
      year: '2021',
      month: '08',
      day: '19',
      hour: '15',
      minute: '05',
      second: '23',
      timestamp: '20210819150523189',
      hash: 'deadbeef',
      fileName: 'Screen Shot',
      ext: 'png',
    });
    assert.deepEqual(Object.keys(v).sort(), [...pasteVariableNames].sort());
  });

  test('siteRoot defaults to the workspace folder; trailing slashes go', () => {
    const v = buildVariables({ documentPath: post, workspaceFolder: `${ws}/`, now: seedTime, ext: 'png' });
    assert.equal(v.siteRoot, ws);
    assert.equal(v.workspaceFolder, ws);
  });

  test('a site in a subfolder', () => {
    const v = buildVariables({ documentPath: `${ws}/docs/_posts/2020-01-02-a.md`, siteRoot: `${ws}/docs`, workspaceFolder: ws, now: seedTime, ext: 'png' });
    assert.equal(v.siteRoot, `${ws}/docs`);
    assert.equal(v.postDir, `${ws}/docs/_posts`);
  });

  test('post date: front matter wins over the file name', () => {
    const v = buildVariables({ documentPath: post, workspaceFolder: ws, frontMatterDate: '2020-1-5 10:00:00 +0800', now: seedTime, ext: 'png' });
    assert.deepEqual([v.postYear, v.postMonth, v.postDay], ['2020', '01', '05']);
  });

  test('post date from a YAML Date (midnight UTC) is that calendar day in any zone', () => {
    const v = buildVariables({ documentPath: `${ws}/about.md`, workspaceFolder: ws, frontMatterDate: new Date(Date.UTC(2019, 11, 31)), now: seedTime, ext: 'png' });
    assert.deepEqual([v.postYear, v.postMonth, v.postDay], ['2019', '12', '31']);
  });

  test('an undated page has no post date, a plain slug and base name', () => {
    const v = buildVariables({ documentPath: `${ws}/about.markdown`, workspaceFolder: ws, now: seedTime, ext: 'png' });
    assert.equal(v.postYear, undefined);
    assert.equal(v.postMonth, undefined);
    assert.equal(v.postDay, undefined);
    assert.equal(v.postSlug, 'about');
    assert.equal(v.postBaseName, 'about');
  });

  test('an invalid date falls back to the file name', () => {
    const v = buildVariables({ documentPath: post, workspaceFolder: ws, frontMatterDate: '2021-13-40', now: seedTime, ext: 'png' });
    assert.equal(v.postMonth, '08');
  });

  test('clipboard images: fileName is "image", no hash unless given', () => {
    const v = buildVariables({ documentPath: post, workspaceFolder: ws, now: seedTime, ext: 'png' });
    assert.equal(v.fileName, 'image');
    assert.equal(v.hash, undefined);
  });

  test('CJK and spaces in the post and dropped file names pass through', () => {
    const v = buildVariables({ documentPath: `${ws}/_posts/2022-02-03-我的 筆記.md`, workspaceFolder: ws, now: seedTime, ext: 'png', fileName: '截圖 2022.png' });
    assert.equal(v.postSlug, '我的 筆記');
    assert.equal(v.fileName, '截圖 2022');
  });

  test('padding: single-digit month, day, hour, minute, second and ms', () => {
    const v = buildVariables({ documentPath: post, workspaceFolder: ws, now: new Date(2024, 0, 2, 3, 4, 5, 6), ext: 'gif' });
    assert.deepEqual([v.year, v.month, v.day, v.hour, v.minute, v.second, v.timestamp], ['2024', '01', '02', '03', '04', '05', '20240102030405006']);
  });

  test('time variables use the local time zone (TZ)', () => {
    const saved = process.env.TZ;
    try {
      const instant = Date.UTC(2021, 7, 19, 7, 5, 23, 189); // 15:05:23.189 in Taipei
      process.env.TZ = 'Asia/Taipei';
      assert.equal(formatTimestamp(new Date(instant)), '20210819150523189');
      process.env.TZ = 'UTC';
      assert.equal(formatTimestamp(new Date(instant)), '20210819070523189');
      process.env.TZ = 'America/Los_Angeles';
      const v = buildVariables({ documentPath: post, workspaceFolder: ws, now: new Date(Date.UTC(2021, 0, 1, 5, 0, 0)), ext: 'png' });
      assert.deepEqual([v.year, v.month, v.day, v.hour], ['2020', '12', '31', '21']); // New Year not yet in LA
    } finally {
      if (saved === undefined) {
        delete process.env.TZ;
      } else {
        process.env.TZ = saved;
      }
    }
  });
});

describe('frontMatterDate', () => {
  test('reads date: from the front matter only', () => {
    assert.equal(frontMatterDate('---\ntitle: x\ndate: 2021-08-19 15:05:23 +0800\n---\nbody'), '2021-08-19 15:05:23 +0800');
    assert.equal(frontMatterDate('---\ntitle: x\n---\ndate: 2021-08-19\n'), undefined);
    assert.equal(frontMatterDate('no front matter\ndate: 2021-08-19\n'), undefined);
  });
  test('strips quotes and comments, handles CRLF and a BOM', () => {
    assert.equal(frontMatterDate('\uFEFF---\r\ndate: "2021-08-19"  # published\r\n---\r\n'), '2021-08-19');
    assert.equal(frontMatterDate("---\ndate: '2021-08-19'\n---"), '2021-08-19');
  });
  test('an empty date is no date', () => {
    assert.equal(frontMatterDate('---\ndate:\n---'), undefined);
  });
});
