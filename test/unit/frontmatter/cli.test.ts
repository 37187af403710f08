import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../../src/cli/main';
import { fixture } from './helpers';

async function run(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(args, { out: (s) => out.push(s), err: (s) => err.push(s), cwd });
  return { code, out, err, stdout: out.join('\n') };
}

const SEED = '_posts/2021-08-19-ebpf-summit-day1.md';

describe('techblog check', () => {
  test('default: the sites under the current folder; text output; exit 0 with only warnings', async () => {
    const r = await run(['check'], fixture('seed-site'));
    assert.equal(r.code, 0);
    assert.deepEqual(r.out, [
      `${SEED}:4:14: warning \`description\` is empty. [empty-value]`,
      `${SEED}:7:16: warning The tag " observability" has a leading space; Jekyll makes it a separate tag from "observability". [tag-whitespace]`,
      ...['10:3: info The alt text "image-20210819150523189"', '30:3: info The alt text "image-20210819152102715"', '32:3: info The alt text "image-20210819152107812"']
        .map((at) => `${SEED}:${at} is the image's file name; describe the image for readers who cannot see it (screen readers, search engines, a failed load). [image-alt-default]`),
      '5 problems (0 errors, 2 warnings, 3 info) in 1 file.',
    ]);
  });

  test('--format json: the documented object, paths relative to cwd', async () => {
    const r = await run(['check', 'seed-site', '--format', 'json'], fixture());
    assert.equal(r.code, 0);
    const json = JSON.parse(r.stdout);
    assert.deepEqual(Object.keys(json), ['files', 'problems']);
    assert.equal(json.files, 1);
    assert.deepEqual(json.problems[0], {
      file: `seed-site/${SEED}`, line: 4, column: 14, endLine: 4, endColumn: 16, severity: 'warning', rule: 'empty-value', message: '`description` is empty.', fixable: true,
    });
    assert.deepEqual(json.problems.map((p: { rule: string }) => p.rule), ['empty-value', 'tag-whitespace', 'image-alt-default', 'image-alt-default', 'image-alt-default']);
    // The seed's Typora alt texts, at the alt text, and not fixable without the author's words.
    assert.deepEqual(json.problems[2], {
      file: `seed-site/${SEED}`, line: 10, column: 3, endLine: 10, endColumn: 26, severity: 'info', rule: 'image-alt-default',
      message: 'The alt text "image-20210819150523189" is the image\'s file name; describe the image for readers who cannot see it (screen readers, search engines, a failed load).', fixable: false,
    });
  });

  test('--format github: workflow annotations', async () => {
    const r = await run(['check', '--format=github'], fixture('seed-site'));
    assert.equal(r.out[1], `::warning file=${SEED},line=7,col=16,endLine=7,endColumn=32,title=techblog(tag-whitespace)::The tag " observability" has a leading space; Jekyll makes it a separate tag from "observability".`);
  });

  test('errors give exit 1; a single file and a folder inside a site can be checked', async () => {
    const blog = fixture('blog');
    const r = await run(['check', '--format', 'json'], blog);
    assert.equal(r.code, 1);
    const json = JSON.parse(r.stdout);
    assert.equal(json.files, 4); // two posts, about.md and README.md
    assert.deepEqual(json.problems.map((p: { rule: string; line: number }) => `${p.rule}:${p.line}`), ['duplicate-key:2', 'unknown-key:5', 'type-mismatch:6', 'duplicate-tag:9']);
    const one = await run(['check', '_posts/2021-03-01-fine.md'], blog);
    assert.equal(one.code, 0);
    assert.deepEqual(one.out, ['No problems in 1 file.']);
    const dir = await run(['check', '_posts', '--format', 'json'], blog);
    assert.equal(JSON.parse(dir.stdout).files, 2);
  });

  test('bad usage gives exit 2', async () => {
    assert.equal((await run(['check', '--frmat', 'json'], fixture('blog'))).code, 2);
    assert.equal((await run(['check', '--format', 'xml'], fixture('blog'))).code, 2);
    const missing = await run(['check', 'no-such-post.md'], fixture('blog'));
    assert.equal(missing.code, 2);
    assert.match(missing.err.join('\n'), /no such file/);
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-empty-'));
    try {
      assert.equal((await run(['check'], empty)).code, 2);
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
    assert.equal((await run(['check', '--help'], fixture('blog'))).code, 0);
  });

  test('--fix applies the safe fixes in place and reports them', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-fix-'));
    try {
      fs.cpSync(fixture('blog'), tmp, { recursive: true });
      const r = await run(['check', '--fix'], tmp);
      assert.equal(r.code, 0, r.stdout);
      assert.equal(r.out[0], 'fixed _posts/2021-03-02-broken.md: 4 problems (duplicate-key, unknown-key, type-mismatch, duplicate-tag)');
      assert.equal(fs.readFileSync(path.join(tmp, '_posts/2021-03-02-broken.md'), 'utf8'), `---
title: Broken on purpose
layout: post
description: A typo in the key
published: false   # quoted, so Jekyll reads it as true
tags:
  - ebpf
---

Body text.
`);
      const again = await run(['check', '--format', 'json'], tmp);
      assert.deepEqual(JSON.parse(again.stdout).problems, []);
    } finally {
      fs.rmSync(tmp, { recursive: true, force: true });
    }
  });
});
