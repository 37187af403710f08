// `npm run bench` part: keystroke → preview patched, measured in the real webview (code-server +
// Chromium, the offline test host). Builds the bundles, then runs test/e2e/preview.e2e.mjs in its
// `--bench` mode, which types 60 keys one at a time into a ~6 KB and a ~53 KB seed-shaped post and
// prints "[bench]" lines: from the workbench's keydown to the webview's DOM patched (median, p90, max),
// and the webview's own share of it. Target: < 16 ms for posts up to 50 KB.
// `npm run bench -- preview` runs only this one (about 1 min; installs the offline host on first use).
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '..', '..', '..');
const step = (args: string[]): number => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

const built = step(['scripts/build.mjs']);
if (built !== 0) process.exitCode = built;
else process.exitCode = step(['test/e2e/preview.e2e.mjs', '--bench']);
