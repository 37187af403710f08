// Paste destination defaults follow the site profile (issue 6): Hugo's static/, Hexo's source/.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ImagePaster, type PastePlan } from '../../../src/core/paste/imagePaster';
import { defaultPasteSettings, pasteDefaultsFor, readPasteSettings } from '../../../src/core/paste/settings';
import { MemoryFs, bytesOf } from './memoryFs';

const ws = '/home/me/sites';
const when = new Date(2024, 1, 3, 4, 5, 6, 7);
const stamp = '20240203040506007';

function ok(plan: PastePlan): Extract<PastePlan, { ok: true }> {
  assert.ok(plan.ok, plan.ok ? '' : plan.error);
  return plan;
}

describe('paste defaults per generator', () => {
  test('Jekyll keeps TechBlog\'s own defaults exactly', () => {
    assert.equal(pasteDefaultsFor({ generator: 'jekyll', imagesDir: 'images' }), defaultPasteSettings);
    assert.equal(pasteDefaultsFor(undefined), defaultPasteSettings);
  });

  test('Hugo: static/images/<year>/ and a /images/<year>/ link from the site root', async () => {
    const site = `${ws}/hugo`;
    const { settings, problems } = readPasteSettings({}, pasteDefaultsFor({ generator: 'hugo', imagesDir: 'static/images' }));
    assert.deepEqual(problems, []);
    const plan = ok(await new ImagePaster(new MemoryFs()).plan({
      documentPath: `${site}/content/posts/hello.md`, workspaceFolder: ws, siteRoot: site, publishRoot: `${site}/static`,
      bytes: bytesOf(1, 100), mime: 'image/png', now: when,
    }, settings));
    assert.equal(plan.imagePath, `${site}/static/images/2024/image-${stamp}.png`);
    assert.equal(plan.linkStyle, 'root');
    assert.equal(plan.markdown, `![image-${stamp}](/images/2024/image-${stamp}.png)`);
    assert.equal(plan.links.relative, `![image-${stamp}](../../static/images/2024/image-${stamp}.png)`);
    assert.deepEqual(plan.warnings, []);
  });

  test('Hexo: source/images/<year>/ and a /images/ link', async () => {
    const site = `${ws}/hexo`;
    const { settings } = readPasteSettings({}, pasteDefaultsFor({ generator: 'hexo', imagesDir: 'source/images' }));
    const plan = ok(await new ImagePaster(new MemoryFs()).plan({
      documentPath: `${site}/source/_posts/hello.md`, workspaceFolder: ws, siteRoot: site, publishRoot: `${site}/source`,
      bytes: bytesOf(2, 100), mime: 'image/png', now: when,
    }, settings));
    assert.equal(plan.imagePath, `${site}/source/images/2024/image-${stamp}.png`);
    assert.equal(plan.markdown, `![image-${stamp}](/images/2024/image-${stamp}.png)`);
  });

  test('what the user set explicitly wins over the generator\'s defaults', () => {
    const hugo = pasteDefaultsFor({ generator: 'hugo', imagesDir: 'static/images' });
    const { settings } = readPasteSettings({ destination: '${postDir}/', linkStyle: 'relative' }, hugo);
    assert.equal(settings.destination, '${postDir}/');
    assert.equal(settings.linkStyle, 'relative');
    assert.equal(settings.imagesFolder, 'static/images', 'what is not set keeps the generator default');
    const bad = readPasteSettings({ imagesFolder: '../x' }, hugo);
    assert.equal(bad.settings.imagesFolder, 'static/images');
    assert.match(bad.problems[0], /using "static\/images"/);
  });
});
