// Regenerates test/fixtures/render/kramdown-expected/ from real Jekyll: builds the fixture site
// test/fixtures/render/kramdown-site with `jekyll build` and keeps each post's HTML, which the unit
// tests compare our renderer with (so the tests themselves do not need Jekyll).
// Run: `node test/fidelity/refresh-expected.mjs` (needs Debian's jekyll 4.3).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const site = path.join(root, 'test', 'fixtures', 'render', 'kramdown-site');
const expected = path.join(root, 'test', 'fixtures', 'render', 'kramdown-expected');
const dest = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-expected-'));
const r = spawnSync('jekyll', ['build', '-s', site, '-d', dest, '--disable-disk-cache', '--quiet'], { encoding: 'utf8' });
if (r.error || r.status !== 0) {
  console.error(`jekyll build failed: ${r.error?.message ?? r.stderr}`);
  process.exit(1);
}
fs.mkdirSync(expected, { recursive: true });
const posts = fs.readdirSync(path.join(dest, '2024', '01'));
for (const slug of posts) {
  fs.copyFileSync(path.join(dest, '2024', '01', slug, 'index.html'), path.join(expected, `${slug}.html`));
}
fs.copyFileSync(path.join(dest, 'assets', 'css', 'site.css'), path.join(expected, 'site.css'));
fs.rmSync(dest, { recursive: true, force: true });
console.log(`wrote ${posts.length} posts and site.css to ${path.relative(root, expected)}`);
