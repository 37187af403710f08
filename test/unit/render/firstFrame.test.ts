// A preview's first frame does not wait for Sass (RenderRequest.waitForCss: false, issue 13): the post
// body through its layouts at once, with the theme CSS when it is at hand (compiled already, or in the
// compiled-CSS cache after a restart), else without it and `cssPending`; the next render brings the CSS.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { SiteRenderer } from '../../../src/core/render/renderer';
import { MemorySassCache } from '../../../src/core/render/theme/cache';
import { MemoryFileSystem } from '../../../src/core/site/fileSystem';

const POST = '_posts/2024-01-05-first.md';
const TEXT = '---\nlayout: default\ntitle: First\n---\n\nThe body, $$e^{i\\pi}$$ included.\n';

function site(stylesheet: Record<string, string>, cache?: MemorySassCache): Promise<SiteRenderer> {
  return SiteRenderer.open({
    root: '', sassCache: cache,
    fs: new MemoryFileSystem({
      '_config.yml': 'title: Sass site\n',
      '_layouts/default.html': '<!DOCTYPE html>\n<html><head><link rel="stylesheet" href="/assets/main.css"></head><body><h1 class="post-title">{{ page.title }}</h1>{{ content }}</body></html>',
      '_sass/_base.scss': '$accent: #c0ffee;\n.theme-rule { color: $accent; }\n',
      [POST]: TEXT,
      ...stylesheet,
    }),
  });
}
const SCSS = { 'assets/main.scss': '---\n---\n@import "base";\n' };

describe('first frame without waiting for Sass', () => {
  test('no compiled CSS at hand: the page with the body and no theme CSS, pending; the next render brings the CSS', { timeout: 120_000 }, async () => {
    const renderer = await site(SCSS, new MemorySassCache());
    const first = await renderer.render({ path: POST, text: TEXT, waitForCss: false });
    assert.equal(first.cssPending, true);
    assert.deepEqual(first.css, []);
    assert.match(first.html, /<h1 class="post-title">First<\/h1>/);
    assert.match(first.bodyHtml, /The body/);
    assert.match(first.bodyHtml, /class="katex/);
    const next = await renderer.render({ path: POST, text: TEXT });
    assert.equal(next.cssPending, undefined);
    assert.equal(next.theme, 'site');
    assert.match(next.css.join('\n'), /\.theme-rule\s*\{\s*color:\s*#c0ffee/);
    assert.equal(next.bodyHtml, first.bodyHtml);
    // Compiled now: another first frame (a second preview) has it at once.
    const again = await renderer.render({ path: POST, text: TEXT, waitForCss: false });
    assert.equal(again.cssPending, undefined);
    assert.deepEqual(again.css, next.css);
  });

  test('after a restart the compiled-CSS cache has it: the first frame wears the theme', { timeout: 120_000 }, async () => {
    const cache = new MemorySassCache();
    const before = await (await site(SCSS, cache)).render({ path: POST, text: TEXT });
    const restarted = await site(SCSS, cache);
    const first = await restarted.render({ path: POST, text: TEXT, waitForCss: false });
    assert.equal(first.cssPending, undefined);
    assert.deepEqual(first.css, before.css);
  });

  test('a changed partial is not taken from the cache: the first frame goes without, the next render has the new rule', { timeout: 120_000 }, async () => {
    const cache = new MemorySassCache();
    await (await site(SCSS, cache)).render({ path: POST, text: TEXT });
    const changed = await site({ ...SCSS, '_sass/_base.scss': '.theme-rule { color: #bada55; }\n' }, cache);
    const first = await changed.render({ path: POST, text: TEXT, waitForCss: false });
    assert.equal(first.cssPending, true);
    assert.match((await changed.render({ path: POST, text: TEXT })).css.join('\n'), /#bada55/);
  });

  test('plain CSS needs no compile: the first frame has it', { timeout: 120_000 }, async () => {
    const renderer = await site({ 'assets/main.css': '.plain-rule { color: red; }\n' });
    const first = await renderer.render({ path: POST, text: TEXT, waitForCss: false });
    assert.equal(first.cssPending, undefined);
    assert.match(first.css.join('\n'), /\.plain-rule/);
  });
});
