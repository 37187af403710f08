// Image options in `techblog.paste.*` and per rule (`techblog.paste.rules`): which apply to a document.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultImageOptions } from '../../../src/core/images/imageOptions';
import { defaultDestination, selectDestination, selectImageOptions } from '../../../src/core/paste/destination';
import { readPasteSettings } from '../../../src/core/paste/settings';

const ws = '/blog';

describe('image options per site and per folder', () => {
  test('nothing set: the defaults, which leave pasted images alone', () => {
    const { settings, problems } = readPasteSettings({});
    assert.deepEqual(problems, []);
    assert.deepEqual(settings.image, defaultImageOptions);
    assert.equal(settings.image.format, 'keep');
  });
  test('site-wide values, and a rule that overrides some of them for a folder', () => {
    const { settings, problems } = readPasteSettings({
      image: { format: 'webp', quality: 70 },
      rules: [
        { glob: '_posts/photos/**', format: 'jpeg', maxWidth: 1600 },
        { glob: '_posts/**', destination: '${siteRoot}/assets/${year}/' },
      ],
    });
    assert.deepEqual(problems, []);
    const photo = selectImageOptions(`${ws}/_posts/photos/2024-01-01-trip.md`, ws, settings.rules, settings.image);
    assert.deepEqual(photo, { ...defaultImageOptions, format: 'jpeg', quality: 70, maxWidth: 1600 });
    const other = selectImageOptions(`${ws}/_posts/2024-01-01-x.md`, ws, settings.rules, settings.image);
    assert.deepEqual(other, { ...defaultImageOptions, format: 'webp', quality: 70 });
    // A rule with only image options does not hide the next rule's destination.
    assert.equal(selectDestination(`${ws}/_posts/photos/2024-01-01-trip.md`, ws, settings.rules, defaultDestination), '${siteRoot}/assets/${year}/');
  });
  test('bad values in a rule are named with the rule and fall back to the site-wide ones', () => {
    const { settings, problems } = readPasteSettings({
      image: { format: 'avif' },
      rules: [{ glob: '**', format: 'bmp', quality: 101 }],
    });
    assert.equal(problems.length, 2);
    assert.match(problems[0], /techblog\.paste\.rules\[0\]\.format/);
    assert.match(problems[1], /techblog\.paste\.rules\[0\]\.quality/);
    assert.equal(settings.rules[0].image?.format, 'avif');
  });
  test('a rule with neither destination nor image options is still refused', () => {
    const { settings, problems } = readPasteSettings({ rules: [{ glob: '**' }] });
    assert.deepEqual(settings.rules, []);
    assert.match(problems[0], /needs a "glob" and a "destination"/);
  });
  test('stripMetadata also takes true and false', () => {
    assert.equal(readPasteSettings({ image: { stripMetadata: true } }).settings.image.stripMetadata, 'always');
    assert.equal(readPasteSettings({ image: { stripMetadata: false } }).settings.image.stripMetadata, 'never');
  });
});
