import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path/posix';
import { ImagePaster, type PastePlan, type PasteRequest } from '../../../src/core/paste/imagePaster';
import { decodeLinkTarget } from '../../../src/core/paste/link';
import { defaultPasteSettings, readPasteSettings, type PasteSettings } from '../../../src/core/paste/settings';
import { MemoryFs, bytesOf } from './memoryFs';

const ws = '/home/me/blog';
const post = `${ws}/_posts/2021-08-19-ebpf-summit-day1.md`;
const seedTime = () => new Date(2021, 7, 19, 15, 5, 23, 189);
const png = bytesOf(42, 2048);

function request(overrides: Partial<PasteRequest> = {}): PasteRequest {
  return { documentPath: post, workspaceFolder: ws, siteRoot: ws, bytes: png, mime: 'image/png', now: seedTime(), ...overrides };
}

function ok(plan: PastePlan): Extract<PastePlan, { ok: true }> {
  assert.ok(plan.ok, plan.ok ? '' : plan.error);
  return plan;
}

/** What the host does with a plan: create the file (never overwriting) and insert the link. */
function apply(fs: MemoryFs, plan: Extract<PastePlan, { ok: true }>, bytes: Uint8Array): void {
  if (plan.write) {
    fs.write(plan.imagePath, bytes, false);
  }
}

function settings(overrides: Partial<PasteSettings>): PasteSettings {
  return { ...defaultPasteSettings, ...overrides };
}

describe('ImagePaster.plan', () => {
  test('the seed paste: Typora\'s path and exactly Typora\'s link', async () => {
    const paster = new ImagePaster(new MemoryFs());
    const plan = ok(await paster.plan(request()));
    assert.equal(plan.imagePath, `${ws}/images/2021/image-20210819150523189.png`);
    assert.equal(plan.markdown, '![image-20210819150523189](../images/2021/image-20210819150523189.png)');
    assert.equal(plan.write, true);
    assert.equal(plan.linkStyle, 'relative');
    assert.deepEqual(plan.links, {
      relative: '![image-20210819150523189](../images/2021/image-20210819150523189.png)',
      root: '![image-20210819150523189](/images/2021/image-20210819150523189.png)',
      baseurl: '![image-20210819150523189]({{ site.baseurl }}/images/2021/image-20210819150523189.png)',
    });
    assert.match(plan.hash ?? '', /^[0-9a-f]{64}$/);
    assert.deepEqual(plan.warnings, []);
  });

  test('linkStyle setting and selected text', async () => {
    const plan = ok(await new ImagePaster(new MemoryFs()).plan(request({ selectedText: 'keynote [1]' }), settings({ linkStyle: 'baseurl' })));
    assert.equal(plan.markdown, '![keynote \\[1\\]]({{ site.baseurl }}/images/2021/image-20210819150523189.png)');
  });

  test('two pastes in the same millisecond: the second bumps the timestamp', async () => {
    const fs = new MemoryFs();
    const paster = new ImagePaster(fs);
    const first = ok(await paster.plan(request({ bytes: bytesOf(1) })));
    const second = ok(await paster.plan(request({ bytes: bytesOf(2) }))); // not written yet: reservation
    assert.equal(path.basename(first.imagePath), 'image-20210819150523189.png');
    assert.equal(path.basename(second.imagePath), 'image-20210819150523190.png');
    assert.equal(second.markdown, '![image-20210819150523190](../images/2021/image-20210819150523190.png)');
  });

  test('an existing file with the name (e.g. from Typora) is never overwritten', async () => {
    const fs = new MemoryFs({ [`${ws}/images/2021/image-20210819150523189.png`]: bytesOf(9) });
    const plan = ok(await new ImagePaster(fs).plan(request()));
    assert.equal(path.basename(plan.imagePath), 'image-20210819150523190.png');
  });

  test('concurrent same-ms pastes into a pattern without a timestamp get -1, -2', async () => {
    const paster = new ImagePaster(new MemoryFs());
    const s = settings({ destination: '${siteRoot}/images/${fileName}.${ext}' });
    const plans = await Promise.all([1, 2, 3].map((i) => paster.plan(request({ bytes: bytesOf(i), fileName: 'shot.png', mime: '' }), s)));
    assert.deepEqual(plans.map((p) => path.basename(ok(p).imagePath)).sort(), ['shot-1.png', 'shot-2.png', 'shot.png']);
  });

  test('identical bytes reuse the existing image; dedupe off writes a new one', async () => {
    const fs = new MemoryFs({ [`${ws}/images/2020/old.png`]: png });
    const paster = new ImagePaster(fs);
    const reused = ok(await paster.plan(request()));
    assert.equal(reused.write, false);
    assert.equal(reused.reused, 'identical-bytes');
    assert.equal(reused.markdown, '![old](../images/2020/old.png)');
    const fresh = ok(await paster.plan(request(), settings({ dedupe: false })));
    assert.equal(fresh.write, true);
    assert.equal(fresh.hash, undefined); // no hashing when nothing needs it
  });

  test('a pasted image is reused by the next identical paste once it is written', async () => {
    const fs = new MemoryFs();
    const paster = new ImagePaster(fs);
    const first = ok(await paster.plan(request()));
    apply(fs, first, png);
    const again = ok(await paster.plan(request({ now: new Date(2021, 7, 19, 16, 0, 0, 0) })));
    assert.equal(again.imagePath, first.imagePath);
    assert.equal(again.write, false);
  });

  test('a paste the user did not pick (never written) is not reused', async () => {
    const fs = new MemoryFs();
    const paster = new ImagePaster(fs);
    const first = ok(await paster.plan(request()));
    const again = ok(await paster.plan(request()));
    assert.notEqual(again.imagePath, first.imagePath);
    assert.equal(again.write, true);
  });

  test('a dropped file already in the images folder is linked, not copied', async () => {
    const src = `${ws}/images/2019/截圖 1.png`;
    const plan = ok(await new ImagePaster(new MemoryFs({ [src]: png })).plan(request({ sourcePath: src, fileName: '截圖 1.png', mime: '' })));
    assert.equal(plan.write, false);
    assert.equal(plan.reused, 'already-in-images-folder');
    assert.equal(plan.markdown, '![截圖 1](../images/2019/截圖%201.png)');
  });

  test('dropped files: fileName and its extension', async () => {
    const s = settings({ destination: '${siteRoot}/images/${postSlug}/${fileName}.${ext}' });
    const plan = ok(await new ImagePaster(new MemoryFs()).plan(request({ fileName: 'Screen Shot 2021.JPEG', mime: 'image/jpeg' }), s));
    assert.equal(plan.imagePath, `${ws}/images/ebpf-summit-day1/Screen Shot 2021.jpeg`);
    assert.equal(plan.markdown, '![Screen Shot 2021](../images/ebpf-summit-day1/Screen%20Shot%202021.jpeg)');
  });

  test('${hash} names, and postYear from the front matter text', async () => {
    const s = settings({ destination: '${siteRoot}/images/${postYear}/${hash}.${ext}', dedupe: false });
    const plan = ok(await new ImagePaster(new MemoryFs()).plan(request({ documentPath: `${ws}/_posts/undated.md`, documentText: '---\ndate: 2019-03-04\n---\n' }), s));
    assert.match(plan.imagePath, /\/images\/2019\/[0-9a-f]{8}\.png$/);
    assert.equal(path.basename(plan.imagePath, '.png'), plan.hash?.slice(0, 8));
  });

  test('per-glob rules: drafts go elsewhere', async () => {
    const s = readPasteSettings({ rules: [{ glob: '**/_drafts/**', destination: '${siteRoot}/images/drafts/image-${timestamp}.${ext}' }] }).settings;
    const paster = new ImagePaster(new MemoryFs());
    const draft = ok(await paster.plan(request({ documentPath: `${ws}/_drafts/idea.md` }), s));
    assert.equal(draft.imagePath, `${ws}/images/drafts/image-20210819150523189.png`);
    assert.equal(draft.markdown, '![image-20210819150523189](../images/drafts/image-20210819150523189.png)');
    const normal = ok(await paster.plan(request({ now: new Date(2022, 0, 1) }), s));
    assert.equal(normal.imagePath, `${ws}/images/2022/image-20220101000000000.png`);
  });

  test('a destination Jekyll will not publish comes with a warning', async () => {
    const s = settings({ destination: '${postDir}/${postSlug}/' });
    const plan = ok(await new ImagePaster(new MemoryFs()).plan(request(), s));
    assert.equal(plan.imagePath, `${ws}/_posts/ebpf-summit-day1/image-20210819150523189.png`);
    assert.match(plan.warnings.join(), /_posts\/ebpf-summit-day1\/image-20210819150523189\.png is in a folder whose name starts with "_"/);
  });

  test('an image outside the site (site in a subfolder) falls back to a relative link', async () => {
    const s = settings({ destination: '${workspaceFolder}/shared/${timestamp}.${ext}', linkStyle: 'root' });
    const plan = ok(await new ImagePaster(new MemoryFs()).plan(request({ siteRoot: `${ws}/site`, documentPath: `${ws}/site/_posts/2021-08-19-x.md` }), s));
    assert.equal(plan.linkStyle, 'relative');
    assert.equal(plan.links.root, undefined);
    assert.equal(plan.markdown, '![20210819150523189](../../shared/20210819150523189.png)');
    assert.match(plan.warnings.join(), /outside the site/);
  });

  test('refusals: not an image, document outside the workspace, escaping or unknown destination', async () => {
    const paster = new ImagePaster(new MemoryFs());
    const notImage = await paster.plan(request({ mime: 'text/plain' }));
    assert.ok(!notImage.ok && notImage.code === 'not-an-image');
    const outside = await paster.plan(request({ documentPath: '/tmp/x.md' }));
    assert.ok(!outside.ok && outside.code === 'outside-workspace');
    const escaping = await paster.plan(request(), settings({ destination: '${siteRoot}/../../elsewhere/${timestamp}.${ext}' }));
    assert.ok(!escaping.ok && escaping.code === 'destination');
    assert.match(escaping.error, /"\$\{siteRoot\}\/\.\.\/\.\.\/elsewhere\/\$\{timestamp\}\.\$\{ext\}" resolves to \/home\/elsewhere\/20210819150523189\.png, outside the workspace/);
    const unknown = await paster.plan(request(), settings({ destination: '${siteRoot}/${nope}.png' }));
    assert.ok(!unknown.ok);
    assert.match(unknown.error, /Unknown variable \$\{nope\}/);
  });

  test('a broken destination is reported even when the bytes would be reused', async () => {
    const fs = new MemoryFs({ [`${ws}/images/old.png`]: png });
    const plan = await new ImagePaster(fs).plan(request(), settings({ destination: '${siteRoot}/${nope}.png' }));
    assert.ok(!plan.ok);
  });

  test('file events reach the dedupe index', async () => {
    const fs = new MemoryFs({ [`${ws}/images/old.png`]: png });
    const paster = new ImagePaster(fs);
    assert.equal(ok(await paster.plan(request())).write, false);
    fs.delete(`${ws}/images/old.png`);
    paster.fileChanged(`${ws}/images/old.png`);
    assert.equal(ok(await paster.plan(request())).write, true);
  });
});

describe('burst: 1,000 pastes through the core', () => {
  test('1,000 concurrent pastes in the same millisecond: 1,000 distinct names, none overwritten', async () => {
    const fs = new MemoryFs({ [`${ws}/images/2021/image-20210819150523500.png`]: bytesOf(-1) }); // a name in the way
    const paster = new ImagePaster(fs);
    const payloads = Array.from({ length: 1000 }, (_, i) => bytesOf(i + 1, 256 + (i % 7)));
    const plans = await Promise.all(payloads.map((bytes) => paster.plan(request({ bytes }))));
    plans.forEach((p, i) => apply(fs, ok(p), payloads[i])); // throws on any overwrite
    const names = plans.map((p) => ok(p).imagePath);
    assert.equal(new Set(names).size, 1000);
    assert.ok(!names.includes(`${ws}/images/2021/image-20210819150523500.png`));
    for (const name of names) {
      assert.match(path.basename(name), /^image-\d{17}\.png$/); // Typora's form, no suffixes
    }
    const sorted = [...names].sort();
    assert.equal(sorted[0], `${ws}/images/2021/image-20210819150523189.png`);
  });

  test('1,000 sequential pastes with repeats: distinct bytes get distinct files, repeats reuse, every link resolves', async () => {
    const fs = new MemoryFs();
    const paster = new ImagePaster(fs);
    const base = seedTime().getTime();
    const written = new Map<string, Uint8Array>();
    let reuses = 0;
    for (let i = 0; i < 1000; i++) {
      const id = i % 4 === 3 ? i - 3 : i; // every 4th paste repeats an earlier image
      const bytes = bytesOf(id + 1, 512);
      // Time advances one ms every 10 pastes: most pastes share their millisecond.
      const plan = ok(await paster.plan(request({ bytes, now: new Date(base + Math.floor(i / 10)) })));
      apply(fs, plan, bytes);
      if (plan.write) {
        assert.ok(!written.has(plan.imagePath));
        written.set(plan.imagePath, bytes);
      } else {
        reuses++;
      }
      const target = path.resolve(path.dirname(post), decodeLinkTarget(/\]\(([^)]*)\)$/.exec(plan.markdown)![1]));
      assert.equal(target, plan.imagePath);
      assert.deepEqual(fs.files.get(target)?.bytes, bytes, `paste ${i} links to other bytes`);
    }
    assert.equal(reuses, 250);
    assert.equal(written.size, 750);
    assert.equal(fs.files.size, 750);
    assert.equal(fs.calls.listFiles, 1); // the images folder was listed once for all 1,000
  });
});

describe('readPasteSettings', () => {
  test('defaults', () => {
    assert.deepEqual(readPasteSettings({}), { settings: defaultPasteSettings, problems: [] });
  });
  test('valid values pass through', () => {
    const { settings: s, problems } = readPasteSettings({
      destination: ' ${siteRoot}/assets/${year}/ ', rules: [{ glob: '**/_drafts/**', destination: '/x/' }],
      linkStyle: 'root', dedupe: false, imagesFolder: '/assets/',
    });
    assert.deepEqual(problems, []);
    assert.deepEqual(s, { destination: '${siteRoot}/assets/${year}/', rules: [{ glob: '**/_drafts/**', destination: '/x/' }], linkStyle: 'root', dedupe: false, imagesFolder: 'assets', image: defaultPasteSettings.image });
  });
  test('invalid values fall back and are reported', () => {
    const { settings: s, problems } = readPasteSettings({
      destination: 42, rules: [{ glob: '' }, null, { glob: 'a', destination: 'b' }], linkStyle: 'weird', dedupe: 'yes', imagesFolder: '../x',
    });
    assert.equal(s.destination, defaultPasteSettings.destination);
    assert.deepEqual(s.rules, [{ glob: 'a', destination: 'b' }]);
    assert.equal(s.linkStyle, 'relative');
    assert.equal(s.dedupe, true);
    assert.equal(s.imagesFolder, 'images');
    assert.equal(problems.length, 6);
    assert.match(problems.join('\n'), /techblog\.paste\.rules\[0\]/);
  });
});
