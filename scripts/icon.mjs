// node scripts/icon.mjs: renders scripts/icon.svg to media/icon.png (256×256, transparent corners), the
// Marketplace and Open VSX icon (they take PNG only). Uses the Chromium the offline test host already
// has (CHROMIUM=/path to choose another); run it after changing the SVG and commit both files.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { root } from './lib/run.mjs';

const SIZE = 256;
const svg = fs.readFileSync(path.join(root, 'scripts/icon.svg'), 'utf8');
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'techblog-icon-'));
const page = path.join(dir, 'icon.html');
fs.writeFileSync(page, `<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`);
const out = path.join(root, 'media/icon.png');
const browser = process.env.CHROMIUM || ['chromium', 'chromium-browser', 'google-chrome'].find((b) => {
  try { execFileSync('which', [b], { stdio: 'ignore' }); return true; } catch { return false; }
});
if (!browser) throw new Error('No Chromium found: set CHROMIUM=/path/to/chromium.');
try {
  execFileSync(browser, [
    '--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', `--user-data-dir=${path.join(dir, 'profile')}`,
    '--default-background-color=00000000', `--window-size=${SIZE},${SIZE}`, `--screenshot=${out}`, `file://${page}`,
  ], { stdio: 'ignore' });
} finally {
  fs.rmSync(dir, { recursive: true, force: true });
}
const png = fs.readFileSync(out);
console.log(`[icon] media/icon.png: ${png.readUInt32BE(16)}×${png.readUInt32BE(20)}, ${png.length} bytes`);
