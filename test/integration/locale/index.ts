// extensionTestsPath for the zh-TW run: the same extension and sample blog, VS Code started with
// `--locale zh-tw` (scripts/test.mjs), to see what a Traditional Chinese user sees.
import * as path from 'node:path';
import { runSuites } from '../mochaRunner';

export function run(): Promise<void> {
  return runSuites(path.join(__dirname), 'integration');
}
