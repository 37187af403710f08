// Shared by the render tests: fixture paths (working from out/), sites on disk and in memory.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { NodeFileSystem } from '../../../src/cli/nodeFileSystem';
import { SiteRenderer } from '../../../src/core/render/renderer';
import type { RenderRequest, RenderResult } from '../../../src/core/render/types';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';
import { repoRoot } from '../repoRoot';

export const sampleBlog = path.join(repoRoot, 'examples', 'sample-blog');
export const kramdownSite = path.join(repoRoot, 'test', 'fixtures', 'render', 'kramdown-site');

export function renderFixture(...parts: string[]): string {
  return path.join(repoRoot, 'test', 'fixtures', 'render', ...parts);
}

/** Jekyll's own output for a post of the kramdown fixture site (from test/fidelity/refresh-expected.mjs). */
export function expectedHtml(slug: string): string {
  return fs.readFileSync(renderFixture('kramdown-expected', `${slug}.html`), 'utf8');
}

const opened = new Map<string, Promise<SiteRenderer>>();

/** A renderer over a site folder on disk (one per folder for the whole test run). */
export function diskSite(dir: string, fallbackCss?: string): Promise<SiteRenderer> {
  const key = dir + '\0' + (fallbackCss ?? '');
  let r = opened.get(key);
  if (!r) opened.set(key, (r = SiteRenderer.open({ fs: new NodeFileSystem(dir), root: '', fallbackCss })));
  return r;
}

export async function renderFile(dir: string, rel: string, req: Partial<RenderRequest> = {}): Promise<RenderResult> {
  const site = await diskSite(dir);
  return site.render({ path: rel, text: fs.readFileSync(path.join(dir, rel), 'utf8'), resolveResource: (p) => `${site.baseurl}/${p}`, ...req });
}

/** A site from a map of site-relative paths to texts; `_config.yml` and a `post` → `default` chain are added when absent. */
export async function memorySite(files: Record<string, string>, opts: { fallbackCss?: string; noLayouts?: boolean } = {}): Promise<SiteRenderer> {
  const all: Record<string, string> = { '_config.yml': 'title: Memory site\n', ...files };
  if (!opts.noLayouts) {
    all['_layouts/default.html'] ??= '<!DOCTYPE html>\n<html><head><title>{{ page.title }}</title></head><body><header class="site-header">{{ site.title }}</header>{{ content }}</body></html>';
    all['_layouts/post.html'] ??= '---\nlayout: default\n---\n<article class="post"><h1 class="post-title">{{ page.title }}</h1>{{ content }}</article>';
  }
  return SiteRenderer.open({ fs: new MemoryFileSystem(all), root: '', fallbackCss: opts.fallbackCss });
}

/** Body HTML without the scroll-sync attributes, for comparing with Jekyll. */
export function withoutDataLines(html: string): string {
  return html.replace(/ data-line="\d+"/g, '');
}
