// Shared by the front-matter tests: fixture paths that work from out/, in-memory sites.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { loadSite, type SiteIndex } from '../../../src/core/site/siteIndex';
import { applyEdits } from '../../../src/core/text/textEdit';
import type { Problem, RuleId } from '../../../src/core/frontmatter/types';

/** The repo root: the folder holding package.json and test/fixtures, found by walking up (tests run from out/test/...). */
export function repoRoot(): string {
  let d = __dirname;
  while (!fs.existsSync(path.join(d, 'package.json')) || !fs.existsSync(path.join(d, 'test', 'fixtures'))) {
    const up = path.dirname(d);
    if (up === d) throw new Error('package.json not found above ' + __dirname);
    d = up;
  }
  return d;
}

export function fixture(...parts: string[]): string {
  return path.join(repoRoot(), 'test', 'fixtures', 'frontmatter', ...parts);
}

export function readFixture(...parts: string[]): string {
  return fs.readFileSync(fixture(...parts), 'utf8');
}

/** A site from a map of site-relative paths to texts (a `_config.yml` and `_layouts/` are added when absent). */
export async function memorySite(files: Record<string, string>, opts: { noLayouts?: boolean } = {}): Promise<SiteIndex> {
  const all: Record<string, string> = { '_config.yml': 'title: t\n', ...files };
  if (!opts.noLayouts && !Object.keys(all).some((k) => k.startsWith('_layouts/'))) {
    all['_layouts/post.html'] = '{{ content }}';
    all['_layouts/default.html'] = '{{ content }}';
    all['_layouts/page.html'] = '{{ content }}';
  }
  const { index } = await loadSite(new MemoryFileSystem(all), '');
  return index;
}

export const rules = (ps: Problem[]): RuleId[] => ps.map((p) => p.rule);

/** Applies the first fix of the only problem of `rule`. */
export function applyFirstFix(text: string, ps: Problem[], rule: RuleId, fixIndex = 0): string {
  const p = ps.filter((x) => x.rule === rule);
  if (p.length !== 1) throw new Error(`expected one ${rule}, got ${p.length}: ${JSON.stringify(ps.map((x) => x.rule))}`);
  const fix = p[0].fixes[fixIndex];
  if (!fix) throw new Error(`${rule} has no fix #${fixIndex}`);
  return applyEdits(text, fix.edits);
}

/** A post with the seed's front-matter shape and a body of our own. */
export const SEED_POST = `---
layout: post
title: "[TIL] eBPF Summit Day1 Quick Notes"
description: ""
category: 
- TodayILearn
tags: ["ebpf", " observability", "CloudNative"]
---

![shot](../images/2021/shot-1.png)

# Summary

eBPF lets you observe a running kernel without changing it. These are my notes from day one.

# More

Other talks can wait.
`;
